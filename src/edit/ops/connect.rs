//! `connect`: draws a flow from `source` to `target` when the canvas rules allow it (else the
//! rule's code, `FE001`…, and its message in English and Chinese), as SOPS's `setLine('add')`:
//! the flow, its line (Right → Left unless the arrows are given), the ends' wiring and, from a
//! conditional gateway, the new branch's condition. Result: `{"flow": …}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::one;
use super::wiring::add_line;
use super::ARROW;
use crate::json::Object;
use crate::model::Arrow;
use crate::shape::{opt, req, STR};

operation! {
    /// Draws a flow, if the canvas rules allow it (else the rule's code, `FE001`…).
    Connect = "connect" {
        source: String = str("source"),
        target: String = str("target"),
        source_arrow: Option<Arrow> = arrow("sourceArrow"),
        target_arrow: Option<Arrow> = arrow("targetArrow"),
    }
    shape(
        "Draw a flow if the canvas rules allow it; else throws with the rule code (FE001…).",
        &[
            req("source", STR, ""),
            req("target", STR, ""),
            opt("sourceArrow", ARROW, ""),
            opt("targetArrow", ARROW, ""),
        ],
    )
}

impl Connect {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        crate::rules::can_connect(tx.tree(), &self.source, &self.target)
            .map_err(|r| EditError::new(r.code, r.message, r.message_zh))?;
        let sa = self.source_arrow.map_or("Right", Arrow::as_str);
        let ta = self.target_arrow.map_or("Left", Arrow::as_str);
        let flow = add_line(tx, rng, &self.source, sa, &self.target, ta, None)?;
        Ok(one("flow", &flow))
    }
}
