//! Finding catalogues and their files from the paths a user names.
//!
//! A folder is a catalogue: every `*.yaml` below it except `loanspec.yaml`. A file is checked
//! inside the catalogue found by walking up to the nearest `loanspec.yaml`, so `extends`
//! resolves when a git hook passes one file; without one, the file's folder is the root.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "loanspec.yaml";

/// What the user named inside one catalogue.
#[derive(Debug, Default)]
pub struct Named {
    pub files: Vec<PathBuf>,
    pub dirs: Vec<PathBuf>,
    /// `loanspec.yaml` itself was named: the whole catalogue is reported.
    pub config: bool,
}

impl Named {
    /// Whether findings for `path` (canonical) are reported.
    pub fn covers(&self, path: &Path) -> bool {
        self.config || self.files.iter().any(|f| f == path) || self.dirs.iter().any(|d| path.starts_with(d))
    }
}

/// A path the user named that could not be used.
#[derive(Debug)]
pub struct BadPath {
    pub path: PathBuf,
    pub reason: String,
}

/// Groups named paths by catalogue root (canonical), in a stable order.
pub fn group(paths: &[PathBuf]) -> Result<BTreeMap<PathBuf, Named>, BadPath> {
    let mut out: BTreeMap<PathBuf, Named> = BTreeMap::new();
    for path in paths {
        let canonical = path.canonicalize().map_err(|e| BadPath {
            path: path.clone(),
            reason: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or folder".into()
            } else {
                e.to_string()
            },
        })?;
        let meta = fs::metadata(&canonical).map_err(|e| BadPath {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if meta.is_dir() {
            let root = find_root(&canonical).unwrap_or_else(|| canonical.clone());
            out.entry(root).or_default().dirs.push(canonical);
        } else {
            let dir = canonical.parent().map_or_else(|| canonical.clone(), Path::to_path_buf);
            let root = find_root(&dir).unwrap_or(dir);
            let named = out.entry(root.clone()).or_default();
            if canonical.file_name().is_some_and(|n| n == CONFIG_FILE) && canonical.parent() == Some(root.as_path()) {
                named.config = true;
            } else {
                named.files.push(canonical);
            }
        }
    }
    Ok(out)
}

/// The nearest folder at or above `dir` holding a `loanspec.yaml`.
pub fn find_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Every spec file of a catalogue, sorted: `*.yaml` below the root, skipping hidden files and
/// folders, `loanspec.yaml` files, and symlinked folders (which could loop or leave the root).
pub fn spec_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let is_spec = name.ends_with(".yaml") && name != CONFIG_FILE;
            if kind.is_dir() {
                todo.push(path);
            } else if is_spec && kind.is_file() {
                // Below a canonical root through real folders, the path is canonical already.
                out.push(path);
            } else if is_spec && kind.is_symlink() {
                if let Ok(canonical) = path.canonicalize() {
                    if canonical.is_file() && canonical.starts_with(root) {
                        out.push(canonical);
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The path as a user would type it from the current directory.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = pathdiff::diff_paths(path, cwd).unwrap_or_else(|| path.to_path_buf());
    let s = shown.to_string_lossy().to_string();
    if s.is_empty() { String::from(".") } else { s }
}

/// The path relative to the catalogue root, `/`-separated, the same on every machine.
pub fn rel_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/")
}
