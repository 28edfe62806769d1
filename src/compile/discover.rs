//! Finding catalogues and their files from the paths a user names.
//!
//! A catalogue is a folder with a `loanspec.yaml` and every spec below it (`*.yaml` and
//! `*.yml`, in any letter case), except what lies in a folder with a `loanspec.yaml` of its own,
//! which is a catalogue of its own. Every file belongs to the nearest catalogue above it.
//!
//! - A named file is checked inside its catalogue (the nearest `loanspec.yaml` in its folder or
//!   above), so `extends` resolves when a git hook passes one file. Without one, its folder is
//!   the catalogue.
//! - A named folder inside a catalogue is checked as that catalogue's part; the catalogues
//!   below it are checked too, each with its own config.
//! - A named folder in no catalogue holding catalogues below it is checked as those
//!   catalogues; YAML files outside every catalogue (CI workflows, compose files) are not specs.
//! - A named folder with no `loanspec.yaml` above or below is a catalogue of its own, with
//!   loanspec's default settings (and a warning that says so).
//!
//! Nothing under a catalogue is passed over in silence: a folder that cannot be read, a spec
//! that is not a regular file (a FIFO, a device), a link that leaves the catalogue or a
//! misnamed config is a [`Refused`] entry, reported as an error at its path. Hidden files and
//! folders (`.git`, `.github`) are not part of a catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::files::{Entry, Files, Kind, Native};

pub(crate) const CONFIG_FILE: &str = "loanspec.yaml";

/// Whether a file name is a spec's: ends in `.yaml` or `.yml`, any letter case.
pub fn is_spec_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether a file name is a spelling of the config's other than `loanspec.yaml` itself
/// (`loanspec.yml`, `LoanSpec.YAML`): refused rather than read as a spec or ignored.
fn is_config_lookalike(name: &str) -> bool {
    name != CONFIG_FILE && matches!(name.to_ascii_lowercase().as_str(), "loanspec.yaml" | "loanspec.yml")
}

/// What the user named inside one catalogue.
#[derive(Debug, Default)]
pub(crate) struct Named {
    /// A set: a git hook may name thousands of files, each looked up once per spec.
    pub files: BTreeSet<PathBuf>,
    pub dirs: Vec<PathBuf>,
    /// `loanspec.yaml` itself was named: the whole catalogue is reported.
    pub config: bool,
}

impl Named {
    /// Whether findings for `path` (canonical) are reported.
    pub(crate) fn covers(&self, path: &Path) -> bool {
        self.config || self.files.contains(path) || self.dirs.iter().any(|d| path.starts_with(d))
    }
}

/// A path the user named that could not be used: the run cannot go on (exit 2).
#[derive(Debug)]
pub struct BadPath {
    pub path: PathBuf,
    pub reason: crate::diagnostics::Text,
}

/// Why an entry under a catalogue was not read as a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A folder, or a file's type, could not be read (the system's reason).
    Unreadable(String),
    /// A spec's name on something that is not a regular file: a FIFO, socket or device.
    NotAFile,
    /// A link to a file or folder outside the catalogue.
    LinkOutside,
    /// A link to nothing.
    Dangling,
    /// `loanspec.yml` or another spelling of the config's name.
    ConfigName,
}

/// An entry of a catalogue that is reported instead of read.
#[derive(Clone, Debug)]
pub(crate) struct Refused {
    /// Where it is, as found (not following a link).
    pub path: PathBuf,
    pub why: Refusal,
}

/// One catalogue to check: its root, its specs, what was refused, what the user named.
#[derive(Debug)]
pub(crate) struct Catalogue {
    pub root: PathBuf,
    /// The root holds a `loanspec.yaml`.
    pub has_config: bool,
    /// Every spec of the catalogue, canonical, sorted.
    pub specs: Vec<PathBuf>,
    pub refused: Vec<Refused>,
    pub named: Named,
}

/// Every catalogue the named paths reach, in root order.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub catalogues: Vec<Catalogue>,
    /// YAML files under a named folder that lie in no catalogue (left out: not specs).
    pub outside: usize,
    /// Named files left out by `--only-catalogues` (in no catalogue).
    pub skipped: usize,
}

/// The nearest folder at or above `dir` holding a `loanspec.yaml`, on disk.
pub fn find_root(dir: &Path) -> Option<PathBuf> {
    find_root_in(dir, &Native)
}

/// [`find_root`] in a view of files.
fn find_root_in(dir: &Path, files: &dyn Files) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| files.is_file(&d.join(CONFIG_FILE)))
        .map(Path::to_path_buf)
}

/// What one walk of a folder found.
#[derive(Debug, Default)]
struct Walk {
    specs: Vec<PathBuf>,
    refused: Vec<Refused>,
    /// Folders below with a `loanspec.yaml` of their own (not entered).
    nested: Vec<PathBuf>,
}

/// Opens a folder of the walk: its entries by name, or nothing when it was visited already, is
/// a catalogue of its own (listed as nested), or cannot be read (refused, with the reason; so is
/// each entry that cannot be read).
fn enter(
    folder: PathBuf,
    top: &Path,
    files: &dyn Files,
    visited: &mut BTreeSet<PathBuf>,
    out: &mut Walk,
) -> Option<Vec<Entry>> {
    if !visited.insert(folder.clone()) {
        return None;
    }
    if folder != top && files.is_file(&folder.join(CONFIG_FILE)) {
        out.nested.push(folder);
        return None;
    }
    let listed = match files.list(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            out.refused.push(Refused {
                path: folder,
                why: Refusal::Unreadable(e.to_string()),
            });
            return None;
        }
    };
    let mut entries = Vec::with_capacity(listed.len());
    for entry in listed {
        match entry {
            Ok(entry) => entries.push(entry),
            Err(e) => out.refused.push(Refused {
                path: folder.clone(),
                why: Refusal::Unreadable(e.to_string()),
            }),
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Some(entries)
}

/// Walks `dir` (canonical) for specs of the catalogue rooted at `root`: not into hidden folders,
/// nor into folders with their own `loanspec.yaml` (listed as nested catalogues). Links are
/// followed only inside `root`, each folder once.
fn walk(dir: &Path, root: &Path, files: &dyn Files) -> Walk {
    let mut out = Walk::default();
    let mut visited: BTreeSet<PathBuf> = BTreeSet::new();
    // Each open folder's entries, by name: taken depth first, a folder's entries come out in
    // path order, so the sort at the end (needed only where a link led elsewhere) has next to
    // nothing to do.
    let mut open: Vec<std::vec::IntoIter<Entry>> = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    loop {
        if let Some(folder) = todo.pop() {
            if let Some(entries) = enter(folder, dir, files, &mut visited, &mut out) {
                open.push(entries.into_iter());
            }
            continue;
        }
        let Some(entries) = open.last_mut() else { break };
        let Some(entry) = entries.next() else {
            open.pop();
            continue;
        };
        {
            let name = entry.name.as_str();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path;
            let kind = entry.kind;
            let spec_name = is_spec_name(name);
            if is_config_lookalike(name) {
                out.refused.push(Refused {
                    path,
                    why: Refusal::ConfigName,
                });
            } else if kind == Some(Kind::Dir) {
                todo.push(path);
            } else if kind.is_none() {
                // A link: judged by where it leads.
                match files.canonicalize(&path) {
                    Err(_) if spec_name => out.refused.push(Refused {
                        path,
                        why: Refusal::Dangling,
                    }),
                    Ok(target) if !target.starts_with(root) => {
                        if spec_name || files.is_dir(&target) {
                            out.refused.push(Refused {
                                path,
                                why: Refusal::LinkOutside,
                            });
                        }
                    }
                    Ok(target) if files.is_dir(&target) => todo.push(target),
                    Ok(target) if spec_name && name != CONFIG_FILE => {
                        if files.is_file(&target) {
                            out.specs.push(target);
                        } else {
                            out.refused.push(Refused {
                                path,
                                why: Refusal::NotAFile,
                            });
                        }
                    }
                    // A link to nothing that is not named as a spec, or to a file inside
                    // the catalogue that is not a spec: nothing to read.
                    Err(_) | Ok(_) => {}
                }
            } else if spec_name && name != CONFIG_FILE {
                if kind == Some(Kind::File) {
                    // Below a canonical folder through real folders, the path is canonical.
                    out.specs.push(path);
                } else {
                    out.refused.push(Refused {
                        path,
                        why: Refusal::NotAFile,
                    });
                }
            }
        }
    }
    out.specs.sort();
    out.specs.dedup();
    out.refused.sort_by(|a, b| a.path.cmp(&b.path));
    out.nested.sort();
    out
}

impl Named {
    /// Names `file` of the catalogue at `root`: its config, or a spec.
    fn name(&mut self, root: &Path, file: PathBuf) {
        if file.file_name().is_some_and(|n| n == CONFIG_FILE) && file.parent() == Some(root) {
            self.config = true;
        } else {
            self.files.insert(file);
        }
    }
}

/// The absolute form of a named path, without following a link at its last component (so a
/// named link is judged by where it stands, not where it leads).
pub(crate) fn absolute(path: &Path, files: &dyn Files) -> std::io::Result<PathBuf> {
    let clean = crate::source::lexical_absolute(path)?;
    match (clean.parent(), clean.file_name()) {
        (Some(parent), Some(name)) => Ok(files.canonicalize(parent)?.join(name)),
        _ => files.canonicalize(&clean),
    }
}

fn bad(path: &Path, reason: crate::diagnostics::Text) -> BadPath {
    BadPath {
        path: path.to_path_buf(),
        reason,
    }
}

/// The system's reason, in words a designer reads for the common cases.
pub fn io_reason(e: &std::io::Error) -> crate::diagnostics::Text {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => crate::text!("no such file or folder", "文件或文件夹不存在"),
        ErrorKind::PermissionDenied => crate::text!("permission denied: you may not read it", "权限不足：没有读取权限"),
        _ => {
            let reason = e.to_string();
            crate::text!("{reason}", "{reason}")
        }
    }
}

fn not_a_file() -> crate::diagnostics::Text {
    crate::text!(
        "it is not a regular file (a FIFO, socket or device); loanspec reads only files",
        "它不是普通文件（而是管道、套接字或设备）；loanspec 只读取普通文件"
    )
}

/// Opens a named file on disk as a reader would, without blocking on a FIFO: why it cannot be
/// read.
pub(crate) fn readable(path: &Path) -> Result<(), crate::diagnostics::Text> {
    readable_in(path, &Native)
}

/// [`readable`] in a view of files.
fn readable_in(path: &Path, files: &dyn Files) -> Result<(), crate::diagnostics::Text> {
    match files.openable(path) {
        Ok(()) => Ok(()),
        Err(crate::files::OpenProblem::Io(e)) => Err(io_reason(&e)),
        Err(crate::files::OpenProblem::NotAFile) => Err(not_a_file()),
    }
}

/// The catalogues the named paths reach. A named path that does not exist, cannot be read, is
/// not a regular file or folder, leads out of its catalogue through a link, or has no spec under
/// it, stops the run. With `only_catalogues`, named files in no catalogue are left out.
pub(crate) fn plan(paths: &[PathBuf], only_catalogues: bool, files: &dyn Files) -> Result<Plan, BadPath> {
    let mut named: BTreeMap<PathBuf, Named> = BTreeMap::new();
    let mut plan = Plan::default();
    // Each named path, canonical, with what it must reach: a folder, or one file.
    let mut targets: Vec<(&PathBuf, PathBuf)> = Vec::new();
    for path in paths {
        let at = absolute(path, files).map_err(|e| bad(path, io_reason(&e)))?;
        let kind = files.kind(&at).map_err(|e| bad(path, io_reason(&e)))?;
        if kind == Kind::Dir {
            let dir = files.canonicalize(&at).map_err(|e| bad(path, io_reason(&e)))?;
            targets.push((path, dir.clone()));
            if let Some(root) = find_root_in(&dir, files) {
                named.entry(root).or_default().dirs.push(dir);
                continue;
            }
            let top = walk(&dir, &dir, files);
            if top.nested.is_empty() {
                // No catalogue above or below: the folder is one, with the default settings.
                named.entry(dir.clone()).or_default().dirs.push(dir);
            } else {
                // A folder of catalogues (a repository): YAML outside them is not a spec.
                plan.outside += top.specs.len();
                for nested in top.nested {
                    named.entry(nested.clone()).or_default().dirs.push(nested);
                }
            }
        } else if kind == Kind::File {
            let folder = at.parent().map(Path::to_path_buf).unwrap_or_default();
            let root = find_root_in(&folder, files);
            if root.is_none() && only_catalogues {
                plan.skipped += 1;
                continue;
            }
            let root = root.unwrap_or_else(|| folder.clone());
            let file = files.canonicalize(&at).map_err(|e| bad(path, io_reason(&e)))?;
            if !file.starts_with(&root) {
                return Err(bad(
                    path,
                    crate::text!(
                        "it is a link to a file outside its catalogue; loanspec does not follow it (name the file itself, inside a catalogue)",
                        "它是指向产品目录之外文件的链接；loanspec 不会跟随（请指定产品目录中的文件本身）"
                    ),
                ));
            }
            readable_in(&file, files).map_err(|reason| bad(path, reason))?;
            targets.push((path, file.clone()));
            named.entry(root.clone()).or_default().name(&root, file);
        } else {
            return Err(bad(path, not_a_file()));
        }
    }
    // Each catalogue is walked once; the catalogues found below a named folder are checked too,
    // each with its own config.
    let mut catalogues: BTreeMap<PathBuf, Catalogue> = BTreeMap::new();
    let mut queue: Vec<PathBuf> = named.keys().cloned().collect();
    while let Some(root) = queue.pop() {
        if catalogues.contains_key(&root) {
            continue;
        }
        let walked = walk(&root, &root, files);
        let mine = named.remove(&root).unwrap_or_default();
        for nested in walked.nested {
            if mine.dirs.iter().any(|d| nested.starts_with(d)) {
                if let Some(done) = catalogues.get_mut(&nested) {
                    done.named.dirs.push(nested);
                } else {
                    named.entry(nested.clone()).or_default().dirs.push(nested.clone());
                    queue.push(nested);
                }
            }
        }
        // Named files the walk does not list (another extension, a hidden name) are read too.
        let mut specs = walked.specs;
        let listed: BTreeSet<&PathBuf> = specs.iter().collect();
        let extra: Vec<PathBuf> = mine.files.iter().filter(|f| !listed.contains(f)).cloned().collect();
        specs.extend(extra);
        specs.sort();
        catalogues.insert(
            root.clone(),
            Catalogue {
                has_config: files.is_file(&root.join(CONFIG_FILE)),
                root,
                specs,
                refused: walked.refused,
                named: mine,
            },
        );
    }
    plan.catalogues = catalogues.into_values().collect();
    // A named folder under which nothing is read (no spec, no config): say so, rather than
    // report "no problems" about nothing.
    for (path, target) in &targets {
        let reaches = plan.catalogues.iter().any(|c| {
            let covered = |p: &Path| c.named.covers(p) && (p.starts_with(target) || target.ends_with(CONFIG_FILE));
            (c.has_config && c.root.starts_with(target))
                || c.specs.iter().any(|s| covered(s))
                || c.refused.iter().any(|r| covered(&r.path))
        });
        if !reaches {
            return Err(bad(
                path,
                crate::text!(
                    "no specs here: loanspec reads `*.yaml` and `*.yml` files (not hidden ones, not `loanspec.yaml`)",
                    "这里没有规格文件：loanspec 读取 `*.yaml` 和 `*.yml` 文件（隐藏文件和 `loanspec.yaml` 除外）"
                ),
            ));
        }
    }
    Ok(plan)
}

/// The path as a user would type it from the current directory.
pub(crate) fn display_path(path: &Path, cwd: &Path) -> String {
    // Below the current folder (every spec of a catalogue checked from its root), the path is
    // its tail: no walk over the two paths' components, which is 4% of a one-file check in a
    // 10,000-spec catalogue.
    if let Ok(below) = path.strip_prefix(cwd) {
        if !below.as_os_str().is_empty() {
            return below.to_string_lossy().into_owned();
        }
    }
    let shown = pathdiff::diff_paths(path, cwd).unwrap_or_else(|| path.to_path_buf());
    let s = shown.to_string_lossy().to_string();
    if s.is_empty() { String::from(".") } else { s }
}

/// How the specs of one catalogue are shown ([`display_path`]), the catalogue's own place
/// worked out once when the current folder is neither inside it nor above it (a hook run from
/// elsewhere): then a spec's path is that place and its path in the catalogue, where walking
/// the two paths' components for each of ten thousand specs is a few percent of a one-file check.
pub(crate) struct Shown<'a> {
    cwd: &'a Path,
    root: &'a Path,
    root_place: Option<String>,
}

impl<'a> Shown<'a> {
    pub(crate) fn new(root: &'a Path, cwd: &'a Path) -> Self {
        let apart = cfg!(unix) && !cwd.starts_with(root) && !root.starts_with(cwd);
        Shown {
            cwd,
            root,
            root_place: apart.then(|| display_path(root, cwd)),
        }
    }

    /// `path`, whose path in the catalogue is `rel`, as findings show it.
    pub(crate) fn path(&self, path: &Path, rel: &str) -> String {
        match &self.root_place {
            Some(root) if !rel.is_empty() && path.starts_with(self.root) => format!("{root}/{rel}"),
            _ => display_path(path, self.cwd),
        }
    }
}

/// The path relative to the catalogue root, `/`-separated, the same on every machine.
pub(crate) fn rel_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // A path found by the walk is already in that form on Unix (components joined by one `/`,
    // none of them `.`): its text as it is, without taking it apart.
    #[cfg(unix)]
    if let Some(text) = rel.to_str() {
        let plain = !text.starts_with('/')
            && !text.ends_with('/')
            && text.split('/').all(|part| !part.is_empty() && part != ".");
        if plain {
            return text.to_owned();
        }
    }
    let mut out = String::with_capacity(rel.as_os_str().len());
    for part in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a plain path is taken as it is; any other is taken apart, with the same
    /// result as before the shortcut.
    #[test]
    fn a_catalogue_shown_from_outside_shows_each_spec_as_the_long_way_does() {
        for (root, cwd) in [
            ("/work/cat", "/work/repo"),
            ("/tmp/b/cat", "/work/main"),
            ("/a/b", "/a/c/d"),
        ] {
            let shown = Shown::new(Path::new(root), Path::new(cwd));
            for rel in ["products/a.yaml", "lines/x/y.yaml", "a.yaml"] {
                let path = Path::new(root).join(rel);
                assert_eq!(
                    shown.path(&path, rel),
                    display_path(&path, Path::new(cwd)),
                    "{root} {cwd} {rel}"
                );
            }
        }
        // From inside or above the catalogue, the long way itself (its tail below the folder).
        let inside = Shown::new(Path::new("/cat"), Path::new("/cat/products"));
        assert_eq!(
            inside.path(Path::new("/cat/lines/x.yaml"), "lines/x.yaml"),
            "../lines/x.yaml"
        );
        assert!(inside.root_place.is_none());
    }

    #[test]
    fn rel_paths_are_slash_joined_components() {
        let root = Path::new("/cat");
        for (path, rel) in [
            ("/cat/products/a.yaml", "products/a.yaml"),
            ("/cat/products//a.yaml", "products/a.yaml"),
            ("/cat/./products/a.yaml", "products/a.yaml"),
            ("/cat/products/./a.yaml", "products/a.yaml"),
            ("/cat/a.yaml", "a.yaml"),
        ] {
            assert_eq!(rel_path(Path::new(path), root), rel, "{path}");
        }
    }

    #[test]
    fn spec_names_are_yaml_and_yml_in_any_case() {
        for name in ["a.yaml", "a.yml", "EQUIP.YAML", "x.Yml"] {
            assert!(is_spec_name(name), "{name}");
        }
        for name in ["a.json", "yaml", "a.yaml.bak"] {
            assert!(!is_spec_name(name), "{name}");
        }
        assert!(is_config_lookalike("loanspec.yml") && is_config_lookalike("LoanSpec.YAML"));
        assert!(!is_config_lookalike("loanspec.yaml"));
    }
}
