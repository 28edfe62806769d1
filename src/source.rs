//! Source files, file ids, byte spans and line/column lookup.
//!
//! Every location in loanspec is a byte range in one file's text. Lines and columns are computed
//! on demand and are 1-based; a column counts Unicode characters, not bytes, so `名称: x` puts
//! `x` at column 5 as an editor shows it.

use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FileId(pub u32);

/// A byte range `[start, end)` in one file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    pub(crate) const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub(crate) const fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One file as read from disk, after the byte-level checks (size, UTF-8) passed.
#[derive(Debug)]
pub struct SourceFile {
    /// Absolute, canonical path.
    pub path: PathBuf,
    /// The path as the user would type it from the current directory.
    pub display: String,
    /// The path relative to the catalogue root, with `/` separators (stable across machines).
    pub rel: String,
    /// The text, without a leading byte-order mark. Spans index into this.
    pub text: Arc<str>,
    /// The file on disk started with a UTF-8 byte-order mark (dropped from `text`).
    pub bom: bool,
    sha256: std::sync::OnceLock<String>,
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_BLOCK`]-byte block of `text`, built on the first column
    /// asked for in a non-ASCII line, so a column is found in O(log n + block) however long
    /// the line (30,000 findings on one line must not rescan it 30,000 times).
    char_blocks: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes per entry of [`SourceFile`]'s character-count table.
const CHAR_BLOCK: usize = 256;

/// How many characters start in `bytes` (UTF-8: every byte that is not a continuation byte).
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, rel: String, text: Arc<str>, bom: bool) -> Self {
        let line_starts = line_starts(&text);
        Self {
            path,
            display,
            rel,
            text,
            bom,
            sha256: std::sync::OnceLock::new(),
            line_starts,
            char_blocks: std::sync::OnceLock::new(),
        }
    }

    /// SHA-256 of the file's bytes as read (text, and the byte-order mark if it had one),
    /// lower-case hex. Computed on first use: only compiled products record it.
    pub(crate) fn sha256(&self) -> &str {
        self.sha256.get_or_init(|| {
            let mut bytes = Vec::with_capacity(self.text.len() + 3);
            if self.bom {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            bytes.extend_from_slice(self.text.as_bytes());
            sha256_hex(&bytes)
        })
    }

    /// Line and column of a byte offset. Offsets past the end clamp to the end; an offset inside
    /// a multi-byte character counts as that character.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_index = self.line_index(offset);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let column = self.chars_before(offset) - self.chars_before(line_start);
        LineCol {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The 0-based line holding byte `offset` (clamped to the text). O(log n).
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset.min(self.text.len())) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Where 0-based line `line` starts (its byte offset), or `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// How many characters start before byte `offset` (a UTF-8 byte that is not a continuation
    /// byte starts a character).
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        if offset <= CHAR_BLOCK {
            return starts(&bytes[..offset]);
        }
        let block = offset / CHAR_BLOCK;
        self.blocks().get(block).copied().unwrap_or(0) + starts(&bytes[block * CHAR_BLOCK..offset])
    }

    /// Where character number `n` of the text starts (its byte offset); the end of the text
    /// past the last one. O(log n + 256).
    pub(crate) fn offset_of_char(&self, n: usize) -> usize {
        let bytes = self.text.as_bytes();
        let blocks = self.blocks();
        let block = blocks.partition_point(|before| *before <= n).saturating_sub(1);
        let mut count = blocks.get(block).copied().unwrap_or(0);
        for (i, b) in bytes.iter().enumerate().skip(block * CHAR_BLOCK) {
            if (*b & 0xC0) != 0x80 {
                if count == n {
                    return i;
                }
                count += 1;
            }
        }
        bytes.len()
    }

    fn blocks(&self) -> &[usize] {
        self.char_blocks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut table = Vec::with_capacity(bytes.len() / CHAR_BLOCK + 1);
            let mut total = 0;
            for block in bytes.chunks(CHAR_BLOCK) {
                table.push(total);
                total += starts(block);
            }
            table
        })
    }

    /// Byte offset of a 1-based line and a 0-based character column, clamped to the line's end.
    /// O(log n) however long the line: far along a 98 KB line, the excerpt of a finding starts
    /// there without walking the characters before it.
    pub(crate) fn offset_of(&self, line: usize, char_col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.offset_of_char(self.chars_before(start) + char_col).min(end)
    }

    /// The span of the one character at `offset` (the one it falls inside, when it falls inside
    /// one); empty at the end of the text. A finding about "this place" covers a whole
    /// character, never half of one.
    pub(crate) fn char_at(&self, offset: usize) -> Span {
        let text: &str = &self.text;
        let mut start = offset.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let len = text[start..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, start + len)
    }

    /// The text of a span, or "" when the span does not fall on character boundaries.
    pub(crate) fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Where cell `column` (0-based) of (1-based) `line` of a CSV file is written: commas inside
    /// double quotes do not split; a column past the last cell gives the whole line.
    pub(crate) fn csv_cell(&self, line: usize, column: usize) -> Span {
        let start = self.offset_of(line, 0);
        let text = self.line_text(line);
        let mut in_quotes = false;
        let mut index = 0;
        let mut cell_start = 0;
        for (i, c) in text.char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                ',' if !in_quotes => {
                    if index == column {
                        return Span::new(start + cell_start, start + i);
                    }
                    index += 1;
                    cell_start = i + 1;
                }
                _ => {}
            }
        }
        if index == column {
            Span::new(start + cell_start, start + text.len())
        } else {
            Span::new(start, start + text.len())
        }
    }

    /// The whole text of the (1-based) line, without its line break.
    pub(crate) fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// `path` with `.` and `..` resolved as written, without asking the filesystem: a link on the
/// way is not followed (so a path that climbs out of a folder is seen to, whatever is there).
pub(crate) fn lexical(path: &std::path::Path) -> PathBuf {
    use std::path::Component;
    let mut clean = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// [`lexical`] of `path` made absolute against the current folder.
pub(crate) fn lexical_absolute(path: &std::path::Path) -> std::io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(lexical(path))
    } else {
        Ok(lexical(&std::env::current_dir()?.join(path)))
    }
}

/// SHA-256 of bytes as lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// All files of one run. Files are added once and never removed, so a [`FileId`] stays valid.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(Arc::new(file));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        self.files.get(id.0 as usize)
    }

    /// Puts `file` in the place of `id` (a file registered before its text was read).
    pub(crate) fn replace(&mut self, id: FileId, file: SourceFile) {
        if let Some(slot) = self.files.get_mut(id.0 as usize) {
            *slot = Arc::new(file);
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(
            PathBuf::from("/x.yaml"),
            "x.yaml".into(),
            "x.yaml".into(),
            text.into(),
            false,
        )
    }

    #[test]
    fn line_col_counts_characters() {
        let f = file("a: 1\n名称: x\n");
        let x = f.text.find('x').unwrap_or(0);
        assert_eq!(f.line_col(x), LineCol { line: 2, column: 5 });
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.offset_of(2, 4), x);
    }

    /// Columns far along a long line with characters of every width agree with counting the
    /// characters one by one (the table of block counts is only a faster way to the same number).
    #[test]
    fn columns_on_a_long_mixed_line_agree_with_counting() {
        let mut text = String::from("k: [");
        for i in 0..3000 {
            text.push_str(if i % 3 == 0 { "名称, " } else { "x€😀, " });
        }
        text.push_str("]\nnext: 1\n");
        let f = file(&text);
        for offset in (0..text.len()).step_by(97).chain([text.len(), text.len() + 5]) {
            let clamped = offset.min(text.len());
            let line_start = text.as_bytes()[..clamped]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let expected = text[line_start..]
                .char_indices()
                .take_while(|(i, _)| *i < clamped - line_start)
                .count()
                + 1;
            assert_eq!(f.line_col(offset).column, expected, "offset {offset}");
        }
    }

    /// A character column finds the same byte as walking the line's characters.
    #[test]
    fn offsets_of_columns_agree_with_walking_the_line() {
        let mut text = String::from("a: 1\nk: [");
        for i in 0..2000 {
            text.push_str(if i % 2 == 0 { "名称, " } else { "x😀, " });
        }
        text.push_str("]\n");
        let f = file(&text);
        for line in 1..=3 {
            let start = f.offset_of(line, 0);
            let line_text = f.line_text(line);
            for col in (0..line_text.chars().count() + 3).step_by(37) {
                let expected = line_text
                    .char_indices()
                    .nth(col)
                    .map_or(start + line_text.len() + usize::from(line < 3), |(i, _)| start + i);
                assert_eq!(
                    f.offset_of(line, col),
                    expected.min(f.text.len()),
                    "line {line} column {col}"
                );
            }
        }
    }

    #[test]
    fn sha256_of_empty_input() {
        // Published test vector (FIPS 180-2): SHA-256("").
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
