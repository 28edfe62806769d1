//! A walk over a document with its schema side by side: it keeps numbers in text fields as text,
//! runs each unit's parser, and answers "which schema describes the value at this pointer".
//! Recursion is bounded: documents are at most `Limits::max_depth` deep, schemas are our own.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::model::UNIT_KEYWORD;
use crate::model::units::{UnitError, UnitKind};
use crate::syntax::push_pointer;

#[derive(Default)]
pub(super) struct Walked {
    pub unit_errors: Vec<(String, UnitError)>,
}

/// Follows `$ref`s (local `#/definitions/…` only) and single-branch `allOf` wrappers.
pub(super) fn deref<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            // `#/definitions/Name` is all schemars writes; looked up without allocating.
            let target = reference
                .strip_prefix("#/definitions/")
                .and_then(|name| root.get("definitions")?.get(name))
                .or_else(|| reference.strip_prefix('#').and_then(|p| root.pointer(p)));
            match target {
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
pub(super) fn accepts_type(root: &Value, schema: &Value, value: &Value) -> bool {
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
pub(super) fn allows_word(root: &Value, schema: &Value, word: &str) -> bool {
    let schema = deref(root, schema);
    if schema.get("const").and_then(Value::as_str) == Some(word) {
        return true;
    }
    if schema
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|e| e.iter().any(|v| v.as_str() == Some(word)))
    {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        schema
            .get(*k)
            .and_then(Value::as_array)
            .is_some_and(|branches| branches.iter().any(|b| allows_word(root, b, word)))
    })
}

/// The schema compiled for the walk: every `$ref` resolved to an index and every property list
/// sorted, so walking a document does no string hashing or pointer parsing per node.
#[derive(Debug, Default)]
pub(super) struct Plan {
    nodes: Vec<PlanNode>,
}

#[derive(Debug, Default)]
struct PlanNode {
    unit: Option<UnitKind>,
    text: bool,
    /// Sorted by name.
    props: Vec<(String, usize)>,
    extra: Option<usize>,
    items: Option<usize>,
    /// `anyOf`/`oneOf` branches with the JSON types each admits.
    branches: Vec<(u8, usize)>,
    /// The one unit branch, for values no branch admits.
    unit_branch: Option<usize>,
    all_of: Vec<usize>,
}

const T_NULL: u8 = 1;
const T_BOOL: u8 = 2;
const T_INT: u8 = 4;
const T_NUM: u8 = 8;
const T_STR: u8 = 16;
const T_ARR: u8 = 32;
const T_OBJ: u8 = 64;

fn type_bit(value: &Value) -> u8 {
    match value {
        Value::Null => T_NULL,
        Value::Bool(_) => T_BOOL,
        Value::Number(n) if n.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'-') => T_INT | T_NUM,
        Value::Number(_) => T_NUM,
        Value::String(_) => T_STR,
        Value::Array(_) => T_ARR,
        Value::Object(_) => T_OBJ,
    }
}

fn type_mask(root: &Value, schema: &Value) -> u8 {
    let schema = deref(root, schema);
    let name_bit = |t: &str| match t {
        "null" => T_NULL,
        "boolean" => T_BOOL,
        "integer" => T_INT,
        "number" => T_NUM | T_INT,
        "string" => T_STR,
        "array" => T_ARR,
        "object" => T_OBJ,
        _ => 0,
    };
    match schema.get("type") {
        Some(Value::String(t)) => name_bit(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(name_bit).fold(0, |a, b| a | b),
        _ => {
            if let Some(c) = schema.get("const") {
                type_bit(c)
            } else if schema.get("properties").is_some() {
                T_OBJ
            } else {
                u8::MAX
            }
        }
    }
}

impl Plan {
    pub(super) fn new(root: &Value) -> Plan {
        let mut plan = Plan::default();
        let mut memo = std::collections::HashMap::new();
        plan.build(root, root, &mut memo);
        plan
    }

    fn build(
        &mut self,
        root: &Value,
        schema: &Value,
        memo: &mut std::collections::HashMap<*const Value, usize>,
    ) -> usize {
        let schema = deref(root, schema);
        let key: *const Value = schema;
        if let Some(id) = memo.get(&key) {
            return *id;
        }
        let id = self.nodes.len();
        self.nodes.push(PlanNode::default());
        memo.insert(key, id);
        let mut node = PlanNode {
            unit: schema
                .get(UNIT_KEYWORD)
                .and_then(Value::as_str)
                .and_then(UnitKind::from_name),
            text: is_text(schema),
            ..PlanNode::default()
        };
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                let child = self.build(root, sub, memo);
                node.props.push((name.clone(), child));
            }
            node.props.sort_by(|a, b| a.0.cmp(&b.0));
        }
        if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
            node.extra = Some(self.build(root, extra, memo));
        }
        if let Some(items) = schema.get("items").filter(|i| i.is_object()) {
            node.items = Some(self.build(root, items, memo));
        }
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            let mut units = Vec::new();
            for b in branches {
                let mask = type_mask(root, b);
                let child = self.build(root, b, memo);
                if deref(root, b).get(UNIT_KEYWORD).is_some() {
                    units.push(child);
                }
                node.branches.push((mask, child));
            }
            if let [only] = units.as_slice() {
                node.unit_branch = Some(*only);
            }
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for part in parts {
                let child = self.build(root, part, memo);
                node.all_of.push(child);
            }
        }
        if let Some(slot) = self.nodes.get_mut(id) {
            *slot = node;
        }
        id
    }

    /// Walks a document: keeps numbers in text fields as text, and parses every unit.
    pub(super) fn walk(&self, value: &mut Value, out: &mut Walked) {
        let mut path = Vec::new();
        self.walk_node(0, value, &mut path, out);
    }

    fn walk_node<'v>(&self, id: usize, value: &'v mut Value, path: &mut Vec<Segment<'v>>, out: &mut Walked) {
        let Some(node) = self.nodes.get(id) else {
            return;
        };
        if let Some(unit) = node.unit {
            if let Err(error) = unit.check(value) {
                out.unit_errors.push((pointer_of(path), error));
            }
            return;
        }
        if node.text {
            if let Value::Number(n) = value {
                *value = Value::String(n.as_str().to_owned());
            }
            return;
        }
        if !node.branches.is_empty() {
            let bit = type_bit(value);
            let branch = node
                .branches
                .iter()
                .find(|(mask, _)| mask & bit != 0)
                .map(|(_, b)| *b)
                .or(node.unit_branch);
            if let Some(branch) = branch {
                self.walk_node(branch, value, path, out);
                return;
            }
        }
        for part in &node.all_of {
            // `allOf` parts see the same value; our schemas only use single-part wrappers, which
            // `deref` already unwraps, so this loop is for completeness.
            self.walk_shallow(*part, value, out);
        }
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if key.starts_with("x-") {
                        continue;
                    }
                    let sub = node
                        .props
                        .binary_search_by(|(name, _)| name.as_str().cmp(key))
                        .ok()
                        .and_then(|i| node.props.get(i))
                        .map(|(_, c)| *c)
                        .or(node.extra);
                    if let Some(sub) = sub {
                        path.push(Segment::Key(key));
                        self.walk_node(sub, child, path, out);
                        path.pop();
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item) = node.items {
                    for (i, child) in items.iter_mut().enumerate() {
                        path.push(Segment::Index(i));
                        self.walk_node(item, child, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// A unit or text check of a value against one `allOf` part, without descending.
    fn walk_shallow(&self, id: usize, value: &mut Value, out: &mut Walked) {
        let mut path = Vec::new();
        if let Some(node) = self.nodes.get(id) {
            if node.unit.is_some() || node.text {
                self.walk_node(id, value, &mut path, out);
            }
        }
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer_of(path: &[Segment<'_>]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer = match segment {
            Segment::Key(k) => push_pointer(&pointer, k),
            Segment::Index(i) => push_pointer(&pointer, &i.to_string()),
        };
    }
    pointer
}

/// The (dereferenced) schema describing the value at `pointer`, following the value's own shape
/// through `anyOf` branches. `None` when the pointer leaves the schema (an unknown key).
pub(crate) fn schema_for_instance<'a>(root: &'a Value, value: &Value, pointer: &str) -> Option<&'a Value> {
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
pub(super) fn property_names(root: &Value, schema: &Value) -> Vec<String> {
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
pub(super) fn key_homes(root: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut seen_defs = HashSet::new();
    collect_homes(root, root, "", &mut out, &mut seen_defs);
    out.sort();
    out.dedup();
    out
}

fn collect_homes(
    root: &Value,
    schema: &Value,
    path: &str,
    out: &mut Vec<(String, String)>,
    seen: &mut HashSet<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if !seen.insert(format!("{reference}@{path}")) || path.matches('.').count() > 6 {
            return;
        }
    }
    let schema = deref(root, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            out.push((name.clone(), path.to_owned()));
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
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
pub(super) fn example(root: &Value, schema: &Value) -> Option<String> {
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

/// A node's description, its first paragraph on one line, with its Chinese when it has one.
pub(super) fn description(root: &Value, schema: &Value) -> Option<(String, Option<String>)> {
    let d = described(schema).or_else(|| described(deref(root, schema)))?;
    let first = |t: &str| t.split("\n\n").next().unwrap_or(t).replace('\n', " ");
    Some((first(d.en), d.zh.map(first)))
}

/// What the schema says a field or value means: its English `description` and, where the
/// model gives one, its Chinese.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Description<'a> {
    pub en: &'a str,
    pub zh: Option<&'a str>,
}

impl<'a> Description<'a> {
    /// The text for a reader of `lang`: the Chinese for a Chinese reader where there is one.
    pub(crate) fn get(self, lang: crate::diagnostics::Lang) -> &'a str {
        match (lang, self.zh) {
            (crate::diagnostics::Lang::Zh, Some(zh)) => zh,
            _ => self.en,
        }
    }
}

/// The description a schema node carries itself, with its Chinese.
fn described(node: &Value) -> Option<Description<'_>> {
    Some(Description {
        en: node.get("description")?.as_str()?,
        zh: node.get(crate::model::DESCRIPTION_ZH_KEYWORD).and_then(Value::as_str),
    })
}

/// The object schemas' `properties` map, if `schema` describes a mapping.
pub(super) fn properties<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Map<String, Value>> {
    deref(root, schema).get("properties").and_then(Value::as_object)
}

/// What the schema says of the field at `pointer` of `value`, for an editor: the field's own
/// description (schemars writes it beside the `$ref` of the type it holds, so the type's text
/// is only the fallback) and the type it holds, dereferenced.
pub(crate) struct Field<'a> {
    pub description: Option<Description<'a>>,
    /// The type the field holds, before a branch is chosen (every value of an enumeration).
    pub declared: &'a Value,
    /// The branch the written value takes.
    pub schema: &'a Value,
}

/// The [`Field`] at `pointer` (not the root), when the schema knows it.
pub(crate) fn field<'a>(root: &'a Value, value: &Value, pointer: &str) -> Option<Field<'a>> {
    let parent = crate::syntax::parent_pointer(pointer);
    let token = crate::syntax::last_token(pointer);
    let mut container = schema_for_instance(root, value, parent)?;
    if let Some(branch) = value.pointer(parent).and_then(|v| branch_for(root, container, v)) {
        container = deref(root, branch);
    }
    let own = container
        .get("properties")
        .and_then(|p| p.get(&token))
        .or_else(|| container.get("items").filter(|_| token.parse::<usize>().is_ok()))
        .or_else(|| container.get("additionalProperties").filter(|a| a.is_object()))?;
    let typed = deref(root, own);
    // The branch the written value takes (`rate: LPR1Y + 50bp` is the text form, not the long one).
    let declared = typed;
    let typed = match value.pointer(pointer).and_then(|v| branch_for(root, typed, v)) {
        Some(branch) => deref(root, branch),
        None => typed,
    };
    let description = described(own).or_else(|| described(declared));
    Some(Field {
        description,
        declared,
        schema: typed,
    })
}

/// The keys a mapping at `pointer` may hold, with each one's description, in schema order.
pub(crate) fn keys<'a>(root: &'a Value, value: &Value, pointer: &str) -> Vec<(&'a str, Option<Description<'a>>)> {
    let Some(schema) = schema_for_instance(root, value, pointer) else {
        return Vec::new();
    };
    let mut out: Vec<(&'a str, Option<Description<'a>>)> = Vec::new();
    let mut add = |object: &'a Value| {
        if let Some(props) = object.get("properties").and_then(Value::as_object) {
            for (name, own) in props {
                if !out.iter().any(|(n, _)| n == name) {
                    let description = described(own).or_else(|| described(deref(root, own)));
                    out.push((name.as_str(), description));
                }
            }
        }
    };
    add(schema);
    for branch in branches(schema) {
        add(deref(root, branch));
    }
    out
}

/// The unit keyword of a schema's branch, for a field that takes a unit or a long form
/// (`rate: LPR1Y + 50bp` or `rate: { … }`).
pub(super) fn unit_branch<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    branches(schema).find_map(|b| deref(root, b).get(UNIT_KEYWORD))
}

/// The branches of an `anyOf` or `oneOf`.
fn branches(schema: &Value) -> impl Iterator<Item = &Value> {
    ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|k| schema.get(k)?.as_array())
        .flatten()
}

/// The values an enumerated field takes, each with its description (the Chinese gloss).
pub(crate) fn choices<'a>(root: &'a Value, schema: &'a Value) -> Vec<(&'a str, Option<Description<'a>>)> {
    let mut out = Vec::new();
    let mut visit = |s: &'a Value| {
        let description = described(s);
        for v in s.get("enum").and_then(Value::as_array).into_iter().flatten() {
            if let Some(v) = v.as_str() {
                out.push((v, description));
            }
        }
        if let Some(v) = s.get("const").and_then(Value::as_str) {
            out.push((v, description));
        }
    };
    visit(schema);
    for branch in branches(schema) {
        visit(deref(root, branch));
    }
    out
}

/// The Chinese term the product schema gives `word`, a value of the enumeration `definition`
/// (`Purpose`, `consumption` → 个人消费): the first run of Chinese characters of its description.
pub(crate) fn term_of(definition: &str, word: &str) -> Option<&'static str> {
    let root = &super::Compiled::product().schema;
    let branches = root.get("definitions")?.get(definition)?.get("oneOf")?.as_array()?;
    let description = branches
        .iter()
        .find(|b| b.get("const").and_then(Value::as_str) == Some(word))?
        .get("description")?
        .as_str()?;
    chinese_run(description)
}

/// A Chinese character (the CJK unified ideographs and their extension A).
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The first run of Chinese characters of a text (`个人消费`, or `需求立项` in `需求立项: the need
/// is recorded.`).
pub(crate) fn chinese_run(text: &str) -> Option<&str> {
    let start = text.find(is_cjk)?;
    let rest = &text[start..];
    let end = rest.find(|c: char| !is_cjk(c)).unwrap_or(rest.len());
    Some(&rest[..end])
}
