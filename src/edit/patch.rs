//! Primitive, invertible changes to the tree's JSON. Every editor operation is a list of these;
//! applying one returns its exact inverse (with the position a removed key or item had), so
//! undoing restores the original bytes, key order included.

use crate::json::{Object, Seg, Value};

/// One primitive change. `at` is the path from the root to the object or array changed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Step {
    /// Sets `key` of the object at `at`: an existing key keeps its place, a new key goes to
    /// `index` (`None`: last).
    Put {
        at: Vec<Seg>,
        key: String,
        value: Value,
        index: Option<usize>,
    },
    /// Removes `key` from the object at `at`.
    Del { at: Vec<Seg>, key: String },
    /// Inserts an item into the array at `at`.
    Insert {
        at: Vec<Seg>,
        index: usize,
        value: Value,
    },
    /// Removes the item at `index` from the array at `at`.
    Remove { at: Vec<Seg>, index: usize },
    /// Sets `key` of each item of the section at `at` (one top-level key): the items named
    /// ([`Seg::Key`]) of an object such as `constants`, or at positions ([`Seg::Index`]) of an
    /// array such as `location`; in order, each of which has `key` already (it keeps its
    /// place). One step where SOPS renumbers thousands of variables, or where thousands of
    /// nodes move.
    Fields {
        at: Vec<Seg>,
        key: String,
        values: Vec<(Seg, Value)>,
    },
}

impl Step {
    /// The step without its object or array value (`null` in its place; a scalar is kept):
    /// where it applies and what kind of change it is, at the cost of its path.
    pub fn shape(&self) -> Step {
        let light = |v: &Value| match v {
            Value::Object(_) | Value::Array(_) => Value::Null,
            v => v.clone(),
        };
        match self {
            Step::Put {
                at,
                key,
                value,
                index,
            } => Step::Put {
                at: at.clone(),
                key: key.clone(),
                value: light(value),
                index: *index,
            },
            Step::Del { at, key } => Step::Del {
                at: at.clone(),
                key: key.clone(),
            },
            Step::Insert { at, index, value } => Step::Insert {
                at: at.clone(),
                index: *index,
                value: light(value),
            },
            Step::Remove { at, index } => Step::Remove {
                at: at.clone(),
                index: *index,
            },
            Step::Fields { at, key, values } => Step::Fields {
                at: at.clone(),
                key: key.clone(),
                values: values.iter().map(|(c, v)| (c.clone(), light(v))).collect(),
            },
        }
    }

    pub fn at(&self) -> &[Seg] {
        match self {
            Step::Put { at, .. }
            | Step::Del { at, .. }
            | Step::Insert { at, .. }
            | Step::Remove { at, .. }
            | Step::Fields { at, .. } => at,
        }
    }
}

/// A step that does not fit the document (a path that is not there). Operations only build
/// steps against the state they read, so this means a bug, reported instead of panicking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Misfit(pub String);

fn value_at<'a>(root: &'a mut Object, at: &[Seg]) -> Option<&'a mut Value> {
    let (first, rest) = at.split_first()?;
    let Seg::Key(k) = first else { return None };
    let mut cur = root.get_mut(k)?;
    for seg in rest {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(o)) => o.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn object_at<'a>(root: &'a mut Object, at: &[Seg]) -> Option<&'a mut Object> {
    if at.is_empty() {
        return Some(root);
    }
    value_at(root, at)?.as_object_mut()
}

fn array_at<'a>(root: &'a mut Object, at: &[Seg]) -> Option<&'a mut Vec<Value>> {
    match value_at(root, at)? {
        Value::Array(a) => Some(a),
        _ => None,
    }
}

/// `key` of the item `child` (a name in an object, a position in an array) of `section`.
fn field<'a>(section: &'a mut Value, child: &Seg, key: &str) -> Option<&'a mut Value> {
    let item = match (section, child) {
        (Value::Object(o), Seg::Key(k)) => o.get_mut(k),
        (Value::Array(a), Seg::Index(i)) => a.get_mut(*i),
        _ => None,
    }?;
    item.as_object_mut()?.get_mut(key)
}

fn misfit(step: Step) -> (Misfit, Step) {
    (Misfit(format!("no place for {step:?}")), step)
}

/// Applies `step`; returns the step that undoes it, or, when it does not fit, the step.
pub(crate) fn apply(root: &mut Object, step: Step) -> Result<Step, (Misfit, Step)> {
    match step {
        Step::Put {
            at,
            key,
            value,
            index,
        } => {
            let Some(obj) = object_at(root, &at) else {
                return Err(misfit(Step::Put {
                    at,
                    key,
                    value,
                    index,
                }));
            };
            if let Some(old) = obj.get_mut(&key) {
                let old = std::mem::replace(old, value);
                return Ok(Step::Put {
                    at,
                    key,
                    value: old,
                    index: None,
                });
            }
            match index {
                Some(i) => obj.insert_at(i, key.clone(), value),
                None => obj.insert(key.clone(), value),
            };
            Ok(Step::Del { at, key })
        }
        Step::Del { at, key } => {
            let Some(obj) = object_at(root, &at) else {
                return Err(misfit(Step::Del { at, key }));
            };
            let Some(i) = obj.index_of(&key) else {
                return Err(misfit(Step::Del { at, key }));
            };
            let old = obj.remove(&key).unwrap_or(Value::Null);
            Ok(Step::Put {
                at,
                key,
                value: old,
                index: Some(i),
            })
        }
        Step::Insert { at, index, value } => {
            let Some(arr) = array_at(root, &at) else {
                return Err(misfit(Step::Insert { at, index, value }));
            };
            let index = index.min(arr.len());
            arr.insert(index, value);
            Ok(Step::Remove { at, index })
        }
        Step::Remove { at, index } => {
            let Some(arr) = array_at(root, &at).filter(|a| index < a.len()) else {
                return Err(misfit(Step::Remove { at, index }));
            };
            let value = arr.remove(index);
            Ok(Step::Insert { at, index, value })
        }
        Step::Fields { at, key, values } => {
            let Some(section) = value_at(root, &at) else {
                return Err(misfit(Step::Fields { at, key, values }));
            };
            let mut values = values;
            for n in 0..values.len() {
                let (child, v) = &mut values[n];
                match field(section, child, &key) {
                    Some(slot) => std::mem::swap(slot, v),
                    None => {
                        // put back what the step changed, and give it back as it came
                        for (child, v) in values[..n].iter_mut().rev() {
                            if let Some(slot) = field(section, child, &key) {
                                std::mem::swap(slot, v);
                            }
                        }
                        return Err(misfit(Step::Fields { at, key, values }));
                    }
                }
            }
            // the values replaced, put back in the reverse order (a child named twice ends
            // with what it had first)
            values.reverse();
            Ok(Step::Fields { at, key, values })
        }
    }
}

/// `Seg::Key` from a string.
pub(crate) fn k(s: &str) -> Seg {
    Seg::Key(s.to_owned())
}
