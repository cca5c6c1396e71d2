//! `move`: nodes to absolute positions, their `location` items' `x` and `y` (a node without a
//! location gets one). Result: `{}`.

use super::super::defaults;
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{known_node, NodeAt};
use super::{bad, Fields, Operation};
use crate::json::{Object, Seg, Value};
use crate::map::HashMap;
use crate::shape::{req, Shape, Ty, NUM, STR};

/// Nodes to absolute positions: (id, x, y) each, applied in order.
#[derive(Clone, Debug, PartialEq)]
pub struct MoveNodes {
    pub moves: Vec<(String, f64, f64)>,
}

/// One item of `nodes`.
const ITEM: Shape = Shape::inline(&[req("id", STR, ""), req("x", NUM, ""), req("y", NUM, "")]);

impl Operation for MoveNodes {
    const NAME: &'static str = "move";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Nodes to absolute positions.",
        &[req("nodes", Ty::Arr(&Ty::Obj(&ITEM)), "")],
    );

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        let items = f.get("nodes").and_then(Value::as_array).ok_or_else(|| {
            bad(
                "move: 'nodes' (a list of {id, x, y}) is required",
                "move：须有 nodes（{id, x, y} 的数组）",
            )
        })?;
        let mut moves = Vec::with_capacity(items.len());
        for it in items {
            let io = it.as_object().ok_or_else(|| {
                bad(
                    "move: each item is {id, x, y}",
                    "move：每一项须为 {id, x, y}",
                )
            })?;
            let g = Fields::item(io, "move", &ITEM);
            moves.push((g.str("id")?, g.num("x")?, g.num("y")?));
        }
        Ok(MoveNodes { moves })
    }

    fn apply(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        move_nodes(
            tx,
            self.moves.iter().map(|(id, x, y)| (id.as_str(), *x, *y)),
        )?;
        Ok(Object::new())
    }
}

/// Moves nodes to absolute positions, in order (a node without a location gets one). A tree
/// without drawing data has no positions: lay it out first. The `x` of every location moved
/// is set in one step, and so is the `y` (making room moves thousands of nodes), with the
/// result of moving them one by one.
pub(crate) fn move_nodes<'a>(
    tx: &mut Tx<'_>,
    moves: impl IntoIterator<Item = (&'a str, f64, f64)>,
) -> Result<(), EditError> {
    // the last position asked for each location item, in the order first moved
    let mut last: HashMap<usize, usize> = HashMap::default();
    let mut fields: Vec<(usize, f64, f64)> = Vec::new();
    let mut drawn = false;
    for (id, x, y) in moves {
        known_node(tx.tree(), id)?;
        // (a tree with a location stays drawn)
        drawn = drawn || tx.drawn();
        if !drawn {
            return Err(EditError::new(
                "no-drawing",
                "the tree has no line or location: lay it out first",
                "流程树没有 line 和 location，请先自动排版",
            ));
        }
        if !x.is_finite() || !y.is_finite() {
            return Err(EditError::new(
                "invalid-op",
                "a position must be finite numbers",
                "位置须为有限的数字",
            ));
        }
        match tx.location_at(id) {
            Some(i) if has_position(tx, i) => match last.get(&i) {
                Some(&j) => fields[j] = (i, x, y),
                None => {
                    last.insert(i, fields.len());
                    fields.push((i, x, y));
                }
            },
            // an item without `x` or `y` gets them now (a step can only set a field it has)
            Some(i) => {
                let path = [k("location"), Seg::Index(i)];
                tx.set(&path, "x", defaults::num(x))?;
                tx.set(&path, "y", defaults::num(y))?;
            }
            None => {
                let n = known_node(tx.tree(), id)?;
                let (at, name) = (NodeAt::of(&n), n.name().map(str::to_owned));
                tx.push_root(
                    "location",
                    defaults::location(at.kind, id, x, y, name.as_deref()),
                )?;
            }
        }
    }
    // a field already at its value is not set (as `Tx::set` leaves it)
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for (i, x, y) in fields {
        let item = location_item(tx, i);
        let (x, y) = (defaults::num(x), defaults::num(y));
        if item.and_then(|o| o.get("x")) != Some(&x) {
            xs.push((i, x));
        }
        if item.and_then(|o| o.get("y")) != Some(&y) {
            ys.push((i, y));
        }
    }
    tx.put_item_fields("location", "x", xs)?;
    tx.put_item_fields("location", "y", ys)
}

/// The `location` item at `i`.
fn location_item<'t>(tx: &'t Tx<'_>, i: usize) -> Option<&'t Object> {
    tx.tree()
        .root()
        .get("location")
        .and_then(Value::as_array)
        .and_then(|a| a.get(i))
        .and_then(Value::as_object)
}

/// Whether the `location` item at `i` has both `x` and `y` (of any type).
fn has_position(tx: &Tx<'_>, i: usize) -> bool {
    location_item(tx, i).is_some_and(|o| o.contains_key("x") && o.contains_key("y"))
}
