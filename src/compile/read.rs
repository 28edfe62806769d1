//! Reading files: a spec, a config or a rates CSV, from the overlay or the disk, within the size cap and never blocking on a FIFO; registered in the run's sources with the finding that says why one could not be read.

use super::{Options, discover};
use crate::diagnostics;
use crate::diagnostics::{Diagnostic, codes};
use crate::files::{Files, Native, OpenProblem, ReadProblem};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax;
use crate::syntax::Limits;
use crate::text;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a file named on the command line (`--metrics`, `--baseline`) cannot be read, in the
/// words the run stops with; `None` when it can.
pub fn named_file_problem(path: &Path) -> Option<diagnostics::Text> {
    discover::readable(path).err()
}

/// A small text file named on the command line (a drawdown plan), read within the size cap,
/// never blocking on a FIFO; the reason when it cannot be.
pub fn read_named_text(path: &Path, limits: &Limits) -> Result<String, String> {
    match Native.read(path, limits.max_file_size) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned()),
        Err(ReadProblem::TooLarge(size)) => Err(format!("it is {size} bytes, over the size cap")),
        Err(ReadProblem::NotAFile) => Err(OpenProblem::NotAFile.to_string()),
        Err(ReadProblem::Io(reason)) => Err(reason),
    }
}

/// A file's bytes as the run sees it (an overlay's text for it, else its files), within the
/// size cap.
pub(super) fn read_text_of(path: &Path, options: &Options) -> Result<Vec<u8>, ReadProblem> {
    options.view().read(path, options.limits.max_file_size)
}

/// Reads a file and registers it; a file that cannot be read is registered empty with a
/// diagnostic, so the run goes on.
pub(super) fn register(
    path: &Path,
    root: &Path,
    cwd: &Path,
    options: &Options,
    sources: &mut SourceMap,
) -> (FileId, Option<Diagnostic>) {
    register_read(
        None,
        path,
        read_text_of(path, options),
        root,
        cwd,
        &options.limits,
        sources,
    )
}

/// One empty text shared by every unread spec of a large catalogue.
static EMPTY: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from(""));

/// Registers a spec whose text is not read: the catalogue index holds what the run needs of
/// it. If the run comes to need the text, [`register_read`] puts it in place.
pub(super) fn register_unread(
    path: &Path,
    rel: String,
    shown: &discover::Shown<'_>,
    sources: &mut SourceMap,
) -> FileId {
    let display = shown.path(path, &rel);
    sources.add(unread(path.to_path_buf(), display, rel))
}

/// Lets go of the text of spec `id`, read only for its summary: it is then registered as if
/// unread (see [`register_unread`]).
pub(super) fn forget_text(id: FileId, sources: &mut SourceMap) {
    let Some(read) = sources.get(id) else { return };
    let forgotten = unread(read.path.clone(), read.display.clone(), read.rel.clone());
    sources.replace(id, forgotten);
}

/// A spec's source without its text.
fn unread(path: PathBuf, display: String, rel: String) -> SourceFile {
    SourceFile::new(path, display, rel, Arc::clone(&EMPTY), false)
}

/// Registers a file read (or not: `read` says why), in the place of the file registered as
/// `slot` when one is given; a file that cannot be read is registered empty with a diagnostic,
/// so the run goes on.
pub(super) fn register_read(
    slot: Option<FileId>,
    path: &Path,
    read: Result<Vec<u8>, ReadProblem>,
    root: &Path,
    cwd: &Path,
    limits: &Limits,
    sources: &mut SourceMap,
) -> (FileId, Option<Diagnostic>) {
    let display = discover::display_path(path, cwd);
    let rel = discover::rel_path(path, root);
    let mut place = |file: SourceFile| match slot {
        Some(id) => {
            sources.replace(id, file);
            id
        }
        None => sources.add(file),
    };
    match read {
        Ok(bytes) => {
            let decoded = syntax::decode(&bytes);
            let id = place(SourceFile::new(
                path.to_path_buf(),
                display,
                rel,
                Arc::from(decoded.text),
                decoded.bom,
            ));
            (id, decoded.problem.map(|p| p.diagnostic(id)))
        }
        Err(problem) => {
            let id = place(SourceFile::new(path.to_path_buf(), display, rel, Arc::from(""), false));
            let d = match problem {
                ReadProblem::TooLarge(size) => {
                    let cap = limits.max_file_size;
                    let (size_mib, cap_mib) = (size / (1024 * 1024), cap / (1024 * 1024));
                    Diagnostic::new(
                        codes::FILE_TOO_LARGE,
                        text!("the file is {size} bytes, over the {cap}-byte cap", "文件大小为 {size} 字节，超过 {cap} 字节的上限"),
                    )
                    .help(text!(
                        "a spec is a few kilobytes; this file ({size_mib} MiB, cap {cap_mib} MiB) is probably not a spec. Raise the cap with `--max-file-size` if it is",
                        "规格文件一般只有几 KB；该文件（{size_mib} MiB，上限 {cap_mib} MiB）可能不是规格。如确实是，请用 `--max-file-size` 提高上限"
                    ))
                }
                ReadProblem::Io(reason) => Diagnostic::new(
                    codes::READ_ERROR,
                    text!("the file cannot be read: {reason}", "无法读取文件：{reason}"),
                )
                .help(text!(
                    "check that the file exists and that you may read it",
                    "请确认文件存在且有读取权限"
                )),
                ReadProblem::NotAFile => refusal_diagnostic(&discover::Refusal::NotAFile),
            };
            (id, Some(d.at(id, Span::empty(0))))
        }
    }
}

/// The finding for an entry of a catalogue that is refused instead of read.
pub(super) fn refusal_diagnostic(why: &discover::Refusal) -> Diagnostic {
    use discover::Refusal;
    match why {
        Refusal::Unreadable(reason) => Diagnostic::new(
            codes::READ_ERROR,
            text!(
                "this cannot be read: {reason}; no spec in it is checked",
                "无法读取：{reason}；其中的规格均未检查"
            ),
        )
        .help(text!(
            "give loanspec permission to read it (the whole catalogue must be readable), or move it out of the catalogue",
            "请授予读取权限（整个产品目录都须可读），或将其移出产品目录"
        )),
        Refusal::NotAFile => Diagnostic::new(
            codes::NOT_A_FILE,
            text!(
                "this has a spec's name but is not a regular file (a FIFO, socket or device); it is not read",
                "该项以规格文件命名，但不是普通文件（而是管道、套接字或设备）；未读取"
            ),
        )
        .help(text!(
            "a spec is a plain YAML file; remove this entry or rename it",
            "规格应是普通的 YAML 文件；请删除或重命名该项"
        )),
        Refusal::LinkOutside => Diagnostic::new(
            codes::LINK_OUTSIDE,
            text!(
                "this is a link to a place outside the catalogue; loanspec does not follow it, so nothing behind it is checked",
                "这是指向产品目录之外的链接；loanspec 不会跟随它，其指向的内容均未检查"
            ),
        )
        .help(text!(
            "keep every spec inside the catalogue's folder: copy or move the files in, and remove the link",
            "请把所有规格放在产品目录文件夹内：将文件复制或移入，并删除该链接"
        )),
        Refusal::Dangling => Diagnostic::new(
            codes::LINK_OUTSIDE,
            text!(
                "this is a link to nothing: the file it names does not exist",
                "这是一个失效的链接：它指向的文件不存在"
            ),
        )
        .help(text!(
            "remove the link, or put the spec it should name in its place",
            "请删除该链接，或在此处放入应有的规格文件"
        )),
        Refusal::ConfigName => Diagnostic::new(
            codes::MISNAMED_CONFIG,
            text!(
                "a catalogue config must be named `loanspec.yaml`; this one is neither read as the config nor as a spec",
                "产品目录配置文件必须命名为 `loanspec.yaml`；该文件既不会作为配置读取，也不会作为规格读取"
            ),
        )
        .help(text!(
            "rename it to `loanspec.yaml` (lower case, `.yaml`)",
            "请将其重命名为 `loanspec.yaml`（小写，扩展名 `.yaml`）"
        )),
    }
}

/// Registers an entry refused by discovery (with no text), with its finding.
pub(super) fn register_refused(
    refused: &discover::Refused,
    root: &Path,
    cwd: &Path,
    sources: &mut SourceMap,
) -> (FileId, Diagnostic) {
    let display = discover::display_path(&refused.path, cwd);
    let rel = discover::rel_path(&refused.path, root);
    let id = sources.add(SourceFile::new(
        refused.path.clone(),
        display,
        rel,
        Arc::from(""),
        false,
    ));
    (id, refusal_diagnostic(&refused.why).at(id, Span::empty(0)))
}
