//! `--format junit`: JUnit XML, as Jenkins (junit plugin) and GitLab (`artifacts:reports:junit`)
//! read it. One `<testsuite>` per file, one `<testcase>` per product (or product line) in it, a
//! `<failure>` per error-level finding; warnings and notes go to the case's `<system-out>`.
//! Files that were only read because they hold a finding (`loanspec.yaml`) get a suite too, and
//! findings about the whole run one named `loanspec`. No times or timestamps: the same catalogue
//! gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{Diagnostic, Report, Severity};

/// One suite: its name (the file), the test case's name and class, and its findings.
struct Suite<'a> {
    case: String,
    class: String,
    findings: Vec<&'a Diagnostic>,
}

pub fn render_junit(report: &Report<'_>) -> String {
    let mut suites: BTreeMap<String, Suite<'_>> = BTreeMap::new();
    let display = |d: &Diagnostic| d.file().and_then(|f| report.sources.get(f)).map(|f| f.display.clone());
    for c in report.checked {
        let Some(file) = report.sources.get(c.file) else {
            continue;
        };
        let case = c.code.clone().unwrap_or_else(|| file_name(&file.display));
        suites.insert(file.display.clone(), suite(&file.display, case));
    }
    for d in report.diagnostics {
        let name = display(d).unwrap_or_else(|| String::from("loanspec"));
        let entry = suites.entry(name.clone()).or_insert_with(|| {
            let case = if d.file().is_some() {
                file_name(&name)
            } else {
                String::from("run")
            };
            suite(&name, case)
        });
        entry.findings.push(d);
    }

    // Counts are of test cases (one per suite), as the readers count them: a case with three
    // errors is one failed case with three `<failure>` elements.
    let tests = suites.len();
    let failures = suites.values().filter(|s| count_errors(s.findings.iter()) > 0).count();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = (|| -> Result<(), std::io::Error> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("testsuites")
            .with_attribute(("name", "loanspec"))
            .with_attribute(("tests", tests.to_string().as_str()))
            .with_attribute(("failures", failures.to_string().as_str()))
            .with_attribute(("errors", "0"))
            .write_inner_content(|w| {
                for (name, s) in &suites {
                    write_suite(w, name, s, report)?;
                }
                Ok::<(), std::io::Error>(())
            })?;
        Ok(())
    })();
    if written.is_err() {
        // Writing to memory does not fail; an empty document is still well-formed.
        return String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"loanspec\"/>\n");
    }
    let mut out = String::from_utf8_lossy(&w.into_inner()).into_owned();
    out.push('\n');
    out
}

fn suite(display: &str, case: String) -> Suite<'static> {
    Suite {
        case,
        class: class_name(display),
        findings: Vec::new(),
    }
}

fn count_errors<'a>(findings: impl Iterator<Item = &'a &'a Diagnostic>) -> usize {
    findings.filter(|d| d.severity == Severity::Error).count()
}

fn write_suite(w: &mut Writer<Vec<u8>>, name: &str, s: &Suite<'_>, report: &Report<'_>) -> Result<(), std::io::Error> {
    let failures = count_errors(s.findings.iter());
    let others: Vec<&&Diagnostic> = s.findings.iter().filter(|d| d.severity != Severity::Error).collect();
    w.create_element("testsuite")
        .with_attribute(("name", xml_text(name).as_str()))
        .with_attribute(("tests", "1"))
        .with_attribute(("failures", if failures > 0 { "1" } else { "0" }))
        .with_attribute(("errors", "0"))
        .with_attribute(("skipped", "0"))
        .write_inner_content(|w| {
            let case = w
                .create_element("testcase")
                .with_attribute(("name", xml_text(&s.case).as_str()))
                .with_attribute(("classname", xml_text(&s.class).as_str()))
                .with_attribute(("file", xml_text(name).as_str()));
            if failures == 0 && others.is_empty() {
                case.write_empty()?;
                return Ok(());
            }
            case.write_inner_content(|w| {
                for d in s.findings.iter().filter(|d| d.severity == Severity::Error) {
                    let summary = format!("{} {}: {}", d.code.code, d.code.name, d.message.get(report.lang));
                    w.create_element("failure")
                        .with_attribute(("message", xml_text(&summary).as_str()))
                        .with_attribute(("type", xml_text(&d.code.code).as_str()))
                        .write_text_content(BytesText::new(&xml_text(&detail(d, report))))?;
                }
                if !others.is_empty() {
                    let text: String = others.iter().map(|d| detail(d, report)).collect::<Vec<_>>().join("\n");
                    w.create_element("system-out")
                        .write_text_content(BytesText::new(&xml_text(&text)))?;
                }
                Ok::<(), std::io::Error>(())
            })?;
            Ok::<(), std::io::Error>(())
        })?;
    Ok(())
}

/// `path:line:column: severity[CODE name]: message`, then the help: what a CI log shows.
fn detail(d: &Diagnostic, report: &Report<'_>) -> String {
    let mut out = String::new();
    if let Some(label) = &d.primary {
        if let Some(file) = report.sources.get(label.file) {
            let at = file.line_col(label.span.start);
            let _ = write!(out, "{}:{}:{}: ", file.display, at.line, at.column);
        }
    }
    let _ = write!(
        out,
        "{}[{} {}]: {}",
        d.severity.as_str(),
        d.code.code,
        d.code.name,
        d.message.get(report.lang)
    );
    for help in d.help.iter().chain(&d.notes) {
        let _ = write!(out, "\n  help: {}", help.get(report.lang));
    }
    out
}

fn file_name(display: &str) -> String {
    display.rsplit(['/', '\\']).next().unwrap_or(display).to_owned()
}

/// The file without its extension: Jenkins reads the text after the last dot as the class.
fn class_name(display: &str) -> String {
    let path = display.replace('\\', "/");
    path.strip_suffix(".yaml").unwrap_or(&path).replace('.', "_")
}

/// XML 1.0 cannot carry most control characters, even escaped: each is made visible (its
/// picture, or U+FFFD), so a hostile value quoted in a message cannot make the report unreadable
/// or reach a terminal raw.
fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => super::visible_char(c),
        })
        .collect()
}
