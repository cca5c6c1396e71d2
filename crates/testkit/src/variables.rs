//! Properties of a tree's variables that the editor keeps: what the editing property tests
//! (generated trees and the real-world corpus) check after every operation.

use pipeline_tree::json::{Seg, Value};
use pipeline_tree::variables::{braced, refs};
use pipeline_tree::Tree;

/// Inputs hooked (`hook: true`) to a variable that is missing or does not list them in its
/// `source_info`: (node, what is wrong). An operation may not add to them, except by copying a
/// node that has one (see [`new_problems`]).
pub fn binding_problems(tree: &Tree) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in tree.activities() {
        let Some(data) = n.component().and_then(|c| c.data()) else {
            continue;
        };
        for (tag, item) in data.iter() {
            let Some(item) = item.as_object() else {
                continue;
            };
            if item.get("hook").and_then(Value::as_bool) != Some(true) {
                continue;
            }
            let key = item.get("value").and_then(Value::as_str).unwrap_or("");
            let listed = tree
                .constant(key)
                .and_then(|c| c.source_info()?.get(n.key())?.as_array())
                .is_some_and(|l| l.iter().any(|t| t.as_str() == Some(tag)));
            if !listed {
                out.push((
                    n.key().to_owned(),
                    format!("{tag} hooked to {key:?}, which does not list it"),
                ));
            }
        }
    }
    out
}

/// The problems of `after` that `before` did not have on any node (a pasted copy of a node
/// inherits its original's).
pub fn new_problems(before: &[(String, String)], after: &[(String, String)]) -> Vec<String> {
    after
        .iter()
        .filter(|(_, p)| !before.iter().any(|(_, q)| q == p))
        .map(|(n, p)| format!("{n}.{p}"))
        .collect()
}

/// The first place `refs::uses` names that is not in the tree.
pub fn unresolved_use(tree: &Tree) -> Option<String> {
    for u in refs::uses(tree) {
        let segs = u.path.segments();
        let mut at = match segs.first() {
            Some(Seg::Key(k)) => tree.root().get(k),
            _ => None,
        };
        for seg in segs.iter().skip(1) {
            at = match seg {
                Seg::Key(k) => at.and_then(Value::as_object).and_then(|o| o.get(k)),
                Seg::Index(i) => at.and_then(Value::as_array).and_then(|a| a.get(*i)),
            };
        }
        if at.is_none() {
            return Some(format!("{} at {}", u.key, u.path));
        }
    }
    None
}

/// The places that still use `old` after it was renamed (empty when none do).
pub fn uses_of(tree: &Tree, old: &str) -> Vec<String> {
    let old = braced(old);
    refs::uses(tree)
        .into_iter()
        .filter(|u| u.key == old)
        .map(|u| u.path.to_string())
        .collect()
}

/// How the document's kept reference index differs from a recomputation of every use, if it
/// does (`refs::uses`, same order).
pub fn stale_references(doc: &pipeline_tree::edit::Document) -> Option<String> {
    let tree = doc.tree();
    let kept = doc.references().all(tree);
    let fresh = refs::uses(tree);
    if kept == fresh {
        return None;
    }
    let show = |l: &[refs::Use]| {
        l.iter()
            .map(|u| format!("{} {} {}", u.key, u.kind.as_str(), u.path))
            .collect::<Vec<_>>()
    };
    let (k, f) = (show(&kept), show(&fresh));
    let missing: Vec<&String> = f.iter().filter(|x| !k.contains(x)).collect();
    let extra: Vec<&String> = k.iter().filter(|x| !f.contains(x)).collect();
    Some(format!(
        "reference index stale: missing {missing:?}, extra {extra:?} ({} kept, {} fresh)",
        k.len(),
        f.len()
    ))
}
