//! What an operation changed, by kind of element, so a page redraws only that.

use super::index::DrawIndex;
use super::patch::Step;
use crate::json::{Object, Seg, Value};

/// Ids added, removed and updated, each in the order first touched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub updated: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.updated.is_empty()
    }
}

/// The elements an operation changed. `other` names top-level keys changed as a whole
/// (`outputs`, a missing `line` array created...).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delta {
    pub nodes: Changes,
    pub flows: Changes,
    pub lines: Changes,
    pub locations: Changes,
    pub constants: Changes,
    pub other: Vec<String>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.flows.is_empty()
            && self.lines.is_empty()
            && self.locations.is_empty()
            && self.constants.is_empty()
            && self.other.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Cat {
    Activity,
    Gateway,
    Flow,
    Constant,
    Line,
    Location,
}

/// Elements touched so far, with whether each existed before its first touch.
#[derive(Default)]
pub(crate) struct Touched {
    seen: Vec<(Cat, String, bool)>,
    /// The (kind, id) pairs of `seen`, for a quick "already seen".
    seen_set: crate::map::HashSet<(Cat, String)>,
    /// `start_event` / `end_event` (true: start) with the id it had before: an event is
    /// replaced as a whole, so it is tracked by id before and after.
    events: Vec<(bool, Option<String>)>,
    other: Vec<String>,
    /// The `location` items (by id) a step changed otherwise than by setting `x` or `y` from
    /// a number to a number (a move).
    not_moved: crate::map::HashSet<String>,
}

fn item_id(v: &Value) -> Option<&str> {
    v.as_object()?.get("id")?.as_str()
}

fn exists(root: &Object, index: &DrawIndex, cat: Cat, id: &str) -> bool {
    let map = |k: &str| {
        root.get(k)
            .and_then(Value::as_object)
            .is_some_and(|m| m.contains_key(id))
    };
    match cat {
        Cat::Activity => map("activities"),
        Cat::Gateway => map("gateways"),
        Cat::Flow => map("flows"),
        Cat::Constant => map("constants"),
        Cat::Line => index.line.contains(id),
        Cat::Location => index.location.contains(id),
    }
}

/// Whether setting `key` of the item at `i` of the `location` array `arr` to `value` sets its
/// `x` or `y` to a number where a number was.
fn position_only(arr: Option<&[Value]>, i: usize, key: &str, value: &Value) -> bool {
    (key == "x" || key == "y")
        && matches!(value, Value::Number(_))
        && matches!(
            arr.and_then(|a| a.get(i))
                .and_then(|item| item.as_object())
                .and_then(|o| o.get(key)),
            Some(Value::Number(_))
        )
}

fn event_id(root: &Object, start: bool) -> Option<String> {
    let key = if start { "start_event" } else { "end_event" };
    root.get(key)
        .and_then(item_id)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl Touched {
    /// Records the element `step` is about to change (called before it is applied).
    pub fn note(&mut self, root: &Object, index: &DrawIndex, step: &Step) {
        let at = step.at();
        let Some(first) = at.first().and_then(Seg::key) else {
            // A root-level key set or removed as a whole.
            if let Step::Put { key, .. } | Step::Del { key, .. } = step {
                match key.as_str() {
                    "start_event" | "end_event" => self.event(root, key == "start_event"),
                    // every item before and after (a layout replaces both arrays)
                    "line" | "location" => {
                        let cat = if key == "line" {
                            Cat::Line
                        } else {
                            Cat::Location
                        };
                        let old = root.get(key).and_then(Value::as_array).unwrap_or(&[]);
                        let new = match step {
                            Step::Put { value, .. } => value.as_array().unwrap_or(&[]),
                            _ => &[],
                        };
                        for id in old.iter().chain(new).filter_map(item_id) {
                            self.seen_one(root, index, cat, id.to_owned());
                            if cat == Cat::Location {
                                self.not_moved.insert(id.to_owned());
                            }
                        }
                    }
                    _ => {
                        if !self.other.contains(key) {
                            self.other.push(key.clone());
                        }
                    }
                }
            }
            return;
        };
        let map_cat = match first {
            "activities" => Some(Cat::Activity),
            "gateways" => Some(Cat::Gateway),
            "flows" => Some(Cat::Flow),
            "constants" => Some(Cat::Constant),
            _ => None,
        };
        if let (Some(cat), Step::Fields { values, .. }, 1) = (map_cat, step, at.len()) {
            // a field of each named item of the section, which the step needs there
            for child in values.iter().filter_map(|(child, _)| child.key()) {
                if self.seen_set.insert((cat, child.to_owned())) {
                    self.seen.push((cat, child.to_owned(), true));
                }
            }
            return;
        }
        if let Some(cat) = map_cat {
            let id = match (at.get(1), step) {
                (Some(s), _) => s.key().map(str::to_owned),
                (None, Step::Put { key, .. } | Step::Del { key, .. }) => Some(key.clone()),
                _ => None,
            };
            if let Some(id) = id {
                self.seen_one(root, index, cat, id);
            }
            return;
        }
        match first {
            "start_event" | "end_event" => self.event(root, first == "start_event"),
            "line" | "location" => {
                let cat = if first == "line" {
                    Cat::Line
                } else {
                    Cat::Location
                };
                let arr = root.get(first).and_then(Value::as_array);
                if let (Step::Fields { key, values, .. }, 1) = (step, at.len()) {
                    // `key` of each item at the positions named
                    for (child, value) in values {
                        let Seg::Index(i) = child else { continue };
                        let Some(id) = arr.and_then(|a| a.get(*i)).and_then(item_id) else {
                            continue;
                        };
                        if cat == Cat::Location && !position_only(arr, *i, key, value) {
                            self.not_moved.insert(id.to_owned());
                        }
                        self.seen_one(root, index, cat, id.to_owned());
                    }
                    return;
                }
                let id = match (at.get(1), step) {
                    (Some(Seg::Index(i)), _) => arr.and_then(|a| a.get(*i)).and_then(item_id),
                    (None, Step::Insert { value, .. }) => item_id(value),
                    (None, Step::Remove { index, .. }) => {
                        arr.and_then(|a| a.get(*index)).and_then(item_id)
                    }
                    _ => None,
                };
                if let Some(id) = id {
                    let moved = match (at, step) {
                        ([_, Seg::Index(i)], Step::Put { key, value, .. }) => {
                            position_only(arr, *i, key, value)
                        }
                        _ => false,
                    };
                    if cat == Cat::Location && !moved {
                        self.not_moved.insert(id.to_owned());
                    }
                    self.seen_one(root, index, cat, id.to_owned());
                }
            }
            other => {
                if !self.other.iter().any(|o| o == other) {
                    self.other.push(other.to_owned());
                }
            }
        }
    }

    fn seen_one(&mut self, root: &Object, index: &DrawIndex, cat: Cat, id: String) {
        if self.seen_set.insert((cat, id.clone())) {
            let before = exists(root, index, cat, &id);
            self.seen.push((cat, id, before));
        }
    }

    fn event(&mut self, root: &Object, start: bool) {
        if !self.events.iter().any(|(s, _)| *s == start) {
            self.events.push((start, event_id(root, start)));
        }
    }

    /// The `location` items (by id) changed otherwise than by a move: an updated item not
    /// among them was only moved (`x` or `y` set from a number to a number).
    pub fn take_not_moved(&mut self) -> crate::map::HashSet<String> {
        std::mem::take(&mut self.not_moved)
    }

    pub fn finish(self, root: &Object, index: &DrawIndex) -> Delta {
        let mut d = Delta {
            other: self.other,
            ..Delta::default()
        };
        for (cat, id, before) in self.seen {
            let after = exists(root, index, cat, &id);
            let changes = match cat {
                Cat::Activity | Cat::Gateway => &mut d.nodes,
                Cat::Flow => &mut d.flows,
                Cat::Constant => &mut d.constants,
                Cat::Line => &mut d.lines,
                Cat::Location => &mut d.locations,
            };
            match (before, after) {
                (false, true) => changes.added.push(id),
                (true, false) => changes.removed.push(id),
                (true, true) => changes.updated.push(id),
                (false, false) => {}
            }
        }
        for (start, before) in self.events {
            let after = event_id(root, start);
            match (before, after) {
                (Some(b), Some(a)) if a == b => d.nodes.updated.push(a),
                (b, a) => {
                    d.nodes.removed.extend(b);
                    d.nodes.added.extend(a);
                }
            }
        }
        d
    }
}
