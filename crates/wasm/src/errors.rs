//! The errors JavaScript sees. Every misuse throws an instance of one of the package's `Error`
//! subclasses (`js/errors.js`), each with a string `code`; the class, code, message and
//! fields come from the core ([`pipeline_tree::api::Error`]):
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

use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;

use pipeline_tree::api;
use pipeline_tree::json::{self, Format};

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

/// The JS error of a core refusal, with its fields (a `ParseError`'s place and problems, an
/// `EditError`'s `message_zh`, a `ResponseError`'s path).
pub(super) fn throw(e: api::Error) -> JsValue {
    let error = new_error(e.class(), &e.message(), e.code());
    for (key, value) in e.fields().iter() {
        let text = json::to_string(value, &Format::compact());
        set(&error, key, JSON::parse(&text).unwrap_or(JsValue::NULL));
    }
    error
}

/// An `OptionsError`: an argument of the wrong kind.
pub(super) fn options_error(message: &str) -> JsValue {
    throw(api::refuse(message))
}
