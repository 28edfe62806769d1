//! The pipeline, orchestrated: find the catalogue, read and check every file (in parallel),
//! read the catalogue config, resolve each named product's `extends` chain, resolve benchmarks,
//! run the rules, and collect the findings for the files the user named.

pub mod baseline;
mod config;
pub mod discover;
mod index;
mod load;
mod notices;
mod product;
mod read;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostics::{self, CheckedFile, Diagnostic, Label, Severity, codes, quote};
use crate::model::config::{CatalogueConfig, RuleLevel};
use crate::model::spec::Stage;
use crate::resolve::benchmarks::Benchmarks;
use crate::resolve::extends::{self, Node, Nodes};
use crate::rules::suppress;
use crate::rules::{self, Pack, custom};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::Limits;
use crate::text;

use crate::files::{Files, Layered, Memory, Native};
pub use discover::BadPath;
use load::SpecFile;
use notices::{no_config_warning, pack_problems, stale_warning};
use product::{ProductContext, deserialize};
use read::register;
pub use read::{named_file_problem, read_named_text};

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
    /// Where the catalogue is read from: the disk ([`Native`], the default) or memory
    /// ([`crate::files::Memory`]).
    pub files: Arc<dyn Files>,
    /// Texts that stand in for files (an editor's unsaved buffer, `check --stdin`): read as if
    /// saved at their path, which need not exist.
    pub overlay: Overlay,
    /// Keep an index of each catalogue in its `.loanspec_cache/` folder, and take from it what
    /// the run needs of the specs it was not asked about, rather than reading them (see the
    /// index's documentation for when an entry is trusted). `--no-cache` turns it off.
    pub cache: bool,
    /// Whether each compiled product is kept in [`Run::products`].
    pub products: Products,
}

/// What a run does with the products it compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Products {
    /// Keep them in [`Run::products`]: `compile`, `report`, `monitor` and `diff` write or weigh
    /// them.
    Keep,
    /// Drop each as soon as it is judged: `check` and an editor need only the findings, and a
    /// catalogue of thousands of products then holds a few kilobytes less for each.
    Discard,
}

/// In-memory texts over the run's files (an editor's unsaved buffers), by absolute path (its
/// folder with links resolved, as discovery names files).
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    files: Memory,
}

impl Overlay {
    /// `bytes` stand in for the file at `path` (relative to the current folder, or absolute)
    /// on disk. Its folders need not exist either; fails only when the current folder cannot
    /// be read.
    pub fn insert(&mut self, path: &Path, bytes: Vec<u8>) -> std::io::Result<PathBuf> {
        self.insert_over(&Native, path, bytes)
    }

    /// [`Overlay::insert`] over `files` rather than the disk.
    pub(crate) fn insert_over(&mut self, files: &dyn Files, path: &Path, bytes: Vec<u8>) -> std::io::Result<PathBuf> {
        let at = files.absolute_new(path)?;
        self.files.insert_at(at.clone(), bytes.into());
        Ok(at)
    }
}

impl Options {
    /// The files as the run reads them: the overlay over [`Options::files`].
    pub(crate) fn view(&self) -> Layered<'_> {
        Layered::new(&self.overlay.files, &*self.files)
    }
}

pub use crate::emit::CompiledProduct;

/// The outcome of a run: every file read, the findings for the named files, the products.
#[derive(Debug, Default)]
pub struct Run {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    /// The products compiled, in code order; empty unless [`Options::products`] keeps them.
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
    /// Every spec of the catalogues read, named or read for context, in path order: which code
    /// is written in which file and which are product lines (an editor's go-to-definition and
    /// completion of `successor:` and `extends:`).
    pub specs: Vec<CheckedFile>,
    /// YAML files under a named folder that lie in no catalogue: not specs, left out.
    pub outside: usize,
    /// Named files left out by `--only-catalogues` (in no catalogue).
    pub skipped: usize,
    /// How many spec files' texts the run read: every spec of a catalogue it has no trusted
    /// index of, else the named ones and those it needed whole. Of a spec read only for its
    /// summary the text is not kept, so `sources` does not show this.
    pub texts_read: usize,
    /// How many named products were parsed only as they were judged, their trees dropped
    /// after (their summaries from a trusted index): a warm run over a large catalogue does not
    /// hold every tree at once.
    pub deferred: usize,
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
        .and_then(|d| options.view().canonicalize(&d).ok())
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

    /// Keeps the findings at `severity` or above (`--min-severity`); severities order error <
    /// warning < info.
    pub fn keep_at_least(&mut self, severity: Severity) {
        self.diagnostics.retain(|d| d.severity <= severity);
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
}

/// A diagnostic and the file it is about (whose being named decides whether it is reported).
type Finding = (Option<FileId>, Diagnostic);

/// A product judged: its findings, the product (or, when it is not kept, its file if it
/// compiled), and whether it used a benchmark rate.
type Judged = (Vec<Finding>, Result<CompiledProduct, Option<FileId>>, bool);

/// A catalogue to check, over some [`Files`]: the disk ([`Native`]), memory ([`Memory`]), and
/// any unsaved buffers laid over them. [`Workspace::check`] judges the catalogues containing
/// some paths; [`Workspace::check_text`] one document's text in its catalogue's context. The
/// command line, the language server and the tests all run through [`run`] and
/// [`check_text`], which take the same options.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub options: Options,
}

impl Workspace {
    /// A workspace over `files`, judged as of `as_of`, with the default limits, findings placed
    /// relative to `display_base`.
    pub fn new(files: Arc<dyn Files>, as_of: NaiveDate, display_base: Option<PathBuf>) -> Self {
        Workspace {
            options: Options {
                as_of,
                limits: Limits::default(),
                display_base,
                fineract: false,
                only_catalogues: false,
                files,
                overlay: Overlay::default(),
                cache: false,
                products: Products::Keep,
            },
        }
    }

    /// Lays an unsaved buffer over the file at `path` for the checks that follow.
    pub fn open(&mut self, path: &Path, text: &str) -> std::io::Result<PathBuf> {
        let files = Arc::clone(&self.options.files);
        self.options
            .overlay
            .insert_over(&*files, path, text.as_bytes().to_vec())
    }

    /// Checks (and resolves) the catalogues containing `paths`.
    pub fn check(&self, paths: &[PathBuf]) -> Result<Run, BadPath> {
        run(paths, &self.options)
    }

    /// Checks `text` as if it were saved at `path`, within its catalogue.
    pub fn check_text(&self, path: &Path, text: &str) -> Result<Run, BadPath> {
        check_text(path, text, &self.options)
    }
}

/// Checks `text` as if it were saved at `path`, within `path`'s catalogue (the files on disk
/// around it in `options.files`, and any other texts `options.overlay` holds): an editor's unsaved buffer. The
/// run's findings for `path` are placed in `text`.
pub fn check_text(path: &Path, text: &str, options: &Options) -> Result<Run, BadPath> {
    let mut options = options.clone();
    let files = Arc::clone(&options.files);
    let at = options
        .overlay
        .insert_over(&*files, path, text.as_bytes().to_vec())
        .map_err(|e| BadPath {
            path: path.to_path_buf(),
            reason: discover::io_reason(&e),
        })?;
    run(&[at], &options)
}

/// Builds what every run uses (the two compiled schemas, the embedded rule pack) on threads of
/// their own, once a process, while the first run reads its files: a short run then finds them
/// ready rather than building them one after another (the first use waits for one still being
/// built). A thread that cannot start leaves the building to the first use.
fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let jobs: [fn(); 3] = [
            || {
                crate::schema::Compiled::product();
            },
            || {
                crate::schema::Compiled::catalogue();
            },
            || {
                Pack::cn();
            },
        ];
        for job in jobs {
            let _ = std::thread::Builder::new().name("warm-up".into()).spawn(job);
        }
    });
}

/// Checks (and resolves) the catalogues containing `paths`.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Run, BadPath> {
    warm_up();
    let plan = discover::plan(paths, options.only_catalogues, &options.view())?;
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
        run.texts_read += catalogue.texts_read;
        run.deferred += catalogue.files.iter().filter(|f| f.is_deferred()).count();
        let compiled: BTreeSet<FileId> = outcome.compiled.iter().copied().collect();
        let erring: BTreeSet<FileId> = outcome
            .findings
            .iter()
            .filter(|(_, d)| d.is_error())
            .filter_map(|(subject, _)| *subject)
            .collect();
        for f in catalogue
            .files
            .iter()
            .filter(|f| catalogue.reported.contains(&f.id) && !f.is_line() && !compiled.contains(&f.id))
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
        run.specs.extend(outcome.specs);
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
                    is_line: f.is_line(),
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
            stale_candidates.push((
                catalogue.benchmarks.last().map(|f| f.date),
                catalogue.rates_label.take(),
            ));
        }
        // Its trees are freed beside what is left of the run (sorting, then drawing the
        // findings) rather than before it: for a large catalogue that is a few percent of it.
        drop_aside(catalogue);
    }
    // The embedded rule pack is read once; a pack that does not read in full would silence every
    // rule that needs a missing parameter, so it is an error of the run, never a quiet pass.
    // (Asked for last: by now it has been read on its own thread.)
    run.diagnostics.extend(pack_problems(crate::model::pack::cn_problems()));
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

/// Drops `value` on a thread of its own (or here, when no thread can be started).
fn drop_aside<T: Send + 'static>(value: T) {
    // A thread that cannot start drops its closure, and with it the value, at once.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
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
    /// Spec texts read so far (see [`Run::texts_read`]).
    texts_read: usize,
}

struct Outcome {
    codes: BTreeSet<String>,
    specs: Vec<CheckedFile>,
    findings: Vec<Finding>,
    suppressed: Vec<diagnostics::Silenced>,
    /// The products compiled, when the run keeps them ([`Options::products`]).
    products: Vec<CompiledProduct>,
    /// The files of every product compiled, kept or not.
    compiled: Vec<FileId>,
    used_benchmark: bool,
}

impl Catalogue {
    fn check(&mut self, sources: &SourceMap, options: &Options) -> Outcome {
        let mut findings = std::mem::take(&mut self.findings);
        let view = options.view();
        findings.extend(self.check_parents(sources, &view));
        let product_codes: BTreeSet<String> = self
            .files
            .iter()
            .filter(|f| !f.is_line())
            .filter_map(SpecFile::code)
            .collect();
        let stages: BTreeMap<String, Option<Stage>> = self
            .files
            .iter()
            .filter_map(|f| {
                let summary = f.summary.as_ref()?;
                Some((summary.code.clone()?, summary.stage))
            })
            .collect();
        let held: BTreeMap<FileId, Node<'_>> = self
            .files
            .iter()
            .filter_map(|f| {
                Some((
                    f.id,
                    Node {
                        doc: f.doc.as_ref()?,
                        ok: f.ok,
                    },
                ))
            })
            .collect();
        let nodes = Nodes::new(&held);
        let by_path = &self.by_path;
        let lookup = |p: &Path| by_path.get(p).copied();
        // Each with whether its parse waits until it is judged.
        let targets: Vec<(FileId, bool)> = self
            .files
            .iter()
            .filter(|f| !f.is_line() && f.ok && self.reported.contains(&f.id))
            .map(|f| (f.id, f.is_deferred()))
            .collect();
        let failures = custom::Failures::default();
        let suggestions = extends::Suggestions::new(
            self.files
                .iter()
                .filter(|f| f.summary.is_some())
                .map(|f| f.id)
                .collect(),
        );
        let ctx = ProductContext {
            suggestions: &suggestions,
            nodes,
            lookup: &lookup,
            sources,
            root: &self.root,
            files: &view,
            benchmarks: &self.benchmarks,
            as_of: options.as_of,
            product_codes: &rules::catalogue::ProductCodes::new(&product_codes),
            stages: &stages,
            pack: &self.pack,
            bank: self.config.as_ref().and_then(|c| c.bank.as_ref()),
            custom: &self.custom,
            failures: &failures,
            rule_levels: &self.rule_levels,
            fineract: options.fineract,
            has_config: self.has_config,
        };
        // A product not kept is dropped as soon as it is judged, not held to the end.
        let keep = options.products == Products::Keep;
        let results: Vec<Judged> = targets
            .par_iter()
            .map(|&(id, deferred)| {
                let (findings, product, benchmark) = if deferred {
                    ctx.resolve_deferred(id, &options.limits)
                } else {
                    ctx.resolve(id)
                };
                let product = match product {
                    Some(p) if keep => Ok(p),
                    Some(p) => Err(Some(p.file)),
                    None => Err(None),
                };
                (findings, product, benchmark)
            })
            .collect();
        // A product line's chain is checked too (a cycle or a missing parent is an error even
        // before a product uses the line); lines are not merged or compiled.
        for line in self
            .files
            .iter()
            .filter(|f| f.is_line() && f.ok && self.reported.contains(&f.id))
        {
            if let Err(d) = extends::chain(line.id, nodes, &lookup, sources, &self.root, &view, &suggestions) {
                findings.push((Some(line.id), d));
            }
        }
        let mut products = Vec::new();
        let mut compiled = Vec::new();
        let mut used_benchmark = false;
        for (f, product, benchmark) in results {
            findings.extend(f);
            match product {
                Ok(p) => {
                    compiled.push(p.file);
                    products.push(p);
                }
                Err(file) => compiled.extend(file),
            }
            used_benchmark |= benchmark;
        }
        // A custom rule stopped by its step budget is not applied anywhere (see `Failures`).
        findings.retain(|(_, d)| !failures.is_stopped(&d.code.code));
        findings.extend(failures.into_diagnostics().into_iter().map(|d| (None, d)));
        findings.extend(self.catalogue_rules(sources, options.as_of, &view));
        let findings = self.apply_levels(findings);
        let (findings, suppressed) = self.suppress(findings, sources);
        let specs = self
            .files
            .iter()
            .map(|f| CheckedFile {
                file: f.id,
                code: f.code(),
                is_line: f.is_line(),
            })
            .collect();
        Outcome {
            codes: product_codes,
            specs,
            findings,
            suppressed,
            products,
            compiled,
            used_benchmark,
        }
    }

    /// Runs the rules about the catalogue as a whole.
    fn catalogue_rules(&self, sources: &SourceMap, as_of: NaiveDate, files: &dyn Files) -> Vec<Finding> {
        // Which line each spec extends matters only to a named line (is it used?).
        let named_line = self.files.iter().any(|f| f.is_line() && self.reported.contains(&f.id));
        let entries: Vec<rules::catalogue::Entry<'_>> = self
            .files
            .iter()
            .filter_map(|f| {
                let summary = f.summary.as_deref()?;
                Some(rules::catalogue::Entry {
                    file: f.id,
                    display: sources.get(f.id).map_or("", |s| s.display.as_str()),
                    doc: f.doc.as_ref(),
                    summary,
                    extends: if named_line {
                        self.parent_of(f.id, sources, files)
                    } else {
                        None
                    },
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
        let by_line = suppress::ByLine::new(&directives);
        for (subject, d) in subjects.into_iter().zip(rule_findings) {
            let (kept, silenced, hit) = suppress::apply(vec![d], &by_line, sources, &known);
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
            let is_spec = self.slot(f).is_some();
            (!is_spec || self.reported.contains(&f)) && !unreadable.contains(&f)
        };
        let mut unused = Vec::new();
        suppress::unused(&directives, &used, &known, &reportable, &mut unused);
        out.extend(unused.into_iter().map(|d| (d.file(), d)));
        out.extend(problems);
        (out, suppressed)
    }
}
