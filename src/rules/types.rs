//! SCHEMA013, WEB009: known fields of a JSON type the model does not read (an activity's
//! `component.code` null, `line` an object, a flow's `source` a number). The tree opens and
//! keeps them as written; each is a diagnostic at its path, raised by the unit of the item it
//! is in, or by the tree's own unit for a section and for items no unit reads (an id map's
//! item that is not an object, a `line` or `location` item without a string `id`).

use super::ctx::{At, Ctx};
use super::registry::{Rule, SCHEMA013, WEB009};
use crate::json::{Object, Value};
use crate::model::check::{self, Mismatch, Step, Ty};
use crate::model::{Constant, Flow, Line, Location, Node, Place};

/// The item a mismatch is in: its node or flow id.
#[derive(Clone, Copy, Default)]
struct Item<'a> {
    node: Option<&'a str>,
    flow: Option<&'a str>,
}

fn emit(cx: &mut Ctx<'_>, rule: &'static Rule, m: Mismatch, item: Item<'_>) {
    let message = format!("{} has the wrong type: {}", m.path, m.message());
    let message_zh = format!("{} 类型错误：{}", m.path, m.message_zh());
    let at = At {
        node: item.node,
        flow: item.flow,
        path: Some(m.path),
    };
    cx.emit(rule, at, message, message_zh);
}

fn fields(
    cx: &mut Ctx<'_>,
    rule: &'static Rule,
    (obj, ty): (&Object, &Ty),
    path: &[Step<'_>],
    item: Item<'_>,
) {
    if !cx.on(rule) {
        return;
    }
    for m in check::field_mismatches(obj, ty, &mut path.to_vec()) {
        emit(cx, rule, m, item);
    }
}

/// The sections' own types, the id maps' items that are not objects, and the drawing items
/// without a string id.
pub(crate) fn top(cx: &mut Ctx<'_>) {
    if !cx.any_on(&[&SCHEMA013, &WEB009]) {
        return;
    }
    let root = cx.tree.root();
    for m in check::field_mismatches(root, &check::SECTIONS, &mut Vec::new()) {
        let drawing = matches!(m.path.first_key(), Some("line" | "location"));
        emit(
            cx,
            if drawing { &WEB009 } else { &SCHEMA013 },
            m,
            Item::default(),
        );
    }
    for (section, ty) in [("line", &check::LINE), ("location", &check::LOCATION)] {
        let items = root.get(section).and_then(Value::as_array).unwrap_or(&[]);
        for (i, item) in items.iter().enumerate() {
            let id = item.as_object().and_then(|o| o.get("id"));
            if id.and_then(Value::as_str).is_none() {
                let mut path = vec![Step::Key(section), Step::Index(i)];
                for m in check::mismatches(item, ty, &mut path) {
                    emit(cx, &WEB009, m, Item::default());
                }
            }
        }
    }
}

/// One node's fields.
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    let (path, ty) = match n.place() {
        Place::StartEvent => (vec![Step::Key("start_event")], &check::EVENT),
        Place::EndEvent => (vec![Step::Key("end_event")], &check::EVENT),
        Place::Activities => (
            vec![Step::Key("activities"), Step::Key(n.key())],
            &check::ACTIVITY,
        ),
        Place::Gateways => (
            vec![Step::Key("gateways"), Step::Key(n.key())],
            &check::GATEWAY,
        ),
    };
    let item = Item {
        node: Some(n.key()),
        flow: None,
    };
    fields(cx, &SCHEMA013, (n.object(), ty), &path, item);
}

/// One flow's fields.
pub(crate) fn flow(cx: &mut Ctx<'_>, f: &Flow<'_>) {
    let path = [Step::Key("flows"), Step::Key(f.key())];
    let item = Item {
        node: None,
        flow: Some(f.key()),
    };
    fields(cx, &SCHEMA013, (f.object(), &check::FLOW), &path, item);
}

/// One variable's fields.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let path = [Step::Key("constants"), Step::Key(c.map_key())];
    let obj = (c.object(), &check::CONSTANT);
    fields(cx, &SCHEMA013, obj, &path, Item::default());
}

/// The line at `line[i]`.
pub(crate) fn line(cx: &mut Ctx<'_>, i: usize, l: &Line<'_>) {
    let path = [Step::Key("line"), Step::Index(i)];
    let item = Item {
        node: None,
        flow: l.id(),
    };
    fields(cx, &WEB009, (l.object(), &check::LINE), &path, item);
}

/// The location at `location[i]`.
pub(crate) fn location(cx: &mut Ctx<'_>, i: usize, l: &Location<'_>) {
    let path = [Step::Key("location"), Step::Index(i)];
    let item = Item {
        node: l.id(),
        flow: None,
    };
    fields(cx, &WEB009, (l.object(), &check::LOCATION), &path, item);
}

/// An engine tree's `data` (its inputs, outputs and pre-render keys).
pub(crate) fn engine_data(cx: &mut Ctx<'_>, data: &Object) {
    let path = [Step::Key("data")];
    fields(
        cx,
        &SCHEMA013,
        (data, &check::ENGINE_DATA),
        &path,
        Item::default(),
    );
}
