//! loanspec: a compiler and linter for bank loan-product specs.
//!
//! The pipeline, one module per stage, dependencies one way (lowest first): `source`,
//! `diagnostics`, `syntax`, `model`, `schema`, `money`, `resolve`, `rules`, `emit`, `compile`,
//! `simulate`, `monitor` and `diff`, `report`. A module uses only those before it; `docs/architecture.md`
//! says what each owns, and a test in `tests/meta.rs` enforces the order. The `loanspec` command
//! (`src/main.rs`, `src/cli/`) is a separate crate over this public API; inside the library an
//! item is `pub(crate)` unless a front end or a test needs it (the `unreachable_pub` lint).
//!
//! A run reads specs (from disk, or from memory through [`compile::Overlay`]), parses them with
//! spans ([`syntax`]), checks them against the schema ([`schema`]) and types them ([`model`]),
//! resolves `extends`, defaults and LPR benchmarks ([`resolve`]), judges them ([`rules`],
//! computing schedules and APRs with [`money`]) and returns a [`compile::Run`]: every finding as
//! a [`diagnostics::Diagnostic`] placed in its file, and the products ready to write
//! ([`emit`]). Files come through [`files::Files`]: the disk, memory, or unsaved buffers over
//! either, held by a [`compile::Workspace`]. Checking a text that is not saved
//! ([`compile::Workspace::check_text`]) in a catalogue held in memory:
//!
//! ```no_run
//! use loanspec::compile::Workspace;
//! use loanspec::files::Memory;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A catalogue that exists only in memory: its config, and the product's text below.
//! let dir = std::path::PathBuf::from("/bank/catalogue");
//! let mut files = Memory::default();
//! files.insert(&dir.join("loanspec.yaml"), b"loanspec: 1\n".as_slice())?;
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default();
//! let workspace = Workspace::new(std::sync::Arc::new(files), as_of, Some(dir.clone()));
//! let text = "loanspec: 1\ncode: P-1\nversion: 1.0.0\nname: { zh: 示例 }\n"; // and the rest
//! let run = workspace.check_text(&dir.join("p.yaml"), text).map_err(|bad| format!("{:?}", bad.path))?;
//! for d in &run.diagnostics {
//!     println!("{} {}", d.code.code, d.message.en);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! (Doc tests are off to spare a link per example; the same code runs in
//! `tests/meta.rs::the_library_checks_a_text_in_memory`.)

pub mod compile;
pub mod diagnostics;
pub mod diff;
pub mod editor;
pub mod emit;
pub mod files;
pub mod model;
pub mod money;
pub mod monitor;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod simulate;
pub mod source;
pub mod syntax;
