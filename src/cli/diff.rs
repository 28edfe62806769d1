//! `loanspec diff OLD NEW` and `loanspec diff --against GIT_REF [PATH...]`: each product's
//! semantic changes, classified, with the sign-offs they need and whether its version fits.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode};

use serde_json::{Value, json};

use super::{Format, could_not_run, err, joined, out};
use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{Lang, Text, visible};
use loanspec::diff::Class;
use loanspec::diff::runs::{Entry, compare_runs};
use loanspec::model::word;
use loanspec::text;

/// Writes the catalogues holding `paths` as they were at `reference` into `dir`, and returns
/// the same paths inside it.
fn old_tree(reference: &str, paths: &[PathBuf], dir: &Path) -> Result<Vec<PathBuf>, Text> {
    let io = |e: std::io::Error| compile::discover::io_reason(&e);
    let git = |cwd: &Path, args: &[&str]| -> Result<Vec<u8>, Text> {
        let output = Process::new("git")
            .current_dir(cwd)
            .args(args)
            .output()
            .map_err(|e| text!("cannot run git: {e}", "无法运行 git：{e}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            Err(text!("git says: {said}", "git 报告：{said}"))
        }
    };
    let mut out = Vec::new();
    let mut written: BTreeSet<PathBuf> = BTreeSet::new();
    for path in paths {
        let canonical = path.canonicalize().map_err(|e| {
            let reason = io(e);
            text!(
                "`{path}`: {en}",
                "`{path}`：{zh}",
                path = path.display(),
                en = reason.en,
                zh = reason.zh
            )
        })?;
        let folder = if canonical.is_dir() {
            canonical.clone()
        } else {
            canonical.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let root = compile::discover::find_root(&folder).unwrap_or_else(|| folder.clone());
        let top = String::from_utf8_lossy(&git(&root, &["rev-parse", "--show-toplevel"])?)
            .trim()
            .to_owned();
        let top = PathBuf::from(top).canonicalize().map_err(io)?;
        let prefix = root.strip_prefix(&top).map_err(|_| {
            text!(
                "the catalogue is outside the git repository",
                "产品目录不在该 git 仓库中"
            )
        })?;
        let prefix_text = prefix.to_string_lossy().replace('\\', "/");
        let spec = if prefix_text.is_empty() {
            ".".to_owned()
        } else {
            prefix_text.clone()
        };
        if written.insert(root.clone()) {
            let list = git(&top, &["ls-tree", "-r", "-z", "--name-only", reference, "--", &spec])?;
            for name in list.split(|b| *b == 0).filter(|n| !n.is_empty()) {
                let name = String::from_utf8_lossy(name).into_owned();
                let bytes = git(&top, &["cat-file", "blob", &format!("{reference}:{name}")])?;
                let target = dir.join(&name);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                std::fs::write(&target, bytes).map_err(io)?;
            }
            std::fs::create_dir_all(dir.join(prefix)).map_err(io)?;
        }
        let inside = canonical.strip_prefix(&top).unwrap_or(&canonical);
        out.push(dir.join(inside));
    }
    Ok(out)
}

/// What happened to a product, in words (`status` in JSON stays the code).
fn status_word(e: &Entry, lang: Lang) -> &'static str {
    let (en, zh) = match e.status() {
        "unreadable" => ("unreadable", "无法读取"),
        "added" => ("added", "新增"),
        "removed" => ("removed", "已删除"),
        _ => ("changed", "有改动"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

pub(super) fn run(against: Option<&str>, paths: &[PathBuf], options: &Options, format: Format, lang: Lang) -> ExitCode {
    let temp;
    let (old_paths, new_paths): (Vec<PathBuf>, Vec<PathBuf>) = if let Some(reference) = against {
        // A reference is never an option to git.
        if reference.starts_with('-') || reference.is_empty() {
            err(text!(
                "loanspec: `{reference}` is not a git reference\n",
                "loanspec：`{reference}` 不是 git 引用\n"
            )
            .get(lang));
            return ExitCode::from(2);
        }
        {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths.to_vec()
            };
            temp = match tempfile::tempdir() {
                Ok(t) => t,
                Err(e) => {
                    let reason = compile::discover::io_reason(&e);
                    let reason = reason.get(lang);
                    err(text!(
                        "loanspec: cannot make a temporary folder: {reason}\n",
                        "loanspec：无法创建临时文件夹：{reason}\n"
                    )
                    .get(lang));
                    return ExitCode::from(2);
                }
            };
            match old_tree(reference, &paths, temp.path()) {
                Ok(old) => (old, paths),
                Err(e) => {
                    let e = e.get(lang);
                    err(text!(
                        "loanspec: cannot read `{reference}` from git: {e}\n",
                        "loanspec：无法从 git 读取 `{reference}`：{e}\n"
                    )
                    .get(lang));
                    return ExitCode::from(2);
                }
            }
        }
    } else {
        {
            let [old, new] = paths else {
                err(text!(
                    "loanspec: `diff` compares two paths, `diff OLD NEW`, or the working tree with a git ref, `diff --against REF [PATH...]`\n",
                    "loanspec：`diff` 比较两个路径（`diff 旧 新`），或用 `diff --against 引用 [路径...]` 与 git 版本比较\n"
                )
                .get(lang));
                return ExitCode::from(2);
            };
            (vec![old.clone()], vec![new.clone()])
        }
    };
    // A path that did not exist at the reference (a new catalogue) compares with nothing.
    let old_run = if old_paths.iter().all(|p| p.exists()) {
        match compile::run(&old_paths, options) {
            Ok(r) => r,
            Err(bad) => return could_not_run(&bad, lang),
        }
    } else {
        Run::default()
    };
    let new_run = match compile::run(&new_paths, options) {
        Ok(r) => r,
        Err(bad) => return could_not_run(&bad, lang),
    };
    let entries = compare_runs(&old_run, &new_run);
    out(&match format {
        Format::Json => json_report(&entries, lang),
        Format::Markdown => markdown(&entries, lang),
        _ => human(&entries, lang),
    });
    err(&super::unresolved_line(&new_run, lang));
    if entries.iter().any(Entry::blocking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        None => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn classes(e: &Entry) -> Vec<Class> {
    let set: BTreeSet<Class> = e.changes.iter().map(|(c, _)| c.class).collect();
    set.into_iter().collect()
}

fn human(entries: &[Entry], lang: Lang) -> String {
    let mut out = String::new();
    for e in entries {
        let (ov, nv) = (
            e.old_version.as_deref().unwrap_or("—"),
            e.new_version.as_deref().unwrap_or("—"),
        );
        let (code, status, file) = (visible(&e.code), status_word(e, lang), visible(&e.file));
        out.push_str(
            text!(
                "{code} {ov} → {nv} ({status}, {file})\n",
                "{code} {ov} → {nv}（{status}，{file}）\n"
            )
            .get(lang),
        );
        if let Some(which) = e.unreadable {
            let _ = match (lang, which) {
                (Lang::En, "old") => writeln!(
                    out,
                    "  ✗ the old version cannot be read, so nothing can be compared; see `loanspec check` on it"
                ),
                (Lang::En, _) => writeln!(
                    out,
                    "  ✗ the new version cannot be read, so nothing can be compared; run `loanspec check`"
                ),
                (Lang::Zh, "old") => writeln!(out, "  ✗ 旧版本无法读取，无法比较；请对其运行 `loanspec check`"),
                (Lang::Zh, _) => writeln!(out, "  ✗ 新版本无法读取，无法比较；请运行 `loanspec check`"),
            };
        }
        for (c, at) in &e.changes {
            let place = at
                .as_ref()
                .map(|(f, l, col)| format!("  {f}:{l}:{col}"))
                .unwrap_or_default();
            let class = if lang == Lang::Zh {
                c.class.zh()
            } else {
                c.class.as_str()
            };
            let _ = writeln!(
                out,
                "  {class:<18} {} {} → {}  ({}){}",
                visible(&c.pointer),
                visible(&value_text(c.old.as_ref())),
                visible(&value_text(c.new.as_ref())),
                c.why.get(lang),
                visible(&place)
            );
        }
        if e.status() == "removed" {
            out.push_str(
                text!(
                    "  ! the product is gone: retire it (`stage: retiring` with a successor) rather than delete it\n",
                    "  ! 产品被删除：应将其退出（`stage: retiring` 并指定接续产品），而不是直接删除\n"
                )
                .get(lang),
            );
        }
        if !e.needed.is_empty() {
            let list: Vec<String> = e
                .needed
                .iter()
                .map(|r| {
                    let mark = if e.recorded.contains(r) { "✓" } else { "✗" };
                    match lang {
                        Lang::En => format!("{} {mark}", word(r)),
                        Lang::Zh => format!("{}（{}）{mark}", word(r), loanspec::schema::said(r, lang)),
                    }
                })
                .collect();
            out.push_str(
                text!(
                    "  sign-offs needed: {list}\n",
                    "  需要的签批：{list}\n",
                    list = joined(&list, lang)
                )
                .get(lang),
            );
            if !e.missing().is_empty() {
                let missing: Vec<String> = e
                    .missing()
                    .iter()
                    .map(|r| format!("`{{ role: {}, by: …, date: … }}`", word(r)))
                    .collect();
                out.push_str(
                    text!(
                        "  ✗ add to `approvals`: {missing}\n",
                        "  ✗ 请在 `approvals` 中补充：{missing}\n",
                        missing = joined(&missing, lang)
                    )
                    .get(lang),
                );
            }
        }
        if let Some(p) = &e.version_problem {
            let _ = writeln!(out, "  ✗ {}", p.get(lang));
        }
    }
    let blocking = entries.iter().filter(|e| e.blocking()).count();
    let changed = entries.len();
    out.push_str(
        text!(
            "{changed} products changed; {blocking} need sign-offs or a version fix\n",
            "{changed} 个产品有改动；{blocking} 个需要补充签批或修正版本号\n"
        )
        .get(lang),
    );
    out
}

fn json_report(entries: &[Entry], lang: Lang) -> String {
    let products: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "code": e.code,
                "status": e.status(),
                "old_version": e.old_version,
                "new_version": e.new_version,
                "file": e.file,
                "classes": classes(e).iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                "changes": e.changes.iter().map(|(c, at)| json!({
                    "pointer": c.pointer,
                    "old": c.old,
                    "new": c.new,
                    "class": c.class.as_str(),
                    "why": c.why.get(lang),
                    "file": at.as_ref().map(|a| a.0.clone()),
                    "line": at.as_ref().map(|a| a.1),
                    "column": at.as_ref().map(|a| a.2),
                })).collect::<Vec<_>>(),
                "signoffs_needed": e.needed.iter().map(word).collect::<Vec<_>>(),
                "signoffs_recorded": e.recorded.iter().map(word).collect::<Vec<_>>(),
                "signoffs_missing": e.missing().iter().map(word).collect::<Vec<_>>(),
                "version_problem": e.version_problem.as_ref().map(|t| t.get(lang)),
                "unreadable": e.unreadable,
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "products": products,
        "summary": {
            "changed": entries.iter().filter(|e| e.status() == "changed").count(),
            "added": entries.iter().filter(|e| e.status() == "added").count(),
            "removed": entries.iter().filter(|e| e.status() == "removed").count(),
            "unreadable": entries.iter().filter(|e| e.unreadable.is_some()).count(),
            "blocking": entries.iter().filter(|e| e.blocking()).count(),
        },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn markdown(entries: &[Entry], lang: Lang) -> String {
    use loanspec::diagnostics::markdown_escape as md;
    let mut out = String::from(text!("## loanspec diff\n\n", "## loanspec 变更\n\n").get(lang));
    if entries.is_empty() {
        out.push_str(text!("No product changed.\n", "没有产品改动。\n").get(lang));
    }
    for e in entries {
        let (ov, nv) = (
            e.old_version.as_deref().unwrap_or("—"),
            e.new_version.as_deref().unwrap_or("—"),
        );
        let mark = if e.blocking() { "✗" } else { "✓" };
        let (code, ov, nv, status) = (md(&format!("`{}`", e.code)), md(ov), md(nv), status_word(e, lang));
        out.push_str(
            text!(
                "### {mark} {code} {ov} → {nv} ({status})\n\n",
                "### {mark} {code} {ov} → {nv}（{status}）\n\n"
            )
            .get(lang),
        );
        if e.unreadable.is_some() {
            out.push_str(
                text!(
                    "Could not be read ({file}): nothing compared; `loanspec check` shows why.\n\n",
                    "无法读取（{file}）：未比较；`loanspec check` 可查看原因。\n\n",
                    file = md(&e.file)
                )
                .get(lang),
            );
        }
        if !e.changes.is_empty() {
            out.push_str(
                text!(
                    "| class | field | old | new | where |\n|---|---|---|---|---|\n",
                    "| 类别 | 字段 | 原值 | 新值 | 位置 |\n|---|---|---|---|---|\n"
                )
                .get(lang),
            );
            for (c, at) in &e.changes {
                let place = at
                    .as_ref()
                    .map(|(f, l, _)| md(&format!("`{f}:{l}`")))
                    .unwrap_or_default();
                let class = if lang == Lang::Zh {
                    c.class.zh()
                } else {
                    c.class.as_str()
                };
                let _ = writeln!(
                    out,
                    "| {class} | {} | {} | {} | {place} |",
                    md(&format!("`{}`", c.pointer)),
                    md(&value_text(c.old.as_ref())),
                    md(&value_text(c.new.as_ref()))
                );
            }
            out.push('\n');
        }
        if !e.needed.is_empty() {
            let list: Vec<String> = e
                .needed
                .iter()
                .map(|r| {
                    let role = match lang {
                        Lang::En => word(r),
                        Lang::Zh => format!("{}（{}）", word(r), loanspec::schema::said(r, lang)),
                    };
                    if e.recorded.contains(r) {
                        format!("{role} ✓")
                    } else {
                        text!("{role} ✗ missing", "{role} ✗ 缺少").get(lang).to_owned()
                    }
                })
                .collect();
            out.push_str(text!("Sign-offs: {list}\n\n", "签批：{list}\n\n", list = joined(&list, lang)).get(lang));
        }
        if let Some(p) = &e.version_problem {
            let p = md(p.get(lang));
            out.push_str(text!("Version: ✗ {p}\n\n", "版本号：✗ {p}\n\n").get(lang));
        }
    }
    out
}
