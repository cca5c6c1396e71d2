//! Single items of the tree, read through the document's indexes: [`get`] answers in time
//! proportional to the item (a hash lookup in a section, or a position of the `line` /
//! `location` index), and [`changed`] gives the JSON of everything an operation added or
//! updated, so a caller mirroring the tree patches it instead of reading it whole.

use super::delta::Delta;
use super::index::DrawIndex;
use super::patch::Step;
use crate::json::{Object, Seg, Value};
use crate::shape::{opt, req, Shape, Ty, NUM, STR};

/// What [`get`] looks up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// An activity, a gateway, or the start or end event, by id (in that order when an id is
    /// in more than one place).
    Node,
    Flow,
    /// The first `line` item with the id.
    Line,
    /// The first `location` item with the id.
    Location,
    /// A variable, by its key in `constants`.
    Constant,
    /// A top-level key of the tree (`outputs`, `line`…).
    Key,
}

/// The kinds' names in the JS API.
pub const ITEM_KINDS: &[&str] = &["node", "flow", "line", "location", "constant", "key"];

impl ItemKind {
    /// The kind named `name` (one of [`ITEM_KINDS`]).
    pub fn from_name(name: &str) -> Option<ItemKind> {
        Some(match name {
            "node" => ItemKind::Node,
            "flow" => ItemKind::Flow,
            "line" => ItemKind::Line,
            "location" => ItemKind::Location,
            "constant" => ItemKind::Constant,
            "key" => ItemKind::Key,
            _ => return None,
        })
    }
}

fn entry<'a>(root: &'a Object, section: &str, id: &str) -> Option<&'a Value> {
    root.get(section)?.as_object()?.get(id)
}

fn event<'a>(root: &'a Object, key: &str, id: &str) -> Option<&'a Value> {
    root.get(key).filter(|e| {
        e.as_object()
            .and_then(|o| o.get("id"))
            .and_then(Value::as_str)
            == Some(id)
    })
}

fn drawn<'a>(root: &'a Object, key: &str, at: Option<usize>) -> Option<&'a Value> {
    root.get(key)?.as_array()?.get(at?)
}

/// The item `id` of `kind` as it is in the tree, or `None`.
pub(crate) fn get<'a>(
    root: &'a Object,
    index: &DrawIndex,
    kind: ItemKind,
    id: &str,
) -> Option<&'a Value> {
    match kind {
        ItemKind::Node => entry(root, "activities", id)
            .or_else(|| entry(root, "gateways", id))
            .or_else(|| event(root, "start_event", id))
            .or_else(|| event(root, "end_event", id)),
        ItemKind::Flow => entry(root, "flows", id),
        ItemKind::Constant => entry(root, "constants", id),
        ItemKind::Line => drawn(root, "line", index.line.first(id)),
        ItemKind::Location => drawn(root, "location", index.location.first(id)),
        ItemKind::Key => root.get(id),
    }
}

/// Where an [`Item`] is: a section of the tree, or the tree itself (a top-level key).
const PARTS: &[&str] = &[
    "activities",
    "gateways",
    "flows",
    "constants",
    "line",
    "location",
    "tree",
];

/// The JSON form of an [`Item`].
pub const ITEM: Shape = Shape::new(
    "Item",
    "An item an operation (or undo/redo) added, updated or removed, or a top-level key it set \
     or removed as a whole, as it now is in the tree: applying every item of an outcome to a \
     copy of the tree before it gives the tree after it.",
    &[
        req(
            "part",
            Ty::Choice(PARTS),
            "The section that holds it (`activities`, `gateways`, `flows`, `constants`: objects \
             by id; `line`, `location`: arrays), or `tree` for a top-level key (`start_event`, \
             `end_event`, `outputs`, `line` and `location` after `layout`…).",
        ),
        req(
            "id",
            STR,
            "Its key in the section, its `id` in an array, or the top-level key.",
        ),
        opt(
            "at",
            NUM,
            "Its position: the key's in the object that holds it, the item's in the array (an \
             id held twice gives one item per position). With `value`.",
        ),
        opt(
            "value",
            Ty::Unknown,
            "Its JSON. Absent when it is gone: the key from its object, every item with this \
             id from the array.",
        ),
    ],
);

/// An item added or updated (see [`ITEM`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub part: &'static str,
    pub id: String,
    pub at: Option<usize>,
    pub value: Option<Value>,
}

impl Item {
    pub fn to_json(&self) -> Value {
        self.clone().into_json()
    }

    /// [`Item::to_json`], moving the value instead of copying it.
    pub fn into_json(self) -> Value {
        let mut o = Object::new();
        o.insert("part", Value::from(self.part));
        o.insert("id", Value::from(self.id));
        if let Some(at) = self.at {
            o.insert("at", Value::from(at as i64));
        }
        if let Some(v) = self.value {
            o.insert("value", v);
        }
        Value::Object(o)
    }
}

/// The sections items are kept by: every part but the tree itself.
const SECTIONS: &[&str] = PARTS.split_at(PARTS.len() - 1).0;

/// The top-level keys `steps` set or removed as a whole, or changed inside when they are not
/// one of the sections items are kept by (events, `outputs`, `data`…), in the order first
/// touched.
fn whole_keys(steps: &[Step]) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    for step in steps {
        let key = match (step.at().first(), step) {
            (None, Step::Put { key, .. } | Step::Del { key, .. }) => key.as_str(),
            (Some(Seg::Key(k)), _) if !SECTIONS.contains(&k.as_str()) => k.as_str(),
            _ => continue,
        };
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

fn present(part: &'static str, id: &str, at: usize, value: &Value) -> Item {
    Item {
        part,
        id: id.to_owned(),
        at: Some(at),
        value: Some(value.clone()),
    }
}

fn gone(part: &'static str, id: &str) -> Item {
    Item {
        part,
        id: id.to_owned(),
        at: None,
        value: None,
    }
}

/// The items of the section `part` (an object by id) that `c` names.
fn section(root: &Object, part: &'static str, c: &super::Changes, out: &mut Vec<Item>) {
    let obj = root.get(part).and_then(Value::as_object);
    let find = |id: &str| obj.and_then(|o| Some((o.index_of(id)?, o.get(id)?)));
    for id in c.added.iter().chain(&c.updated) {
        if let Some((at, v)) = find(id) {
            out.push(present(part, id, at, v));
        }
    }
    // a node's delta does not say which section: a removed id is gone from each that lacks it
    for id in &c.removed {
        match find(id) {
            Some((at, v)) => out.push(present(part, id, at, v)),
            None => out.push(gone(part, id)),
        }
    }
}

/// The items of the array `part` (`line`, `location`) that `c` names: each position of an id
/// added or updated, and ids removed.
fn drawn_items(
    root: &Object,
    part: &'static str,
    c: &super::Changes,
    positions: &super::index::Positions,
    out: &mut Vec<Item>,
) {
    let items = root.get(part).and_then(Value::as_array).unwrap_or(&[]);
    for id in c.added.iter().chain(&c.updated) {
        for &at in positions.all(id) {
            if let Some(v) = items.get(at) {
                out.push(present(part, id, at, v));
            }
        }
    }
    out.extend(c.removed.iter().map(|id| gone(part, id)));
}

/// Every item `delta` names, as it now is, and every top-level key the steps changed as a
/// whole (whose items are then not listed one by one): in part order, within a part what is
/// gone first, then by position. Time in proportion to the items (positions through `index`).
pub(crate) fn changed(
    root: &Object,
    index: &DrawIndex,
    steps: &[Step],
    delta: &Delta,
) -> Vec<Item> {
    let whole = whole_keys(steps);
    let mut out = Vec::new();
    for (part, c) in [
        ("activities", &delta.nodes),
        ("gateways", &delta.nodes),
        ("flows", &delta.flows),
        ("constants", &delta.constants),
    ] {
        if !whole.contains(&part) {
            section(root, part, c, &mut out);
        }
    }
    for (part, c, positions) in [
        ("line", &delta.lines, &index.line),
        ("location", &delta.locations, &index.location),
    ] {
        if !whole.contains(&part) {
            drawn_items(root, part, c, positions, &mut out);
        }
    }
    for key in whole {
        out.push(match root.index_of(key).zip(root.get(key)) {
            Some((at, v)) => present("tree", key, at, v),
            None => gone("tree", key),
        });
    }
    let rank = |p: &str| PARTS.iter().position(|q| *q == p).unwrap_or(0) as u64;
    crate::sort::sort_by_key(&mut out, |i| {
        (rank(i.part), i.at.map_or(0, |a| a as u64 + 1))
    });
    out
}
