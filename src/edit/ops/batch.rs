//! `batch`: several operations as one undo step, applied in order; the first refusal undoes
//! them all. Result: `{"results": [each operation's result]}`.

use super::super::ids::IdSource;
use super::super::op::{run, Op};
use super::super::tx::Tx;
use super::super::EditError;
use super::{bad, Fields, Operation};
use crate::json::{Object, Value};
use crate::shape::{req, Shape, Ty};

/// Several operations as one undo step.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub ops: Vec<Op>,
}

impl Operation for Batch {
    const NAME: &'static str = "batch";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Several operations as one undo step.",
        &[req("ops", Ty::Arr(&Ty::Ref("Operation")), "")],
    );

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        let items = f.get("ops").and_then(Value::as_array).ok_or_else(|| {
            bad(
                "batch: 'ops' (a list) is required",
                "batch：须有 ops（数组）",
            )
        })?;
        let ops = items.iter().map(Op::from_json).collect::<Result<_, _>>()?;
        Ok(Batch { ops })
    }

    fn apply(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let mut results = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            results.push(Value::Object(run(tx, rng, op)?));
        }
        let mut o = Object::new();
        o.insert("results", Value::Array(results));
        Ok(o)
    }
}
