//! A transaction: the steps of one operation, applied as they are made (so an operation reads
//! its own writes), with their inverses, and the record of what they touched. An operation
//! that fails rolls its transaction back, leaving the document as it was.

use super::delta::{Delta, Touched};
use super::index::DrawIndex;
use super::patch::{self, k, Step};
use super::EditError;
use crate::json::{Object, Path, Seg, Value};
use crate::layout::{Layout, LayoutError, Params};
use crate::map::HashSet;
use crate::model::Tree;
use crate::variables::plugins::Plugins;

/// One undoable change as history keeps it: the steps that take the tree back across it, in
/// the order to apply them (on the undo stack they undo it, on the redo stack they redo it).
/// Applying them gives the steps that go the other way ([`replay`]), so the history never
/// copies a value: a layout's arrays move between the tree and the history.
#[derive(Debug, Default)]
pub(crate) struct Change {
    pub steps: Vec<Step>,
}

/// What a transaction or a replay applied: the [`Step::shape`] of each step, in order (what it
/// touched, for the checks and items that follow), the steps that undo them in the order to
/// apply them, and what changed.
pub(crate) struct Applied {
    pub shapes: Vec<Step>,
    pub back: Vec<Step>,
    pub delta: Delta,
    /// The `location` items (by id) changed otherwise than by a move
    /// ([`Touched::take_not_moved`]).
    pub not_moved: HashSet<String>,
}

pub(crate) struct Tx<'d> {
    tree: &'d mut Tree,
    index: &'d mut DrawIndex,
    plugins: &'d Plugins,
    /// The shape of each step made ([`Step::shape`]).
    shapes: Vec<Step>,
    inverse: Vec<Step>,
    touched: Touched,
    /// A layout computed on the tree as it was when the transaction began
    /// ([`Document::prepare_layout`](super::Document::prepare_layout)).
    prepared: Option<Prepared>,
}

/// A layout computed ahead of the `layout` operation that will use it, with its parameters.
pub(crate) type Prepared = (Params, Result<Layout, LayoutError>);

impl<'d> Tx<'d> {
    pub fn new(tree: &'d mut Tree, index: &'d mut DrawIndex, plugins: &'d Plugins) -> Tx<'d> {
        Tx {
            tree,
            index,
            plugins,
            shapes: Vec::new(),
            inverse: Vec::new(),
            touched: Touched::default(),
            prepared: None,
        }
    }

    /// The transaction with `prepared` at hand for a `layout` operation.
    pub fn with_prepared(mut self, prepared: Option<Prepared>) -> Tx<'d> {
        self.prepared = prepared;
        self
    }

    /// The layout prepared with `params`, while the tree is still as it was prepared on (no
    /// step made yet).
    pub fn take_layout(&mut self, params: &Params) -> Option<Result<Layout, LayoutError>> {
        let fresh = self.inverse.is_empty();
        match self.prepared.take() {
            Some((p, l)) if fresh && p == *params => Some(l),
            _ => None,
        }
    }

    pub fn root(&self) -> &Object {
        self.tree.root()
    }

    pub fn tree(&self) -> &Tree {
        self.tree
    }

    /// Position of the first `line` item with this id.
    pub fn line_at(&self, id: &str) -> Option<usize> {
        self.index.line.first(id)
    }

    /// Position of the first `location` item with this id.
    pub fn location_at(&self, id: &str) -> Option<usize> {
        self.index.location.first(id)
    }

    /// The plugin catalogue the operations follow.
    pub fn plugins(&self) -> &'d Plugins {
        self.plugins
    }

    pub fn index(&self) -> &DrawIndex {
        self.index
    }

    pub fn step(&mut self, step: Step) -> Result<(), EditError> {
        self.try_step(step).map_err(|failed| failed.0)
    }

    /// Applies `step`, keeping its shape and its inverse; on a misfit, gives the step back.
    fn try_step(&mut self, step: Step) -> Result<(), Box<(EditError, Step)>> {
        if let Err(e) = container_fits(self.tree.root(), &step) {
            return Err(Box::new((e, step)));
        }
        self.touched.note(self.tree.root(), self.index, &step);
        self.index.before(self.tree.root(), &step);
        let shape = step.shape();
        let inv = patch::apply(self.tree.root_mut(), step)
            .map_err(|(m, step)| Box::new((EditError::internal(m.0), step)))?;
        self.shapes.push(shape);
        self.inverse.push(inv);
        Ok(())
    }

    /// Sets `key` of the object at `at` (a new key goes last).
    pub fn put(&mut self, at: &[Seg], key: &str, value: Value) -> Result<(), EditError> {
        self.step(Step::Put {
            at: at.to_vec(),
            key: key.to_owned(),
            value,
            index: None,
        })
    }

    /// Sets `key` of each named item of the top-level object `section` ([`Step::Fields`]);
    /// each item must have it already. Nothing when `values` is empty.
    pub fn put_fields(
        &mut self,
        section: &str,
        key: &str,
        values: Vec<(String, Value)>,
    ) -> Result<(), EditError> {
        let values = values.into_iter().map(|(c, v)| (Seg::Key(c), v)).collect();
        self.put_section_fields(section, key, values)
    }

    /// Sets `key` of the items at these positions of the top-level array `section` (`line`,
    /// `location`; [`Step::Fields`]); each item must have it already, and `key` is not their
    /// `id` (the drawing's index reads ids from single steps). Nothing when `values` is empty.
    pub fn put_item_fields(
        &mut self,
        section: &str,
        key: &str,
        values: Vec<(usize, Value)>,
    ) -> Result<(), EditError> {
        debug_assert!(key != "id", "an item's id is set by a step of its own");
        let values = values
            .into_iter()
            .map(|(i, v)| (Seg::Index(i), v))
            .collect();
        self.put_section_fields(section, key, values)
    }

    fn put_section_fields(
        &mut self,
        section: &str,
        key: &str,
        values: Vec<(Seg, Value)>,
    ) -> Result<(), EditError> {
        if values.is_empty() {
            return Ok(());
        }
        self.step(Step::Fields {
            at: vec![k(section)],
            key: key.to_owned(),
            values,
        })
    }

    /// Sets the new `key` of the object at `at`, at position `index` among its keys.
    pub fn put_at(
        &mut self,
        at: &[Seg],
        key: &str,
        value: Value,
        index: usize,
    ) -> Result<(), EditError> {
        self.step(Step::Put {
            at: at.to_vec(),
            key: key.to_owned(),
            value,
            index: Some(index),
        })
    }

    /// Sets `key` unless it already holds an equal value (keeps history small).
    pub fn set(&mut self, at: &[Seg], key: &str, value: Value) -> Result<(), EditError> {
        if get(self.tree.root(), at)
            .and_then(Value::as_object)
            .and_then(|o| o.get(key))
            == Some(&value)
        {
            return Ok(());
        }
        self.put(at, key, value)
    }

    /// Puts an empty object at `key` of the object at `at`, unless an object is there.
    pub fn ensure_object(&mut self, at: &[Seg], key: &str) -> Result<(), EditError> {
        let object = if at.is_empty() {
            Some(self.tree.root())
        } else {
            get(self.tree.root(), at).and_then(Value::as_object)
        };
        let present = object
            .and_then(|o| o.get(key))
            .and_then(Value::as_object)
            .is_some();
        if present {
            return Ok(());
        }
        if let Some(v) = object.and_then(|o| o.get(key)) {
            let path = Path::from(at.to_vec()).key(key);
            return Err(wrong_container(&path, v, "an object"));
        }
        self.put(at, key, Value::Object(Object::new()))
    }

    pub fn del(&mut self, at: &[Seg], key: &str) -> Result<(), EditError> {
        let present = get(self.tree.root(), at)
            .and_then(Value::as_object)
            .is_some_and(|o| o.contains_key(key));
        if !present {
            return Ok(());
        }
        self.step(Step::Del {
            at: at.to_vec(),
            key: key.to_owned(),
        })
    }

    pub fn insert(&mut self, at: &[Seg], index: usize, value: Value) -> Result<(), EditError> {
        self.step(Step::Insert {
            at: at.to_vec(),
            index,
            value,
        })
    }

    pub fn remove(&mut self, at: &[Seg], index: usize) -> Result<(), EditError> {
        self.step(Step::Remove {
            at: at.to_vec(),
            index,
        })
    }

    /// Whether the tree has drawing data (`line` or `location`). A tree without (bamboo-engine's
    /// format, an API request) stays without: the editor keeps no drawing in step for it,
    /// and only a layout or `repairDrawing` draws it.
    pub fn drawn(&self) -> bool {
        let root = self.tree.root();
        root.contains_key("line") || root.contains_key("location")
    }

    /// Appends a new node's `location` or a new flow's `line` to the drawing, when the tree
    /// has one ([`Tx::drawn`]).
    pub fn push_drawing(&mut self, key: &str, value: Value) -> Result<(), EditError> {
        if self.drawn() {
            self.push_root(key, value)
        } else {
            Ok(())
        }
    }

    /// Appends to the root array `key`, creating it when the tree has none.
    pub fn push_root(&mut self, key: &str, value: Value) -> Result<(), EditError> {
        match self.tree.root().get(key) {
            Some(Value::Array(a)) => {
                let n = a.len();
                self.insert(&[k(key)], n, value)
            }
            Some(v) => Err(wrong_container(&Path::from(vec![k(key)]), v, "an array")),
            None => self.put(&[], key, Value::Array(vec![value])),
        }
    }

    /// Undoes everything applied so far; gives the steps that apply it again, in order.
    pub fn rollback(self) -> Vec<Step> {
        let mut again = Vec::with_capacity(self.inverse.len());
        for inv in self.inverse.into_iter().rev() {
            self.index.before(self.tree.root(), &inv);
            // Inverses fit by construction; a misfit here cannot be repaired anyway.
            if let Ok(step) = patch::apply(self.tree.root_mut(), inv) {
                again.push(step);
            }
        }
        again.reverse();
        again
    }

    pub fn commit(mut self) -> Applied {
        let not_moved = self.touched.take_not_moved();
        let delta = self.touched.finish(self.tree.root(), self.index);
        let mut back = self.inverse;
        back.reverse();
        Applied {
            shapes: self.shapes,
            back,
            delta,
            not_moved,
        }
    }
}

/// The value at a path from the root.
/// A JSON type's English name (`JsonType::name`, or "an object"/"an array") in Chinese.
pub(crate) fn type_zh(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "a boolean" => "布尔值",
        "a number" => "数字",
        "a string" => "字符串",
        "an array" | "a list" => "数组",
        "an object" => "对象",
        _ => "其他类型",
    }
}

/// The refusal for a step into `path`, which holds `v` instead of `wanted`.
fn wrong_container(path: &Path, v: &Value, wanted: &str) -> EditError {
    let found = v.json_type().name();
    let (found_zh, wanted_zh) = (type_zh(found), type_zh(wanted));
    EditError::new(
        "malformed",
        format!(
            "{path} is {found}, not {wanted}; the operation would overwrite it (fix it in the \
             JSON first)"
        ),
        format!("{path} 是{found_zh}，不是{wanted_zh}；该操作会覆盖它（请先在 JSON 中修正）"),
    )
}

/// Refuses a step whose container (the object or list at its `at`), or a step on the way to
/// it, exists with another JSON type: writing would need to replace what the user wrote.
fn container_fits(root: &Object, step: &Step) -> Result<(), EditError> {
    let at = step.at();
    let list = match step {
        Step::Insert { .. } | Step::Remove { .. } => true,
        Step::Fields { values, .. } => matches!(values.first(), Some((Seg::Index(_), _))),
        Step::Put { .. } | Step::Del { .. } => false,
    };
    for depth in 1..=at.len() {
        // What the segment after this prefix needs (the step's own container at the end).
        let wants_list = match at.get(depth) {
            Some(seg) => matches!(seg, Seg::Index(_)),
            None => list,
        };
        let fits = match get(root, &at[..depth]) {
            None => return Ok(()),
            Some(Value::Array(_)) => wants_list,
            Some(Value::Object(_)) => !wants_list,
            Some(_) => false,
        };
        if !fits {
            let v = get(root, &at[..depth]).unwrap_or(&Value::Null);
            let wanted = if wants_list { "an array" } else { "an object" };
            return Err(wrong_container(
                &Path::from(at[..depth].to_vec()),
                v,
                wanted,
            ));
        }
    }
    Ok(())
}

pub(crate) fn get<'a>(root: &'a Object, at: &[Seg]) -> Option<&'a Value> {
    let (first, rest) = at.split_first()?;
    let Seg::Key(key) = first else { return None };
    let mut cur = root.get(key)?;
    for seg in rest {
        cur = match (seg, cur) {
            (Seg::Key(key), Value::Object(o)) => o.get(key)?,
            (Seg::Index(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Applies a history entry's steps (undo or redo), moving their values into the tree; gives
/// what was applied, whose `back` is the entry for the other way. On a misfit the tree is left
/// as it was and the steps are given back as they were.
pub(crate) fn replay(
    tree: &mut Tree,
    index: &mut DrawIndex,
    steps: Vec<Step>,
) -> Result<Applied, (EditError, Vec<Step>)> {
    let none = Plugins::default();
    let mut tx = Tx::new(tree, index, &none);
    let mut rest = steps.into_iter();
    while let Some(s) = rest.next() {
        if let Err(failed) = tx.try_step(s) {
            let (e, s) = *failed;
            let mut steps = tx.rollback();
            steps.push(s);
            steps.extend(rest);
            return Err((e, steps));
        }
    }
    Ok(tx.commit())
}
