//! Writing what loanspec produces: all or nothing, never through a link, never over a file it did
//! not write.
//!
//! **An output folder** (`compile -o DIR`) is built complete in a staging folder beside it,
//! `.DIR.loanspec-staging-PID-N`, every file created new (`O_EXCL`, `O_NOFOLLOW`, relative to the
//! staging folder's own descriptor), synced, and listed with its SHA-256 in a manifest,
//! `DIR/.loanspec-output.json`, written last. The staging folder then takes `DIR`'s place in one
//! step: `renameat2(RENAME_EXCHANGE)` on Linux (`RENAME_SWAP` on macOS) swaps the two, so at every
//! instant `DIR` is the previous output or the new one, complete. The previous output is then
//! deleted file by file from its manifest. Where the swap is not available, `DIR` is renamed
//! aside and the staging folder renamed in; a crash between the two leaves the previous output
//! beside, and the next run puts it back first.
//!
//! `DIR` must be new, empty, or a previous output: a folder with a manifest holding exactly the
//! files it lists. Anything else (a folder of other files, a file loanspec did not list, a link)
//! is refused, and nothing is deleted. Folders named `.DIR.loanspec-*` beside `DIR` are
//! loanspec's own: those left by a run that no longer runs (a `kill -9`) are cleaned by the
//! next one.
//!
//! **One file** (`--output`, `report -o`, `disclose -o`, `baseline write`) is written to a new
//! temporary file beside it and renamed over it; a link, a folder or a device at its place is
//! refused.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use crate::diagnostics::Text;
use crate::text;

/// The manifest of an output folder: every file loanspec wrote there, with its hash.
pub(crate) const MANIFEST: &str = ".loanspec-output.json";

/// Why an output could not be written.
#[derive(Debug)]
pub struct OutputError {
    pub message: Text,
}

impl OutputError {
    fn io(what: &Path, e: &io::Error) -> OutputError {
        let (path, e) = (what.display().to_string(), e.to_string());
        OutputError {
            message: text!("`{path}`: {e}", "`{path}`：{e}"),
        }
    }

    fn refused(message: Text) -> OutputError {
        OutputError { message }
    }
}

/// The absolute form of `path`, its parent created if need be and resolved, its last component
/// kept as written (a link there is judged, not followed).
fn place(path: &Path) -> Result<(PathBuf, String), OutputError> {
    let clean = crate::source::lexical_absolute(path).map_err(|e| OutputError::io(path, &e))?;
    let (Some(parent), Some(name)) = (clean.parent(), clean.file_name()) else {
        let shown = path.display().to_string();
        return Err(OutputError::refused(text!(
            "`{shown}` is not a place loanspec can write to; name a folder or file below it",
            "`{shown}` 不是可写入的位置；请指定其下的文件夹或文件"
        )));
    };
    fs::create_dir_all(parent).map_err(|e| OutputError::io(parent, &e))?;
    let parent = parent.canonicalize().map_err(|e| OutputError::io(parent, &e))?;
    Ok((parent, name.to_string_lossy().into_owned()))
}

/// The files of a previous output, from its manifest; `None` when the manifest is missing or is
/// not one loanspec wrote.
fn manifest_files(dir: &Path) -> Option<Vec<String>> {
    let text = fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    if value.get("tool").and_then(Value::as_str) != Some("loanspec") {
        return None;
    }
    value
        .get("files")?
        .as_array()?
        .iter()
        .map(|f| f.get("path").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Every entry below `dir`, as `/`-separated relative paths: files (and links, and anything else
/// that is not a folder) and folders apart.
fn entries(dir: &Path) -> io::Result<(BTreeSet<String>, BTreeSet<String>)> {
    let mut files = BTreeSet::new();
    let mut folders = BTreeSet::new();
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, rel)) = todo.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() { name } else { format!("{rel}/{name}") };
            if entry.file_type()?.is_dir() {
                folders.insert(path.clone());
                todo.push((entry.path(), path));
            } else {
                files.insert(path);
            }
        }
    }
    Ok((files, folders))
}

/// What is at an output folder's place now.
enum Current {
    Nothing,
    /// An empty folder.
    Empty,
    /// A previous output, holding only the files its manifest lists.
    Output,
}

/// Whether loanspec may replace what is at `target`: nothing, an empty folder, or a previous
/// output holding exactly the files its manifest lists, each a regular file.
fn current(target: &Path) -> Result<Current, OutputError> {
    let shown = target.display().to_string();
    let meta = match fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Current::Nothing),
        Err(e) => return Err(OutputError::io(target, &e)),
    };
    if meta.file_type().is_symlink() {
        return Err(OutputError::refused(text!(
            "`{shown}` is a link; loanspec does not write through links: name the folder itself",
            "`{shown}` 是一个链接；loanspec 不会通过链接写入：请指定文件夹本身"
        )));
    }
    if !meta.is_dir() {
        return Err(OutputError::refused(text!(
            "`{shown}` is not a folder; name a new or empty folder, or one loanspec wrote before",
            "`{shown}` 不是文件夹；请指定新的或空的文件夹，或 loanspec 之前写入的文件夹"
        )));
    }
    let (files, _) = entries(target).map_err(|e| OutputError::io(target, &e))?;
    if files.is_empty() {
        return Ok(Current::Empty);
    }
    let Some(listed) = manifest_files(target) else {
        return Err(OutputError::refused(text!(
            "`{shown}` holds files loanspec did not write (it has no {MANIFEST}); name a new or empty folder, so nothing of yours is replaced",
            "`{shown}` 中有不是 loanspec 写入的文件（没有 {MANIFEST}）；请指定新的或空的文件夹，以免覆盖您的文件"
        )));
    };
    let expected: BTreeSet<String> = listed.iter().cloned().chain([MANIFEST.to_owned()]).collect();
    if let Some(other) = files.difference(&expected).next() {
        let other = other.clone();
        return Err(OutputError::refused(text!(
            "`{shown}` holds `{other}`, which loanspec did not write; move it out first (the whole folder is replaced)",
            "`{shown}` 中有 `{other}`，不是 loanspec 写入的；请先将其移出（整个文件夹会被替换）"
        )));
    }
    for file in &listed {
        let path = target.join(file);
        let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        if !regular && path.exists() {
            return Err(OutputError::refused(text!(
                "`{shown}/{file}` is not the file loanspec wrote (a link or a folder is there now); move it out first",
                "`{shown}/{file}` 已不是 loanspec 写入的文件（现在是链接或文件夹）；请先将其移出"
            )));
        }
    }
    Ok(Current::Output)
}

/// Deletes a previous output that loanspec moved aside: the files its manifest lists, then the
/// folders left empty. Anything else stays (and so does the folder, then).
fn remove_output(dir: &Path) -> bool {
    let listed = manifest_files(dir).unwrap_or_default();
    for file in &listed {
        if Path::new(file).components().all(|c| matches!(c, Component::Normal(_))) {
            let _ = fs::remove_file(dir.join(file));
        }
    }
    let _ = fs::remove_file(dir.join(MANIFEST));
    let mut folders: Vec<String> = entries(dir).map(|(_, f)| f.into_iter().collect()).unwrap_or_default();
    // Deepest first.
    folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in folders {
        let _ = fs::remove_dir(dir.join(folder));
    }
    fs::remove_dir(dir).is_ok()
}

/// The prefix of loanspec's own folders beside an output named `name`.
fn debris_prefix(name: &str) -> String {
    format!(".{name}.loanspec-")
}

fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
            .is_none_or(
                |pid| !matches!(rustix::process::test_kill_process(pid), Err(e) if e == rustix::io::Errno::SRCH),
            )
    }
    #[cfg(not(unix))]
    {
        pid == std::process::id()
    }
}

/// Cleans what an interrupted run left beside `parent/name`: a previous output moved aside
/// (put back if `name` is gone, else deleted from its manifest) and staging folders (deleted).
/// Only folders of runs that no longer run are touched.
fn clean_debris(parent: &Path, name: &str) {
    let prefix = debris_prefix(name);
    let Ok(list) = fs::read_dir(parent) else { return };
    let mut found: Vec<(PathBuf, String)> = list
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let rest = n.strip_prefix(&prefix)?.to_owned();
            Some((e.path(), rest))
        })
        .collect();
    found.sort();
    let target = parent.join(name);
    for (path, rest) in found {
        let mut parts = rest.split('-');
        let (kind, pid) = (
            parts.next().unwrap_or(""),
            parts.next().and_then(|p| p.parse::<u32>().ok()),
        );
        let Some(pid) = pid else { continue };
        if alive(pid) || !fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        match kind {
            "old" if !target.exists() && manifest_files(&path).is_some() => {
                // Moved aside, and the new output never took its place: put it back.
                let _ = fs::rename(&path, &target);
            }
            "old" => {
                remove_output(&path);
            }
            "staging" if manifest_files(&path).is_some() => {
                // A complete output: the previous one, swapped out, or a new one never swapped in.
                remove_output(&path);
            }
            "staging" => {
                // Killed while writing: nothing in it was published.
                let _ = fs::remove_dir_all(&path);
            }
            _ => {}
        }
    }
}

fn unique(parent: &Path, name: &str, kind: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    parent.join(format!("{}{kind}-{}-{nanos}", debris_prefix(name), std::process::id()))
}

/// A relative output path made of plain names only.
fn checked_name(name: &str) -> Result<Vec<&str>, OutputError> {
    let parts: Vec<&str> = name.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == ".." || p.contains('\\') || p.starts_with(".loanspec"))
    {
        let shown = name.to_owned();
        return Err(OutputError::refused(text!(
            "`{shown}` is not a file name loanspec writes",
            "`{shown}` 不是 loanspec 会写入的文件名"
        )));
    }
    Ok(parts)
}

/// Writes `files` (relative `/`-separated name, contents) as the whole content of the folder
/// `dir`, in one step (see the module's documentation). Returns the paths written.
pub fn publish_folder(dir: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>, OutputError> {
    let (parent, name) = place(dir)?;
    clean_debris(&parent, &name);
    let target = parent.join(&name);
    let current = current(&target)?;
    let staging = unique(&parent, &name, "staging");
    let written = match stage(&staging, files) {
        Ok(()) => files.iter().map(|(n, _)| target.join(n)).collect(),
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let swapped = match current {
        Current::Nothing => fs::rename(&staging, &target)
            .map(|()| None)
            .map_err(|e| OutputError::io(&target, &e)),
        Current::Empty | Current::Output => swap(&staging, &target, &parent, &name),
    };
    match swapped {
        Ok(old) => {
            if let Some(old) = old {
                if manifest_files(&old).is_some() {
                    remove_output(&old);
                } else {
                    let _ = fs::remove_dir(&old);
                }
            }
            sync_dir(&parent);
            Ok(written)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Puts `staging` in `target`'s place in one step; returns where the previous content is now.
fn swap(staging: &Path, target: &Path, parent: &Path, name: &str) -> Result<Option<PathBuf>, OutputError> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            return Ok(Some(staging.to_path_buf()));
        }
    }
    // No atomic swap here: move the previous output aside, then the new one in. A crash between
    // the two leaves the previous output aside, which the next run puts back.
    let aside = unique(parent, name, "old");
    fs::rename(target, &aside).map_err(|e| OutputError::io(target, &e))?;
    if let Err(e) = fs::rename(staging, target) {
        let _ = fs::rename(&aside, target);
        return Err(OutputError::io(target, &e));
    }
    Ok(Some(aside))
}

/// Writes every file into the new folder `staging`, then the manifest.
fn stage(staging: &Path, files: &[(String, String)]) -> Result<(), OutputError> {
    let root = NewDir::create(staging).map_err(|e| OutputError::io(staging, &e))?;
    let mut listed = Vec::new();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for (name, contents) in files {
        let parts = checked_name(name)?;
        if !names.insert(name) {
            let shown = name.clone();
            return Err(OutputError::refused(text!(
                "two outputs would both be `{shown}`",
                "两个输出都将写入 `{shown}`"
            )));
        }
        let (file, folders) = parts
            .split_last()
            .ok_or_else(|| OutputError::refused(text!("an output has no file name", "有一个输出没有文件名")))?;
        let mut dir = root.clone_handle().map_err(|e| OutputError::io(staging, &e))?;
        for folder in folders {
            dir = dir
                .subdir(folder)
                .map_err(|e| OutputError::io(&staging.join(name), &e))?;
        }
        dir.create_file(file, contents.as_bytes())
            .map_err(|e| OutputError::io(&staging.join(name), &e))?;
        listed.push(json!({
            "path": name,
            "bytes": contents.len(),
            "sha256": crate::source::sha256_hex(contents.as_bytes()),
        }));
    }
    listed.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    let manifest = json!({
        "tool": "loanspec",
        "version": 1,
        "about": "every file loanspec wrote in this folder, with its SHA-256; the folder holds exactly these",
        "files": listed,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    root.create_file(MANIFEST, text.as_bytes())
        .map_err(|e| OutputError::io(&staging.join(MANIFEST), &e))?;
    root.sync().map_err(|e| OutputError::io(staging, &e))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A folder loanspec created, written through its own descriptor: a link put in its place, or
/// in place of a folder below it, cannot redirect a write.
#[cfg(unix)]
struct NewDir(std::os::fd::OwnedFd);

#[cfg(unix)]
impl NewDir {
    fn flags() -> rustix::fs::OFlags {
        use rustix::fs::OFlags;
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
    }

    fn create(path: &Path) -> io::Result<NewDir> {
        use rustix::fs::{CWD, Mode, mkdirat, openat};
        mkdirat(CWD, path, Mode::from_raw_mode(0o755))?;
        Ok(NewDir(openat(CWD, path, Self::flags(), Mode::empty())?))
    }

    fn clone_handle(&self) -> io::Result<NewDir> {
        Ok(NewDir(self.0.try_clone()?))
    }

    fn subdir(&self, name: &str) -> io::Result<NewDir> {
        use rustix::fs::{Mode, mkdirat, openat};
        match mkdirat(&self.0, name, Mode::from_raw_mode(0o755)) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::EXIST => {}
            Err(e) => return Err(e.into()),
        }
        Ok(NewDir(openat(&self.0, name, Self::flags(), Mode::empty())?))
    }

    fn create_file(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        use rustix::fs::{Mode, OFlags, openat};
        let fd = openat(
            &self.0,
            name,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )?;
        let mut file = fs::File::from(fd);
        file.write_all(bytes)?;
        // Linux syncs the whole staging folder once, in `sync`; elsewhere each file here.
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        file.sync_all()?;
        Ok(())
    }

    /// Everything written so far reaches the disk before the output is swapped in (one
    /// `syncfs` on Linux rather than a sync per file: a catalogue of 10,000 products is 10,000
    /// files).
    fn sync(&self) -> io::Result<()> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        rustix::fs::syncfs(&self.0)?;
        rustix::fs::fsync(&self.0).map_err(Into::into)
    }
}

/// The same, by path, where there are no directory descriptors: every file created new.
#[cfg(not(unix))]
struct NewDir(PathBuf);

#[cfg(not(unix))]
impl NewDir {
    fn create(path: &Path) -> io::Result<NewDir> {
        fs::create_dir(path)?;
        Ok(NewDir(path.to_path_buf()))
    }

    fn clone_handle(&self) -> io::Result<NewDir> {
        Ok(NewDir(self.0.clone()))
    }

    fn subdir(&self, name: &str) -> io::Result<NewDir> {
        let path = self.0.join(name);
        match fs::create_dir(&path) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        Ok(NewDir(path))
    }

    fn create_file(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.0.join(name))?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn sync(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes one file: a new temporary file beside it (`.NAME.loanspec-PID-…`), synced, renamed
/// over it. What is at its place must be nothing or a regular file.
pub fn write_file(path: &Path, contents: &str) -> Result<(), OutputError> {
    let (parent, name) = place(path)?;
    let target = parent.join(&name);
    let shown = path.display().to_string();
    match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(OutputError::refused(text!(
                "`{shown}` is a link; loanspec does not write through links: name the file itself",
                "`{shown}` 是一个链接；loanspec 不会通过链接写入：请指定文件本身"
            )));
        }
        Ok(m) if !m.is_file() => {
            return Err(OutputError::refused(text!(
                "`{shown}` is not a regular file; name a file to write",
                "`{shown}` 不是普通文件；请指定要写入的文件"
            )));
        }
        _ => {}
    }
    clean_temps(&parent, &name);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{}{}-", debris_prefix(&name), std::process::id()))
        .suffix(".tmp")
        .tempfile_in(&parent)
        .map_err(|e| OutputError::io(&parent, &e))?;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| OutputError::io(temp.path(), &e))?;
    temp.persist(&target).map_err(|e| OutputError::io(&target, &e.error))?;
    sync_dir(&parent);
    Ok(())
}

/// Removes the temporary files of interrupted writes of `name` (runs that no longer run).
fn clean_temps(parent: &Path, name: &str) {
    let prefix = debris_prefix(name);
    let Ok(list) = fs::read_dir(parent) else { return };
    for entry in list.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix) else { continue };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if Path::new(&n).extension().is_some_and(|e| e == "tmp")
            && pid.is_some_and(|p| !alive(p))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<(String, String)> {
        names.iter().map(|n| ((*n).to_owned(), format!("{n}\n"))).collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        entries(dir).map(|(f, _)| f.into_iter().collect()).unwrap_or_default()
    }

    #[test]
    fn an_output_replaces_the_previous_one_whole_and_drops_removed_files() {
        let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = scratch.path().join("out");
        publish_folder(&out, &files(&["A.json", "B.json", "fineract/B/loanproduct.json"]))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            listing(&out),
            [MANIFEST, "A.json", "B.json", "fineract/B/loanproduct.json"]
        );
        publish_folder(&out, &files(&["A.json"])).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(listing(&out), [MANIFEST, "A.json"]);
        // Nothing of loanspec's own is left beside it.
        let beside: Vec<String> = fs::read_dir(scratch.path())
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(beside, ["out"]);
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_kept() {
        let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = scratch.path().join("out");
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        fs::write(out.join("notes.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
        assert!(publish_folder(&out, &files(&["A.json"])).is_err());
        assert_eq!(listing(&out), ["notes.txt"]);
        // A previous output with a file added by hand is refused too.
        fs::remove_file(out.join("notes.txt")).unwrap_or_else(|e| panic!("{e}"));
        publish_folder(&out, &files(&["A.json"])).unwrap_or_else(|e| panic!("{e:?}"));
        fs::write(out.join("mine.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
        let refused = publish_folder(&out, &files(&["B.json"]));
        assert!(refused.is_err_and(|e| e.message.en.contains("mine.txt")));
        assert_eq!(listing(&out), [MANIFEST, "A.json", "mine.txt"]);
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for bad in ["../x.json", "a//b.json", "/etc/x", ".loanspec-output.json"] {
            assert!(
                publish_folder(&scratch.path().join("out"), &files(&[bad])).is_err(),
                "{bad}"
            );
        }
        assert!(!scratch.path().join("out").exists());
    }

    #[test]
    fn debris_of_a_run_that_no_longer_runs_is_cleaned() {
        let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = scratch.path().join("out");
        publish_folder(&out, &files(&["A.json"])).unwrap_or_else(|e| panic!("{e:?}"));
        // A staging folder half written by a dead process, and one of a live one (this one).
        let dead = scratch.path().join(".out.loanspec-staging-2147483646-1");
        fs::create_dir_all(dead.join("fineract")).unwrap_or_else(|e| panic!("{e}"));
        fs::write(dead.join("B.json"), "half").unwrap_or_else(|e| panic!("{e}"));
        let live = scratch
            .path()
            .join(format!(".out.loanspec-staging-{}-1", std::process::id()));
        fs::create_dir_all(&live).unwrap_or_else(|e| panic!("{e}"));
        publish_folder(&out, &files(&["A.json", "C.json"])).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!dead.exists());
        assert!(live.exists());
        assert_eq!(listing(&out), [MANIFEST, "A.json", "C.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_written_through() {
        let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let victim = scratch.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap_or_else(|e| panic!("{e}"));
        let link = scratch.path().join("report.html");
        std::os::unix::fs::symlink(&victim, &link).unwrap_or_else(|e| panic!("{e}"));
        assert!(write_file(&link, "<html>").is_err());
        let folder_link = scratch.path().join("out");
        std::os::unix::fs::symlink(scratch.path(), &folder_link).unwrap_or_else(|e| panic!("{e}"));
        assert!(publish_folder(&folder_link, &files(&["victim.txt"])).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap_or_default(), "precious");
        // A plain file is replaced, and no temporary file stays.
        let plain = scratch.path().join("plain.md");
        fs::write(&plain, "old").unwrap_or_else(|e| panic!("{e}"));
        write_file(&plain, "new").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(fs::read_to_string(&plain).unwrap_or_default(), "new");
        assert!(
            fs::read_dir(scratch.path())
                .is_ok_and(|r| r.flatten().all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")))
        );
    }
}
