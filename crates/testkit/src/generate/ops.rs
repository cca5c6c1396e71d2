//! Random editor operations as JSON, valid and invalid (unknown ids, refused connections,
//! fields of the wrong type), for the editor's property tests and benchmarks.

use super::Rng;
use pipeline_tree::model::Tree;

const KINDS: &[&str] = &[
    "tasknode",
    "subflow",
    "parallelgateway",
    "branchgateway",
    "conditionalparallelgateway",
    "convergegateway",
    "startpoint",
    "endpoint",
];
const ARROWS: &[&str] = &["Left", "Right", "Top", "Bottom"];

fn pick<'a>(rng: &mut Rng, items: &'a [String]) -> &'a str {
    if items.is_empty() || rng.below(20) == 0 {
        "n_missing" // an unknown id now and then
    } else {
        &items[rng.below(items.len())]
    }
}

fn node_ids(doc: &Tree) -> Vec<String> {
    doc.nodes()
        .filter_map(|n| n.id().map(str::to_owned))
        .filter(|i| !i.is_empty())
        .collect()
}

fn flow_ids(doc: &Tree) -> Vec<String> {
    doc.flows().map(|f| f.key().to_owned()).collect()
}

fn gateway_flow(doc: &Tree, rng: &mut Rng) -> Option<(String, String)> {
    let pairs: Vec<(String, String)> = doc
        .gateways()
        .flat_map(|g| {
            let gid = g.key().to_owned();
            g.outgoing()
                .iter()
                .map(move |f| (gid.clone(), f.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    (!pairs.is_empty()).then(|| pairs[rng.below(pairs.len())].clone())
}

/// A random operation, as its JSON text, against `doc`'s ids.
pub fn random_op(doc: &Tree, rng: &mut Rng) -> String {
    let nodes = node_ids(doc);
    let flows = flow_ids(doc);
    let x = rng.below(2000) as i64 - 100;
    let y = rng.below(1000) as i64;
    if rng.below(5) == 0 {
        return variable_op(doc, rng);
    }
    match rng.below(16) {
        0 | 1 => format!(
            r#"{{"op":"addNode","type":"{}","x":{x},"y":{y},"name":"n{}"}}"#,
            KINDS[rng.below(KINDS.len())],
            rng.below(100)
        ),
        2 => format!(
            r#"{{"op":"removeNode","id":"{}","reconnect":{}}}"#,
            pick(rng, &nodes),
            rng.below(2) == 0
        ),
        3 | 4 => format!(
            r#"{{"op":"connect","source":"{}","target":"{}","sourceArrow":"{}","targetArrow":"{}"}}"#,
            pick(rng, &nodes),
            pick(rng, &nodes),
            ARROWS[rng.below(4)],
            ARROWS[rng.below(4)]
        ),
        5 => format!(r#"{{"op":"disconnect","flow":"{}"}}"#, pick(rng, &flows)),
        6 => format!(
            r#"{{"op":"insertOnFlow","flow":"{}","type":"{}","x":{x},"y":{y},"makeRoom":{}}}"#,
            pick(rng, &flows),
            KINDS[rng.below(6)],
            rng.below(2) == 0
        ),
        // the first node may come twice, and back where it was asked first
        7 => {
            let (a, b) = (pick(rng, &nodes), pick(rng, &nodes));
            let c = if rng.below(2) == 0 {
                a
            } else {
                pick(rng, &nodes)
            };
            format!(
                r#"{{"op":"move","nodes":[{{"id":"{a}","x":{x},"y":{y}}},{{"id":"{b}","x":{y},"y":{x}}},{{"id":"{c}","x":{x},"y":{y}}}]}}"#
            )
        }
        8 => {
            let fields = match rng.below(4) {
                0 => r#"{"name":"改名","stage_name":"阶段"}"#,
                1 => r#"{"optional":false,"retryable":false,"skippable":true}"#,
                2 => r#"{"name":5}"#,       // wrong type: refused
                _ => r#"{"outgoing":"x"}"#, // wiring: refused
            };
            format!(
                r#"{{"op":"updateNode","id":"{}","fields":{fields}}}"#,
                pick(rng, &nodes)
            )
        }
        9 => match gateway_flow(doc, rng) {
            Some((g, f)) => format!(
                r#"{{"op":"setCondition","gateway":"{g}","flow":"{f}","name":"c","evaluate":"${{x}} > {}"}}"#,
                rng.below(9)
            ),
            None => r#"{"op":"setCondition","gateway":"g","flow":"f","evaluate":"1"}"#.into(),
        },
        10 => match gateway_flow(doc, rng) {
            Some((g, f)) => format!(r#"{{"op":"setDefault","gateway":"{g}","flow":"{f}"}}"#),
            None => r#"{"op":"setDefault","gateway":"g","flow":"f"}"#.into(),
        },
        11 => {
            let a = pick(rng, &nodes).to_owned();
            let b = pick(rng, &nodes).to_owned();
            format!(r#"{{"op":"paste","nodes":["{a}","{b}"],"dx":40,"dy":60}}"#)
        }
        12 => format!(
            r#"{{"op":"disconnectNode","id":"{}","reconnect":{}}}"#,
            pick(rng, &nodes),
            rng.below(2) == 0
        ),
        13 => format!(
            r#"{{"op":"replacePlugin","id":"{}","code":"bk_display","version":"v1.0"}}"#,
            pick(rng, &nodes)
        ),
        14 => match rng.below(6) {
            0 => r#"{"op":"layout"}"#.into(),
            1 => r#"{"op":"layout","mode":"layered"}"#.into(),
            2 => r#"{"op":"layout","mode":"layered","keepPlaced":true,"sizes":"editor"}"#.into(),
            3 => r#"{"op":"layout","sizes":"editor","canvasWidth":700}"#.into(),
            4 => set_drawing(doc, rng),
            _ => r#"{"op":"setDrawing","line":{}}"#.into(), // not an array: refused
        },
        _ => {
            let a = pick(rng, &nodes).to_owned();
            let f = pick(rng, &flows).to_owned();
            format!(
                r#"{{"op":"batch","ops":[{{"op":"move","nodes":[{{"id":"{a}","x":1,"y":2}}]}},{{"op":"disconnect","flow":"{f}"}}]}}"#
            )
        }
    }
}

fn variable_keys(doc: &Tree) -> Vec<String> {
    doc.constants().map(|c| c.map_key().to_owned()).collect()
}

/// A task's or sub-process's input (a `component.data` key or a parameter's key).
fn node_input(doc: &Tree, rng: &mut Rng) -> (String, String) {
    let inputs: Vec<(String, String)> = doc
        .activities()
        .flat_map(|n| {
            let id = n.key().to_owned();
            let data = n.component().and_then(|c| c.data()).into_iter();
            let params = n
                .object()
                .get("constants")
                .and_then(|v| v.as_object())
                .into_iter();
            data.chain(params)
                .flat_map(|o| o.keys().map(str::to_owned).collect::<Vec<_>>())
                .map(move |k| (id.clone(), k))
                .collect::<Vec<_>>()
        })
        .collect();
    if inputs.is_empty() || rng.below(20) == 0 {
        ("n_missing".into(), "nope".into())
    } else {
        inputs[rng.below(inputs.len())].clone()
    }
}

/// An operation on the variables: add, rename and change, remove, move, hook and unhook
/// inputs and outputs (some refused: taken or malformed keys, unknown inputs).
fn variable_op(doc: &Tree, rng: &mut Rng) -> String {
    let keys = variable_keys(doc);
    let n = rng.below(1000);
    match rng.below(8) {
        0 => {
            let key = match rng.below(6) {
                0 => pick(rng, &keys).to_owned(), // taken
                1 => "1bad".to_owned(),
                _ => format!("v{n}"),
            };
            format!(
                r#"{{"op":"addVariable","key":"{key}","name":"变量{n}","value":"${{{}}}","index":{}}}"#,
                pick(rng, &keys)
                    .trim_start_matches("${")
                    .trim_end_matches('}'),
                rng.below(keys.len() + 2)
            )
        }
        1 => {
            let fields = match rng.below(4) {
                0 => format!(r#"{{"key":"r{n}"}}"#),
                1 => format!(
                    r#"{{"key":"r{n}","name":"改{n}","index":{}}}"#,
                    rng.below(5)
                ),
                2 => r#"{"show_type":"hide","desc":"d"}"#.to_owned(),
                _ => format!(r#"{{"key":"{}"}}"#, pick(rng, &keys)),
            };
            format!(
                r#"{{"op":"updateVariable","key":"{}","fields":{fields}}}"#,
                pick(rng, &keys)
            )
        }
        2 => format!(r#"{{"op":"removeVariable","key":"{}"}}"#, pick(rng, &keys)),
        3 => format!(
            r#"{{"op":"moveVariable","key":"{}","index":{}}}"#,
            pick(rng, &keys),
            rng.below(keys.len() + 1)
        ),
        4 => {
            let (node, input) = node_input(doc, rng);
            let key = match rng.below(3) {
                0 => format!(r#","key":"{}""#, pick(rng, &keys)),
                1 => format!(r#","key":"h{n}""#),
                _ => String::new(),
            };
            format!(r#"{{"op":"hookInput","node":"{node}","input":"{input}"{key}}}"#)
        }
        5 => {
            let (node, input) = node_input(doc, rng);
            format!(r#"{{"op":"unhookInput","node":"{node}","input":"{input}"}}"#)
        }
        6 => {
            let node = pick(rng, &node_ids(doc)).to_owned();
            let output = ["_result", "_loop", "data"][rng.below(3)];
            let key = match rng.below(3) {
                0 => format!(r#","key":"{}""#, pick(rng, &keys)),
                _ => String::new(),
            };
            format!(r#"{{"op":"hookOutput","node":"{node}","output":"{output}"{key}}}"#)
        }
        _ => {
            let node = pick(rng, &node_ids(doc)).to_owned();
            let output = ["_result", "_loop", "data"][rng.below(3)];
            format!(r#"{{"op":"unhookOutput","node":"{node}","output":"{output}"}}"#)
        }
    }
}

/// `setDrawing` with a layered layout of `doc` computed apart (as a page's Web Worker does):
/// its `location`, its `line` or both, the items in a random order.
fn set_drawing(doc: &Tree, rng: &mut Rng) -> String {
    let params = pipeline_tree::layout::Params {
        mode: pipeline_tree::layout::Mode::Layered,
        ..Default::default()
    };
    let Ok(l) = pipeline_tree::layout::layout(doc, &params) else {
        return r#"{"op":"setDrawing"}"#.into(); // neither: refused
    };
    let mut shuffled = |v: pipeline_tree::json::Value| match v {
        pipeline_tree::json::Value::Array(mut items) => {
            for i in (1..items.len()).rev() {
                items.swap(i, rng.below(i + 1));
            }
            pipeline_tree::json::Value::Array(items)
        }
        other => other,
    };
    let compact = pipeline_tree::json::Format::compact();
    let text = |v: &pipeline_tree::json::Value| pipeline_tree::json::to_string(v, &compact);
    let (location, line) = (shuffled(l.location), shuffled(l.line));
    match rng.below(3) {
        0 => format!(r#"{{"op":"setDrawing","location":{}}}"#, text(&location)),
        1 => format!(r#"{{"op":"setDrawing","line":{}}}"#, text(&line)),
        _ => format!(
            r#"{{"op":"setDrawing","location":{},"line":{}}}"#,
            text(&location),
            text(&line)
        ),
    }
}
