//! What a plain scalar means under the YAML 1.2 core schema, and which plain scalars a YAML 1.1
//! tool would read differently.

use serde_json::{Number, Value};

/// The value of a plain (unquoted) scalar under YAML 1.2's core schema. Numbers become JSON
/// numbers whose text is the digits as written (sign `+` and leading zeros dropped, `.5` → `0.5`,
/// hex and octal converted), so `5000000.00` keeps its two decimals.
pub(super) fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = json_number_text(text) {
        return Value::Number(Number::from_string_unchecked(number));
    }
    Value::String(text.to_owned())
}

/// The JSON text of a YAML 1.2 core-schema number, or `None` when `text` is not one. `.inf` and
/// `.nan` have no JSON form and stay text (no spec field takes them).
fn json_number_text(text: &str) -> Option<String> {
    if let Some(hex) = text.strip_prefix("0x") {
        return u128::from_str_radix(hex, 16)
            .ok()
            .filter(|_| !hex.starts_with('+'))
            .map(|n| n.to_string());
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return u128::from_str_radix(oct, 8)
            .ok()
            .filter(|_| !oct.starts_with('+'))
            .map(|n| n.to_string());
    }
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int_part) || !frac_part.is_none_or(digits) {
        return None;
    }
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return None;
    }
    if let Some(exp) = exponent {
        let exp_digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if exp_digits.is_empty() || !digits(exp_digits) {
            return None;
        }
    }
    let mut out = String::with_capacity(text.len() + 1);
    if negative {
        out.push('-');
    }
    let int_trimmed = int_part.trim_start_matches('0');
    out.push_str(if int_trimmed.is_empty() { "0" } else { int_trimmed });
    if let Some(frac) = frac_part.filter(|f| !f.is_empty()) {
        out.push('.');
        out.push_str(frac);
    }
    if let Some(exp) = exponent {
        out.push('e');
        out.push_str(exp);
    }
    Some(out)
}

/// A plain scalar that YAML 1.1 tools (`PyYAML`, many older Java and Go libraries, core banking
/// import scripts) would read differently from YAML 1.2.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Lookalike {
    /// `yes`, `no`, `on`, `off`, `y`, `n`: text here, a boolean in YAML 1.1.
    Boolean { yaml11: bool },
    /// `0012`: the number 12 here, octal 10 in YAML 1.1; and any code with leading zeros loses them.
    LeadingZeros { yaml12: String },
    /// `1_000`: text here, the number 1000 in YAML 1.1.
    Underscores,
    /// `1:30`: text here, the number 90 (base 60) in YAML 1.1.
    Sexagesimal,
}

pub(super) fn lookalike(text: &str) -> Option<Lookalike> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
            return Some(Lookalike::Boolean { yaml11: true });
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            return Some(Lookalike::Boolean { yaml11: false });
        }
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let int_part = unsigned.split('.').next().unwrap_or("");
    if int_part.len() > 1
        && int_part.starts_with('0')
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && let Some(yaml12) = json_number_text(text)
    {
        return Some(Lookalike::LeadingZeros { yaml12 });
    }
    let has_digit = unsigned.bytes().any(|b| b.is_ascii_digit());
    if has_digit && unsigned.contains('_') && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'_' || b == b'.') {
        return Some(Lookalike::Underscores);
    }
    if has_digit
        && unsigned.contains(':')
        && unsigned
            .split(':')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Lookalike::Sexagesimal);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<String> {
        match resolve_plain(text) {
            Value::Number(n) => Some(n.as_str().to_owned()),
            _ => None,
        }
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(num("5000000.00").as_deref(), Some("5000000.00"));
        assert_eq!(num("+12").as_deref(), Some("12"));
        assert_eq!(num("0012").as_deref(), Some("12"));
        assert_eq!(num(".5").as_deref(), Some("0.5"));
        assert_eq!(num("5.").as_deref(), Some("5"));
        assert_eq!(num("-1.5e3").as_deref(), Some("-1.5e3"));
        assert_eq!(num("1e400").as_deref(), Some("1e400"));
        assert_eq!(num("0x1F").as_deref(), Some("31"));
        assert_eq!(num("0o17").as_deref(), Some("15"));
    }

    #[test]
    fn yaml12_texts_stay_text() {
        for t in [
            "NO",
            "on",
            "1_000",
            "1:30",
            ".inf",
            "LPR1Y + 50bp",
            "500万",
            "1.2.3",
            "e5",
            "1e",
            "-",
        ] {
            assert!(matches!(resolve_plain(t), Value::String(_)), "{t}");
        }
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("True"), Value::Bool(true));
    }

    #[test]
    fn lookalikes() {
        assert_eq!(lookalike("NO"), Some(Lookalike::Boolean { yaml11: false }));
        assert_eq!(lookalike("on"), Some(Lookalike::Boolean { yaml11: true }));
        assert_eq!(lookalike("0012"), Some(Lookalike::LeadingZeros { yaml12: "12".into() }));
        assert_eq!(lookalike("1_000"), Some(Lookalike::Underscores));
        assert_eq!(lookalike("1:30"), Some(Lookalike::Sexagesimal));
        assert_eq!(lookalike("0"), None);
        assert_eq!(lookalike("0.5"), None);
        assert_eq!(lookalike("Norway"), None);
    }
}
