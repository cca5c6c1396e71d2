//! Property tests: any JSON value and any generated tree survive write → read unchanged (same
//! value, same key order), writing is stable, and no input makes the reader panic.
#![cfg(not(target_arch = "wasm32"))]

use pipeline_tree::json::{self, Format, Indent, Limits, Number, Object, Value};
use pipeline_tree::Tree;
use proptest::prelude::*;
use testkit::generate::{self, Params};

fn number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        0u64..1_000_000_000_000,
        proptest::option::of(0u32..100_000),
        proptest::option::of(-40i32..40),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int.to_string());
            if let Some(f) = frac {
                s.push_str(&format!(".{f}"));
            }
            if let Some(e) = exp {
                s.push_str(&format!("e{e}"));
            }
            s
        })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text().prop_map(|t| json::parse(&t, &Limits::default()).unwrap()),
        any::<String>().prop_map(Value::String),
        "[\\p{Han}\\u{0}-\\u{1f}\"\\\\ a-z😀]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..8).prop_map(|entries| {
                let mut o = Object::new();
                for (k, v) in entries {
                    if !o.contains_key(&k) {
                        o.insert(k, v);
                    }
                }
                Value::Object(o)
            }),
        ]
    })
}

fn format() -> impl Strategy<Value = Format> {
    (
        prop_oneof![
            Just(Indent::Compact),
            (0u8..9).prop_map(Indent::Spaces),
            Just(Indent::Tab)
        ],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(indent, ascii, final_newline)| Format {
            indent,
            ascii,
            final_newline,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_value_round_trips(v in json_value(), f in format()) {
        let text = json::to_string(&v, &f);
        let back = json::parse(&text, &Limits::default()).unwrap();
        prop_assert_eq!(&back, &v);
        prop_assert_eq!(json::to_string(&back, &f), text);
        if f.ascii {
            prop_assert!(json::to_string(&v, &f).is_ascii());
        }
    }

    #[test]
    fn generated_trees_round_trip(seed in any::<u64>(), nodes in 3usize..400, depth in 0usize..5, legacy in any::<bool>(), f in format()) {
        let value = generate::tree(&Params { seed, nodes, max_depth: depth, legacy_io: legacy, hand_wired: seed & 1 == 1, swapped_ids: seed & 2 == 2 });
        let tree = Tree::from_value(value.clone()).unwrap();
        let text = tree.to_string(&f);
        let back = Tree::parse(&text).unwrap();
        prop_assert!(back == tree);
        prop_assert_eq!(back.into_value(), value);
        // Reading with the detected layout writes the same bytes.
        let again = Tree::parse(&text).unwrap().to_string(&Format::detect(&text));
        prop_assert_eq!(again, text);
    }

    #[test]
    fn reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = Tree::parse_bytes(&bytes, &Limits::default());
    }

    #[test]
    fn reader_never_panics_on_mutated_trees(seed in any::<u64>(), cuts in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut bytes = generate::tree_text(&Params { seed, nodes: 20, ..Params::default() }).into_bytes();
        for (at, b) in cuts {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        if let Err(e) = Tree::parse_bytes(&bytes, &Limits::default()) {
            // Every problem has a place.
            for p in e.problems() {
                prop_assert!(p.position.is_some());
            }
        }
    }
}

#[test]
fn ten_thousand_node_tree_round_trips() {
    let text = generate::tree_text(&Params {
        seed: 7,
        nodes: 10_000,
        ..Params::default()
    });
    let tree = Tree::parse(&text).unwrap();
    assert!(tree.nodes().count() >= 10_000);
    assert_eq!(tree.to_string(&Format::default()), text);
}

#[test]
fn number_text_is_kept() {
    for t in [
        "0",
        "-0",
        "1.0",
        "1e3",
        "1E+3",
        "-2.5e-7",
        "123456789012345678901234567890",
    ] {
        let v = json::parse(t, &Limits::default()).unwrap();
        assert_eq!(json::to_string(&v, &Format::compact()), t);
    }
    assert_eq!(Number::from_f64(40.0).unwrap().as_str(), "40");
    assert_eq!(Number::from_f64(f64::NAN), None);
}

/// One operation on an object, for the model test below.
#[derive(Clone, Debug)]
enum ObjOp {
    Insert(u8, u8),
    InsertAt(u8, u8, u8),
    Remove(u8),
    /// Keeps the keys whose number is not a multiple of this.
    Retain(u8),
}

fn obj_op() -> impl Strategy<Value = ObjOp> {
    prop_oneof![
        4 => (any::<u8>(), any::<u8>()).prop_map(|(k, v)| ObjOp::Insert(k % 60, v)),
        1 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(i, k, v)| ObjOp::InsertAt(i % 70, k % 60, v)),
        2 => any::<u8>().prop_map(|k| ObjOp::Remove(k % 60)),
        1 => (2u8..9).prop_map(ObjOp::Retain),
    ]
}

proptest! {
    /// `Object` behaves as an ordered list of unique keys, below and above the size from which
    /// it keeps a hash index, whether its keys are field names the reader knows or other
    /// names; the reader makes the same object from its text.
    #[test]
    fn object_matches_an_ordered_list(ops in proptest::collection::vec(obj_op(), 0..300)) {
        let mut obj = Object::new();
        let mut model: Vec<(String, Value)> = Vec::new();
        // half the keys are field names the reader knows (stored as a number), half node ids
        const NAMES: [&str; 30] = ["id", "type", "name", "incoming", "outgoing", "component",
            "code", "data", "version", "hook", "value", "error_ignorable", "optional", "retryable",
            "skippable", "auto_retry", "enable", "interval", "times", "timeout_config", "seconds",
            "action", "stage_name", "loop", "isSkipped", "labels", "source", "target",
            "is_default", "converge_gateway_id"];
        let key = |k: u8| match NAMES.get(k as usize) {
            Some(name) => (*name).to_owned(),
            None => format!("n{k:031x}"),
        };
        let number = |k: &str| (0u8..60).find(|&i| key(i) == k).unwrap_or(0);
        for op in ops {
            match op {
                ObjOp::Insert(k, v) => {
                    let (k, v) = (key(k), Value::from(v as i64));
                    let old = match model.iter().position(|(m, _)| *m == k) {
                        Some(i) => Some(std::mem::replace(&mut model[i].1, v.clone())),
                        None => { model.push((k.clone(), v.clone())); None }
                    };
                    prop_assert_eq!(obj.insert(k, v), old);
                }
                ObjOp::InsertAt(i, k, v) => {
                    let (k, v) = (key(k), Value::from(v as i64));
                    let old = model.iter().position(|(m, _)| *m == k).map(|p| model.remove(p).1);
                    let i = (i as usize).min(model.len());
                    model.insert(i, (k.clone(), v.clone()));
                    prop_assert_eq!(obj.insert_at(i, k, v), old);
                }
                ObjOp::Remove(k) => {
                    let k = key(k);
                    let old = model.iter().position(|(m, _)| *m == k).map(|p| model.remove(p).1);
                    prop_assert_eq!(obj.remove(&k), old);
                }
                ObjOp::Retain(m) => {
                    model.retain(|(k, _)| number(k) % m != 0);
                    obj.retain(|k, _| number(k) % m != 0);
                }
            }
            prop_assert_eq!(obj.len(), model.len());
            let text = json::to_string(&Value::Object(obj.clone()), &Format::compact());
            let read = json::parse(&text, &Limits::default()).unwrap();
            let read = read.as_object().unwrap();
            for (i, (k, v)) in model.iter().enumerate() {
                prop_assert_eq!(obj.index_of(k), Some(i));
                prop_assert_eq!(obj.get(k), Some(v));
                prop_assert_eq!(read.index_of(k), Some(i));
            }
            prop_assert!(obj.iter().map(|(k, _)| k).eq(model.iter().map(|(k, _)| k.as_str())));
            for k in (0..60).map(key).chain(["n".repeat(32), "can_retry".into()]) {
                if !model.iter().any(|(m, _)| *m == k) {
                    prop_assert_eq!(obj.get(&k), None);
                    prop_assert_eq!(read.get(&k), None);
                }
            }
        }
    }
}
