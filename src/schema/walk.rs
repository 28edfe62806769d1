//! A walk over a document with its schema side by side: it keeps numbers in text fields as text,
//! runs each unit's parser, and answers "which schema describes the value at this pointer".
//! Recursion is bounded: documents are at most `Limits::max_depth` deep, schemas are our own.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::model::UNIT_KEYWORD;
use crate::model::units::{UnitError, UnitKind};
use crate::syntax::push_pointer;

#[derive(Default)]
pub struct Walked {
    pub unit_errors: Vec<(String, UnitError)>,
}

/// Follows `$ref`s (local `#/definitions/…` only) and single-branch `allOf` wrappers.
pub fn deref<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match reference.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => schema = target,
                None => return schema,
            }
        } else if let Some([only]) = schema.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
            schema = only;
        } else {
            return schema;
        }
    }
    schema
}

fn type_names(value: &Value) -> &'static [&'static str] {
    match value {
        Value::Null => &["null"],
        Value::Bool(_) => &["boolean"],
        Value::Number(n) if n.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'-') => &["integer", "number"],
        Value::Number(_) => &["number"],
        Value::String(_) => &["string"],
        Value::Array(_) => &["array"],
        Value::Object(_) => &["object"],
    }
}

/// Whether a (dereferenced) schema admits values of this JSON type at all.
pub fn accepts_type(root: &Value, schema: &Value, value: &Value) -> bool {
    let schema = deref(root, schema);
    let names = type_names(value);
    match schema.get("type") {
        Some(Value::String(t)) => names.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(|t| names.contains(&t)),
        _ => {
            if let Some(c) = schema.get("const") {
                type_names(c).iter().any(|t| names.contains(t))
            } else if schema.get("properties").is_some() {
                value.is_object()
            } else {
                true
            }
        }
    }
}

/// The branch of an `anyOf`/`oneOf` a value is meant for: the first whose type fits; when none
/// fits, the one unit branch if there is one (its parser explains a bare `4.35` in a rate
/// better than "should be text or a mapping").
fn branch_for<'a>(root: &'a Value, schema: &'a Value, value: &Value) -> Option<&'a Value> {
    let branches = schema.get("anyOf").or_else(|| schema.get("oneOf"))?.as_array()?;
    branches.iter().find(|b| accepts_type(root, b, value)).or_else(|| {
        let mut units = branches.iter().filter(|b| deref(root, b).get(UNIT_KEYWORD).is_some());
        match (units.next(), units.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    })
}

/// Text: a `type: string` that is not a unit. A number written there is kept as the text it was
/// written as (`version: 1.10` is `"1.10"`), then checked as text.
fn is_text(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string") && schema.get(UNIT_KEYWORD).is_none()
}

/// Whether the schema lists `word` itself as an allowed value (`enum`, `const`, or `oneOf` of
/// consts).
pub fn allows_word(root: &Value, schema: &Value, word: &str) -> bool {
    let schema = deref(root, schema);
    if schema.get("const").and_then(Value::as_str) == Some(word) {
        return true;
    }
    if schema.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().any(|v| v.as_str() == Some(word))) {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        schema.get(*k).and_then(Value::as_array).is_some_and(|branches| branches.iter().any(|b| allows_word(root, b, word)))
    })
}

pub fn walk(root: &Value, value: &mut Value, out: &mut Walked) {
    walk_node(root, root, value, "", out);
}

fn walk_node(root: &Value, schema: &Value, value: &mut Value, pointer: &str, out: &mut Walked) {
    let schema = deref(root, schema);
    if let Some(unit) = schema.get(UNIT_KEYWORD).and_then(Value::as_str).and_then(UnitKind::from_name) {
        if let Err(error) = unit.check(value) {
            out.unit_errors.push((pointer.to_owned(), error));
        }
        return;
    }
    if is_text(schema) {
        if let Value::Number(n) = value {
            *value = Value::String(n.as_str().to_owned());
        }
        return;
    }
    if let Some(branch) = branch_for(root, schema, value) {
        walk_node(root, branch, value, pointer, out);
        return;
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            walk_node(root, part, value, pointer, out);
        }
    }
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let extra = schema.get("additionalProperties").filter(|a| a.is_object());
            for (key, child) in map.iter_mut() {
                if key.starts_with("x-") {
                    continue;
                }
                let sub = props.and_then(|p| p.get(key)).or(extra);
                if let Some(sub) = sub {
                    walk_node(root, sub, child, &push_pointer(pointer, key), out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items").filter(|i| i.is_object()) {
                for (i, item) in items.iter_mut().enumerate() {
                    walk_node(root, item_schema, item, &push_pointer(pointer, &i.to_string()), out);
                }
            }
        }
        _ => {}
    }
}

/// The (dereferenced) schema describing the value at `pointer`, following the value's own shape
/// through `anyOf` branches. `None` when the pointer leaves the schema (an unknown key).
pub fn schema_for_instance<'a>(root: &'a Value, value: &Value, pointer: &str) -> Option<&'a Value> {
    let mut schema = deref(root, root);
    let mut current = value;
    if pointer.is_empty() {
        return Some(schema);
    }
    for raw in pointer.strip_prefix('/')?.split('/') {
        let token = raw.replace("~1", "/").replace("~0", "~");
        if let Some(branch) = branch_for(root, schema, current) {
            schema = deref(root, branch);
        }
        let (next_schema, next_value) = match current {
            Value::Object(map) => {
                let sub = schema
                    .get("properties")
                    .and_then(|p| p.get(&token))
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))?;
                (sub, map.get(&token)?)
            }
            Value::Array(items) => (schema.get("items")?, items.get(token.parse::<usize>().ok()?)?),
            _ => return None,
        };
        schema = deref(root, next_schema);
        current = next_value;
        if let Some(branch) = branch_for(root, schema, current) {
            schema = deref(root, branch);
        }
    }
    Some(schema)
}

/// The property names of the object schema at `schema` (after following `anyOf` to an object
/// branch).
pub fn property_names(root: &Value, schema: &Value) -> Vec<String> {
    let schema = deref(root, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        return props.keys().cloned().collect();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            for b in branches {
                let names = property_names(root, b);
                if !names.is_empty() {
                    return names;
                }
            }
        }
    }
    Vec::new()
}

/// Every property name with the path of the mapping it belongs to (`npl_ceiling` → `risk`), for
/// telling a designer a key is in the wrong section.
pub fn key_homes(root: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut seen_defs = HashSet::new();
    collect_homes(root, root, "", &mut out, &mut seen_defs);
    out.sort();
    out.dedup();
    out
}

fn collect_homes(root: &Value, schema: &Value, path: &str, out: &mut Vec<(String, String)>, seen: &mut HashSet<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if !seen.insert(format!("{reference}@{path}")) || path.matches('.').count() > 6 {
            return;
        }
    }
    let schema = deref(root, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            out.push((name.clone(), path.to_owned()));
            let child = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
            collect_homes(root, sub, &child, out, seen);
        }
    }
    if let Some(items) = schema.get("items").filter(|i| i.is_object()) {
        collect_homes(root, items, &format!("{path}[]"), out, seen);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            for b in branches {
                collect_homes(root, b, path, out, seen);
            }
        }
    }
}

/// The `examples` or `description` of a schema node, for help text.
pub fn example(root: &Value, schema: &Value) -> Option<String> {
    let schema = deref(root, schema);
    schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
}

pub fn description(root: &Value, schema: &Value) -> Option<String> {
    let direct = schema.get("description").and_then(Value::as_str);
    direct
        .or_else(|| deref(root, schema).get("description").and_then(Value::as_str))
        .map(|d| d.split("\n\n").next().unwrap_or(d).replace('\n', " "))
}

/// The object schemas' `properties` map, if `schema` describes a mapping.
pub fn properties<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Map<String, Value>> {
    deref(root, schema).get("properties").and_then(Value::as_object)
}
