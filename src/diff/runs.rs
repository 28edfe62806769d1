//! Two runs of the same catalogues compared product by product: each product's changes placed
//! where the new value is written, the sign-offs they need and those recorded, and whether its
//! version fits.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Change, Class};
use crate::compile::{CompiledProduct, Run};
use crate::diagnostics::Text;
use crate::model::spec::Role;
use crate::schema::Locate;
use crate::source::FileId;
use crate::syntax::{self, Document, NodeSpan};

/// Where a value is written: the file as typed, line, column.
pub(crate) type Place = (String, usize, usize);

/// One product's comparison.
pub struct Entry {
    pub code: String,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    /// Where the new spec is (or the old one, for a removed product).
    pub file: String,
    pub changes: Vec<(Change, Option<Place>)>,
    pub needed: BTreeSet<Role>,
    pub recorded: BTreeSet<Role>,
    pub version_problem: Option<Text>,
    /// The spec could not be read in the old or the new version: nothing can be compared, and
    /// it is never taken for an added or removed product.
    pub unreadable: Option<&'static str>,
}

impl Entry {
    pub fn missing(&self) -> Vec<Role> {
        self.needed.difference(&self.recorded).copied().collect()
    }

    pub fn blocking(&self) -> bool {
        self.unreadable.is_some() || self.version_problem.is_some() || !self.missing().is_empty()
    }

    pub fn status(&self) -> &'static str {
        if self.unreadable.is_some() {
            return "unreadable";
        }
        match (&self.old_version, &self.new_version) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// Where a canonical pointer's value is written: the product's file, then its parents; the
/// nearest enclosing key that is written (`Locate::locate_nearest`). Each file is parsed once.
pub(crate) struct Locator<'a> {
    run: &'a Run,
    docs: RefCell<BTreeMap<FileId, Option<Document>>>,
    /// Every file of the run by its path in its catalogue (a product names its parents so).
    by_rel: BTreeMap<&'a str, FileId>,
}

/// One product's files, nearest first, as a [`Locate`].
pub(crate) struct ProductFiles<'a> {
    locator: &'a Locator<'a>,
    files: Vec<FileId>,
}

impl Locate for ProductFiles<'_> {
    fn locate(&self, pointer: &str) -> Option<(FileId, NodeSpan)> {
        let mut docs = self.locator.docs.borrow_mut();
        self.files.iter().find_map(|id| {
            let doc = docs.entry(*id).or_insert_with(|| {
                let file = self.locator.run.sources.get(*id)?;
                syntax::parse(*id, file, &syntax::Limits::default()).document
            });
            doc.as_ref().and_then(|d| d.node(pointer)).map(|node| (*id, node))
        })
    }
}

impl Locator<'_> {
    fn place(&self, product: &CompiledProduct, pointer: &str) -> Option<Place> {
        let sources = &self.run.sources;
        let parents = product
            .product
            .source
            .extends
            .iter()
            .filter_map(|parent| self.by_rel.get(parent.path.as_str()).copied());
        let files = ProductFiles {
            locator: self,
            files: std::iter::once(product.file).chain(parents).collect(),
        };
        let (_, id, node) = files.locate_nearest(pointer)?;
        let file = sources.get(id)?;
        let at = file.line_col(node.key_or_label().start);
        Some((file.display.clone(), at.line, at.column))
    }
}

pub fn compare_runs(old: &Run, new: &Run) -> Vec<Entry> {
    let by_code = |run: &Run| -> BTreeMap<String, usize> {
        run.products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.product.code.clone(), i))
            .collect()
    };
    let (a, b) = (by_code(old), by_code(new));
    // Specs that did not become products, by code (or by file, without a readable code).
    let unreadable = |run: &Run| -> BTreeMap<String, String> {
        run.unresolved
            .iter()
            .map(|u| {
                let file = run.sources.get(u.file).map(|f| f.display.clone()).unwrap_or_default();
                (u.code.clone().unwrap_or_else(|| file.clone()), file)
            })
            .collect()
    };
    let (old_bad, new_bad) = (unreadable(old), unreadable(new));
    let mut entries = Vec::new();
    for (code, file, which) in new_bad.iter().map(|(c, f)| (c, f, "new")).chain(
        old_bad
            .iter()
            .filter(|(c, _)| !new_bad.contains_key(*c))
            .map(|(c, f)| (c, f, "old")),
    ) {
        entries.push(Entry {
            code: code.clone(),
            old_version: a.get(code).map(|i| old.products[*i].product.version.clone()),
            new_version: b.get(code).map(|i| new.products[*i].product.version.clone()),
            file: file.clone(),
            changes: Vec::new(),
            needed: BTreeSet::new(),
            recorded: BTreeSet::new(),
            version_problem: None,
            unreadable: Some(which),
        });
    }
    let codes: BTreeSet<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|c| !old_bad.contains_key(*c) && !new_bad.contains_key(*c))
        .collect();
    let count = u32::try_from(new.sources.len()).unwrap_or(u32::MAX);
    let by_rel = (0..count)
        .rev()
        .filter_map(|i| new.sources.get(FileId(i)).map(|f| (f.rel.as_str(), FileId(i))))
        .collect();
    let locator = Locator {
        run: new,
        docs: RefCell::new(BTreeMap::new()),
        by_rel,
    };
    for code in codes {
        let o = a.get(code).map(|i| &old.products[*i]);
        let n = b.get(code).map(|i| &new.products[*i]);
        let display =
            |p: &CompiledProduct, run: &Run| run.sources.get(p.file).map(|f| f.display.clone()).unwrap_or_default();
        let entry = match (o, n) {
            (Some(o), Some(n)) => {
                let (ov, nv) = (
                    serde_json::to_value(&o.product).unwrap_or(Value::Null),
                    serde_json::to_value(&n.product).unwrap_or(Value::Null),
                );
                let mut changes = super::compare(&ov, &nv);
                // The bank's `x-` keys are editorial.
                for (k, v) in &n.extensions {
                    if !o.extensions.iter().any(|(ok, ovv)| ok == k && ovv == v) {
                        changes.push(Change {
                            pointer: format!("/{k}"),
                            old: o.extensions.iter().find(|(ok, _)| ok == k).map(|(_, v)| v.clone()),
                            new: Some(v.clone()),
                            class: Class::Editorial,
                            why: crate::text!("the bank's own key", "银行自定义字段"),
                        });
                    }
                }
                if changes.is_empty() && o.product.version == n.product.version {
                    continue;
                }
                let needed: BTreeSet<Role> = super::signoffs_needed(&changes, new.signoffs.as_ref(), &n.product);
                let problem = super::version_problem(&o.product.version, &n.product.version, &changes);
                let placed = changes
                    .into_iter()
                    .map(|c| {
                        let at = locator.place(n, &c.pointer);
                        (c, at)
                    })
                    .collect();
                Entry {
                    code: code.clone(),
                    old_version: Some(o.product.version.clone()),
                    new_version: Some(n.product.version.clone()),
                    file: display(n, new),
                    changes: placed,
                    needed,
                    recorded: super::recorded(Some(&o.product), &n.product),
                    version_problem: problem,
                    unreadable: None,
                }
            }
            (None, Some(n)) => Entry {
                code: code.clone(),
                old_version: None,
                new_version: Some(n.product.version.clone()),
                file: display(n, new),
                changes: Vec::new(),
                needed: BTreeSet::new(),
                recorded: super::recorded(None, &n.product),
                version_problem: None,
                unreadable: None,
            },
            (Some(o), None) => Entry {
                code: code.clone(),
                old_version: Some(o.product.version.clone()),
                new_version: None,
                file: o.product.source.path.clone(),
                changes: Vec::new(),
                needed: BTreeSet::new(),
                recorded: BTreeSet::new(),
                version_problem: None,
                unreadable: None,
            },
            (None, None) => continue,
        };
        entries.push(entry);
    }
    entries.sort_by(|x, y| x.code.cmp(&y.code));
    entries
}
