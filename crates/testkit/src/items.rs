//! An outcome's items applied to a mirror of the tree, as the editor page applies them: the
//! items property (tests/items_test.rs) and the fuzzed edit property check that the mirror
//! then equals the tree.

use pipeline_tree::edit::{Document, Outcome};
use pipeline_tree::json::{self, Object, Value};

/// The item's fields from its JSON form.
pub fn fields(item: &Value) -> (&str, &str, Option<usize>, Option<&Value>) {
    let part = item.get("part").and_then(Value::as_str).expect("part");
    let id = item.get("id").and_then(Value::as_str).expect("id");
    let at = item.get("at").and_then(Value::as_f64).map(|a| a as usize);
    (part, id, at, item.get("value"))
}

pub fn item_id(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

/// Applies an outcome's items to `mirror` (the tree before): what the editor page does.
pub fn patch(mirror: &mut Object, items: &[Value]) {
    let in_part = |p: &'static str| items.iter().map(fields).filter(move |f| f.0 == p);
    for (_, id, _, _) in in_part("tree") {
        mirror.remove(id);
    }
    for (_, id, at, value) in in_part("tree") {
        if let (Some(at), Some(v)) = (at, value) {
            mirror.insert_at(at, id, v.clone());
        }
    }
    for part in ["activities", "gateways", "flows", "constants"] {
        let Some(Value::Object(section)) = mirror.get_mut(part) else {
            assert!(in_part(part).all(|f| f.3.is_none()), "{part}: no section");
            continue;
        };
        for (_, id, _, _) in in_part(part) {
            section.remove(id);
        }
        for (_, id, at, value) in in_part(part) {
            if let (Some(at), Some(v)) = (at, value) {
                section.insert_at(at, id, v.clone());
            }
        }
    }
    for part in ["line", "location"] {
        let ids: Vec<&str> = in_part(part).map(|f| f.1).collect();
        let Some(Value::Array(list)) = mirror.get_mut(part) else {
            assert!(in_part(part).all(|f| f.3.is_none()), "{part}: no array");
            continue;
        };
        list.retain(|v| item_id(v).is_none_or(|id| !ids.contains(&id)));
        for (_, _, at, value) in in_part(part) {
            if let (Some(at), Some(v)) = (at, value) {
                list.insert(at, v.clone());
            }
        }
    }
}

/// Applies `outcome`'s items to `mirror` (the tree before it); an error says how the mirror
/// then differs from the document's tree.
pub fn follow(doc: &Document, mirror: &mut Object, outcome: &Outcome) -> Result<(), String> {
    let json = outcome.to_json();
    let items = json
        .get("items")
        .and_then(Value::as_array)
        .ok_or("no items")?;
    patch(mirror, items);
    if *mirror == *doc.tree().root() {
        return Ok(());
    }
    let text = |o: &Object| json::to_string(&Value::Object(o.clone()), &json::Format::compact());
    Err(format!(
        "the patched mirror differs from the tree\n{}\n{}",
        text(mirror),
        text(doc.tree().root())
    ))
}
