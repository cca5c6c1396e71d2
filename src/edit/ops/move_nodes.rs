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
        for (id, x, y) in &self.moves {
            move_node(tx, id, *x, *y)?;
        }
        Ok(Object::new())
    }
}

/// Moves a node to an absolute position (a node without a location gets one). A tree without
/// drawing data has no positions: lay it out first.
pub(crate) fn move_node(tx: &mut Tx<'_>, id: &str, x: f64, y: f64) -> Result<(), EditError> {
    let n = known_node(tx.tree(), id)?;
    if !tx.drawn() {
        return Err(EditError::new(
            "no-drawing",
            "the tree has no line or location: lay it out first",
            "流程树没有 line 和 location，请先自动排版",
        ));
    }
    let (at, name) = (NodeAt::of(&n), n.name().map(str::to_owned));
    if !x.is_finite() || !y.is_finite() {
        return Err(EditError::new(
            "invalid-op",
            "a position must be finite numbers",
            "位置须为有限的数字",
        ));
    }
    match tx.location_at(id) {
        Some(i) => {
            let path = [k("location"), Seg::Index(i)];
            tx.set(&path, "x", defaults::num(x))?;
            tx.set(&path, "y", defaults::num(y))
        }
        None => tx.push_root(
            "location",
            defaults::location(at.kind, id, x, y, name.as_deref()),
        ),
    }
}
