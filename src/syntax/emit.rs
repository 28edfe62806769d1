//! `Value` → YAML text, for `compile --emit yaml`. saphyr's emitter quotes strings that a YAML
//! reader would take for something else (`NO`, `1.10`, `~`) and numbers are written from their
//! exact text, so the YAML reads back to the same values as the JSON.

use std::borrow::Cow;

use saphyr::{Mapping, Scalar, Yaml, YamlEmitter};
use saphyr_parser::ScalarStyle;
use serde_json::Value;

/// The YAML form of a value (only trees of bounded depth reach here: canonical output).
pub(crate) fn to_yaml(value: &Value) -> String {
    let yaml = convert(value);
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    // Every string value is quoted, so no YAML reader takes `2025-09-01`, `NO` or `1.10` for a
    // date, a boolean or a number.
    emitter.quoted_value(true);
    if emitter.dump(&yaml).is_err() {
        // Writing into a String cannot fail; keep the signature infallible.
        return String::new();
    }
    out.push('\n');
    out
}

fn convert(value: &Value) -> Yaml<'_> {
    match value {
        Value::Null => Yaml::Value(Scalar::Null),
        Value::Bool(b) => Yaml::Value(Scalar::Boolean(*b)),
        Value::Number(n) => Yaml::Representation(Cow::Borrowed(n.as_str()), ScalarStyle::Plain, None),
        Value::String(s) => Yaml::Value(Scalar::String(Cow::Borrowed(s))),
        Value::Array(items) => Yaml::Sequence(items.iter().map(convert).collect()),
        Value::Object(map) => {
            let mut out = Mapping::new();
            for (k, v) in map {
                out.insert(Yaml::Value(Scalar::String(Cow::Borrowed(k))), convert(v));
            }
            Yaml::Mapping(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn lookalikes_are_quoted_and_numbers_exact() {
        let v: Value = serde_json::from_str(r#"{"country": "NO", "v": "1.10", "amount": 5000000.00, "n": null}"#)
            .unwrap_or_else(|_| json!({}));
        let y = to_yaml(&v);
        assert!(y.contains("country: \"NO\""), "{y}");
        assert!(y.contains("v: \"1.10\""), "{y}");
        assert!(y.contains("amount: 5000000.00"), "{y}");
    }
}
