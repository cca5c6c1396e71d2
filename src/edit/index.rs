//! Positions of `line` and `location` items by id, kept in step with every step, so operations
//! find a node's location or a flow's line without scanning the arrays.

use crate::map::HashMap;

use super::patch::Step;
use crate::json::{Object, Seg, Value};

/// Positions of the items of one array, by their `id`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Positions {
    at: HashMap<String, Vec<usize>>,
}

fn item_id(v: &Value) -> Option<&str> {
    v.as_object()?.get("id")?.as_str()
}

impl Positions {
    fn build(items: &[Value]) -> Positions {
        let mut at: HashMap<String, Vec<usize>> = HashMap::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            if let Some(id) = item_id(v) {
                at.entry(id.to_owned()).or_default().push(i);
            }
        }
        Positions { at }
    }

    /// The first position of an item with this id.
    pub fn first(&self, id: &str) -> Option<usize> {
        self.at.get(id).and_then(|v| v.first().copied())
    }

    /// Every position of an item with this id, ascending.
    pub fn all(&self, id: &str) -> &[usize] {
        self.at.get(id).map_or(&[], |v| v.as_slice())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.at.get(id).is_some_and(|v| !v.is_empty())
    }

    fn shift(&mut self, from: usize, up: bool) {
        for list in self.at.values_mut() {
            for p in list.iter_mut().filter(|p| **p >= from) {
                if up {
                    *p += 1;
                } else {
                    *p -= 1;
                }
            }
        }
    }

    fn inserted(&mut self, index: usize, len_before: usize, value: &Value) {
        if index < len_before {
            self.shift(index, true);
        }
        if let Some(id) = item_id(value) {
            let list = self.at.entry(id.to_owned()).or_default();
            let at = list.partition_point(|&x| x < index);
            list.insert(at, index);
        }
    }

    fn removed(&mut self, index: usize, len_before: usize, value: Option<&Value>) {
        if let Some(id) = value.and_then(item_id) {
            if let Some(list) = self.at.get_mut(id) {
                list.retain(|p| *p != index);
                if list.is_empty() {
                    self.at.remove(id);
                }
            }
        }
        if index + 1 < len_before {
            self.shift(index + 1, false);
        }
    }
}

/// The positions of `line` and `location` items.
#[derive(Clone, Debug, Default)]
pub(crate) struct DrawIndex {
    pub line: Positions,
    pub location: Positions,
}

fn array<'a>(root: &'a Object, key: &str) -> &'a [Value] {
    root.get(key).and_then(Value::as_array).unwrap_or(&[])
}

impl DrawIndex {
    pub fn build(root: &Object) -> DrawIndex {
        DrawIndex {
            line: Positions::build(array(root, "line")),
            location: Positions::build(array(root, "location")),
        }
    }

    /// Keeps the index right across `step`, called before it is applied to `root`.
    pub fn before(&mut self, root: &Object, step: &Step) {
        let at = step.at();
        let which = match at.first() {
            Some(Seg::Key(k)) if k == "line" || k == "location" => k.as_str(),
            None => {
                // `line` or `location` set or removed as a whole
                if let Step::Put { key, value, .. } = step {
                    if key == "line" {
                        self.line = Positions::build(value.as_array().unwrap_or(&[]));
                    } else if key == "location" {
                        self.location = Positions::build(value.as_array().unwrap_or(&[]));
                    }
                }
                if let Step::Del { key, .. } = step {
                    if key == "line" {
                        self.line = Positions::default();
                    } else if key == "location" {
                        self.location = Positions::default();
                    }
                }
                return;
            }
            _ => return,
        };
        let items = array(root, which);
        let pos = if which == "line" {
            &mut self.line
        } else {
            &mut self.location
        };
        match (at.len(), step) {
            (1, Step::Insert { index, value, .. }) => {
                pos.inserted((*index).min(items.len()), items.len(), value)
            }
            (1, Step::Remove { index, .. }) => pos.removed(*index, items.len(), items.get(*index)),
            (2, Step::Put { key, value, .. }) if key == "id" => {
                if let Some(Seg::Index(i)) = at.get(1) {
                    let old = items.get(*i).cloned();
                    pos.removed(*i, items.len(), old.as_ref());
                    pos.inserted(
                        *i,
                        items.len() - 1,
                        &crate::edit::defaults::obj(vec![("id", value.clone())]),
                    );
                }
            }
            (2, Step::Del { key, .. }) if key == "id" => {
                if let Some(Seg::Index(i)) = at.get(1) {
                    let old = items.get(*i).cloned();
                    pos.removed(*i, items.len(), old.as_ref());
                    pos.inserted(*i, items.len() - 1, &Value::Null);
                }
            }
            _ => {}
        }
    }
}
