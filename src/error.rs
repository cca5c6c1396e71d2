//! Typed errors for input that cannot be read as a tree. Each problem names its place: the
//! JSON path and, when the input text is known, the line and column.

use std::fmt;

use crate::json::{Object, Path, Position, Value};
use crate::shape::{opt, req, Shape, NUM, STR};

/// The JSON form of a [`Problem`] (a `ParseError`'s `problems`).
pub const PROBLEM: Shape = Shape::new(
    "Problem",
    "One located problem of a `ParseError`.",
    &[
        req("code", STR, ""),
        req("message", STR, ""),
        opt("message_zh", STR, "The message in Chinese."),
        req(
            "path",
            STR,
            "JSON path such as `$.activities.n1.incoming[0]`.",
        ),
        opt(
            "line",
            NUM,
            "1-based line in the input text (absent when the input was an object).",
        ),
        opt("column", NUM, "1-based column, in characters."),
    ],
);

/// What went wrong, as a stable code (the `code` property of the JS error).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The bytes are not UTF-8.
    NotUtf8,
    /// The text is not JSON (syntax error, NaN, trailing characters, bad escape...).
    InvalidJson,
    /// An object has the same key twice.
    DuplicateKey,
    /// Arrays and objects nest deeper than the limit.
    TooDeep,
    /// A string is longer than the limit.
    StringTooLong,
    /// The whole input is larger than the limit.
    InputTooLarge,
    /// The tree has more nodes (events, activities, gateways, embedded ones included) than the
    /// limit.
    TooManyNodes,
    /// The tree has more flows (embedded ones included) than the limit.
    TooManyFlows,
    /// The JSON is valid but is not a pipeline tree: the root is not an object, or has none of
    /// a tree's sections (start_event, end_event, activities, gateways, flows).
    NotATree,
    /// A SOPS export file holds several templates and none was chosen (or the name chosen is
    /// shared by several): the message lists them, id and name.
    TemplateRequired,
    /// The template chosen is not in the SOPS export file: the message lists those it holds.
    UnknownTemplate,
    /// A field the model knows would get a value of the wrong JSON type (an edit's refusal:
    /// reading keeps such values as written, each a SCHEMA013/WEB009 diagnostic).
    WrongType,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotUtf8 => "not-utf8",
            ErrorCode::InvalidJson => "invalid-json",
            ErrorCode::DuplicateKey => "duplicate-key",
            ErrorCode::TooDeep => "too-deep",
            ErrorCode::StringTooLong => "string-too-long",
            ErrorCode::InputTooLarge => "input-too-large",
            ErrorCode::TooManyNodes => "too-many-nodes",
            ErrorCode::TooManyFlows => "too-many-flows",
            ErrorCode::NotATree => "not-a-tree",
            ErrorCode::TemplateRequired => "template-required",
            ErrorCode::UnknownTemplate => "unknown-template",
            ErrorCode::WrongType => "wrong-type",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One located problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: ErrorCode,
    /// What is wrong, without the place (the place is in `path` and `position`).
    pub message: String,
    /// The message in Chinese, where the problem has one (the wrapper's refusals).
    pub message_zh: Option<String>,
    pub path: Path,
    /// Line and column in the input text; `None` when the input was not text (a value built in
    /// memory).
    pub position: Option<Position>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.path)?;
        if let Some(p) = self.position {
            write!(f, " ({p})")?;
        }
        Ok(())
    }
}

/// The input cannot be read as a tree. Holds every problem found, in document order; JSON
/// syntax errors stop reading, so they come alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    problems: Vec<Problem>,
}

impl ParseError {
    /// An error with at least one problem.
    pub(crate) fn new(first: Problem, rest: Vec<Problem>) -> ParseError {
        let mut problems = Vec::with_capacity(rest.len() + 1);
        problems.push(first);
        problems.extend(rest);
        ParseError { problems }
    }

    pub(crate) fn from_problems(problems: Vec<Problem>) -> Option<ParseError> {
        (!problems.is_empty()).then_some(ParseError { problems })
    }

    /// The first problem: the one the message describes.
    pub fn first(&self) -> &Problem {
        &self.problems[0]
    }

    pub fn code(&self) -> ErrorCode {
        self.first().code
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl Problem {
    /// `{code, message, path, line?, column?}` ([`PROBLEM`]).
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("code", Value::from(self.code.as_str()));
        o.insert("message", Value::from(self.message.as_str()));
        if let Some(zh) = &self.message_zh {
            o.insert("message_zh", Value::from(zh.as_str()));
        }
        o.insert("path", Value::from(self.path.to_string()));
        if let Some(pos) = self.position {
            o.insert("line", Value::from(pos.line as i64));
            o.insert("column", Value::from(pos.column as i64));
        }
        Value::Object(o)
    }
}

impl ParseError {
    /// The fields a thrown `ParseError` carries besides its message and code: the first
    /// problem's `path`, `line` and `column`, and every problem (`problems`).
    pub fn fields(&self) -> Object {
        let mut o = match self.first().to_json() {
            Value::Object(o) => o,
            _ => Object::new(),
        };
        o.remove("code");
        o.remove("message");
        o.insert(
            "problems",
            Value::Array(self.problems.iter().map(Problem::to_json).collect()),
        );
        o
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first())?;
        match self.problems.len() {
            1 => Ok(()),
            2 => write!(f, " (and 1 more problem)"),
            n => write!(f, " (and {} more problems)", n - 1),
        }
    }
}

impl std::error::Error for ParseError {}
