//! What the human renderer shows of a file: a few lines around a finding's labels, each cut to
//! a window of columns around them, with control characters made visible.
//!
//! miette is handed this excerpt instead of the whole file, so a report costs the same whatever
//! the file's size or the width of its lines (a 98 KB line of Chinese text used to overflow
//! miette's column arithmetic and panic; 30,000 findings on one line each rescanned it), and no
//! byte of a spec reaches the terminal raw. Line numbers, and the column in the header, are the
//! file's own.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::source::{SourceFile, Span};

/// The widest excerpt of one line, in terminal columns (a Chinese character takes two).
const MAX_COLUMNS: usize = 160;
/// Columns kept before the first label of a cut line.
const COLUMNS_BEFORE: usize = 40;
/// A label over more lines than this is shown on its first line only.
const MAX_LABEL_LINES: usize = 6;

/// A label to draw, as a byte span of the original file.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mark {
    pub span: Span,
}

/// The excerpt, and the labels' spans inside it (same order as the marks given).
pub(super) struct Snippet {
    name: String,
    text: String,
    /// The file's 0-based line number of the excerpt's first line.
    first_line: usize,
    /// For each label start in the excerpt, the file's 0-based column (in characters).
    starts: Vec<(usize, usize)>,
    pub spans: Vec<SourceSpan>,
}

/// How a character is shown in a terminal: control characters (C0, DEL, C1) as their visible
/// pictures, and the invisible characters that reorder or hide text (bidirectional overrides,
/// zero-width characters, a byte-order mark) as the replacement character. One character for
/// one, so columns still count.
pub fn visible_char(c: char) -> char {
    match c {
        '\t' | '\n' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}' => '\u{fffd}',
        c => c,
    }
}

/// Text with [`visible_char`] applied; borrowed when there is nothing to change.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| visible_char(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(visible_char).collect())
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// One line of the excerpt: the original byte range kept, and for each kept character boundary
/// its offset in the excerpt.
struct Kept {
    /// (original byte offset, excerpt byte offset), ascending, one per boundary kept.
    map: Vec<(usize, usize)>,
}

impl Kept {
    /// Where an original offset falls in the excerpt: clamped to the part kept.
    fn place(&self, offset: usize) -> usize {
        match self.map.binary_search_by_key(&offset, |(o, _)| *o) {
            Ok(i) => self.map[i].1,
            Err(0) => self.map.first().map_or(0, |m| m.1),
            Err(i) => self.map[i - 1].1,
        }
    }
}

impl Snippet {
    /// The excerpt of `file` that shows `marks` (all in this file, within a few lines of each
    /// other; the caller splits far-apart labels into reports of their own).
    pub(super) fn new(file: &SourceFile, marks: &[Mark]) -> Snippet {
        let text: &str = &file.text;
        // Each mark on char boundaries, inside the file, and over a few lines at most.
        let spans: Vec<(usize, usize)> = marks
            .iter()
            .map(|m| {
                let start = floor_boundary(text, m.span.start);
                let mut end = ceil_boundary(text, m.span.end.max(start));
                let (first, last) = (file.line_col(start).line, file.line_col(end).line);
                if last - first >= MAX_LABEL_LINES {
                    end = (file.offset_of(first, 0) + file.line_text(first).len()).max(start);
                }
                (start, end)
            })
            .collect();
        let lines: Vec<usize> = spans
            .iter()
            .flat_map(|(s, e)| [file.line_col(*s).line, file.line_col(*e).line])
            .collect();
        let top = lines.iter().min().copied().unwrap_or(1).saturating_sub(1).max(1);
        let last_line = file.line_col(text.len()).line;
        let bottom = (lines.iter().max().copied().unwrap_or(1) + 1).min(last_line);
        // The window of columns: the same on every line, so the excerpt's lines stay aligned,
        // starting a little before the first label (in characters from the line's start).
        let anchor = spans
            .iter()
            .map(|(s, _)| file.line_col(*s).column - 1)
            .min()
            .unwrap_or(0);
        let mut out = String::new();
        let mut kept: Vec<(usize, Kept)> = Vec::new();
        for line in top..=bottom {
            let start = file.offset_of(line, 0);
            let line_text = file.line_text(line);
            let mut map = Vec::new();
            // Characters before the window: skipped (found in O(log n), not walked), unless the
            // line fits as it is.
            let fits = line_text.len() <= MAX_COLUMNS
                && line_text.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= MAX_COLUMNS;
            let skip = if fits { 0 } else { anchor.saturating_sub(COLUMNS_BEFORE) };
            let from = (file.offset_of(line, skip) - start).min(line_text.len());
            let mut chars = line_text[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
            if chars.peek().is_some() && skip > 0 {
                out.push('…');
            }
            let mut width = 0;
            let mut cut = false;
            for (i, c) in chars {
                let shown = visible_char(c);
                let w = if c == '\t' { 4 } else { shown.width().unwrap_or(0) };
                if !fits && width + w > MAX_COLUMNS {
                    cut = true;
                    break;
                }
                width += w;
                map.push((start + i, out.len()));
                out.push(shown);
            }
            let end = map.last().map_or(start + from, |(o, _)| {
                *o + text[*o..].chars().next().map_or(0, char::len_utf8)
            });
            map.push((end, out.len()));
            if cut {
                out.push('…');
            }
            kept.push((line, Kept { map }));
            if line < bottom {
                out.push('\n');
            }
        }
        let place = |offset: usize| -> usize {
            let line = file.line_col(offset).line;
            kept.iter()
                .find(|(l, _)| *l == line)
                .map_or(0, |(_, k)| k.place(offset))
        };
        let mut starts = Vec::new();
        let mut shown = Vec::new();
        for (s, e) in &spans {
            let (a, b) = (place(*s), place(*e).max(place(*s)));
            starts.push((a, file.line_col(*s).column - 1));
            shown.push(SourceSpan::new(a.into(), b - a));
        }
        Snippet {
            name: visible(&file.display).into_owned(),
            text: out,
            first_line: top - 1,
            starts,
            spans: shown,
        }
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .as_str()
            .read_span(span, context_lines_before, context_lines_after)?;
        let column = self
            .starts
            .iter()
            .find(|(offset, _)| *offset == span.offset())
            .map_or(inner.column(), |(_, column)| *column);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            // miette counts the lines from the start of its source up to the end of the span
            // read (it merges the contexts of labels by it), so the excerpt's lines above count.
            inner.line_count() + self.first_line,
        )))
    }
}

impl std::fmt::Debug for Snippet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("/x.yaml".into(), "x.yaml".into(), "x.yaml".into(), text.into(), false)
    }

    #[test]
    fn a_short_line_is_shown_whole_and_the_span_kept() {
        let f = file("a: 1\nname: { zh: 名称 }\nc: 3\n");
        let at = f.text.find("名称").unwrap_or(0);
        let s = Snippet::new(
            &f,
            &[Mark {
                span: Span::new(at, at + 6),
            }],
        );
        assert_eq!(s.text, "a: 1\nname: { zh: 名称 }\nc: 3");
        let span = s.spans[0];
        assert_eq!(&s.text[span.offset()..span.offset() + span.len()], "名称");
        assert_eq!(s.first_line, 0);
        // The header's column counts characters of the file's line.
        assert_eq!(s.starts[0].1, 12);
    }

    #[test]
    fn a_wide_line_is_cut_around_its_label() {
        let mut text = String::from("name: { zh: ");
        text.push_str(&"名".repeat(40_000));
        text.push_str(", bad: 1 }\n");
        let f = file(&text);
        let at = f.text.find("bad").unwrap_or(0);
        let s = Snippet::new(
            &f,
            &[Mark {
                span: Span::new(at, at + 3),
            }],
        );
        let span = s.spans[0];
        assert_eq!(&s.text[span.offset()..span.offset() + span.len()], "bad");
        let width: usize = s.text.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(width <= MAX_COLUMNS + 2, "{width}: {}", s.text);
        assert!(s.text.starts_with('…'));
        assert_eq!(s.starts[0].1, 40_014);
    }

    #[test]
    fn control_characters_are_made_visible() {
        let f = file("code: \"A\u{1b}[31mB\u{7}\u{202e}\"\n");
        let s = Snippet::new(&f, &[Mark { span: Span::new(6, 8) }]);
        assert!(!s.text.chars().any(|c| c.is_control() && c != '\n'), "{:?}", s.text);
        assert!(s.text.contains('\u{241b}') && s.text.contains('\u{2407}') && s.text.contains('\u{fffd}'));
        assert_eq!(visible("plain 名称"), "plain 名称");
    }

    #[test]
    fn a_label_over_many_lines_is_shown_on_its_first() {
        let text = "k: v\n".repeat(50);
        let f = file(&text);
        let s = Snippet::new(
            &f,
            &[Mark {
                span: Span::new(0, text.len()),
            }],
        );
        assert!(s.text.lines().count() <= 3, "{}", s.text);
    }
}
