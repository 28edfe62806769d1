//! Reading a catalogue: every spec registered in path order, the named ones read and parsed,
//! the rest read too or, where the catalogue index holds a summary that can be trusted, known
//! from it; then whatever the run turns out to need whole (the lines a named product builds on,
//! the specs its findings point at) is read after all.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::index::{Index, Indexed};
use super::read::{forget_text, read_text_of, register_read, register_refused, register_unread};
use super::{Catalogue, Finding, Options, discover};
use crate::diagnostics::Diagnostic;
use crate::files::{Files, ReadProblem, Stamp};
use crate::resolve::benchmarks::Benchmarks;
use crate::resolve::extends;
use crate::rules::catalogue::Summary;
use crate::rules::{self, Pack};
use crate::schema::{Compiled, RequiredMode};
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, Document, Limits};

/// What the run holds of a spec's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// Read and parsed (or refused with a finding): its tree, if it has one, is the spec's `doc`.
    Parsed,
    /// Not read: its summary comes from the catalogue index.
    Unread,
    /// A named product read but not yet parsed: the index vouches for its summary (its file
    /// unchanged since, and while, it was read), and its tree is built when it is judged and
    /// dropped after, so a large catalogue's trees are not all held at once.
    Deferred,
}

/// One spec file after reading, and after the schema check once it has had one.
pub(super) struct SpecFile {
    pub id: FileId,
    pub doc: Option<Document>,
    /// What the catalogue rules read of it; `None` when it could not be read or parsed.
    pub summary: Option<Arc<Summary>>,
    /// What the run holds of its text.
    held: Held,
    /// No error-level problem of its own so far.
    pub ok: bool,
    /// The schema check ran. Files read only for context (codes, or not a parent of a named
    /// product) skip it.
    checked: bool,
    lookalikes: Vec<(String, String, Diagnostic)>,
}

impl SpecFile {
    /// Its parse waits until it is judged (see [`Held::Deferred`]).
    pub(super) fn is_deferred(&self) -> bool {
        self.held == Held::Deferred
    }

    /// It is a product line.
    pub(super) fn is_line(&self) -> bool {
        self.summary.as_ref().is_some_and(|s| s.is_line)
    }

    /// Its `code`, when it has one that is text.
    pub(super) fn code(&self) -> Option<String> {
        self.summary.as_ref().and_then(|s| s.code.clone())
    }

    /// A spec whose summary the index holds, its text not read.
    fn indexed(id: FileId, summary: Option<Arc<Summary>>) -> SpecFile {
        SpecFile {
            id,
            doc: None,
            ok: summary.is_some(),
            summary,
            held: Held::Unread,
            checked: true,
            lookalikes: Vec::new(),
        }
    }

    /// A named product read, its summary from the index, parsed when it is judged.
    fn deferred(id: FileId, summary: Arc<Summary>) -> SpecFile {
        SpecFile {
            id,
            doc: None,
            summary: Some(summary),
            held: Held::Deferred,
            ok: true,
            checked: false,
            lookalikes: Vec::new(),
        }
    }

    fn unreadable(id: FileId) -> SpecFile {
        SpecFile {
            id,
            doc: None,
            summary: None,
            held: Held::Parsed,
            ok: false,
            checked: true,
            lookalikes: Vec::new(),
        }
    }

    /// The schema check of the file on its own (units, keys, shapes).
    pub(super) fn check(&mut self) -> Vec<Finding> {
        // A deferred spec is checked when it is parsed, as it is judged.
        if self.checked || self.is_deferred() {
            return Vec::new();
        }
        self.checked = true;
        let is_line = self.is_line();
        let Some(doc) = &mut self.doc else {
            return Vec::new();
        };
        let mode = if is_line || doc.value.get("extends").is_some() {
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

/// Where a spec's text came from, for its entry in the index: its path in the catalogue, and
/// its file's stamp taken before the read (`None`: an unsaved buffer, or no index).
struct Origin {
    rel: String,
    stamp: Option<Stamp>,
}

/// A spec of the catalogue, its entry looked up in the index.
struct Wanted<'a> {
    path: &'a PathBuf,
    origin: Origin,
    /// The user named it (else it is context, asked of the index).
    named: bool,
    indexed: Option<Indexed>,
    /// A named product's summary as the index holds it: its text is read, its parse deferred.
    known: Option<Arc<Summary>>,
}

/// A spec as had: known from the index, or read (or not: the problem says why).
enum Got {
    Indexed(Indexed),
    Read(Result<Vec<u8>, ReadProblem>),
}

/// A spec of the catalogue before parsing: read (with the finding that says why not, if it
/// could not be, and where it came from unless it was refused unread), or known from the index.
enum Slot {
    Read {
        id: FileId,
        pre: Option<Box<Diagnostic>>,
        origin: Option<Origin>,
        /// Read as context: only its summary is kept.
        context: bool,
        /// Its summary, from the index: its parse is deferred to when it is judged.
        known: Option<Arc<Summary>>,
    },
    Indexed(SpecFile),
}

/// Records in the index what a spec read from its file holds (a spec read from an unsaved
/// buffer keeps the entry of its file).
fn learn(index: &mut Index, origin: &Origin, file: &SpecFile) {
    match origin.stamp {
        Some(stamp) => index.learn(&origin.rel, stamp, file.summary.clone()),
        None => index.keep(&origin.rel),
    }
}

/// Reads one spec file's YAML.
pub(super) fn parse_file(
    id: FileId,
    sources: &SourceMap,
    limits: &Limits,
    pre: Option<Diagnostic>,
) -> (SpecFile, Vec<Finding>) {
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
    let summary = Summary::of(&doc);
    (
        SpecFile {
            id,
            doc: Some(doc),
            summary: Some(Arc::new(summary)),
            held: Held::Parsed,
            ok,
            checked: false,
            lookalikes: parsed.lookalikes,
        },
        findings,
    )
}

/// Parses the specs read, in parallel; a spec known from the index is passed through, and one
/// deferred is kept unparsed with its summary.
fn parse_slots(
    slots: Vec<Slot>,
    sources: &SourceMap,
    limits: &Limits,
) -> Vec<(SpecFile, Vec<Finding>, Option<Origin>)> {
    slots
        .into_par_iter()
        .map(|slot| match slot {
            Slot::Indexed(file) => (file, Vec::new(), None),
            Slot::Read {
                id,
                pre: None,
                origin,
                known: Some(summary),
                ..
            } => (SpecFile::deferred(id, summary), Vec::new(), origin),
            Slot::Read {
                id,
                pre,
                origin,
                context,
                ..
            } => {
                let (file, findings) = parse_file(id, sources, limits, pre.map(|d| *d));
                // A spec that was not named is context: of it the run keeps what the index
                // would hold (its summary), and its tree goes as soon as it is read, so
                // memory does not grow with the catalogue's trees. What the run turns out
                // to need whole is read again (`read_needed`), as from the index.
                if context && file.doc.is_some() {
                    (SpecFile::indexed(id, file.summary), Vec::new(), origin)
                } else {
                    (file, findings, origin)
                }
            }
        })
        .collect()
}

impl Catalogue {
    pub(super) fn load(
        found: &discover::Catalogue,
        cwd: &Path,
        options: &Options,
        sources: &mut SourceMap,
    ) -> Catalogue {
        let root = found.root.as_path();
        let named = &found.named;
        let view = options.view();
        // Each stamp is taken before the text is read: a file that changes in between is read
        // again next time, never trusted stale. The index is decoded meanwhile.
        let (mut index, stamps) = rayon::join(
            || Index::load(options.cache.then_some(root)),
            || -> Vec<Option<Stamp>> {
                found
                    .specs
                    .par_iter()
                    .map(|p| if options.cache { view.stamp(p) } else { None })
                    .collect()
            },
        );
        let mut wanted: Vec<Wanted<'_>> = found
            .specs
            .iter()
            .zip(stamps)
            .map(|(path, stamp)| {
                let rel = discover::rel_path(path, root);
                let named = named.covers(path);
                let (indexed, known) = if named {
                    // Only a product is deferred: a line is a parent, parsed for its products.
                    let known = index.get(&rel, stamp).and_then(|e| e.summary).filter(|s| !s.is_line);
                    (None, known)
                } else {
                    (index.get(&rel, stamp), None)
                };
                Wanted {
                    path,
                    origin: Origin { rel, stamp },
                    named,
                    indexed,
                    known,
                }
            })
            .collect();
        // Reading is I/O-bound and cheap; registration is sequential so file ids follow path order.
        let got: Vec<Got> = wanted
            .par_iter_mut()
            .map(|w| {
                if let Some(known) = w.indexed.take() {
                    return Got::Indexed(known);
                }
                let read = read_text_of(w.path, options);
                // The summary holds for the text only if the file did not change while it was
                // read: else it is parsed now, like any spec.
                if w.known.is_some() && view.stamp(w.path) != w.origin.stamp {
                    w.known = None;
                }
                Got::Read(read)
            })
            .collect();
        let texts_read = got.iter().filter(|g| matches!(g, Got::Read(_))).count();
        let shown = discover::Shown::new(root, cwd);
        let mut slots: Vec<Slot> = Vec::with_capacity(wanted.len() + found.refused.len());
        for (
            Wanted {
                path,
                origin,
                named,
                known,
                ..
            },
            got,
        ) in wanted.into_iter().zip(got)
        {
            slots.push(match got {
                Got::Indexed(known) => {
                    let id = register_unread(path, origin.rel, &shown, sources);
                    Slot::Indexed(SpecFile::indexed(id, known.summary))
                }
                Got::Read(read) => {
                    let (id, pre) = register_read(None, path, read, root, cwd, &options.limits, sources);
                    Slot::Read {
                        id,
                        pre: pre.map(Box::new),
                        origin: Some(origin),
                        context: !named,
                        known,
                    }
                }
            });
        }
        slots.extend(
            found
                .refused
                .iter()
                .map(|r| register_refused(r, root, cwd, sources))
                .map(|(id, d)| Slot::Read {
                    id,
                    pre: Some(Box::new(d)),
                    origin: None,
                    context: false,
                    known: None,
                }),
        );
        let parsed = parse_slots(slots, sources, &options.limits);
        let mut files = Vec::new();
        let mut findings = Vec::new();
        for (file, f, origin) in parsed {
            findings.extend(f);
            if let Some(origin) = &origin {
                learn(&mut index, origin, &file);
                if file.held == Held::Unread {
                    // Its text goes too, as for a spec known from the index.
                    forget_text(file.id, sources);
                }
            }
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
            texts_read,
        };
        catalogue.read_needed(cwd, options, sources, &mut index);
        index.save();
        // The named files get the schema check now; the rest of the catalogue is context, checked
        // only where a named product builds on it.
        let reported = &catalogue.reported;
        let checks: Vec<Finding> = catalogue
            .files
            .par_iter_mut()
            .filter(|f| reported.contains(&f.id))
            .flat_map_iter(SpecFile::check)
            .collect();
        catalogue.findings.extend(checks);
        if found.has_config {
            catalogue.load_config(cwd, options, sources);
        }
        catalogue
    }

    /// The spec `id` extends, when its `extends` names a spec of the catalogue.
    pub(super) fn parent_of(&self, id: FileId, sources: &SourceMap, files: &dyn Files) -> Option<FileId> {
        let written = self.files.get(self.slot(id)?)?.summary.as_ref()?.extends.as_deref()?;
        let from = &sources.get(id)?.path;
        let target = extends::target_path(from, written, &self.root, files).ok()?;
        self.by_path.get(&target).copied()
    }

    /// Where spec `id` is in [`Catalogue::files`] (in id order, from the first id).
    pub(super) fn slot(&self, id: FileId) -> Option<usize> {
        let first = self.files.first()?.id.0;
        let slot = usize::try_from(id.0.checked_sub(first)?).ok()?;
        (self.files.get(slot)?.id == id).then_some(slot)
    }

    /// The specs a named spec extends, directly or through others.
    fn ancestors(&self, sources: &SourceMap, files: &dyn Files) -> BTreeSet<FileId> {
        let mut needed = BTreeSet::new();
        let mut todo: Vec<FileId> = self.reported.iter().copied().collect();
        while let Some(id) = todo.pop() {
            if let Some(parent) = self.parent_of(id, sources, files) {
                if needed.insert(parent) {
                    todo.push(parent);
                }
            }
        }
        needed
    }

    /// Reads the specs known only from the index that the run turns out to need whole: the
    /// lines a named product builds on, and the specs its findings point at (a deferred one,
    /// already read, is parsed). Their summaries are read again with them, so this repeats
    /// until what is needed is all read.
    fn read_needed(&mut self, cwd: &Path, options: &Options, sources: &mut SourceMap, index: &mut Index) {
        let view = options.view();
        loop {
            let mut needed = self.ancestors(sources, &view);
            let summaries = self.files.iter().filter_map(|f| Some((f.id, f.summary.as_deref()?)));
            needed.extend(rules::catalogue::related_specs(summaries, &|f| {
                self.reported.contains(&f)
            }));
            let unread: Vec<usize> = needed
                .into_iter()
                .filter_map(|id| self.slot(id))
                .filter(|slot| self.files.get(*slot).is_some_and(|f| f.held != Held::Parsed))
                .collect();
            if unread.is_empty() {
                return;
            }
            // A deferred spec's text is at hand: it is parsed now, and kept, as a parent or a
            // spec a finding is on or points at (its summary is the index's: nothing else changes).
            let (deferred, unread): (Vec<usize>, Vec<usize>) = unread
                .into_iter()
                .partition(|slot| self.files.get(*slot).is_some_and(SpecFile::is_deferred));
            let sources_ref: &SourceMap = sources;
            let parsed: Vec<(usize, (SpecFile, Vec<Finding>))> = deferred
                .into_par_iter()
                .filter_map(|slot| {
                    let id = self.files.get(slot)?.id;
                    Some((slot, parse_file(id, sources_ref, &options.limits, None)))
                })
                .collect();
            for (slot, (file, f)) in parsed {
                self.findings.extend(f);
                if let Some(place) = self.files.get_mut(slot) {
                    *place = file;
                }
            }
            for slot in unread {
                let Some(file) = self.files.get(slot) else { continue };
                let Some((path, rel)) = sources.get(file.id).map(|s| (s.path.clone(), s.rel.clone())) else {
                    continue;
                };
                let origin = Origin {
                    rel,
                    stamp: if options.cache { view.stamp(&path) } else { None },
                };
                let read = read_text_of(&path, options);
                self.texts_read += 1;
                let (id, pre) = register_read(Some(file.id), &path, read, &self.root, cwd, &options.limits, sources);
                let (file, f) = parse_file(id, sources, &options.limits, pre);
                self.findings.extend(f);
                learn(index, &origin, &file);
                if let Some(place) = self.files.get_mut(slot) {
                    *place = file;
                }
            }
        }
    }

    /// Schema-checks every file a named spec extends, directly or through others.
    pub(super) fn check_parents(&mut self, sources: &SourceMap, files: &dyn Files) -> Vec<Finding> {
        let needed = self.ancestors(sources, files);
        self.files
            .par_iter_mut()
            .filter(|f| needed.contains(&f.id))
            .flat_map_iter(SpecFile::check)
            .collect()
    }
}
