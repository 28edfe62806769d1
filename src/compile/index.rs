//! The catalogue index: what the catalogue rules need of each spec (its code, kind, stage,
//! names and `extends`), kept between runs in `.loanspec_cache/` at the catalogue's root, so
//! that checking one file of a large catalogue (the git hook, an editor) reads that file, the
//! lines it builds on and the few specs its findings point at, not every spec.
//!
//! An entry is used only while the file's [`Stamp`] (size, modification and change times in
//! nanoseconds, inode, device) is the one it was read with, and only when its change time is
//! older than the index file by more than [`SETTLE`]: a file written in the same tick as the
//! index could change again without its stamp moving (git's "racy clean" rule). Anything else
//! (a new, edited, renamed or removed file, an index from another loanspec version, an index
//! that does not read) is read again, and the index rewritten. The folder can be deleted at
//! any time; it holds a `.gitignore` so git never records it, and `--no-cache` leaves it alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::files::{Stamp, nanos};
use crate::rules::catalogue::Summary;

/// The index's folder, at a catalogue's root.
const CACHE_DIR: &str = ".loanspec_cache";
const INDEX_FILE: &str = "index-v1";
/// The largest index read: 10,000 specs take about 1 MB.
const INDEX_CAP: u64 = 256 * 1024 * 1024;
/// How much older than the index a file's change time must be for its entry to be used.
const SETTLE: i128 = 2_000_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Indexed {
    pub stamp: Stamp,
    /// `None`: the file was read but is not a spec loanspec could parse.
    /// Shared with the spec it describes: a large catalogue's summaries are not copied.
    pub summary: Option<Arc<Summary>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    /// The loanspec that wrote it: another version may read specs differently.
    written_by: String,
    /// By path relative to the catalogue root, `/`-separated, in order (an index whose paths
    /// are not in order is refused: entries are found by binary search).
    specs: Vec<(String, Indexed)>,
}

fn written_by() -> String {
    format!("loanspec {}", env!("CARGO_PKG_VERSION"))
}

/// The index of one catalogue as loaded, and what the run learns that will change it.
#[derive(Debug, Default)]
pub(crate) struct Index {
    dir: Option<PathBuf>,
    /// Each entry, in path order, as read.
    loaded: Vec<(String, Indexed)>,
    /// Whether the run found each loaded entry still true (else it is dropped at saving).
    seen: Vec<bool>,
    /// When the loaded index was written, in nanoseconds.
    written: i128,
    /// Entries for files read this run that the loaded index lacked or had otherwise.
    learnt: BTreeMap<String, Indexed>,
    /// An entry was refused as too recent: the index is rewritten even if nothing changed.
    refused_recent: bool,
    /// Some file of the run had a stamp (was on disk): an index of a catalogue held in memory
    /// is never written over one on disk.
    stamped: bool,
    /// Where the next lookup looks first.
    cursor: usize,
}

/// How old a file written aside must be to be the debris of a run that was stopped while
/// writing, not the work of one that is writing now.
const DEBRIS_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes what runs stopped while writing the index left in its folder.
fn remove_debris(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!("{INDEX_FILE}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > DEBRIS_AGE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The index folder at `root`, unless something other than a folder is there: a link is not
/// followed (a catalogue cloned from elsewhere must not have loanspec write where it points).
fn folder(root: &Path) -> Option<PathBuf> {
    let dir = root.join(CACHE_DIR);
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if !meta.is_dir() => None,
        _ => Some(dir),
    }
}

impl Index {
    /// The index at `root`, or an empty one when there is none, it does not read, or another
    /// version of loanspec wrote it. `None` for `root` turns the index off.
    pub(crate) fn load(root: Option<&Path>) -> Index {
        let Some(root) = root else {
            return Index::default();
        };
        let Some(dir) = folder(root) else {
            return Index::default();
        };
        let path = dir.join(INDEX_FILE);
        let mut index = Index {
            dir: Some(dir),
            ..Index::default()
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            return index;
        };
        let Ok(written) = meta.modified() else {
            return index;
        };
        let Ok(bytes) = crate::files::Files::read(&crate::files::Native, &path, INDEX_CAP) else {
            return index;
        };
        if let Ok(file) = postcard::from_bytes::<IndexFile>(&bytes) {
            let in_order = file.specs.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0));
            if file.written_by == written_by() && in_order {
                index.seen = vec![false; file.specs.len()];
                index.loaded = file.specs;
                index.written = nanos(written);
            }
        }
        index
    }

    /// Where the loaded entry for `rel` is.
    fn find(&mut self, rel: &str) -> Option<usize> {
        // The specs are asked for in path order, nearly the index's: the entry after the last
        // one found is tried before a search.
        let next = self.cursor;
        if self.loaded.get(next).is_some_and(|(k, _)| k == rel) {
            self.cursor = next + 1;
            return Some(next);
        }
        let at = self.loaded.binary_search_by(|(k, _)| k.as_str().cmp(rel)).ok()?;
        self.cursor = at + 1;
        Some(at)
    }

    fn see(&mut self, at: usize) {
        if let Some(seen) = self.seen.get_mut(at) {
            *seen = true;
        }
    }

    /// The entry of the spec at `rel` whose file now has `stamp`, when the index holds one that
    /// can be trusted.
    pub(crate) fn get(&mut self, rel: &str, stamp: Option<Stamp>) -> Option<Indexed> {
        let stamp = stamp?;
        self.stamped = true;
        let at = self.find(rel)?;
        let (_, entry) = self.loaded.get(at)?;
        if entry.stamp != stamp {
            return None;
        }
        if stamp.changed > self.written - SETTLE {
            self.refused_recent = true;
            return None;
        }
        let entry = entry.clone();
        self.see(at);
        Some(entry)
    }

    /// Records what a file read with `stamp` holds.
    pub(crate) fn learn(&mut self, rel: &str, stamp: Stamp, summary: Option<Arc<Summary>>) {
        if self.dir.is_none() {
            return;
        }
        self.stamped = true;
        let entry = Indexed { stamp, summary };
        match self.find(rel) {
            Some(at) if self.loaded.get(at).is_some_and(|(_, known)| *known == entry) => {
                self.see(at);
                // Confirmed, but too recent for the index to vouch for: written again, later,
                // it will (else a whole-catalogue run, which asks the index nothing, would
                // leave it unable to vouch for the files written just before it).
                self.refused_recent |= stamp.changed > self.written - SETTLE;
            }
            _ => {
                self.learnt.insert(rel.to_owned(), entry);
            }
        }
    }

    /// Keeps the loaded entry of a file this run did not read from its disk (an unsaved buffer
    /// stands over it).
    pub(crate) fn keep(&mut self, rel: &str) {
        if let Some(at) = self.find(rel) {
            self.see(at);
        }
    }

    /// Writes the run's entries in place of the loaded ones when they differ (a new file, an
    /// edit, a removal, a recent entry to confirm). The index is a convenience: a folder that
    /// cannot be written leaves it as it was, and the run is not affected.
    pub(crate) fn save(self) {
        let Some(dir) = self.dir else { return };
        let all_seen = self.seen.iter().all(|seen| *seen);
        if !self.stamped || (self.learnt.is_empty() && all_seen && !self.refused_recent) {
            return;
        }
        let mut specs: BTreeMap<String, Indexed> = self
            .loaded
            .into_iter()
            .zip(self.seen)
            .filter_map(|(entry, seen)| seen.then_some(entry))
            .collect();
        specs.extend(self.learnt);
        let file = IndexFile {
            written_by: written_by(),
            specs: specs.into_iter().collect(),
        };
        let Ok(bytes) = postcard::to_stdvec(&file) else { return };
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let note = "# loanspec's index of the catalogue: safe to delete, never committed\n*\n";
            if std::fs::write(&ignore, note).is_err() {
                return;
            }
        }
        // Written aside, then renamed over: a reader sees the old index or the new one, whole.
        let aside = dir.join(format!("{INDEX_FILE}.{}.tmp", std::process::id()));
        if std::fs::write(&aside, bytes).is_ok() && std::fs::rename(&aside, dir.join(INDEX_FILE)).is_err() {
            let _ = std::fs::remove_file(&aside);
        }
        remove_debris(&dir);
    }
}
