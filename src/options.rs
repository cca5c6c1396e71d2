//! Options that cross a boundary, read and checked once here for every caller: the JSON form
//! the JS API passes (a call's options object), and the error every refusal gives. The
//! validator's options are `rules::Options` (`rules/options.rs`), the editor's
//! `edit::EditorOptions` and `edit::KeptDiagnostics`, the layout's `layout::Params`; the reading
//! limits and the output format are read here.

use crate::json::{Format, Indent, Limits, Object, Value};
use crate::shape::{one_of, opt, req, Field, Given, Shape, Ty, BOOL, ID, NUM};

pub(crate) const LIMIT_FIELDS: &[Field] = &[
    req("maxInputBytes", NUM, "Largest input in bytes.").default("64 MiB"),
    req(
        "maxDepth",
        NUM,
        "Deepest nesting of arrays and objects; at most 4,096 whatever is set.",
    )
    .default("512"),
    req("maxStringBytes", NUM, "Longest string in bytes.").default("16 MiB"),
    req(
        "maxNodes",
        NUM,
        "Most nodes: events, activities and gateways, embedded sub-process pipelines included.",
    )
    .default("200,000"),
    req("maxFlows", NUM, "Most flows, embedded ones included.").default("400,000"),
];

/// The reading limits (`setLimits`, `getLimits`): [`Limits::NAMES`] are its field names.
pub const LIMITS: Shape = Shape::new(
    "Limits",
    "The limits an input is read with; passing one gives a `ParseError` (codes \
     `input-too-large`, `too-deep`, `string-too-long`, `too-many-nodes`, `too-many-flows`).",
    LIMIT_FIELDS,
);

/// The limits as options of a call, each optional, and which tree of a wrapper to read.
pub const PARSE_OPTIONS: Shape = LIMITS
    .partial(
        "ParseOptions",
        "Limits on what a call reads; each one passed gives a `ParseError`.",
    )
    .extends(&["SourceOptions"]);

/// Which tree of a wrapped input a call reads (`crate::wrapped`).
pub const SOURCE_OPTIONS: Shape = Shape::new(
    "SourceOptions",
    "Which tree to read when the input wraps it (an API response, a request body, a SOPS \
     export file; see `findTree`).",
    &[opt(
        "template",
        ID,
        "The template of a SOPS export file: its SOPS id, its pipeline template id or its \
         name. Needed when the file holds several (else a `ParseError` \
         `template-required` lists them); one it does not hold is `unknown-template`.",
    )],
);

/// What a call that writes a wrapped tree writes (`format`, `Editor.export`, `Editor.tree`).
pub const EXPORT_OPTIONS: Shape = Shape::new(
    "ExportOptions",
    "Whether a tree read out of a wrapper is written alone or inside the whole wrapper.",
    &[opt(
        "wrapper",
        Ty::Choice(WRAPPER_CHOICES),
        "`\"strip\"`: the tree alone; `\"keep\"`: the whole wrapper as read (byte for byte \
         where nothing changed), the tree in its place (as JSON text again when it was held as \
         text). A bare tree is written alone either way.",
    )
    .default("\"strip\"")],
);

/// The values of `wrapper`.
const WRAPPER_CHOICES: &[&str] = &["strip", "keep"];

/// The `template` option: text, or a number written as text; `None` when not given.
pub fn template_choice(o: &Object) -> Result<Option<String>, OptionError> {
    match Given::new(o, &PARSE_OPTIONS).get("template") {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.as_str().to_owned())),
        Some(_) => Err(refuse(
            "template",
            "template must be a template's id or name (text or a number)".to_owned(),
        )),
    }
}

/// The `wrapper` option: whether to keep the wrapper (`"keep"`); `"strip"` or absent: not.
pub fn keep_wrapper(o: &Object, shape: &'static Shape) -> Result<bool, OptionError> {
    match Given::new(o, shape).get("wrapper") {
        None => Ok(false),
        Some(Value::String(s)) if s == "strip" => Ok(false),
        Some(Value::String(s)) if s == "keep" => Ok(true),
        Some(_) => Err(refuse(
            "wrapper",
            format!("wrapper must be {}", one_of(WRAPPER_CHOICES, true)),
        )),
    }
}

/// `format`'s options over the limits.
pub const FORMAT_OPTIONS: Shape = Shape::new(
    "FormatOptions",
    "How `format` lays the text out. Unset fields keep the input text's own layout.",
    &[
        opt(
            "indent",
            Ty::Or(&[NUM, Ty::Choice(INDENTS)]),
            "Spaces per level (0 to 16), `\"tab\"`, or `\"compact\"` (one line).",
        ),
        opt("ascii", BOOL, "Escape non-ASCII characters as \\uXXXX."),
        opt("finalNewline", BOOL, "End the text with a newline."),
    ],
)
.extends(&["ParseOptions", "ExportOptions"]);

/// An option that cannot be used: which one (its JSON name), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option's name in the JSON form (`preset`, `rules`, `indent`, `maxNodes`...).
    pub option: &'static str,
    pub message: String,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

pub(crate) fn refuse(option: &'static str, message: String) -> OptionError {
    OptionError { option, message }
}

impl Limits {
    /// A call's options over these limits: each of [`Limits::NAMES`] given as a number from 0
    /// up replaces its limit; other values and other keys are left alone.
    pub fn read_json(&mut self, o: &Object) {
        for name in Limits::NAMES {
            let given = o.get(name).and_then(Value::as_f64).filter(|f| *f >= 0.0);
            if let (Some(n), Some(slot)) = (given, self.by_name(name)) {
                *slot = n as usize;
            }
        }
    }

    /// The limits every later call reads with (the JS API's `setLimits`): only known names,
    /// each a whole number from 1 up; on a refusal nothing changes.
    pub fn set_json(&mut self, o: &Object) -> Result<(), OptionError> {
        let mut next = *self;
        for (key, value) in o.iter() {
            let slot = next.by_name(key).ok_or_else(|| {
                refuse(
                    "limits",
                    format!(
                        "unknown limit {key:?}; the limits are {}",
                        Limits::NAMES.join(", ")
                    ),
                )
            })?;
            match value.as_f64() {
                Some(v) if v >= 1.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 => {
                    *slot = v as usize
                }
                _ => {
                    return Err(refuse(
                        "limits",
                        format!("{key} must be a whole number from 1 up"),
                    ))
                }
            }
        }
        *self = next;
        Ok(())
    }

    /// `{maxInputBytes, maxDepth, maxStringBytes, maxNodes, maxFlows}`.
    pub fn to_json(mut self) -> Value {
        let mut o = Object::new();
        for name in Limits::NAMES {
            let n = self.by_name(name).map_or(0, |n| *n);
            o.insert(name, Value::from(n as i64));
        }
        Value::Object(o)
    }
}

/// The values `indent` takes besides a number of spaces.
const INDENTS: &[&str] = &["tab", "compact"];

impl Format {
    /// A call's options over this format: `indent` (0 to 16 spaces, `"tab"` or `"compact"`),
    /// `ascii` and `finalNewline` (booleans; other values are left alone).
    pub fn read_json(&mut self, o: &Object) -> Result<(), OptionError> {
        let o = Given::new(o, &FORMAT_OPTIONS);
        if let Some(indent) = o.get("indent") {
            self.indent = match (indent.as_f64(), indent.as_str()) {
                (Some(n), _) if (0.0..=16.0).contains(&n) => Indent::Spaces(n as u8),
                (_, Some("tab")) => Indent::Tab,
                (_, Some("compact")) => Indent::Compact,
                _ => {
                    return Err(refuse(
                        "indent",
                        format!("indent must be 0..16, {}", one_of(INDENTS, true)),
                    ))
                }
            };
        }
        if let Some(ascii) = o.raw("ascii").and_then(Value::as_bool) {
            self.ascii = ascii;
        }
        if let Some(nl) = o.raw("finalNewline").and_then(Value::as_bool) {
            self.final_newline = nl;
        }
        Ok(())
    }
}
