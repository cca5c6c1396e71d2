//! One declarative description of the JSON the library takes and gives at its boundary: the
//! options of each call (reading limits, output format, validation, editor, layout, payload
//! inputs), the editing operations, and the results. Each type's table lives beside the code
//! that reads or writes it, in the style of the model's type table (`model/check.rs`): per
//! field its JSON name, its type, whether it is required, its default and a one-line doc.
//!
//! The description is used three ways:
//! * readers ask for keys through it: the names a reader lists (unknown-key checks, the choices
//!   named in an error message) are the table's, and in debug builds a key asked for that the
//!   table does not declare is a failed assertion ([`Given`]);
//! * results are checked against it in debug builds ([`conforms`]), so a field written but not
//!   declared (or declared required and not written) fails the tests;
//! * the public TypeScript declarations are rendered from it ([`typescript`]); a test fails
//!   when the committed `.d.ts` files differ.
//!
//! Tables are `const`s: a reader that needs a list of names at run time takes it through
//! [`names`], evaluated at compile time, so the docs never reach the `.wasm`.

pub mod typescript;

use crate::json::{Object, Value};

/// A JSON type as the API declares it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    Str,
    Num,
    Bool,
    Null,
    /// Anything.
    Unknown,
    /// Nothing (`Record<string, never>`: an empty object).
    Never,
    /// Any object or array (TypeScript's `object`).
    Object,
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// A type declared by name: a shape of this description (see [`Decl`]) or one of the
    /// tree's types (`PipelineTree`, `TreeLine`, `TreeLocation`: `js/tree.d.ts`).
    Ref(&'static str),
    /// A list of items of this type.
    Arr(&'static Ty),
    /// An object whose every value has this type (`Record<string, T>`).
    Map(&'static Ty),
    /// A list of exactly these types.
    Tuple(&'static [Ty]),
    /// Any of these types.
    Or(&'static [Ty]),
    /// An object of these fields, declared in place.
    Obj(&'static Shape),
}

impl Ty {
    /// Text, a number, a boolean or null (or a choice of them): what a command-line flag gives
    /// as it is, where other types are written as JSON.
    pub fn is_scalar(&self) -> bool {
        match self {
            Ty::Str | Ty::Num | Ty::Bool | Ty::Null | Ty::Choice(_) => true,
            Ty::Or(ts) => ts.iter().all(Ty::is_scalar),
            _ => false,
        }
    }
}

pub const STR: Ty = Ty::Str;
pub const NUM: Ty = Ty::Num;
pub const BOOL: Ty = Ty::Bool;
/// A list of strings (ids, keys).
pub const STRS: Ty = Ty::Arr(&Ty::Str);
/// An id that may be written as text or as a number.
pub const ID: Ty = Ty::Or(&[Ty::Str, Ty::Num]);
/// `Record<string, unknown>`.
pub const MAP: Ty = Ty::Map(&Ty::Unknown);
/// `[number, number]`.
pub const PAIR: Ty = Ty::Tuple(&[Ty::Num, Ty::Num]);

/// The tree's own type (`tree.d.ts`).
pub const TREE: Ty = Ty::Ref("PipelineTree");

/// A type or null.
pub const fn nullable(ty: &'static Ty) -> Ty {
    match ty {
        Ty::Str => Ty::Or(&[Ty::Str, Ty::Null]),
        Ty::Num => Ty::Or(&[Ty::Num, Ty::Null]),
        Ty::Bool => Ty::Or(&[Ty::Bool, Ty::Null]),
        _ => panic!("nullable: give the union with Ty::Or"),
    }
}

/// One field of an object.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The key in the JSON form.
    pub name: &'static str,
    pub ty: Ty,
    /// Always present (results), or required by the reader (inputs).
    pub required: bool,
    /// What an absent field means, in words (`"500"`, `"64 MiB"`).
    pub default: Option<&'static str>,
    /// One line, English.
    pub doc: &'static str,
}

/// An optional field.
pub const fn opt(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        default: None,
        doc,
    }
}

/// A required field.
pub const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        default: None,
        doc,
    }
}

impl Field {
    /// The same field with what its absence means.
    pub const fn default(mut self, default: &'static str) -> Field {
        self.default = Some(default);
        self
    }
}

/// An object type: a named interface, or an object declared in place (name `""`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub name: &'static str,
    pub doc: &'static str,
    /// Named shapes whose fields this one has too.
    pub extends: &'static [&'static str],
    pub fields: &'static [Field],
    /// Every field optional whatever the table says (`ParseOptions`: the limits, each optional).
    pub partial: bool,
    /// The type of keys the table does not name, when other keys are allowed.
    pub rest: Option<Ty>,
}

impl Shape {
    pub const fn new(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Shape {
        Shape {
            name,
            doc,
            extends: &[],
            fields,
            partial: false,
            rest: None,
        }
    }

    /// An object declared in place.
    pub const fn inline(fields: &'static [Field]) -> Shape {
        Shape::new("", "", fields)
    }

    pub const fn extends(mut self, parents: &'static [&'static str]) -> Shape {
        self.extends = parents;
        self
    }

    /// Other keys allowed, with values of `ty`.
    pub const fn open(mut self, ty: Ty) -> Shape {
        self.rest = Some(ty);
        self
    }

    /// The same fields, each optional, under another name.
    pub const fn partial(mut self, name: &'static str, doc: &'static str) -> Shape {
        self.name = name;
        self.doc = doc;
        self.partial = true;
        self
    }

    /// The field named `key`, among this shape's own and its parents'.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == key).or_else(|| {
            self.extends
                .iter()
                .filter_map(|p| lookup(p))
                .find_map(|p| p.field(key))
        })
    }

    /// Whether `key` is declared (a field of this shape or of a parent).
    pub fn declares(&self, key: &str) -> bool {
        self.field(key).is_some()
    }

    fn required(&self, f: &Field) -> bool {
        f.required && !self.partial
    }
}

/// The names of `fields`, in order; for a `const` evaluated at compile time:
/// `const NAMES: [&str; FIELDS.len()] = shape::names(FIELDS);`.
pub const fn names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    assert!(fields.len() == N, "names: wrong length");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].name;
        i += 1;
    }
    out
}

/// One declaration of the TypeScript files.
#[derive(Clone, Copy, Debug)]
pub enum Decl {
    /// `export interface Name { ... }`.
    Interface(&'static Shape),
    /// `export type Name = ...`.
    Alias {
        name: &'static str,
        doc: &'static str,
        ty: Ty,
    },
    /// `export type Name = | {tag: "a"; ...} | ...`: one object per variant, told apart by
    /// the field `tag` whose value is the variant's name (the editor's operations).
    Union {
        name: &'static str,
        doc: &'static str,
        tag: &'static str,
        variants: &'static [Shape],
    },
    /// Declarations written by hand (functions, the `Editor` class, generic helpers).
    Text(&'static str),
}

impl Decl {
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Decl::Interface(s) => Some(s.name),
            Decl::Alias { name, .. } | Decl::Union { name, .. } => Some(name),
            Decl::Text(_) => None,
        }
    }
}

/// The types of the tree, declared in `tree.d.ts` (from the model's table), not here.
pub const TREE_TYPES: [&str; 3] = ["PipelineTree", "TreeLine", "TreeLocation"];

/// The named shape `name` among the declarations of the JS API.
pub fn lookup(name: &str) -> Option<&'static Shape> {
    crate::api::declarations::all().find_map(|d| match d {
        Decl::Interface(s) if s.name == name => Some(*s),
        _ => None,
    })
}

fn lookup_decl(name: &str) -> Option<&'static Decl> {
    crate::api::declarations::all().find(|d| d.name() == Some(name))
}

/// Whether `value` has the declared type; the first mismatch otherwise, as `path: what`.
pub fn conforms(value: &Value, ty: &Ty) -> Result<(), String> {
    check(value, ty, "$")
}

/// Whether `value` has the type declared as `name`.
pub fn conforms_to(value: &Value, name: &str) -> Result<(), String> {
    if TREE_TYPES.contains(&name) {
        return check(value, &Ty::Object, "$");
    }
    match lookup_decl(name) {
        Some(d) => check_decl(value, d, "$"),
        None => Err(format!("{name} is not declared")),
    }
}

fn check(v: &Value, ty: &Ty, at: &str) -> Result<(), String> {
    let fits = match ty {
        Ty::Str => v.as_str().is_some(),
        Ty::Num => v.as_f64().is_some(),
        Ty::Bool => v.as_bool().is_some(),
        Ty::Null => v.is_null(),
        Ty::Unknown => true,
        Ty::Never => false,
        Ty::Object => matches!(v, Value::Object(_) | Value::Array(_)),
        Ty::Choice(list) => v.as_str().is_some_and(|s| list.contains(&s)),
        Ty::Ref(name) if TREE_TYPES.contains(name) => v.as_object().is_some(),
        Ty::Ref(name) => {
            return match lookup_decl(name) {
                Some(d) => check_decl(v, d, at),
                None => Err(format!("{at}: {name} is not declared")),
            };
        }
        Ty::Arr(item) => {
            let Some(items) = v.as_array() else {
                return Err(format!("{at}: not a list"));
            };
            return items
                .iter()
                .enumerate()
                .try_for_each(|(i, x)| check(x, item, &format!("{at}[{i}]")));
        }
        Ty::Map(item) => {
            let Some(o) = v.as_object() else {
                return Err(format!("{at}: not an object"));
            };
            return o
                .iter()
                .try_for_each(|(k, x)| check(x, item, &format!("{at}.{k}")));
        }
        Ty::Tuple(items) => v.as_array().is_some_and(|a| {
            a.len() == items.len()
                && a.iter()
                    .zip(items.iter())
                    .all(|(x, t)| check(x, t, at).is_ok())
        }),
        Ty::Or(options) => options.iter().any(|t| check(v, t, at).is_ok()),
        Ty::Obj(shape) => return check_object(v, shape, at),
    };
    if fits {
        Ok(())
    } else {
        Err(format!("{at}: not {ty:?}"))
    }
}

fn check_decl(v: &Value, d: &Decl, at: &str) -> Result<(), String> {
    match d {
        Decl::Interface(s) => check_object(v, s, at),
        Decl::Alias { ty, .. } => check(v, ty, at),
        Decl::Union {
            name,
            tag,
            variants,
            ..
        } => {
            let t = v
                .as_object()
                .and_then(|o| o.get(tag))
                .and_then(Value::as_str);
            match variants.iter().find(|s| Some(s.name) == t) {
                Some(s) => check_variant(v, s, tag, at),
                None => Err(format!("{at}: no variant of {name} named {t:?}")),
            }
        }
        Decl::Text(_) => Err(format!("{at}: not a type")),
    }
}

fn check_variant(v: &Value, s: &Shape, tag: &str, at: &str) -> Result<(), String> {
    let mut o = v.as_object().cloned().unwrap_or_default();
    o.remove(tag);
    check_object(&Value::Object(o), s, at)
}

fn check_object(v: &Value, s: &Shape, at: &str) -> Result<(), String> {
    let Some(o) = v.as_object() else {
        return Err(format!("{at}: not an object ({})", s.name));
    };
    check_fields(o, s, at)?;
    for (k, x) in o.iter() {
        match (s.field(k), &s.rest) {
            (Some(f), _) => check(x, &f.ty, &format!("{at}.{k}"))?,
            (None, Some(rest)) => check(x, rest, &format!("{at}.{k}"))?,
            (None, None) => return Err(format!("{at}.{k}: not a field of {}", s.name)),
        }
    }
    Ok(())
}

/// Every required field (own and inherited) is present.
fn check_fields(o: &Object, s: &Shape, at: &str) -> Result<(), String> {
    if let Some(f) = s
        .fields
        .iter()
        .find(|f| s.required(f) && !o.contains_key(f.name))
    {
        return Err(format!("{at}.{}: required by {}, missing", f.name, s.name));
    }
    s.extends
        .iter()
        .filter_map(|p| lookup(p))
        .try_for_each(|p| check_fields(o, p, at))
}

/// An options object read against its description: in debug builds, asking for a key the
/// description does not declare is a failed assertion, so what a reader reads is what the
/// table (and the TypeScript declarations) say. Release builds carry no descriptions.
#[derive(Clone, Copy)]
pub struct Given<'a> {
    object: &'a Object,
    #[cfg(debug_assertions)]
    shape: &'static Shape,
}

impl<'a> Given<'a> {
    // Inlined, so release builds never refer to the description.
    #[inline(always)]
    pub fn new(object: &'a Object, shape: &'static Shape) -> Given<'a> {
        let _ = shape;
        Given {
            object,
            #[cfg(debug_assertions)]
            shape,
        }
    }

    /// The value of `key` as given (null included).
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        #[cfg(debug_assertions)]
        assert!(
            self.shape.declares(key),
            "{key} is read but not declared in {}",
            self.shape.name
        );
        self.object.get(key)
    }

    /// The value of `key`; null counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.raw(key).filter(|v| !v.is_null())
    }

    pub fn object(&self) -> &'a Object {
        self.object
    }
}

/// `a, b or c` (`quote`: `"a", "b" or "c"`): the choices of an error message.
pub fn one_of(choices: &[&str], quote: bool) -> String {
    let item = |s: &&str| {
        if quote {
            format!("\"{s}\"")
        } else {
            (*s).to_owned()
        }
    };
    match choices {
        [] => String::new(),
        [one] => item(one),
        [init @ .., last] => format!(
            "{} or {}",
            init.iter().map(item).collect::<Vec<_>>().join(", "),
            item(last)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Limits};

    fn v(text: &str) -> Value {
        parse(text, &Limits::default()).unwrap()
    }

    #[test]
    fn results_are_checked_field_by_field() {
        let ok = r#"{"code": "FE001", "message": "m", "message_zh": "z"}"#;
        assert_eq!(conforms_to(&v(ok), "Refusal"), Ok(()));
        let missing = r#"{"code": "FE001", "message": "m"}"#;
        assert!(conforms_to(&v(missing), "Refusal")
            .unwrap_err()
            .contains("message_zh"));
        let extra = r#"{"code": "FE001", "message": "m", "message_zh": "z", "x": 1}"#;
        assert!(conforms_to(&v(extra), "Refusal")
            .unwrap_err()
            .contains("$.x"));
        let wrong = r#"{"code": 1, "message": "m", "message_zh": "z"}"#;
        assert!(conforms_to(&v(wrong), "Refusal").is_err());
        // Inherited fields, choices, unions of variants.
        assert_eq!(
            conforms_to(
                &v(r#"{"maxDepth": 3, "preset": "task"}"#),
                "ValidateOptions"
            ),
            Ok(())
        );
        assert!(conforms_to(&v(r#"{"preset": "loud"}"#), "ValidateOptions").is_err());
        let op = r#"{"op": "batch", "ops": [{"op": "connect", "source": "a", "target": "b"}]}"#;
        assert_eq!(conforms_to(&v(op), "Operation"), Ok(()));
        assert!(conforms_to(&v(r#"{"op": "connect", "source": "a"}"#), "Operation").is_err());
        assert!(conforms_to(&v(r#"{"op": "fly"}"#), "Operation").is_err());
    }

    #[test]
    #[should_panic(expected = "is read but not declared")]
    fn reading_an_undeclared_option_fails_in_debug_builds() {
        let o = Object::new();
        let _ = Given::new(&o, &crate::options::FORMAT_OPTIONS).raw("indentation");
    }

    #[test]
    fn names_and_choices() {
        assert_eq!(crate::json::Limits::NAMES[1], "maxDepth");
        assert_eq!(one_of(&["a", "b", "c"], false), "a, b or c");
        assert_eq!(one_of(&["a", "b"], true), "\"a\" or \"b\"");
    }
}
