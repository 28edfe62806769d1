//! Where the texts of a run come from, behind one trait, [`Files`]: the disk ([`Native`]: the
//! size cap, no blocking on a FIFO, links resolved as the system does), memory ([`Memory`]: a
//! catalogue that exists nowhere on disk, for tests, a browser or a service), and buffers over
//! either ([`Layered`]: an editor's unsaved texts over the saved catalogue, `check --stdin`).
//!
//! Discovery, `extends` and the reading of specs, configs and rates files go through it, so a
//! catalogue judged from memory is judged exactly as the same files on disk. Paths are absolute
//! and lexical (no `.` or `..`); [`Files::absolute_new`] makes one from a path as written.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::source::{lexical, lexical_absolute};

/// What a path is, links followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// A FIFO, socket or device: never read.
    Other,
}

/// One entry of a folder, links not followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    /// What the entry itself is; `None` for a link (follow it with [`Files::canonicalize`]).
    pub kind: Option<Kind>,
}

/// Why a file's bytes could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Over the cap, with its size in bytes.
    TooLarge(u64),
    /// A FIFO, socket or device.
    NotAFile,
    /// The system's reason.
    Io(String),
}

/// What a file's metadata says of its content, for the catalogue index: a file whose
/// stamp is unchanged is taken to hold the text it held (git's rule; the index also refuses a
/// stamp too close to its own writing). The change time moves on every write and cannot be set
/// back by a tool that restores modification times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification and change times, in nanoseconds since 1970.
    pub modified: i128,
    pub changed: i128,
    /// The file's identity on its device (0 where the system gives none).
    pub inode: u64,
    pub device: u64,
}

/// Nanoseconds since 1970 of a system time (negative before).
pub(crate) fn nanos(t: std::time::SystemTime) -> i128 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = nanos(meta.modified().ok()?);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stamp {
                size: meta.len(),
                modified,
                changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            Some(Stamp {
                size: meta.len(),
                modified,
                changed: modified,
                inode: 0,
                device: 0,
            })
        }
    }
}

/// A view of a tree of files.
pub trait Files: Send + Sync + std::fmt::Debug {
    /// The bytes of the regular file at `path`, at most `cap` of them, without blocking.
    fn read(&self, path: &Path, cap: u64) -> Result<Vec<u8>, ReadProblem>;

    /// What is at `path`, links followed; an error when nothing is.
    fn kind(&self, path: &Path) -> io::Result<Kind>;

    /// The entries of the folder at `dir`, in no particular order; an entry that cannot be
    /// read is an error in its place.
    fn list(&self, dir: &Path) -> io::Result<Vec<io::Result<Entry>>>;

    /// `path` with every link resolved; an error when it does not exist.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;

    /// Whether the file at `path` can be opened for reading (a named file is checked before the
    /// run starts); the reason when not.
    fn openable(&self, path: &Path) -> Result<(), OpenProblem> {
        match self.kind(path) {
            Ok(Kind::File) => Ok(()),
            Ok(_) => Err(OpenProblem::NotAFile),
            Err(e) => Err(OpenProblem::Io(e)),
        }
    }

    /// The [`Stamp`] of the regular file at `path`, where the view has one that tells when its
    /// text changes: the disk's; `None` for a text in memory, which is always read.
    fn stamp(&self, _path: &Path) -> Option<Stamp> {
        None
    }

    fn is_file(&self, path: &Path) -> bool {
        matches!(self.kind(path), Ok(Kind::File))
    }

    fn is_dir(&self, path: &Path) -> bool {
        matches!(self.kind(path), Ok(Kind::Dir))
    }

    fn exists(&self, path: &Path) -> bool {
        self.kind(path).is_ok()
    }

    /// The absolute form of a path that may not exist yet: its nearest existing ancestor with
    /// links resolved, then the rest as written (`..` taken lexically).
    fn absolute_new(&self, path: &Path) -> io::Result<PathBuf> {
        let clean = lexical_absolute(path)?;
        let existing = clean
            .ancestors()
            .skip(1)
            .find(|a| self.exists(a))
            .unwrap_or(Path::new("/"));
        let rest = clean.strip_prefix(existing).unwrap_or(&clean).to_path_buf();
        Ok(self.canonicalize(existing)?.join(rest))
    }
}

/// The disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Native;

/// Opens a file for reading only if it is a regular file, without blocking on a FIFO or a
/// device: the open does not wait (`O_NONBLOCK`), and the type is checked on the open file.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, OpenProblem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or(0));
    }
    let file = options.open(path).map_err(OpenProblem::Io)?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(OpenProblem::NotAFile),
        Err(e) => Err(OpenProblem::Io(e)),
    }
}

/// Why a file could not be opened for reading.
#[derive(Debug)]
pub enum OpenProblem {
    /// A FIFO, socket or device: never opened for a read that could block.
    NotAFile,
    Io(io::Error),
}

impl std::fmt::Display for OpenProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenProblem::NotAFile => f.write_str("it is not a regular file (a FIFO, socket or device)"),
            OpenProblem::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<OpenProblem> for ReadProblem {
    fn from(e: OpenProblem) -> Self {
        match e {
            OpenProblem::NotAFile => ReadProblem::NotAFile,
            OpenProblem::Io(e) => ReadProblem::Io(e.to_string()),
        }
    }
}

fn kind_of(t: std::fs::FileType) -> Kind {
    if t.is_file() {
        Kind::File
    } else if t.is_dir() {
        Kind::Dir
    } else {
        Kind::Other
    }
}

impl Files for Native {
    fn read(&self, path: &Path, cap: u64) -> Result<Vec<u8>, ReadProblem> {
        let file = open_regular(path)?;
        let len = file.metadata().map_err(|e| ReadProblem::Io(e.to_string()))?.len();
        if len > cap {
            return Err(ReadProblem::TooLarge(len));
        }
        let mut bytes = Vec::new();
        file.take(cap.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        if bytes.len() as u64 > cap {
            return Err(ReadProblem::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn kind(&self, path: &Path) -> io::Result<Kind> {
        std::fs::metadata(path).map(|m| kind_of(m.file_type()))
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<io::Result<Entry>>> {
        Ok(std::fs::read_dir(dir)?
            .map(|entry| {
                let entry = entry?;
                let kind = entry.file_type()?;
                Ok(Entry {
                    name: entry.file_name().to_string_lossy().into_owned(),
                    path: entry.path(),
                    kind: (!kind.is_symlink()).then(|| kind_of(kind)),
                })
            })
            .collect())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }

    fn stamp(&self, path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| Stamp::of(&m))
    }

    fn openable(&self, path: &Path) -> Result<(), OpenProblem> {
        open_regular(path).map(drop)
    }
}

/// Files held in memory by absolute path; their folders exist because they do. No links.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<PathBuf, Arc<[u8]>>,
}

impl Memory {
    /// `bytes` become the file at `path` (relative to the current folder, or absolute; taken
    /// lexically). Fails only when a relative path meets an unreadable current folder.
    pub fn insert(&mut self, path: &Path, bytes: impl Into<Arc<[u8]>>) -> io::Result<PathBuf> {
        let at = lexical_absolute(path)?;
        self.files.insert(at.clone(), bytes.into());
        Ok(at)
    }

    /// `bytes` become the file at `at`, already absolute and canonical.
    pub(crate) fn insert_at(&mut self, at: PathBuf, bytes: Arc<[u8]>) {
        self.files.insert(at, bytes);
    }

    pub(crate) fn get(&self, path: &Path) -> Option<&[u8]> {
        self.files.get(path).map(AsRef::as_ref)
    }

    /// Whether a file lies below `dir` (paths sort so that a folder's files follow it).
    fn holds_dir(&self, dir: &Path) -> bool {
        dir.parent().is_none()
            || self
                .files
                .range(dir.to_path_buf()..)
                .find(|(p, _)| p.as_path() != dir)
                .is_some_and(|(p, _)| p.starts_with(dir))
    }

    fn not_found() -> io::Error {
        io::Error::from(io::ErrorKind::NotFound)
    }
}

impl Files for Memory {
    fn read(&self, path: &Path, cap: u64) -> Result<Vec<u8>, ReadProblem> {
        match self.get(&lexical(path)) {
            Some(bytes) if bytes.len() as u64 > cap => Err(ReadProblem::TooLarge(bytes.len() as u64)),
            Some(bytes) => Ok(bytes.to_vec()),
            None if self.holds_dir(&lexical(path)) => Err(ReadProblem::NotAFile),
            None => Err(ReadProblem::Io(Memory::not_found().to_string())),
        }
    }

    fn kind(&self, path: &Path) -> io::Result<Kind> {
        let path = lexical(path);
        if self.files.contains_key(&path) {
            Ok(Kind::File)
        } else if self.holds_dir(&path) {
            Ok(Kind::Dir)
        } else {
            Err(Memory::not_found())
        }
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<io::Result<Entry>>> {
        let dir = lexical(dir);
        if !self.holds_dir(&dir) {
            return Err(Memory::not_found());
        }
        let mut out: Vec<io::Result<Entry>> = Vec::new();
        let mut last: Option<String> = None;
        for (path, _) in self.files.range(dir.clone()..).take_while(|(p, _)| p.starts_with(&dir)) {
            let Ok(rest) = path.strip_prefix(&dir) else { continue };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            let name = first.as_os_str().to_string_lossy().into_owned();
            if last.as_deref() == Some(name.as_str()) {
                continue;
            }
            let kind = if parts.next().is_some() { Kind::Dir } else { Kind::File };
            out.push(Ok(Entry {
                path: dir.join(&name),
                name: name.clone(),
                kind: Some(kind),
            }));
            last = Some(name);
        }
        Ok(out)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = lexical(path);
        self.kind(&path).map(|_| path)
    }
}

/// Texts over another view: a path the upper layer holds reads as its text, whatever the lower
/// one has there; folders are those of both.
#[derive(Debug)]
pub(crate) struct Layered<'a> {
    pub over: &'a Memory,
    pub under: &'a dyn Files,
    /// Where each path asked for led, for this view's life (one phase of a run): the products
    /// of a folder that extend the same line ask for the same path, and each answer is several
    /// system calls.
    canonical: std::sync::Mutex<std::collections::HashMap<PathBuf, Result<PathBuf, io::ErrorKind>>>,
}

impl<'a> Layered<'a> {
    pub(crate) fn new(over: &'a Memory, under: &'a dyn Files) -> Self {
        Layered {
            over,
            under,
            canonical: std::sync::Mutex::default(),
        }
    }
}

impl Files for Layered<'_> {
    fn read(&self, path: &Path, cap: u64) -> Result<Vec<u8>, ReadProblem> {
        match self.over.get(path) {
            Some(bytes) if bytes.len() as u64 > cap => Err(ReadProblem::TooLarge(bytes.len() as u64)),
            Some(bytes) => Ok(bytes.to_vec()),
            None => self.under.read(path, cap),
        }
    }

    fn kind(&self, path: &Path) -> io::Result<Kind> {
        if self.over.get(path).is_some() {
            return Ok(Kind::File);
        }
        match self.under.kind(path) {
            Err(_) if self.over.holds_dir(path) => Ok(Kind::Dir),
            other => other,
        }
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<io::Result<Entry>>> {
        let upper = if self.over.holds_dir(dir) {
            self.over.list(dir).unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut out = match self.under.list(dir) {
            Ok(entries) => entries,
            Err(_) if !upper.is_empty() => Vec::new(),
            Err(e) => return Err(e),
        };
        if upper.is_empty() {
            return Ok(out);
        }
        let below: std::collections::BTreeSet<String> = out
            .iter()
            .filter_map(|e| e.as_ref().ok().map(|e| e.name.clone()))
            .collect();
        out.extend(
            upper
                .into_iter()
                .filter(|e| e.as_ref().is_ok_and(|e| !below.contains(&e.name))),
        );
        Ok(out)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        if let Some(known) = self.canonical.lock().ok().and_then(|m| m.get(path).cloned()) {
            return known.map_err(io::Error::from);
        }
        let found = match self.under.canonicalize(path) {
            Err(_) if self.over.get(path).is_some() || self.over.holds_dir(path) => self.under.absolute_new(path),
            other => other,
        };
        if let Ok(mut memo) = self.canonical.lock() {
            memo.insert(
                path.to_owned(),
                found.as_ref().map(Clone::clone).map_err(io::Error::kind),
            );
        }
        found
    }

    fn openable(&self, path: &Path) -> Result<(), OpenProblem> {
        if self.over.get(path).is_some() {
            return Ok(());
        }
        self.under.openable(path)
    }

    fn stamp(&self, path: &Path) -> Option<Stamp> {
        if self.over.get(path).is_some() {
            return None;
        }
        self.under.stamp(path)
    }
}

#[cfg(test)]
mod tests {
    use super::{Files, Kind, Layered, Memory, ReadProblem};
    use std::path::Path;

    fn memory() -> Memory {
        let mut m = Memory::default();
        for (p, t) in [
            ("/cat/loanspec.yaml", "loanspec: 1\n"),
            ("/cat/a.yaml", "code: A\n"),
            ("/cat/lines/base.yaml", "kind: line\n"),
            ("/cat-other/b.yaml", "code: B\n"),
        ] {
            m.insert(Path::new(p), t.as_bytes()).unwrap_or_default();
        }
        m
    }

    #[test]
    fn memory_folders_exist_because_their_files_do() {
        let m = memory();
        assert_eq!(m.kind(Path::new("/cat")).ok(), Some(Kind::Dir));
        assert_eq!(m.kind(Path::new("/cat/lines/base.yaml")).ok(), Some(Kind::File));
        assert_eq!(m.kind(Path::new("/")).ok(), Some(Kind::Dir));
        assert!(m.kind(Path::new("/ca")).is_err(), "a prefix of a name is not a folder");
        let mut names: Vec<(String, Option<Kind>)> = m
            .list(Path::new("/cat"))
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .map(|e| (e.name, e.kind))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            names,
            [
                ("a.yaml".to_owned(), Some(Kind::File)),
                ("lines".to_owned(), Some(Kind::Dir)),
                ("loanspec.yaml".to_owned(), Some(Kind::File))
            ]
        );
        assert_eq!(m.read(Path::new("/cat/a.yaml"), 3), Err(ReadProblem::TooLarge(8)));
        assert_eq!(m.read(Path::new("/cat"), 100), Err(ReadProblem::NotAFile));
        assert_eq!(
            m.canonicalize(Path::new("/cat/lines/../a.yaml")).ok().as_deref(),
            Some(Path::new("/cat/a.yaml"))
        );
    }

    #[test]
    fn a_layer_adds_files_and_folders_and_hides_the_text_below() {
        let under = memory();
        let mut over = Memory::default();
        over.insert(Path::new("/cat/a.yaml"), b"code: A2\n".as_slice())
            .unwrap_or_default();
        over.insert(Path::new("/cat/new/c.yaml"), b"code: C\n".as_slice())
            .unwrap_or_default();
        let view = Layered::new(&over, &under);
        assert_eq!(
            view.read(Path::new("/cat/a.yaml"), 100).ok(),
            Some(b"code: A2\n".to_vec())
        );
        assert_eq!(
            view.read(Path::new("/cat-other/b.yaml"), 100).ok(),
            Some(b"code: B\n".to_vec())
        );
        assert_eq!(view.kind(Path::new("/cat/new")).ok(), Some(Kind::Dir));
        let mut names: Vec<String> = view
            .list(Path::new("/cat"))
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .map(|e| e.name)
            .collect();
        names.sort();
        assert_eq!(names, ["a.yaml", "lines", "loanspec.yaml", "new"]);
    }
}
