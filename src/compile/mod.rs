//! The pipeline, orchestrated: find the catalogue, read and check every file (in parallel),
//! read the catalogue config, resolve each named product's `extends` chain, resolve benchmarks,
//! run the rules, and collect the findings for the files the user named.

pub mod baseline;
pub mod discover;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostics::{self, CheckedFile, Diagnostic, Label, Severity, codes, quote};
use crate::model::config::Bank;
use crate::model::config::{CatalogueConfig, RatesSource, RuleLevel};
use crate::model::product::{SourceInfo, SourceRef};
use crate::model::spec::Spec;
use crate::model::spec::Stage;
use crate::resolve::benchmarks::{self, Benchmarks, Fixing};
use crate::resolve::extends::{self, Node, Nodes};
use crate::resolve::{resolve_rate, to_product};
use crate::rules::suppress;
use crate::rules::{self, Pack, RuleContext, custom};
use crate::schema::{Compiled, FileLocator, Locate, RequiredMode};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax::{self, Document, Limits, push_pointer};
use crate::text;

pub use discover::BadPath;

#[derive(Clone, Debug)]
pub struct Options {
    /// The date benchmarks are resolved for.
    pub as_of: NaiveDate,
    pub limits: Limits,
    /// File paths in findings are shown relative to this folder; `None`: the current directory.
    pub display_base: Option<PathBuf>,
    /// Map each product to Apache Fineract's requests (`compile --target fineract`), reporting
    /// what it cannot express.
    pub fineract: bool,
    /// Leave out named files that are in no catalogue (`--only-catalogues`, the git hook's case).
    pub only_catalogues: bool,
    /// Texts that stand in for files (an editor's unsaved buffer, `check --stdin`): read as if
    /// saved at their path, which need not exist on disk.
    pub overlay: Overlay,
}

/// In-memory texts over the files on disk, by absolute path (its folder with links resolved,
/// as discovery names files).
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Overlay {
    /// `bytes` stand in for the file at `path` (relative to the current folder, or absolute).
    /// Fails when the folder that would hold it does not exist.
    pub fn insert(&mut self, path: &Path, bytes: Vec<u8>) -> std::io::Result<PathBuf> {
        let at = discover::absolute(path)?;
        self.files.insert(at.clone(), bytes);
        Ok(at)
    }

    pub fn get(&self, path: &Path) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

pub use crate::emit::CompiledProduct;

/// The outcome of a run: every file read, the findings for the named files, the products.
#[derive(Debug, Default)]
pub struct Run {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub products: Vec<CompiledProduct>,
    /// Findings not reported as problems: silenced by an inline `# loanspec: allow` (with its
    /// reason) or set aside by a `--baseline` entry; kept for SARIF, counted in the summary.
    pub silenced: Vec<diagnostics::Silenced>,
    /// A `--baseline` was applied (SARIF then marks results new or unchanged).
    pub baseline_given: bool,
    /// `signoffs:` of the (first) catalogue's `loanspec.yaml`, for `loanspec diff`.
    pub signoffs: Option<crate::model::config::SignOffPolicy>,
    /// Every product code of the catalogues read (named or context): Fineract short names are
    /// unique among them.
    pub codes: BTreeSet<String>,
    /// The named spec files, in path order: for formats that list what was checked (JUnit).
    pub checked: Vec<CheckedFile>,
    /// YAML files under a named folder that lie in no catalogue: not specs, left out.
    pub outside: usize,
    /// Named files left out by `--only-catalogues` (in no catalogue).
    pub skipped: usize,
    /// Named specs (not product lines) that did not become a product: unreadable, broken, or
    /// failing to resolve. `compile` writes nothing while there is one; `report`, `diff` and
    /// `monitor` name each. Every one has an error of its own in `diagnostics`.
    pub unresolved: Vec<CheckedFile>,
}

/// The folder paths in findings are shown from: `Options::display_base`, else the current one.
fn display_base(options: &Options) -> PathBuf {
    options
        .display_base
        .clone()
        .or_else(|| std::env::current_dir().ok())
        .and_then(|d| d.canonicalize().ok())
        .unwrap_or_default()
}

impl Run {
    /// Reads a file that is not a spec (a baseline, a metrics CSV) into the run's sources, so
    /// findings in it have places shown like the specs'. A file that cannot be read is
    /// registered empty, with the finding that says why.
    pub fn add_file(&mut self, path: &Path, options: &Options) -> (FileId, Option<Diagnostic>) {
        let cwd = display_base(options);
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let folder = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        register(&path, &folder, &cwd, options, &mut self.sources)
    }

    /// How many findings were silenced by `by`.
    pub fn silenced_by(&self, by: diagnostics::SilencedBy) -> usize {
        self.silenced.iter().filter(|s| s.by == by).count()
    }

    /// Named spec files checked.
    pub fn files(&self) -> usize {
        self.checked.len()
    }

    /// Named spec files that are products (not lines).
    pub fn product_files(&self) -> usize {
        self.checked.iter().filter(|c| !c.is_line).count()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A diagnostic and the file it is about (whose being named decides whether it is reported).
type Finding = (Option<FileId>, Diagnostic);

/// Checks (and resolves) the catalogues containing `paths`.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Run, BadPath> {
    let plan = discover::plan(paths, options.only_catalogues, &options.overlay)?;
    let cwd = display_base(options);
    let mut run = Run {
        outside: plan.outside,
        skipped: plan.skipped,
        ..Run::default()
    };
    let mut stale_candidates = Vec::new();
    for found in &plan.catalogues {
        let mut catalogue = Catalogue::load(found, &cwd, options, &mut run.sources);
        let mut outcome = catalogue.check(&run.sources, options);
        let compiled: BTreeSet<FileId> = outcome.products.iter().map(|p| p.file).collect();
        let erring: BTreeSet<FileId> = outcome
            .findings
            .iter()
            .filter(|(_, d)| d.is_error())
            .filter_map(|(subject, _)| *subject)
            .collect();
        for f in catalogue
            .files
            .iter()
            .filter(|f| catalogue.reported.contains(&f.id) && !f.is_line && !compiled.contains(&f.id))
        {
            let code = f.code();
            if !erring.contains(&f.id) {
                // Never dropped in silence: a spec that did not compile always says why.
                let shown = code.as_deref().map_or_else(|| "the spec".to_owned(), quote);
                outcome.findings.push((
                    Some(f.id),
                    Diagnostic::new(
                        codes::INTERNAL,
                        text!(
                            "{shown} could not be compiled, and loanspec found no error to say why",
                            "{shown} 无法编译，而 loanspec 未找到原因"
                        ),
                    )
                    .at(f.id, Span::empty(0))
                    .help(text!(
                        "please report this with the spec attached; until then the catalogue is not compiled",
                        "请附上该规格报告此问题；在此之前该产品目录不会被编译"
                    )),
                ));
            }
            run.unresolved.push(CheckedFile {
                file: f.id,
                code,
                is_line: false,
            });
        }
        run.products.extend(outcome.products);
        run.silenced.extend(outcome.suppressed);
        run.codes.extend(outcome.codes);
        if run.signoffs.is_none() {
            run.signoffs = catalogue.config.as_ref().and_then(|c| c.signoffs.clone());
        }
        run.checked.extend(
            catalogue
                .files
                .iter()
                .filter(|f| catalogue.reported.contains(&f.id))
                .map(|f| CheckedFile {
                    file: f.id,
                    code: f.code(),
                    is_line: f.is_line,
                }),
        );
        for (subject, d) in outcome.findings {
            let reported = subject.is_none_or(|f| catalogue.reported.contains(&f));
            if reported {
                run.diagnostics.push(d);
            }
        }
        if !found.has_config {
            run.diagnostics.push(no_config_warning(&found.root, &cwd));
        }
        if outcome.used_benchmark && catalogue.benchmarks.is_stale(options.as_of) {
            stale_candidates.push((catalogue.benchmarks.last().map(|f| f.date), catalogue.rates_label));
        }
    }
    if let Some((last, label)) = stale_candidates.into_iter().next() {
        run.diagnostics.push(stale_warning(last, label, options.as_of));
    }
    diagnostics::dedup(&mut run.diagnostics);
    diagnostics::sort(&mut run.diagnostics, &run.sources);
    run.products.sort_by(|a, b| a.product.code.cmp(&b.product.code));
    let by_display = |a: &CheckedFile, b: &CheckedFile| {
        run.sources
            .get(a.file)
            .map(|f| &f.display)
            .cmp(&run.sources.get(b.file).map(|f| &f.display))
    };
    run.checked.sort_by(by_display);
    run.unresolved.sort_by(by_display);
    Ok(run)
}

/// A catalogue without `loanspec.yaml` is checked with loanspec's defaults: said once, plainly,
/// so a rule that needs the bank's settings is not read as a fault of the spec.
fn no_config_warning(root: &Path, cwd: &Path) -> Diagnostic {
    let folder = discover::display_path(root, cwd);
    Diagnostic::new(
        codes::NO_CONFIG,
        text!(
            "there is no loanspec.yaml in `{folder}` or above it: it is checked as a catalogue with loanspec's defaults (no bank name, capital or funding cost, no rule levels, parameters or custom rules)",
            "`{folder}` 及其上级文件夹中没有 loanspec.yaml：按 loanspec 的默认设置作为产品目录检查（没有银行名称、资本、资金成本，也没有规则级别、参数或自定义规则）"
        ),
    )
    .help(text!(
        "create loanspec.yaml at the catalogue's root with at least `loanspec: 1` and the bank's `bank:` figures; or name the folder that holds it",
        "请在产品目录根文件夹中创建 loanspec.yaml，至少写 `loanspec: 1` 和本行的 `bank:` 信息；或指定包含它的文件夹"
    ))
}

fn stale_warning(last: Option<NaiveDate>, label: Option<Label>, as_of: NaiveDate) -> Diagnostic {
    let days = last.map_or(0, |l| (as_of - l).num_days());
    let last = last.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
    let as_of = as_of.format("%Y-%m-%d").to_string();
    let mut d = Diagnostic::new(
        codes::STALE_RATES,
        text!(
            "the last LPR fixing loanspec knows is {last}, {days} days before the as-of date {as_of}; LPR-based rates may be out of date",
            "loanspec 已知的最近一次 LPR 报价是 {last}，比检查日期 {as_of} 早 {days} 天；按 LPR 计算的利率可能已过时"
        ),
    )
    .help(text!(
        "add the fixings published since then to `rates:` in loanspec.yaml (a CSV file or a list), or check with `--as-of {last}`",
        "请在 loanspec.yaml 的 `rates:` 中补充此后公布的报价（CSV 文件或列表），或用 `--as-of {last}` 检查"
    ));
    if let Some(label) = label {
        d = d.at_label(label);
    }
    d
}

/// One spec file after reading, and after the schema check once it has had one.
struct SpecFile {
    id: FileId,
    doc: Option<Document>,
    /// No error-level problem of its own so far.
    ok: bool,
    is_line: bool,
    /// The schema check ran. Files read only for context (codes, or not a parent of a named
    /// product) skip it.
    checked: bool,
    lookalikes: Vec<(String, String, Diagnostic)>,
}

impl SpecFile {
    /// Its `code`, when it has one that is text.
    fn code(&self) -> Option<String> {
        self.doc
            .as_ref()
            .and_then(|d| d.value.get("code"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn unreadable(id: FileId) -> SpecFile {
        SpecFile {
            id,
            doc: None,
            ok: false,
            is_line: false,
            checked: true,
            lookalikes: Vec::new(),
        }
    }

    /// The schema check of the file on its own (units, keys, shapes).
    fn check(&mut self) -> Vec<Finding> {
        if self.checked {
            return Vec::new();
        }
        self.checked = true;
        let Some(doc) = &mut self.doc else {
            return Vec::new();
        };
        let mode = if self.is_line || doc.value.get("extends").is_some() {
            RequiredMode::OnlyInLists
        } else {
            RequiredMode::All
        };
        let mut diags = Compiled::product().check_document(doc, mode);
        diags.extend(Compiled::product().lookalike_warnings(&doc.value, std::mem::take(&mut self.lookalikes)));
        self.ok &= !diags.iter().any(Diagnostic::is_error);
        diags.into_iter().map(|d| (Some(self.id), d)).collect()
    }
}

struct Catalogue {
    root: PathBuf,
    files: Vec<SpecFile>,
    by_path: HashMap<PathBuf, FileId>,
    reported: BTreeSet<FileId>,
    findings: Vec<Finding>,
    config: Option<CatalogueConfig>,
    benchmarks: Benchmarks,
    rates_label: Option<Label>,
    /// Severity overrides, by rule code or custom rule id.
    rule_levels: BTreeMap<String, RuleLevel>,
    /// The `cn` pack as of the run's date, with the bank's parameters.
    pack: Pack,
    custom: Vec<custom::CompiledRule>,
    config_file: Option<FileId>,
    /// The catalogue has a `loanspec.yaml`.
    has_config: bool,
}

struct Outcome {
    codes: BTreeSet<String>,
    findings: Vec<Finding>,
    suppressed: Vec<diagnostics::Silenced>,
    products: Vec<CompiledProduct>,
    used_benchmark: bool,
}

enum ReadProblem {
    TooLarge(u64),
    NotAFile,
    Io(String),
}

/// Why a file could not be opened for reading.
pub enum OpenProblem {
    /// A FIFO, socket or device: never opened for a read that could block.
    NotAFile,
    Io(std::io::Error),
}

impl std::fmt::Display for OpenProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenProblem::NotAFile => f.write_str("it is not a regular file (a FIFO, socket or device)"),
            OpenProblem::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Opens a file for reading only if it is a regular file, without blocking on a FIFO or a
/// device: the open does not wait (`O_NONBLOCK`), and the type is checked on the open file.
pub fn open_regular(path: &Path) -> Result<fs::File, OpenProblem> {
    let mut options = fs::OpenOptions::new();
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

/// Why a file named on the command line (`--metrics`, `--baseline`) cannot be read, in the
/// words the run stops with; `None` when it can.
pub fn named_file_problem(path: &Path) -> Option<diagnostics::Text> {
    discover::readable(path).err()
}

/// A small text file named on the command line (a drawdown plan), read within the size cap,
/// never blocking on a FIFO; the reason when it cannot be.
pub fn read_named_text(path: &Path, limits: &Limits) -> Result<String, String> {
    match read_capped(path, limits.max_file_size) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned()),
        Err(ReadProblem::TooLarge(size)) => Err(format!("it is {size} bytes, over the size cap")),
        Err(ReadProblem::NotAFile) => Err(OpenProblem::NotAFile.to_string()),
        Err(ReadProblem::Io(reason)) => Err(reason),
    }
}

/// A file's bytes: the overlay's text for it, else the file on disk, within `cap` bytes.
fn read_text_of(path: &Path, options: &Options) -> Result<Vec<u8>, ReadProblem> {
    let cap = options.limits.max_file_size;
    match options.overlay.get(path) {
        Some(bytes) if bytes.len() as u64 > cap => Err(ReadProblem::TooLarge(bytes.len() as u64)),
        Some(bytes) => Ok(bytes.to_vec()),
        None => read_capped(path, cap),
    }
}

fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadProblem> {
    let file = open_regular(path).map_err(|e| match e {
        OpenProblem::NotAFile => ReadProblem::NotAFile,
        OpenProblem::Io(e) => ReadProblem::Io(e.to_string()),
    })?;
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

/// Reads a file and registers it; a file that cannot be read is registered empty with a
/// diagnostic, so the run goes on.
fn register(
    path: &Path,
    root: &Path,
    cwd: &Path,
    options: &Options,
    sources: &mut SourceMap,
) -> (FileId, Option<Diagnostic>) {
    register_read(path, read_text_of(path, options), root, cwd, &options.limits, sources)
}

fn register_read(
    path: &Path,
    read: Result<Vec<u8>, ReadProblem>,
    root: &Path,
    cwd: &Path,
    limits: &Limits,
    sources: &mut SourceMap,
) -> (FileId, Option<Diagnostic>) {
    let display = discover::display_path(path, cwd);
    let rel = discover::rel_path(path, root);
    match read {
        Ok(bytes) => {
            let decoded = syntax::decode(&bytes);
            let id = sources.add(SourceFile::new(
                path.to_path_buf(),
                display,
                rel,
                Arc::from(decoded.text),
                decoded.bom,
            ));
            (id, decoded.problem.map(|p| p.diagnostic(id)))
        }
        Err(problem) => {
            let id = sources.add(SourceFile::new(path.to_path_buf(), display, rel, Arc::from(""), false));
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
fn refusal_diagnostic(why: &discover::Refusal) -> Diagnostic {
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
fn register_refused(
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

fn is_line(doc: &Document) -> bool {
    doc.value.get("kind").and_then(Value::as_str) == Some("line")
}

/// Reads one spec file's YAML.
fn parse_file(id: FileId, sources: &SourceMap, limits: &Limits, pre: Option<Diagnostic>) -> (SpecFile, Vec<Finding>) {
    let Some(file) = sources.get(id) else {
        return (SpecFile::unreadable(id), Vec::new());
    };
    if let Some(d) = pre {
        return (SpecFile::unreadable(id), vec![(Some(id), d)]);
    }
    let parsed = syntax::parse(id, file, limits);
    let ok = !parsed.diagnostics.iter().any(Diagnostic::is_error);
    let findings = parsed.diagnostics.into_iter().map(|d| (Some(id), d)).collect();
    let Some(doc) = parsed.document else {
        return (SpecFile::unreadable(id), findings);
    };
    let is_line = is_line(&doc);
    (
        SpecFile {
            id,
            doc: Some(doc),
            ok,
            is_line,
            checked: false,
            lookalikes: parsed.lookalikes,
        },
        findings,
    )
}

impl Catalogue {
    fn load(found: &discover::Catalogue, cwd: &Path, options: &Options, sources: &mut SourceMap) -> Catalogue {
        let root = found.root.as_path();
        let named = &found.named;
        // Reading is I/O-bound and cheap; registration is sequential so file ids follow path order.
        let reads: Vec<(PathBuf, Result<Vec<u8>, ReadProblem>)> = found
            .specs
            .par_iter()
            .map(|p| (p.clone(), read_text_of(p, options)))
            .collect();
        let mut registered: Vec<(FileId, Option<Diagnostic>)> = reads
            .into_iter()
            .map(|(path, read)| register_read(&path, read, root, cwd, &options.limits, sources))
            .collect();
        registered.extend(
            found
                .refused
                .iter()
                .map(|r| register_refused(r, root, cwd, sources))
                .map(|(id, d)| (id, Some(d))),
        );
        let sources_ref: &SourceMap = sources;
        let parsed: Vec<(SpecFile, Vec<Finding>)> = registered
            .into_par_iter()
            .map(|(id, pre)| parse_file(id, sources_ref, &options.limits, pre))
            .collect();
        let mut files = Vec::new();
        let mut findings = Vec::new();
        for (file, f) in parsed {
            findings.extend(f);
            files.push(file);
        }
        let by_path: HashMap<PathBuf, FileId> = files
            .iter()
            .filter_map(|f| sources.get(f.id).map(|s| (s.path.clone(), f.id)))
            .collect();
        let reported: BTreeSet<FileId> = files
            .iter()
            .filter(|f| sources.get(f.id).is_some_and(|s| named.covers(&s.path)))
            .map(|f| f.id)
            .collect();
        // The named files get the schema check now; the rest of the catalogue is context, checked
        // only where a named product builds on it.
        let checks: Vec<Finding> = files
            .par_iter_mut()
            .filter(|f| reported.contains(&f.id))
            .flat_map_iter(SpecFile::check)
            .collect();
        findings.extend(checks);
        let mut catalogue = Catalogue {
            root: root.to_path_buf(),
            files,
            by_path,
            reported,
            findings,
            config: None,
            benchmarks: Benchmarks::embedded(),
            rates_label: None,
            rule_levels: BTreeMap::new(),
            pack: Pack::cn().on(options.as_of),
            custom: Vec::new(),
            config_file: None,
            has_config: found.has_config,
        };
        if found.has_config {
            catalogue.load_config(cwd, options, sources);
        }
        catalogue
    }

    fn load_config(&mut self, cwd: &Path, options: &Options, sources: &mut SourceMap) {
        let path = self.root.join(discover::CONFIG_FILE);
        let (id, pre) = register(&path, &self.root, cwd, options, sources);
        self.config_file = Some(id);
        if let Some(d) = pre {
            self.findings.push((None, d));
            return;
        }
        let Some(file) = sources.get(id).cloned() else {
            return;
        };
        let parsed = syntax::parse(id, &file, &options.limits);
        let failed = parsed.diagnostics.iter().any(Diagnostic::is_error);
        self.findings.extend(parsed.diagnostics.into_iter().map(|d| (None, d)));
        let Some(mut doc) = parsed.document else {
            return;
        };
        let mut diags = Compiled::catalogue().check_document(&mut doc, RequiredMode::All);
        diags.extend(Compiled::catalogue().lookalike_warnings(&doc.value, parsed.lookalikes));
        // An entry with an error is left out, already reported; the rest of the config still
        // applies, so one mistyped parameter does not switch off the bank's other settings.
        let bad: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.pointer.clone().unwrap_or_default())
            .collect();
        self.findings.extend(diags.into_iter().map(|d| (None, d)));
        if failed {
            return;
        }
        let Some(mut value) = without_entries(&doc.value, &bad) else {
            return;
        };
        // Custom rules are read one by one, keeping their places in the file.
        let raw_rules = value
            .as_object_mut()
            .and_then(|m| m.remove("custom_rules"))
            .and_then(|v| match v {
                Value::Array(items) => Some(items),
                _ => None,
            })
            .unwrap_or_default();
        let config: CatalogueConfig = match deserialize(&value) {
            Ok(c) => c,
            Err((message, pointer)) => {
                let locator = FileLocator { file: id, doc: &doc };
                self.findings
                    .push((None, crate::schema::internal(&message, &locator).pointer(pointer)));
                return;
            }
        };
        self.rates_label = doc.index().get("/rates").map(|n| Label::new(id, n.key_or_label()));
        self.apply_rates(&config, &doc, id, cwd, options, sources);
        self.apply_parameters(&config, &doc, id);
        let rules: Vec<(usize, custom::CustomRule)> = raw_rules
            .iter()
            .enumerate()
            .filter(|(_, raw)| !raw.is_null())
            .filter_map(|(i, raw)| deserialize(raw).ok().map(|r| (i, r)))
            .collect();
        let mut problems = Vec::new();
        self.custom = custom::compile(&rules, &doc, id, &mut problems);
        self.findings.extend(problems.into_iter().map(|d| (None, d)));
        self.read_rule_levels(&config, &doc, id);
        self.config = Some(config);
    }

    fn apply_rates(
        &mut self,
        config: &CatalogueConfig,
        doc: &Document,
        id: FileId,
        cwd: &Path,
        options: &Options,
        sources: &mut SourceMap,
    ) {
        match &config.rates {
            None => {}
            Some(RatesSource::Inline(list)) => {
                for f in list {
                    self.benchmarks.insert(Fixing {
                        date: f.date.0,
                        lpr1y: f.lpr1y.0,
                        lpr5y: f.lpr5y.0,
                        embedded: false,
                    });
                }
            }
            Some(RatesSource::Path(written)) => {
                let span = doc.index().get("/rates").map_or(Span::empty(0), |n| n.value);
                let shown = quote(written);
                let Ok(target) = extends::target_path(&self.root.join(discover::CONFIG_FILE), written, &self.root)
                else {
                    {
                        self.findings.push((
                            None,
                            Diagnostic::new(
                                codes::CONFIG_NOT_FOUND,
                                text!(
                                    "`rates` names {shown}, which is not a file inside the catalogue",
                                    "`rates` 指向的 {shown} 不是产品目录中的文件"
                                ),
                            )
                            .at(id, span)
                            .pointer("/rates")
                            .help(text!(
                                "write a path relative to loanspec.yaml, like `data/extra-fixings.csv`",
                                "请写相对于 loanspec.yaml 的路径，例如 `data/extra-fixings.csv`"
                            )),
                        ));
                        return;
                    }
                };
                let (csv_id, pre) = register(&target, &self.root, cwd, options, sources);
                if let Some(d) = pre {
                    self.findings.push((None, d));
                    return;
                }
                let Some(csv_file) = sources.get(csv_id).cloned() else {
                    return;
                };
                let (fixings, problems) = benchmarks::parse_csv(&csv_file.text, false);
                for problem in problems {
                    self.findings.push((None, csv_problem(&csv_file, csv_id, &problem)));
                }
                for f in fixings {
                    self.benchmarks.insert(f);
                }
            }
        }
    }

    /// The bank's own values for pack parameters (`parameters:`); the schema has checked names
    /// and units already.
    fn apply_parameters(&mut self, config: &CatalogueConfig, doc: &Document, id: FileId) {
        let Some(values) = &config.parameters else { return };
        for (name, value) in values {
            let Some(kind) = self.pack.param(name).map(|p| p.kind) else {
                continue;
            };
            match kind.read(value) {
                Ok(v) => self.pack.set(name, v),
                Err(e) => {
                    let pointer = push_pointer("/parameters", name);
                    let span = doc.index().get(&pointer).map_or(Span::empty(0), |n| n.label);
                    self.findings.push((
                        None,
                        Diagnostic::new(e.code, e.message)
                            .help(e.help)
                            .at(id, span)
                            .pointer(pointer),
                    ));
                }
            }
        }
    }

    /// Whether `code_or_name` names a rule a finding can be suppressed or configured under, and
    /// which code.
    fn rule_code(&self, code_or_name: &str) -> Option<String> {
        rules::find(code_or_name).map(|r| r.code.to_owned()).or_else(|| {
            self.custom
                .iter()
                .find(|c| c.id == code_or_name || c.name == code_or_name)
                .map(|c| c.id.clone())
        })
    }

    fn read_rule_levels(&mut self, config: &CatalogueConfig, doc: &Document, id: FileId) {
        let Some(levels) = &config.rules else { return };
        for (key, level) in levels {
            let pointer = push_pointer("/rules", key);
            let span = doc
                .index()
                .get(&pointer)
                .map_or(Span::empty(0), crate::syntax::NodeSpan::key_or_label);
            if let Some(rule) = rules::find(key).filter(|r| r.status == rules::Status::Removed) {
                // A retired rule never runs: a level for it would be dropped unseen.
                let code = rule.code;
                self.findings.push((
                    None,
                    Diagnostic::new(
                        codes::CONFIG_UNKNOWN_RULE,
                        text!(
                            "`{code}` is a retired rule and no longer runs, so this level has no effect",
                            "`{code}` 是已停用的规则，不再运行，此处设置的级别不起作用"
                        ),
                    )
                    .at(id, span)
                    .pointer(pointer)
                    .help(text!(
                        "remove it from `rules:`; `loanspec explain {code}` says why it was retired",
                        "请从 `rules:` 中删除；`loanspec explain {code}` 说明了停用的原因"
                    )),
                ));
                continue;
            }
            if let Some(rule) = rules::find(key) {
                self.rule_levels.insert(rule.code.to_owned(), *level);
                continue;
            }
            if let Some(custom) = self.custom.iter().find(|c| c.id == *key || c.name == *key) {
                self.rule_levels.insert(custom.id.clone(), *level);
                continue;
            }
            let shown = quote(key);
            let help = if let Some(info) = codes::find(key) {
                let code = info.code;
                text!(
                    "`{code}` reports a spec that cannot be read or resolved, so it cannot be turned off or down; only catalogue rules can (the README lists them)",
                    "`{code}` 报告的是无法读取或解析的规格，不能关闭或降级；只有目录规则可以（README 中列出了全部规则）"
                )
            } else {
                let best = rules::RULES
                    .iter()
                    .flat_map(|r| [r.code, r.name])
                    .map(|c| (c, strsim::jaro_winkler(&key.to_lowercase(), &c.to_lowercase())))
                    .filter(|(_, s)| *s >= 0.85)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(c, _)| c);
                match best {
                    Some(b) => text!("did you mean `{b}`?", "是不是想写 `{b}`？"),
                    None => text!(
                        "the README lists every rule's code and name",
                        "README 中列出了所有规则的代码和名称"
                    ),
                }
            };
            self.findings.push((
                None,
                Diagnostic::new(
                    codes::CONFIG_UNKNOWN_RULE,
                    text!("{shown} is not a rule", "{shown} 不是一条规则"),
                )
                .at(id, span)
                .pointer(pointer)
                .help(help),
            ));
        }
    }

    /// Schema-checks every file a named spec extends, directly or through others.
    fn check_parents(&mut self, sources: &SourceMap) -> Vec<Finding> {
        let mut needed = BTreeSet::new();
        let mut todo: Vec<FileId> = self.reported.iter().copied().collect();
        let docs: BTreeMap<FileId, &Document> = self
            .files
            .iter()
            .filter_map(|f| Some((f.id, f.doc.as_ref()?)))
            .collect();
        while let Some(id) = todo.pop() {
            let Some(written) = docs.get(&id).and_then(|d| extends::extends_of(d)) else {
                continue;
            };
            let Some(from) = sources.get(id).map(|f| f.path.clone()) else {
                continue;
            };
            let Ok(target) = extends::target_path(&from, written, &self.root) else {
                continue;
            };
            if let Some(parent) = self.by_path.get(&target) {
                if needed.insert(*parent) {
                    todo.push(*parent);
                }
            }
        }
        self.files
            .par_iter_mut()
            .filter(|f| needed.contains(&f.id))
            .flat_map_iter(SpecFile::check)
            .collect()
    }

    fn check(&mut self, sources: &SourceMap, options: &Options) -> Outcome {
        let mut findings = std::mem::take(&mut self.findings);
        findings.extend(self.check_parents(sources));
        findings.extend(self.duplicate_codes(sources));
        let product_codes: BTreeSet<String> = self
            .files
            .iter()
            .filter(|f| !f.is_line)
            .filter_map(|f| f.doc.as_ref()?.value.get("code")?.as_str().map(str::to_owned))
            .collect();
        let stages: BTreeMap<String, Option<Stage>> = self
            .files
            .iter()
            .filter_map(|f| {
                let doc = f.doc.as_ref()?;
                Some((
                    doc.value.get("code")?.as_str()?.to_owned(),
                    rules::catalogue::stage_of(&doc.value),
                ))
            })
            .collect();
        let nodes: Nodes<'_> = self
            .files
            .iter()
            .filter_map(|f| {
                Some((
                    f.id,
                    Node {
                        file: f.id,
                        doc: f.doc.as_ref()?,
                        ok: f.ok,
                    },
                ))
            })
            .collect();
        let by_path = &self.by_path;
        let lookup = |p: &Path| by_path.get(p).copied();
        let targets: Vec<FileId> = self
            .files
            .iter()
            .filter(|f| !f.is_line && f.ok && self.reported.contains(&f.id))
            .map(|f| f.id)
            .collect();
        let failures = custom::Failures::default();
        let suggestions = extends::Suggestions::default();
        let ctx = ProductContext {
            suggestions: &suggestions,
            successor_guesses: std::sync::Mutex::default(),
            nodes: &nodes,
            lookup: &lookup,
            sources,
            root: &self.root,
            benchmarks: &self.benchmarks,
            as_of: options.as_of,
            product_codes: &product_codes,
            stages: &stages,
            pack: &self.pack,
            bank: self.config.as_ref().and_then(|c| c.bank.as_ref()),
            custom: &self.custom,
            failures: &failures,
            rule_levels: &self.rule_levels,
            fineract: options.fineract,
            has_config: self.has_config,
        };
        let results: Vec<(Vec<Finding>, Option<CompiledProduct>, bool)> =
            targets.par_iter().map(|id| ctx.resolve(*id)).collect();
        // A product line's chain is checked too (a cycle or a missing parent is an error even
        // before a product uses the line); lines are not merged or compiled.
        for line in self
            .files
            .iter()
            .filter(|f| f.is_line && f.ok && self.reported.contains(&f.id))
        {
            if let Err(d) = extends::chain(line.id, &nodes, &lookup, sources, &self.root, &suggestions) {
                findings.push((Some(line.id), d));
            }
        }
        let mut products = Vec::new();
        let mut used_benchmark = false;
        for (f, product, benchmark) in results {
            findings.extend(f);
            products.extend(product);
            used_benchmark |= benchmark;
        }
        // A custom rule stopped by its step budget is not applied anywhere (see `Failures`).
        findings.retain(|(_, d)| !failures.is_stopped(&d.code.code));
        findings.extend(failures.into_diagnostics().into_iter().map(|d| (None, d)));
        findings.extend(self.catalogue_rules(sources, options.as_of));
        let findings = self.apply_levels(findings);
        let (findings, suppressed) = self.suppress(findings, sources);
        Outcome {
            codes: product_codes,
            findings,
            suppressed,
            products,
            used_benchmark,
        }
    }

    /// Runs the rules about the catalogue as a whole.
    fn catalogue_rules(&self, sources: &SourceMap, as_of: NaiveDate) -> Vec<Finding> {
        let entries: Vec<rules::catalogue::Entry<'_>> = self
            .files
            .iter()
            .filter_map(|f| {
                let doc = f.doc.as_ref()?;
                let text = |p: &str| doc.value.pointer(p).and_then(Value::as_str).map(str::to_owned);
                let extends = extends::extends_of(doc).and_then(|written| {
                    let from = sources.get(f.id)?.path.clone();
                    let target = extends::target_path(&from, written, &self.root).ok()?;
                    self.by_path.get(&target).copied()
                });
                Some(rules::catalogue::Entry {
                    file: f.id,
                    doc,
                    code: text("/code").unwrap_or_default(),
                    is_line: f.is_line,
                    stage: rules::catalogue::stage_of(&doc.value),
                    name_zh: text("/name/zh"),
                    name_en: text("/name/en"),
                    extends,
                })
            })
            .collect();
        let named = |f: FileId| self.reported.contains(&f);
        let ctx = rules::catalogue::CatalogueContext {
            entries: &entries,
            as_of,
            named: &named,
        };
        let off = |code: &str| self.rule_levels.get(code) == Some(&RuleLevel::Off);
        rules::run_catalogue(&ctx, &off)
            .into_iter()
            .map(|d| (d.file(), d))
            .collect()
    }

    /// Applies `rules:` severities from loanspec.yaml to rule and custom-rule findings.
    fn apply_levels(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|(subject, mut d)| {
                match self.rule_levels.get(d.code.code.as_ref()) {
                    Some(RuleLevel::Off) => return None,
                    Some(RuleLevel::Warn) => d.severity = Severity::Warning,
                    Some(RuleLevel::Error) => d.severity = Severity::Error,
                    None => {}
                }
                Some((subject, d))
            })
            .collect()
    }

    /// Applies the `# loanspec: allow` comments of the catalogue's files.
    fn suppress(&self, findings: Vec<Finding>, sources: &SourceMap) -> (Vec<Finding>, Vec<diagnostics::Silenced>) {
        let mut problems = Vec::new();
        let mut directives = Vec::new();
        let mut files: Vec<FileId> = self.files.iter().map(|f| f.id).collect();
        files.extend(self.config_file);
        for id in files {
            let Some(file) = sources.get(id) else { continue };
            if !file.text.contains("# loanspec:") {
                continue;
            }
            let mut found_problems = Vec::new();
            let found = suppress::directives(id, file, &mut found_problems);
            let known = |c: &str| self.rule_code(c);
            suppress::validate(&found, &known, &mut found_problems);
            problems.extend(found_problems.into_iter().map(|d| (Some(id), d)));
            directives.extend(found);
        }
        let mut out: Vec<Finding> = Vec::new();
        let mut rule_findings = Vec::new();
        let mut subjects = Vec::new();
        for (subject, d) in findings {
            if self.rule_code(&d.code.code).is_some() {
                subjects.push(subject);
                rule_findings.push(d);
            } else {
                out.push((subject, d));
            }
        }
        // Suppression keeps each finding's subject: apply per finding.
        let known = |c: &str| self.rule_code(c);
        let mut suppressed = Vec::new();
        let mut used = BTreeSet::new();
        for (subject, d) in subjects.into_iter().zip(rule_findings) {
            let (kept, silenced, hit) = suppress::apply(vec![d], &directives, sources, &known);
            out.extend(kept.into_iter().map(|d| (subject, d)));
            suppressed.extend(silenced);
            used.extend(hit);
        }
        // A suppression is unused only where the rules ran: a named file that could be read
        // and resolved (its only errors, if any, are rule findings).
        let unreadable: BTreeSet<FileId> = out
            .iter()
            .filter(|(_, d)| d.is_error() && self.rule_code(&d.code.code).is_none())
            .filter_map(|(s, _)| *s)
            .collect();
        let reportable = |f: FileId| {
            let is_spec = self.files.iter().any(|s| s.id == f);
            (!is_spec || self.reported.contains(&f)) && !unreadable.contains(&f)
        };
        let mut unused = Vec::new();
        suppress::unused(&directives, &used, &known, &reportable, &mut unused);
        out.extend(unused.into_iter().map(|d| (d.file(), d)));
        out.extend(problems);
        (out, suppressed)
    }

    /// Product codes are unique across the catalogue (lines included): an error at each place.
    fn duplicate_codes(&self, sources: &SourceMap) -> Vec<Finding> {
        let mut by_code: BTreeMap<&str, Vec<(FileId, &Document)>> = BTreeMap::new();
        for f in &self.files {
            let Some(doc) = &f.doc else { continue };
            let Some(code) = doc.value.get("code").and_then(Value::as_str) else {
                continue;
            };
            by_code.entry(code).or_default().push((f.id, doc));
        }
        let mut out = Vec::new();
        for (code, docs) in by_code.into_iter().filter(|(_, p)| p.len() > 1) {
            let places: Vec<(FileId, Span)> = docs
                .iter()
                .map(|(id, doc)| (*id, doc.index().get("/code").map_or(Span::empty(0), |n| n.value)))
                .collect();
            let shown = quote(code);
            for (id, span) in &places {
                let mut d = Diagnostic::new(
                    codes::DUPLICATE_CODE,
                    text!(
                        "the code {shown} is used by more than one spec",
                        "代码 {shown} 被多个规格使用"
                    ),
                )
                .at(*id, *span)
                .pointer("/code")
                .help(text!(
                    "give each product and product line a code of its own; core banking keys products by code",
                    "每个产品和产品线都要有自己的代码；核心系统按代码识别产品"
                ));
                let others = places.iter().filter(|(o, _)| o != id).map(|(other, other_span)| {
                    let where_ = sources.get(*other).map(|s| s.display.clone()).unwrap_or_default();
                    Label::new(*other, *other_span).with_message(text!("also used in {where_}", "{where_} 也使用了它"))
                });
                d = d.with_related(others, places.len() - 1);
                out.push((Some(*id), d));
            }
        }
        out
    }
}

/// A value the schema accepted but the model cannot hold (a number past what a decimal holds,
/// written as text): an invalid value at its place. Told apart by what stands at the pointer,
/// not by the error's wording: a scalar the model could not take is the designer's value; a
/// mapping, a list or nothing there means the schema and the model disagree, an internal error.
fn typed_error(message: &str, pointer: &str, value: &Value, locate: &dyn crate::schema::Locate) -> Diagnostic {
    let scalar = value.pointer(pointer).is_some_and(|v| !v.is_object() && !v.is_array());
    if !scalar {
        return crate::schema::internal(message, locate).pointer(pointer);
    }
    let key = pointer.rsplit('/').next().unwrap_or_default().to_owned();
    let mut d = Diagnostic::new(
        codes::INVALID_VALUE,
        text!(
            "`{key}` cannot be read: the value is too large or not in the form loanspec expects",
            "无法读取 `{key}`：数值过大或格式不符合要求"
        ),
    )
    .help(text!(
        "write a plain number in the usual range for this key, like `2`",
        "请填写该字段常用范围内的普通数字，例如 `2`"
    ))
    .pointer(pointer);
    if let Some((_, file, node)) = locate.locate_nearest(pointer) {
        d = d.at(file, node.label);
    }
    d
}

fn csv_problem(file: &SourceFile, id: FileId, problem: &benchmarks::CsvProblem) -> Diagnostic {
    let line = usize::try_from(problem.line).unwrap_or(1).max(1);
    let header = file.line_text(1);
    // Without a known column, `usize::MAX` is past the last cell: the whole row.
    let column = problem
        .column
        .and_then(|c| header.split(',').position(|h| h.trim() == c))
        .unwrap_or(usize::MAX);
    let span = file.csv_cell(line, column);
    let message = problem.message.clone();
    Diagnostic::new(
        codes::INVALID_FIXINGS,
        text!("this fixing cannot be read: {message}", "该报价无法读取：{message}"),
    )
    .at(id, span)
    .help(text!(
        "each row is `effective_date,lpr_1y_pct,lpr_5y_pct`, like `2026-04-20,3.00,3.50`",
        "每行格式为 `effective_date,lpr_1y_pct,lpr_5y_pct`，例如 `2026-04-20,3.00,3.50`"
    ))
}

/// Everything resolving one product needs, shared across threads.
struct ProductContext<'a> {
    nodes: &'a Nodes<'a>,
    suggestions: &'a extends::Suggestions,
    /// "Did you mean" for unknown successors, by successor.
    successor_guesses: std::sync::Mutex<BTreeMap<String, Option<String>>>,
    lookup: &'a (dyn Fn(&Path) -> Option<FileId> + Sync),
    sources: &'a SourceMap,
    root: &'a Path,
    benchmarks: &'a Benchmarks,
    as_of: NaiveDate,
    product_codes: &'a BTreeSet<String>,
    stages: &'a BTreeMap<String, Option<Stage>>,
    pack: &'a Pack,
    bank: Option<&'a Bank>,
    custom: &'a [custom::CompiledRule],
    /// `rules:` from loanspec.yaml: a rule set `off` is not run at all.
    rule_levels: &'a BTreeMap<String, RuleLevel>,
    failures: &'a custom::Failures,
    fineract: bool,
    has_config: bool,
}

impl ProductContext<'_> {
    /// Resolves one product: chain, merge, required keys, typed spec, rate, product, rules.
    fn resolve(&self, id: FileId) -> (Vec<Finding>, Option<CompiledProduct>, bool) {
        let subject = Some(id);
        let mut findings = Vec::new();
        let chain = match extends::chain(id, self.nodes, self.lookup, self.sources, self.root, self.suggestions) {
            Ok(c) => c,
            Err(d) => return (vec![(subject, d)], None, false),
        };
        let Some(merged) = extends::merge(&chain, self.nodes) else {
            return (findings, None, false);
        };
        let Some(own) = self.nodes.get(&id) else {
            return (findings, None, false);
        };
        let code = own
            .doc
            .value
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let value: &Value = &merged.value;
        let mut errors = false;
        if chain.len() > 1 {
            let diags = Compiled::product().check_merged(value, &merged.origins);
            for d in diags {
                errors |= d.is_error();
                findings.push((subject, self.inherited(d, id, own.doc, &code)));
            }
        }
        if errors {
            return (findings, None, false);
        }
        let spec: Spec = match deserialize(value) {
            Ok(s) => s,
            Err((message, pointer)) => {
                findings.push((subject, typed_error(&message, &pointer, value, &merged.origins)));
                return (findings, None, false);
            }
        };
        let Some(rate_spec) = &spec.rate else {
            return (findings, None, false);
        };
        let rate = match resolve_rate(rate_spec, self.benchmarks, self.as_of, &merged.origins) {
            Ok(r) => r,
            Err(d) => {
                findings.push((subject, self.inherited(d, id, own.doc, &code)));
                return (findings, None, false);
            }
        };
        let source = self.source_info(&chain);
        let product = match to_product(&spec, &rate, source, self.as_of, &merged.origins) {
            Ok(p) => p,
            Err(d) => {
                findings.push((subject, d));
                return (findings, None, false);
            }
        };
        if let Some(successor) = product.lifecycle.retirement.as_ref().and_then(|r| r.successor.as_ref()) {
            if !self.product_codes.contains(successor) {
                findings.push((subject, self.unknown_successor(successor, &merged.origins)));
            }
        }
        let parents: Vec<rules::Parent> = chain
            .iter()
            .rev()
            .skip(1)
            .filter_map(|f| {
                let doc = self.nodes.get(f)?.doc;
                let code = doc
                    .value
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                Some(rules::Parent {
                    file: *f,
                    code,
                    stage: rules::catalogue::stage_of(&doc.value),
                })
            })
            .collect();
        let ctx = RuleContext {
            spec: &spec,
            product: &product,
            rate: &rate,
            locate: &merged.origins,
            as_of: self.as_of,
            pack: self.pack,
            bank: self.bank,
            parents: &parents,
            stages: self.stages,
            benchmarks: self.benchmarks,
            has_config: self.has_config,
            apr_memo: std::cell::OnceCell::new(),
        };
        let off = |code: &str| self.rule_levels.get(code) == Some(&RuleLevel::Off);
        for d in rules::run(&ctx, &off) {
            findings.push((subject, self.inherited(d, id, own.doc, &code)));
        }
        for d in custom::evaluate(self.custom, &product, &merged.origins, self.failures, &off) {
            findings.push((subject, self.inherited(d, id, own.doc, &code)));
        }
        let extensions = collect_extensions(value);
        let used_benchmark = rate.benchmark.is_some();
        let mut fineract = None;
        if self.fineract {
            let npl_days = self
                .pack
                .number("npl_overdue_days")
                .and_then(|d| u32::try_from(d.trunc().mantissa()).ok())
                .unwrap_or(90);
            let mapped = crate::emit::fineract::map(&product, self.benchmarks.fixings(), self.as_of, npl_days);
            for n in mapped.notes {
                let info = if n.severity == Severity::Error {
                    codes::TARGET_CANNOT_REPRESENT
                } else {
                    codes::TARGET_LEFT_OUT
                };
                let mut d = Diagnostic::new(info, n.message).severity(n.severity).help(n.help);
                if let Some((_, file, node)) = merged.origins.locate_nearest(&n.pointer) {
                    d = d.at(file, node.label);
                }
                findings.push((subject, self.inherited(d.pointer(n.pointer), id, own.doc, &code)));
            }
            fineract = mapped.bundle;
        }
        (
            findings,
            Some(CompiledProduct {
                file: id,
                product,
                extensions,
                bank: self.bank.cloned(),
                fineract,
            }),
            used_benchmark,
        )
    }

    /// A finding located in a parent file also shows the product that inherits the value.
    fn inherited(&self, d: Diagnostic, product: FileId, doc: &Document, code: &str) -> Diagnostic {
        match d.file() {
            Some(file) if file != product => {
                let parent = self.sources.get(file).map(|f| f.display.clone()).unwrap_or_default();
                let code_shown = quote(code);
                d.with_secondary(extends::inherited_label(product, doc, code))
                    .note(text!(
                        "{code_shown} inherits this value from {parent}",
                        "{code_shown} 从 {parent} 继承了该值"
                    ))
            }
            _ => d,
        }
    }

    fn unknown_successor(&self, successor: &str, origins: &dyn Locate) -> Diagnostic {
        let shown = quote(successor);
        // Once per distinct successor: many products may name the same retired one.
        let cached = self
            .successor_guesses
            .lock()
            .ok()
            .and_then(|g| g.get(successor).cloned());
        let best = cached.unwrap_or_else(|| {
            let best = self
                .product_codes
                .iter()
                .map(|c| (c, strsim::jaro_winkler(successor, c)))
                .filter(|(_, s)| *s >= 0.85)
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(c, _)| c.clone());
            if let Ok(mut guesses) = self.successor_guesses.lock() {
                guesses.insert(successor.to_owned(), best.clone());
            }
            best
        });
        let help = match best {
            Some(b) => text!("did you mean `{b}`?", "是不是想写 `{b}`？"),
            None => text!(
                "the successor must be a product of this catalogue, so its borrowers have somewhere to go",
                "后续产品必须是本产品目录中的产品，借款人才有去处"
            ),
        };
        let pointer = "/lifecycle/retirement/successor";
        let d = Diagnostic::new(
            codes::UNKNOWN_SUCCESSOR,
            text!(
                "the successor {shown} is not a product of this catalogue",
                "后续产品 {shown} 不在本产品目录中"
            ),
        )
        .help(help)
        .pointer(pointer);
        match origins.locate(pointer) {
            Some((file, node)) => d.at(file, node.label),
            None => d,
        }
    }

    fn source_info(&self, chain: &[FileId]) -> SourceInfo {
        let rel = |id: &FileId| {
            self.sources
                .get(*id)
                .map(|f| (f.rel.clone(), f.sha256().to_owned()))
                .unwrap_or_default()
        };
        let (path, sha256) = chain.last().map(rel).unwrap_or_default();
        let extends = chain
            .iter()
            .rev()
            .skip(1)
            .map(|id| {
                let (path, sha256) = rel(id);
                SourceRef { path, sha256 }
            })
            .collect();
        SourceInfo { path, sha256, extends }
    }
}

fn serde_pointer<E>(e: &serde_path_to_error::Error<E>) -> String {
    let mut pointer = String::new();
    for segment in e.path() {
        let token = match segment {
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            serde_path_to_error::Segment::Map { key } | serde_path_to_error::Segment::Enum { variant: key } => {
                key.clone()
            }
            serde_path_to_error::Segment::Unknown => continue,
        };
        pointer = push_pointer(&pointer, &token);
    }
    pointer
}

/// The config without the entries that have errors: a parameter, a rule level, a custom rule,
/// a bank figure, a fixing of a `rates:` list, or a top-level key. A custom rule is blanked to
/// `null` rather than removed so the others keep their places. `None` when the error is at the
/// root.
fn without_entries(value: &Value, bad: &[String]) -> Option<Value> {
    let mut value = value.clone();
    // Bad fixings of a `rates:` list are removed after the loop, highest index first, so the
    // indices of the others still hold; the good fixings still count.
    let mut bad_fixings: BTreeSet<usize> = BTreeSet::new();
    for pointer in bad {
        let tokens: Vec<String> = pointer.split('/').skip(1).map(crate::syntax::last_token).collect();
        let map = value.as_object_mut()?;
        match tokens.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] | ["loanspec", ..] => return None,
            ["custom_rules", index, ..] => {
                let slot = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| map.get_mut("custom_rules")?.as_array_mut()?.get_mut(i));
                if let Some(slot) = slot {
                    *slot = Value::Null;
                }
            }
            ["rates", index, ..] if map.get("rates").is_some_and(Value::is_array) => match index.parse::<usize>() {
                Ok(i) => {
                    bad_fixings.insert(i);
                }
                Err(_) => {
                    map.remove("rates");
                }
            },
            [top @ ("parameters" | "rules" | "bank"), key, ..] => {
                if let Some(Value::Object(inner)) = map.get_mut(*top) {
                    inner.remove(*key);
                }
            }
            [top, ..] => {
                map.remove(*top);
            }
        }
    }
    if let Some(Value::Array(list)) = value.get_mut("rates") {
        for i in bad_fixings.into_iter().rev() {
            if i < list.len() {
                list.remove(i);
            }
        }
    }
    Some(value)
}

/// Typed deserialization of a checked document (the bank's `x-` keys are ignored: the schema
/// has already rejected every other unknown key). It cannot fail after the schema check; if it
/// ever does, the slower path-tracking pass names the place (message, pointer).
fn deserialize<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    match T::deserialize(value) {
        Ok(t) => Ok(t),
        Err(_) => match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Ok(t),
            Err(e) => Err((e.inner().to_string(), serde_pointer(&e))),
        },
    }
}

/// The bank's `x-` keys of a document with their pointers, in pointer order (not descending
/// into `x-` values). Pointers are built only for the keys found.
fn collect_extensions(value: &Value) -> Vec<(String, Value)> {
    fn visit<'v>(value: &'v Value, path: &mut Vec<Cow<'v, str>>, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (k, child) in map {
                    if k.starts_with("x-") {
                        let pointer = path.iter().fold(String::new(), |p, t| push_pointer(&p, t));
                        out.push((push_pointer(&pointer, k), child.clone()));
                    } else if child.is_object() || child.is_array() {
                        path.push(Cow::Borrowed(k));
                        visit(child, path, out);
                        path.pop();
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        path.push(Cow::Owned(i.to_string()));
                        visit(child, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    visit(value, &mut Vec::new(), &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nowhere;

    impl crate::schema::Locate for Nowhere {
        fn locate(&self, _: &str) -> Option<(FileId, crate::syntax::NodeSpan)> {
            None
        }
    }

    /// A typed read that fails is the designer's value when a scalar stands at the pointer,
    /// whatever the error says; an internal error when the schema let a shape through that the
    /// model cannot take. (The wording of serde's messages decided this before.)
    #[test]
    fn a_typed_read_error_is_classified_by_what_stands_at_its_pointer() {
        let value = serde_json::json!({ "a": "9e400", "b": { "c": 1 } });
        let scalar = typed_error("number out of range", "/a", &value, &Nowhere);
        assert_eq!(scalar.code.code, codes::INVALID_VALUE.code);
        let shape = typed_error("invalid type: map", "/b", &value, &Nowhere);
        assert_eq!(shape.code.code, codes::INTERNAL.code);
        let missing = typed_error("missing field `d`", "/d", &value, &Nowhere);
        assert_eq!(missing.code.code, codes::INTERNAL.code);
    }
}
