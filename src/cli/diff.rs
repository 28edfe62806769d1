//! `loanspec diff OLD NEW` and `loanspec diff --against GIT_REF [PATH...]`: each product's
//! semantic changes, classified, with the sign-offs they need and whether its version fits.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode};

use serde_json::{Value, json};

use super::{Format, could_not_run, err, out};
use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{Lang, visible};
use loanspec::diff::Class;
use loanspec::diff::runs::{Entry, compare_runs};
use loanspec::model::word;

/// Writes the catalogues holding `paths` as they were at `reference` into `dir`, and returns
/// the same paths inside it.
fn old_tree(reference: &str, paths: &[PathBuf], dir: &Path) -> Result<Vec<PathBuf>, String> {
    let git = |cwd: &Path, args: &[&str]| -> Result<Vec<u8>, String> {
        let output = Process::new("git")
            .current_dir(cwd)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
        }
    };
    let mut out = Vec::new();
    let mut written: BTreeSet<PathBuf> = BTreeSet::new();
    for path in paths {
        let canonical = path.canonicalize().map_err(|e| format!("`{}`: {e}", path.display()))?;
        let folder = if canonical.is_dir() {
            canonical.clone()
        } else {
            canonical.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let root = compile::discover::find_root(&folder).unwrap_or_else(|| folder.clone());
        let top = String::from_utf8_lossy(&git(&root, &["rev-parse", "--show-toplevel"])?)
            .trim()
            .to_owned();
        let top = PathBuf::from(top).canonicalize().map_err(|e| e.to_string())?;
        let prefix = root
            .strip_prefix(&top)
            .map_err(|_| "the catalogue is outside the git repository".to_owned())?;
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
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
            }
            std::fs::create_dir_all(dir.join(prefix)).map_err(|e| e.to_string())?;
        }
        let inside = canonical.strip_prefix(&top).unwrap_or(&canonical);
        out.push(dir.join(inside));
    }
    Ok(out)
}

pub(super) fn run(against: Option<&str>, paths: &[PathBuf], options: &Options, format: Format, lang: Lang) -> ExitCode {
    let temp;
    let (old_paths, new_paths): (Vec<PathBuf>, Vec<PathBuf>) = if let Some(reference) = against {
        // A reference is never an option to git.
        if reference.starts_with('-') || reference.is_empty() {
            err(&format!("loanspec: `{reference}` is not a git reference\n"));
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
                    err(&format!("loanspec: cannot make a temporary folder: {e}\n"));
                    return ExitCode::from(2);
                }
            };
            match old_tree(reference, &paths, temp.path()) {
                Ok(old) => (old, paths),
                Err(e) => {
                    err(&match lang {
                        Lang::En => format!("loanspec: cannot read `{reference}` from git: {e}\n"),
                        Lang::Zh => format!("loanspec：无法从 git 读取 `{reference}`：{e}\n"),
                    });
                    return ExitCode::from(2);
                }
            }
        }
    } else {
        {
            let [old, new] = paths else {
                err(match lang {
                    Lang::En => {
                        "loanspec: `diff` compares two paths, `diff OLD NEW`, or the working tree with a git ref, `diff --against REF [PATH...]`\n"
                    }
                    Lang::Zh => {
                        "loanspec：`diff` 比较两个路径（`diff 旧 新`），或用 `diff --against 引用 [路径...]` 与 git 版本比较\n"
                    }
                });
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
        let _ = writeln!(
            out,
            "{} {ov} → {nv} ({}, {})",
            visible(&e.code),
            e.status(),
            visible(&e.file)
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
            out.push_str(match lang {
                Lang::En => {
                    "  ! the product is gone: retire it (`stage: retiring` with a successor) rather than delete it\n"
                }
                Lang::Zh => "  ! 产品被删除：应将其退出（`stage: retiring` 并指定接续产品），而不是直接删除\n",
            });
        }
        if !e.needed.is_empty() {
            let list: Vec<String> = e
                .needed
                .iter()
                .map(|r| format!("{} {}", word(r), if e.recorded.contains(r) { "✓" } else { "✗" }))
                .collect();
            let _ = match lang {
                Lang::En => writeln!(out, "  sign-offs needed: {}", list.join(", ")),
                Lang::Zh => writeln!(out, "  需要的签批：{}", list.join("，")),
            };
            if !e.missing().is_empty() {
                let missing: Vec<String> = e
                    .missing()
                    .iter()
                    .map(|r| format!("`{{ role: {}, by: …, date: … }}`", word(r)))
                    .collect();
                let _ = match lang {
                    Lang::En => writeln!(out, "  ✗ add to `approvals`: {}", missing.join(", ")),
                    Lang::Zh => writeln!(out, "  ✗ 请在 `approvals` 中补充：{}", missing.join("，")),
                };
            }
        }
        if let Some(p) = &e.version_problem {
            let _ = writeln!(out, "  ✗ {p}");
        }
    }
    let blocking = entries.iter().filter(|e| e.blocking()).count();
    let _ = match lang {
        Lang::En => writeln!(
            out,
            "{} products changed; {blocking} need sign-offs or a version fix",
            entries.len()
        ),
        Lang::Zh => writeln!(
            out,
            "{} 个产品有改动；{blocking} 个需要补充签批或修正版本号",
            entries.len()
        ),
    };
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
                "version_problem": e.version_problem,
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
    let mut out = String::from(match lang {
        Lang::En => "## loanspec diff\n\n",
        Lang::Zh => "## loanspec 变更\n\n",
    });
    if entries.is_empty() {
        out.push_str(match lang {
            Lang::En => "No product changed.\n",
            Lang::Zh => "没有产品改动。\n",
        });
    }
    for e in entries {
        let (ov, nv) = (
            e.old_version.as_deref().unwrap_or("—"),
            e.new_version.as_deref().unwrap_or("—"),
        );
        let mark = if e.blocking() { "✗" } else { "✓" };
        let _ = writeln!(
            out,
            "### {mark} {} {} → {} ({})\n",
            md(&format!("`{}`", e.code)),
            md(ov),
            md(nv),
            e.status()
        );
        if e.unreadable.is_some() {
            let _ = match lang {
                Lang::En => writeln!(
                    out,
                    "Could not be read ({}): nothing compared; `loanspec check` shows why.\n",
                    md(&e.file)
                ),
                Lang::Zh => writeln!(
                    out,
                    "无法读取（{}）：未比较；`loanspec check` 可查看原因。\n",
                    md(&e.file)
                ),
            };
        }
        if !e.changes.is_empty() {
            out.push_str(match lang {
                Lang::En => "| class | field | old | new | where |\n|---|---|---|---|---|\n",
                Lang::Zh => "| 类别 | 字段 | 原值 | 新值 | 位置 |\n|---|---|---|---|---|\n",
            });
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
                .map(|r| format!("{} {}", word(r), if e.recorded.contains(r) { "✓" } else { "✗ missing" }))
                .collect();
            let _ = writeln!(out, "Sign-offs: {}\n", list.join(", "));
        }
        if let Some(p) = &e.version_problem {
            let _ = writeln!(out, "Version: ✗ {}\n", md(p));
        }
    }
    out
}
