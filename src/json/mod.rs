//! Lossless JSON: the storage under the typed tree model.
//!
//! [`parse`] keeps object key order and the exact text of numbers, refuses duplicate keys and
//! reports every error with its JSON path, line and column; [`to_string`] writes a value back in
//! a chosen [`Format`]. Reading a text and writing it with the format it was written in gives
//! the same bytes.

mod float;
mod key;
mod parse;
mod path;
mod scan;
mod value;
pub(crate) use value::{python_float_repr, same};
pub(crate) mod write;

pub use float::read_f64;
pub use parse::{locate, parse, parse_bytes, Limits};
pub use path::{Path, Position, Seg};
pub use value::{JsonType, Number, Object, Value};
pub use write::{to_string, write_object, write_string, write_value, Format, Indent};
