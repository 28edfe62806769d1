//! `extends`: finding a spec's chain of parents inside the catalogue, and merging it.
//!
//! Merge rule (documented in the README): mappings merge key by key and the child wins; lists
//! and scalars are replaced whole. Some keys identify a file rather than describe a product and
//! are never inherited: [`NOT_INHERITED`].

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Label, codes, quote};
use crate::files::Files;
use crate::schema::Locate;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{Document, NodeSpan};
use crate::text;

/// Keys that belong to one file: a product does not inherit its parent's code or approvals.
pub(crate) const NOT_INHERITED: &[&str] = &[
    "loanspec",
    "kind",
    "code",
    "version",
    "name",
    "extends",
    "stage",
    "approvals",
    "changelog",
];

/// The longest `extends` chain followed.
pub(crate) const MAX_CHAIN: usize = 32;

/// Where every value of a merged product was written: the nearest file of the chain (product
/// first) whose own document holds the value. Computed on demand, so a product without findings
/// never builds a pointer index.
#[derive(Clone, Debug)]
pub(crate) struct Origins<'a> {
    /// The chain, farthest ancestor first, product last.
    chain: Vec<(FileId, &'a Document)>,
}

impl Locate for Origins<'_> {
    fn locate(&self, pointer: &str) -> Option<(FileId, NodeSpan)> {
        let top = pointer.split('/').nth(1).unwrap_or("");
        let own_only = pointer.is_empty() || NOT_INHERITED.contains(&top);
        for (file, doc) in self.chain.iter().rev() {
            if doc.value.pointer(pointer).is_some() {
                return doc.node(pointer).map(|n| (*file, n));
            }
            if own_only {
                return None;
            }
        }
        None
    }
}

/// A product with its chain merged (borrowed as is when there is no chain).
#[derive(Clone, Debug)]
pub(crate) struct Merged<'a> {
    pub value: std::borrow::Cow<'a, Value>,
    pub origins: Origins<'a>,
}

/// The spec files of a catalogue by id, as the resolver sees them: those the catalogue holds
/// parsed, and at most one more that its caller parsed alone (a product read only to be judged,
/// its tree dropped after).
#[derive(Clone, Copy)]
pub(crate) struct Nodes<'m, 'a> {
    held: &'m BTreeMap<FileId, Node<'a>>,
    own: Option<(FileId, Node<'a>)>,
}

impl<'m, 'a> Nodes<'m, 'a> {
    pub(crate) fn new(held: &'m BTreeMap<FileId, Node<'a>>) -> Self {
        Nodes { held, own: None }
    }

    /// These nodes and `node`, the spec `id`.
    pub(crate) fn with(self, id: FileId, node: Node<'a>) -> Self {
        Nodes {
            held: self.held,
            own: Some((id, node)),
        }
    }

    pub(crate) fn get(&self, id: FileId) -> Option<Node<'a>> {
        match self.own {
            Some((own, node)) if own == id => Some(node),
            _ => self.held.get(&id).copied(),
        }
    }
}

/// One spec file as the resolver sees it.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub doc: &'a Document,
    /// No error-level problem of its own.
    pub ok: bool,
}

/// Finds the file `extends` names. Paths are relative to the file that writes them and must
/// stay inside the catalogue (after following symlinks). A path that leaves the catalogue is
/// `Outside` whether or not anything is there: the answer never tells what exists outside.
pub(crate) fn target_path(from: &Path, written: &str, root: &Path, files: &dyn Files) -> Result<PathBuf, TargetError> {
    let written_path = Path::new(written);
    if written_path.is_absolute()
        || written_path
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err(TargetError::Absolute);
    }
    let dir = from.parent().unwrap_or(root);
    let joined = dir.join(written_path);
    // `..` read as written first: a path that climbs out is outside without a look at the disk.
    let lexical = crate::source::lexical(&joined);
    if !lexical.starts_with(root) {
        return Err(TargetError::Outside);
    }
    match files.canonicalize(&joined) {
        Ok(canonical) if canonical.starts_with(root) => Ok(canonical),
        Ok(_) => Err(TargetError::Outside),
        Err(_) => {
            // Missing, unless a link on the way leads out: then it is outside, found or not.
            let leaves = lexical
                .ancestors()
                .filter(|a| a.starts_with(root))
                .find_map(|a| files.canonicalize(a).ok())
                .is_some_and(|c| !c.starts_with(root));
            if leaves {
                Err(TargetError::Outside)
            } else {
                // Not on disk: where it would be, for a spec held in memory; the caller says
                // it is missing when no spec of the catalogue is there.
                files
                    .absolute_new(&joined)
                    .ok()
                    .filter(|p| p.starts_with(root))
                    .ok_or(TargetError::Missing(joined))
            }
        }
    }
}

#[derive(Debug)]
pub(crate) enum TargetError {
    Absolute,
    Missing(PathBuf),
    Outside,
}

/// The extends value's location in a file, for labelling.
fn extends_span(doc: &Document) -> Span {
    doc.node("/extends").map_or(Span::empty(0), |n| n.value)
}

pub(crate) fn extends_of(doc: &Document) -> Option<&str> {
    doc.value.get("extends").and_then(Value::as_str)
}

/// Resolves the chain of `start`: the list of files from the farthest ancestor to `start`
/// itself. `lookup` maps a canonical path to a spec file of the catalogue.
pub(crate) fn chain(
    start: FileId,
    nodes: Nodes<'_, '_>,
    lookup: &dyn Fn(&Path) -> Option<FileId>,
    sources: &SourceMap,
    root: &Path,
    files: &dyn Files,
    suggestions: &Suggestions,
) -> Result<Vec<FileId>, Diagnostic> {
    let mut chain = vec![start];
    let mut current = start;
    while let Some(node) = nodes.get(current) {
        let Some(written) = extends_of(node.doc) else {
            break;
        };
        // Only read (from the index, built on demand) when there is something to report.
        let span = || extends_span(node.doc);
        let shown = quote(written);
        let Some(from) = sources.get(current).map(|f| f.path.clone()) else {
            break;
        };
        let missing = |path: &Path| {
            let suggestion = suggestions.get(path, || suggest(path, &suggestions.specs, sources));
            let help = match suggestion {
                Some(s) => text!("did you mean `{s}`?", "是不是想写 `{s}`？"),
                None => text!(
                    "the path is relative to this file; check the folder names and the `.yaml` ending",
                    "路径相对于本文件；请检查文件夹名和 `.yaml` 后缀"
                ),
            };
            Diagnostic::new(
                codes::EXTENDS_NOT_FOUND,
                text!(
                    "`extends` names {shown}, which does not exist",
                    "`extends` 指向的 {shown} 不存在"
                ),
            )
            .at(current, span())
            .pointer("/extends")
            .help(help)
        };
        let target = match target_path(&from, written, root, files) {
            Ok(t) => t,
            Err(TargetError::Absolute) => {
                return Err(Diagnostic::new(
                    codes::EXTENDS_OUTSIDE,
                    text!("`extends` names {shown}, an absolute path", "`extends` 指向绝对路径 {shown}"),
                )
                .at(current, span())
                .pointer("/extends")
                .help(text!(
                    "write the path relative to this file, like `../lines/sme-credit.yaml`, so the catalogue works on every machine",
                    "请写相对于本文件的路径，例如 `../lines/sme-credit.yaml`，这样目录在任何电脑上都能使用"
                )));
            }
            Err(TargetError::Missing(path)) => return Err(missing(&path)),
            Err(TargetError::Outside) => {
                return Err(Diagnostic::new(
                    codes::EXTENDS_OUTSIDE,
                    text!("`extends` names {shown}, which is outside the catalogue folder", "`extends` 指向的 {shown} 在产品目录之外"),
                )
                .at(current, span())
                .pointer("/extends")
                .help(text!(
                    "a spec may only build on specs in the same catalogue (the folder with `loanspec.yaml`); copy or move the product line into it",
                    "规格只能继承同一产品目录（含 `loanspec.yaml` 的文件夹）中的规格；请把产品线复制或移动到目录中"
                )));
            }
        };
        let Some(parent) = lookup(&target) else {
            if !files.exists(&target) {
                return Err(missing(&target));
            }
            return Err(Diagnostic::new(
                codes::EXTENDS_INVALID,
                text!(
                    "`extends` names {shown}, which is not a spec of this catalogue",
                    "`extends` 指向的 {shown} 不是本产品目录中的规格"
                ),
            )
            .at(current, span())
            .pointer("/extends")
            .help(text!(
                "`extends` names another spec of the catalogue, a `*.yaml` or `*.yml` file (not `loanspec.yaml`, not a hidden file)",
                "`extends` 须指向目录中的另一个规格文件（`*.yaml` 或 `*.yml`，不能是 `loanspec.yaml` 或隐藏文件）"
            )));
        };
        if let Some(start) = chain.iter().position(|f| *f == parent) {
            // Name the circle itself, not the way in, so every spec caught in it reports the same.
            let path = chain[start..]
                .iter()
                .chain(std::iter::once(&parent))
                .filter_map(|f| sources.get(*f).map(|s| s.rel.clone()))
                .collect::<Vec<_>>()
                .join(" → ");
            return Err(Diagnostic::new(codes::EXTENDS_CYCLE, text!("`extends` goes round in a circle: {path}", "`extends` 形成了循环：{path}"))
                .at(current, span())
                .pointer("/extends")
                .help(text!(
                    "a product line must not extend, directly or through others, the spec that extends it; remove one `extends`",
                    "产品线不能直接或间接继承继承它的规格；请删除其中一个 `extends`"
                )));
        }
        if chain.len() >= MAX_CHAIN {
            return Err(Diagnostic::new(
                codes::EXTENDS_CYCLE,
                text!(
                    "`extends` chains through more than {MAX_CHAIN} files",
                    "`extends` 继承链超过 {MAX_CHAIN} 个文件"
                ),
            )
            .at(current, span())
            .pointer("/extends")
            .help(text!("flatten the product lines", "请简化产品线的层级")));
        }
        match nodes.get(parent) {
            Some(p) if !p.ok => {
                let rel = sources.get(parent).map(|f| f.display.clone()).unwrap_or_default();
                return Err(Diagnostic::new(
                    codes::EXTENDS_INVALID,
                    text!(
                        "`extends` names {shown}, which has errors of its own",
                        "`extends` 指向的 {shown} 本身有错误"
                    ),
                )
                .at(current, span())
                .pointer("/extends")
                .help(text!(
                    "fix `{rel}` first (`loanspec check {rel}` lists its errors)",
                    "请先修正 `{rel}`（运行 `loanspec check {rel}` 查看错误）"
                )));
            }
            Some(_) => {}
            None => break,
        }
        chain.push(parent);
        current = parent;
    }
    chain.reverse();
    Ok(chain)
}

/// "Did you mean" for the `extends` paths that name nothing, worked out once per path: when a
/// product line is renamed, thousands of products name the same missing file, and each search
/// goes over the whole catalogue.
#[derive(Default)]
pub(crate) struct Suggestions {
    found: std::sync::Mutex<BTreeMap<PathBuf, Option<String>>>,
    /// The specs a path may be suggested from: every spec of the catalogue that parses, read
    /// for this run or known from the catalogue index.
    specs: Vec<FileId>,
}

impl Suggestions {
    pub(crate) fn new(specs: Vec<FileId>) -> Self {
        Suggestions {
            found: std::sync::Mutex::default(),
            specs,
        }
    }

    fn get(&self, missing: &Path, search: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(known) = self.found.lock().ok().and_then(|f| f.get(missing).cloned()) {
            return known;
        }
        let found = search();
        if let Ok(mut cache) = self.found.lock() {
            cache.insert(missing.to_path_buf(), found.clone());
        }
        found
    }
}

fn suggest(missing: &Path, specs: &[FileId], sources: &SourceMap) -> Option<String> {
    let wanted = missing.file_name()?.to_string_lossy().to_string();
    // Each spec by its file name, the first (in path order) of a name that repeats.
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for id in specs {
        let Some(f) = sources.get(*id) else { continue };
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        by_name.entry(name).or_insert_with(|| f.rel.clone());
    }
    let best = crate::diagnostics::closest(&wanted, by_name.keys().map(String::as_str))?;
    by_name.get(best).cloned()
}

/// Merges a chain (farthest ancestor first) into one value.
pub(crate) fn merge<'a>(chain: &[FileId], nodes: Nodes<'_, 'a>) -> Option<Merged<'a>> {
    if let [only] = chain {
        let node = nodes.get(*only)?;
        let origins = Origins {
            chain: vec![(*only, node.doc)],
        };
        return Some(Merged {
            value: std::borrow::Cow::Borrowed(&node.doc.value),
            origins,
        });
    }
    let mut value = Value::Object(Map::new());
    let mut located = Vec::with_capacity(chain.len());
    for file in chain {
        let node = nodes.get(*file)?;
        if let Value::Object(base) = &mut value {
            for key in NOT_INHERITED {
                base.remove(*key);
            }
        }
        merge_into(&mut value, &node.doc.value);
        located.push((*file, node.doc));
    }
    Some(Merged {
        value: std::borrow::Cow::Owned(value),
        origins: Origins { chain: located },
    })
}

fn merge_into(base: &mut Value, child: &Value) {
    let (Value::Object(base_map), Value::Object(child_map)) = (&mut *base, child) else {
        *base = child.clone();
        return;
    };
    for (key, child_value) in child_map {
        match base_map.get_mut(key) {
            Some(existing) if existing.is_object() && child_value.is_object() => {
                merge_into(existing, child_value);
            }
            _ => {
                base_map.insert(key.clone(), child_value.clone());
            }
        }
    }
}

/// A label on a product's `extends`, for diagnostics about values it inherited.
pub(crate) fn inherited_label(product: FileId, doc: &Document, code: &str) -> Label {
    let code = quote(code);
    Label::new(product, extends_span(doc)).with_message(text!(
        "{code} inherits it through `extends`",
        "{code} 通过 `extends` 继承了它"
    ))
}
