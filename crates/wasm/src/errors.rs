//! The errors JavaScript sees. Every misuse throws an instance of one of the package's `Error`
//! subclasses (`js/errors.js`), each with a string `code`:
//!
//! | class            | thrown when                                     | code                     |
//! |------------------|-------------------------------------------------|--------------------------|
//! | `ParseError`     | the input is not a tree (not JSON, wrong types)  | first problem's code     |
//! | `OptionsError`   | an argument or option has the wrong kind/value   | `invalid-argument`       |
//! | `EditError`      | an editor operation is refused                   | `FE004`, `unknown-node`… |
//! | `StartError`     | no task can start from the node asked for        | engine code, `START001`  |
//! | `ResponseError`  | an API response body does not read               | `RESP…`                  |
//!
//! All extend `PipelineTreeError`. The package entry registers the classes once
//! (`__registerErrorClasses`); until then (the raw wasm-bindgen module used on its own) the
//! errors are plain `Error`s with the same `name`, `code` and fields.

use std::cell::RefCell;

use js_sys::{Array, Function, Object as JsObject, Reflect};
use wasm_bindgen::prelude::*;

use pipeline_tree::error::ParseError;

thread_local! {
    static CLASSES: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Called by the package entry with `{ParseError, OptionsError, EditError, StartError,
/// ResponseError}`; not part of the public API.
#[wasm_bindgen(js_name = "__registerErrorClasses", skip_typescript)]
pub fn register_error_classes(classes: JsValue) {
    CLASSES.with(|c| *c.borrow_mut() = classes.is_object().then_some(classes));
}

/// An error of class `name` with `message` and `code`.
fn new_error(name: &str, message: &str, code: &str) -> JsValue {
    let class = CLASSES.with(|c| {
        c.borrow()
            .as_ref()
            .and_then(|classes| Reflect::get(classes, &JsValue::from_str(name)).ok())
            .and_then(|f| f.dyn_into::<Function>().ok())
    });
    let error = class
        .and_then(|f| Reflect::construct(&f, &Array::of1(&JsValue::from_str(message))).ok())
        .unwrap_or_else(|| {
            let e = js_sys::Error::new(message);
            e.set_name(name);
            e.into()
        });
    set(&error, "code", code.into());
    error
}

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on an object we just created cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

/// A `ParseError` carrying the first problem's place and all problems.
pub(super) fn parse_error(err: &ParseError) -> JsValue {
    let first = err.first();
    let e = new_error("ParseError", &err.to_string(), first.code.as_str());
    let problems = Array::new();
    for p in err.problems() {
        let o: JsValue = JsObject::new().into();
        set(&o, "code", p.code.as_str().into());
        set(&o, "message", p.message.as_str().into());
        set(&o, "path", p.path.to_string().into());
        if let Some(pos) = p.position {
            set(&o, "line", (pos.line as f64).into());
            set(&o, "column", (pos.column as f64).into());
        }
        problems.push(&o);
    }
    set(&e, "path", first.path.to_string().into());
    if let Some(pos) = first.position {
        set(&e, "line", (pos.line as f64).into());
        set(&e, "column", (pos.column as f64).into());
    }
    set(&e, "problems", problems.into());
    e
}

/// An `OptionsError`: an argument of the wrong kind or an option with a bad value.
pub(super) fn options_error(message: &str) -> JsValue {
    new_error("OptionsError", message, "invalid-argument")
}

pub(super) fn edit_error(e: &pipeline_tree::edit::EditError) -> JsValue {
    new_error("EditError", &e.to_string(), e.code.as_str())
}

pub(super) fn start_error(e: &pipeline_tree::engine::start::StartError) -> JsValue {
    let code = match e {
        pipeline_tree::engine::start::StartError::Invalid(e) => e.code,
        pipeline_tree::engine::start::StartError::NotAllowed(_) => "START001",
    };
    new_error("StartError", &e.to_string(), code)
}

pub(super) fn response_error(e: &pipeline_tree::payload::ResponseError) -> JsValue {
    let v = new_error("ResponseError", &e.to_string(), e.code);
    set(&v, "path", e.path.to_string().into());
    v
}
