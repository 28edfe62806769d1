//! Bytes → text, before any YAML is read: UTF-8 (the parser takes `&str`), no NUL bytes, a
//! leading byte-order mark dropped.

use crate::diagnostics::{Diagnostic, codes};
use crate::source::{FileId, Span};
use crate::text;

/// A file's text, and the first byte-level problem if there is one. When the bytes are not
/// UTF-8 the text is a lossy copy (each bad byte becomes U+FFFD) so the problem can still be
/// shown in context.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The bytes started with a UTF-8 byte-order mark, dropped from `text`.
    pub bom: bool,
    pub problem: Option<Problem>,
}

#[derive(Debug)]
pub enum Problem {
    InvalidUtf8 { offset: usize, byte: u8 },
    Nul { offset: usize },
}

impl Problem {
    pub(crate) fn diagnostic(&self, file: FileId) -> Diagnostic {
        match *self {
            Problem::InvalidUtf8 { offset, byte } => {
                let byte = format!("0x{byte:02X}");
                Diagnostic::new(
                    codes::INVALID_UTF8,
                    text!(
                        "the file is not UTF-8 text (byte {byte} cannot be read)",
                        "文件不是 UTF-8 编码（无法读取字节 {byte}）"
                    ),
                )
                .at(file, Span::new(offset, offset + '\u{FFFD}'.len_utf8()))
                .label(text!("first unreadable byte", "第一个无法读取的字节"))
                .help(text!(
                    "save the file as UTF-8; files saved as GBK or GB2312 (common for Chinese text in older editors and Excel) must be converted, e.g. `iconv -f GBK -t UTF-8`",
                    "请将文件另存为 UTF-8 编码；GBK 或 GB2312 编码的文件（旧版编辑器和 Excel 常见）需要转换，例如 `iconv -f GBK -t UTF-8`"
                ))
            }
            Problem::Nul { offset } => Diagnostic::new(
                codes::NUL_BYTE,
                text!("the file contains a NUL byte", "文件中含有 NUL（空）字节"),
            )
            .at(file, Span::new(offset, offset + 1))
            .label(text!("NUL byte here", "此处为 NUL 字节"))
            .help(text!(
                "a spec is plain text; this file may be binary or damaged, so re-save it from a text editor",
                "规格文件应为纯文本；该文件可能是二进制文件或已损坏，请用文本编辑器重新保存"
            )),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let problem = text.find('\0').map(|offset| Problem::Nul { offset });
            Decoded {
                bom,
                text: text.to_owned(),
                problem,
            }
        }
        Err(err) => {
            let offset = err.valid_up_to();
            let byte = bytes.get(offset).copied().unwrap_or(0);
            Decoded {
                bom,
                text: String::from_utf8_lossy(bytes).into_owned(),
                problem: Some(Problem::InvalidUtf8 { offset, byte }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFa: 1\r\n");
        assert_eq!(d.text, "a: 1\r\n");
        assert!(d.problem.is_none());
    }

    #[test]
    fn gbk_bytes_are_reported_at_their_offset() {
        // "名" in GBK is C3 FB.
        let d = decode(b"name: \xC3\xFB\n");
        assert!(matches!(
            d.problem,
            Some(Problem::InvalidUtf8 { offset: 6, byte: 0xC3 })
        ));
    }

    #[test]
    fn nul_is_found() {
        let d = decode(b"a: 1\0\n");
        assert!(matches!(d.problem, Some(Problem::Nul { offset: 4 })));
    }
}
