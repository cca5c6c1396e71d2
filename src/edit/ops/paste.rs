//! `paste`: copies nodes (not the start or end event) with fresh ids, shifted by (dx, dy),
//! with the flows between them (their lines' arrows and branch conditions kept) and SOPS's
//! variable rules: an input variable is shared, an output variable is cloned (editor-spec
//! §2.9). Result: `{"ids": {old: new}}`.

use super::super::defaults::{self, obj, s, NodeSpec};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::add_node::add_node;
use super::shared::{known_node, line_arrows, node_box, NodeAt};
use super::wiring::{add_line, carried};
use crate::json::{Object, Seg, Value};
use crate::shape::{opt, req, NUM, STRS};

operation! {
    /// Copies nodes and the flows between them, shifted by (dx, dy).
    Paste = "paste" {
        nodes: Vec<String> = strings("nodes"),
        dx: f64 = opt_num("dx"),
        dy: f64 = opt_num("dy"),
    }
    shape(
        "Copy nodes and the flows between them, shifted by (dx, dy).",
        &[
            req("nodes", STRS, ""),
            opt("dx", NUM, ""),
            opt("dy", NUM, ""),
        ],
    )
}

impl Paste {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let map = paste(tx, rng, &self.nodes, self.dx, self.dy)?;
        let mut m = Object::new();
        for (old, new) in map {
            m.insert(old, Value::from(new));
        }
        let mut o = Object::new();
        o.insert("ids", Value::Object(m));
        Ok(o)
    }
}

/// Copies the nodes, then the flows between them. Returns (old id, new id) pairs.
fn paste(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    ids: &[String],
    dx: f64,
    dy: f64,
) -> Result<Vec<(String, String)>, EditError> {
    let mut map: Vec<(String, String)> = Vec::new();
    for id in ids {
        let (at, old) = {
            let n = known_node(tx.tree(), id)?;
            (NodeAt::of(&n), n.object().clone())
        };
        if at.is_event() || map.iter().any(|(o, _)| o == id) {
            continue;
        }
        let new_id = copy_node(tx, rng, id, &at, old, (dx, dy))?;
        map.push((id.clone(), new_id));
    }
    let lookup = |id: &str| map.iter().find(|(o, _)| o == id).map(|(_, n)| n.clone());
    let flows: Vec<(String, String, String)> = tx
        .tree()
        .flows()
        .filter_map(|f| {
            let (src, tgt) = f.ends()?;
            let (ns, nt) = (lookup(src)?, lookup(tgt)?);
            Some((f.key().to_owned(), ns, nt))
        })
        .collect();
    for (fid, ns, nt) in flows {
        let carry = carried(tx.tree(), &fid);
        let (sa, ta) = line_arrows(tx, &fid);
        add_line(tx, rng, &ns, &sa, &nt, &ta, carry)?;
    }
    Ok(map)
}

/// One copy, at the original's place shifted by `shift`; a task or sub-process keeps its
/// fields (not its wiring or loop), variables and stage name.
fn copy_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    id: &str,
    at: &NodeAt,
    old: Object,
    (dx, dy): (f64, f64),
) -> Result<String, EditError> {
    let (x, y) = node_box(tx, id).map_or((0.0, 0.0), |b| (b.0, b.1));
    let name = old.get("name").and_then(Value::as_str).map(str::to_owned);
    let spec = NodeSpec {
        name,
        ..NodeSpec::default()
    };
    let new_id = add_node(tx, rng, at.kind, x + dx, y + dy, &spec, None)?;
    if at.kind.is_activity() {
        let stage = old.get("stage_name").cloned().unwrap_or(s(""));
        let mut copy = old;
        copy.insert("id", s(&new_id));
        copy.insert("incoming", s(""));
        copy.insert("loop", Value::Null);
        copy.insert("outgoing", s(""));
        tx.put(&[k("activities")], &new_id, Value::Object(copy))?;
        copy_variables(tx, rng, id, &new_id)?;
        if let Some(i) = tx.location_at(&new_id) {
            tx.set(&[k("location"), Seg::Index(i)], "stage_name", stage)?;
        }
    }
    Ok(new_id)
}

/// SOPS's copy rules for variables hooked to the copied node: an output variable is cloned
/// under a fresh key, any other gains the copy as a source.
fn copy_variables(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    old: &str,
    new: &str,
) -> Result<(), EditError> {
    let consts: Vec<(String, Object)> = tx
        .tree()
        .constants()
        .filter(|c| c.source_info().is_some_and(|i| i.contains_key(old)))
        .map(|c| (c.map_key().to_owned(), c.object().clone()))
        .collect();
    let mut count = tx.tree().constants().count();
    for (key, c) in consts {
        let info = c
            .get("source_info")
            .and_then(Value::as_object)
            .and_then(|i| i.get(old))
            .cloned()
            .unwrap_or(Value::Null);
        match c.get("source_type").and_then(Value::as_str) {
            Some("component_outputs") => {
                let new_key = output_key(tx, rng, &key);
                let mut copy = c.clone();
                copy.insert("source_info", obj(vec![(new, info)]));
                copy.insert("key", s(&new_key));
                copy.insert("index", defaults::num(count as f64));
                tx.put(&[k("constants")], &new_key, Value::Object(copy))?;
                count += 1;
            }
            _ => tx.put(&[k("constants"), k(&key), k("source_info")], new, info)?,
        }
    }
    Ok(())
}

/// A fresh key for a cloned output variable: `${name_xxxx}`, at most 50 characters (SOPS
/// truncates wrongly for long keys; this keeps the name's start and the closing brace).
fn output_key(tx: &Tx<'_>, rng: &mut IdSource, key: &str) -> String {
    let inner = key
        .strip_prefix("${")
        .and_then(|k| k.strip_suffix('}'))
        .unwrap_or(key);
    loop {
        let suffix = format!("{:04x}", rng.next_u64() & 0xffff);
        let room = 50 - 3 - 5; // "${" + "}" + "_xxxx"
        let head: String = inner.chars().take(room).collect();
        let candidate = format!("${{{head}_{suffix}}}");
        if tx.tree().constant(&candidate).is_none() {
            return candidate;
        }
    }
}
