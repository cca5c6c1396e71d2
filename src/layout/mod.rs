//! Auto-layout: new `location` and `line` for a tree, nothing else changed.
//!
//! Two modes share one input ([`graph::Input`], the tree's nodes and flows as dense indices)
//! and one output ([`Drawing`], positions and anchored lines):
//! - [`Mode::Sops`] is SOPS's own `draw_pipeline` (`pipeline_web/drawing_new`), step for step,
//!   so a tree comes out exactly as the SOPS server draws it (`sops.rs`);
//! - [`Mode::Layered`] is a layered layout of our own: fewer crossings, gateways level with
//!   their converge gateways, straight long edges, no row wrapping (`layered.rs`).
//!
//! Both work on any tree: dangling flows are left undrawn, loops are laid out by reversing
//! back edges, nodes no flow reaches still get a place.

mod graph;
mod layered;
mod order;
mod route;
mod sops;

use crate::json::{Number, Object, Value};
use crate::model::Tree;
use crate::shape::{one_of, opt, req, Given, Shape, Ty, BOOL, NUM, PAIR, STR, TREE};

const MODES: &[&str] = &["sops", "layered"];
const SIZES: &[&str] = &["server", "editor"];

/// The JSON form of [`Params`] (the JS API's `layout` options and the `layout` operation).
pub const LAYOUT_OPTIONS: Shape = Shape::new(
    "LayoutOptions",
    "How `layout` lays a tree out.",
    &[
        opt(
            "mode",
            Ty::Choice(MODES),
            "\"sops\": SOPS's own auto-layout, exactly as its server draws (rows wrap at \
             `canvasWidth`). \"layered\": ours, with fewer crossings, gateways level with their \
             converge gateways, straight long edges, no wrapping.",
        )
        .default("\"sops\""),
        opt(
            "sizes",
            Ty::Choice(SIZES),
            "Node sizes and origin: \"server\" (`draw_pipeline`'s 150x54 tasks, 44x44 events, \
             34x34 gateways, start 60,100) or \"editor\" (what SOPS's editor sends: 154x54, \
             34x34, 34x34, start 20,150). The fields below override either.",
        )
        .default("\"server\""),
        opt(
            "activitySize",
            PAIR,
            "Width and height of tasks and sub-processes.",
        ),
        opt(
            "eventSize",
            PAIR,
            "Width and height of start and end events.",
        ),
        opt("gatewaySize", PAIR, "Width and height of gateways."),
        opt("start", PAIR, "Top-left of the first node."),
        opt("canvasWidth", NUM, "`sops`: rows wider than this wrap.").default("1300"),
        opt("columnGap", NUM, "`layered`: gap between columns.").default("80"),
        opt("rowGap", NUM, "`layered`: gap between nodes of a column.").default("40"),
        opt(
            "keepPlaced",
            BOOL,
            "`layered`: nodes that have a `location` keep it; only the others are placed.",
        ),
    ],
)
.extends(&["ParseOptions"]);

/// The JSON form of what [`laid_out`] gives.
pub const LAYOUT_RESULT: Shape = Shape::new(
    "LayoutResult",
    "A laid-out tree.",
    &[
        req(
            "tree",
            TREE,
            "The input tree with the new `location` and `line` (every other byte unchanged).",
        ),
        req("location", Ty::Arr(&Ty::Ref("TreeLocation")), ""),
        req("line", Ty::Arr(&Ty::Ref("TreeLine")), ""),
        req(
            "routes",
            Ty::Map(&Ty::Arr(&PAIR)),
            "The bend points each long flow was routed through, from source to target.",
        ),
        opt(
            "warning",
            Ty::Ref("LayoutWarning"),
            "Set when the tree was too large for the mode's full layout in time and a quicker \
             one drew it: what was given up.",
        ),
    ],
);

/// The JSON form of a [`Warning`].
pub const LAYOUT_WARNING: Shape = Shape::new(
    "LayoutWarning",
    "What a layout gave up to finish in time.",
    &[
        req("message", STR, ""),
        req("message_zh", STR, "The same in Chinese."),
    ],
);

pub use graph::Input;

/// Which algorithm lays the tree out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// SOPS's `draw_pipeline`, reproduced exactly.
    #[default]
    Sops,
    /// Our layered layout.
    Layered,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "sops" => Some(Mode::Sops),
            "layered" => Some(Mode::Layered),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Sops => "sops",
            Mode::Layered => "layered",
        }
    }
}

/// Sizes, origin and canvas width. The defaults are `draw_pipeline`'s; SOPS's editor sends
/// [`Params::sops_canvas`] (its own node sizes) and the canvas width it has.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub mode: Mode,
    /// (width, height) of task and subprocess nodes.
    pub activity_size: (f64, f64),
    /// (width, height) of start and end events.
    pub event_size: (f64, f64),
    /// (width, height) of gateways.
    pub gateway_size: (f64, f64),
    /// Top-left of the first node.
    pub start: (f64, f64),
    /// `sops` wraps rows wider than this; `layered` ignores it.
    pub canvas_width: f64,
    /// `layered`: horizontal gap between columns.
    pub column_gap: f64,
    /// `layered`: vertical gap between nodes of one column.
    pub row_gap: f64,
    /// `layered`: keep the `location` of every node that has one and place only the others.
    pub keep_placed: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            mode: Mode::Sops,
            activity_size: (150.0, 54.0),
            event_size: (44.0, 44.0),
            gateway_size: (34.0, 34.0),
            start: (60.0, 100.0),
            canvas_width: 1300.0,
            column_gap: 80.0,
            row_gap: 40.0,
            keep_placed: false,
        }
    }
}

impl Params {
    /// What SOPS's editor sends with its "排版" button (editor-spec §2.17), for a canvas
    /// `canvas_width` pixels wide.
    pub fn sops_canvas(canvas_width: f64) -> Params {
        Params {
            activity_size: (154.0, 54.0),
            event_size: (34.0, 34.0),
            gateway_size: (34.0, 34.0),
            start: (20.0, 150.0),
            canvas_width,
            ..Params::default()
        }
    }

    /// (width, height) of a node of this shape.
    pub(crate) fn size(&self, shape: graph::Shape) -> (f64, f64) {
        match shape {
            graph::Shape::Activity => self.activity_size,
            graph::Shape::Event => self.event_size,
            graph::Shape::Gateway | graph::Shape::WideGateway => self.gateway_size,
            graph::Shape::Dummy => (0.0, 0.0),
        }
    }

    /// Checks that sizes and positions are finite and sizes not negative.
    pub fn check(&self) -> Result<(), LayoutError> {
        let sizes = [self.activity_size, self.event_size, self.gateway_size];
        let finite = sizes
            .iter()
            .chain([&self.start])
            .all(|(a, b)| a.is_finite() && b.is_finite())
            && [self.canvas_width, self.column_gap, self.row_gap]
                .iter()
                .all(|v| v.is_finite());
        if !finite {
            return Err(LayoutError::new(
                "sizes, start and canvas width must be finite numbers",
                "尺寸、起点和画布宽度须为有限的数字",
            ));
        }
        if sizes.iter().any(|(w, h)| *w < 0.0 || *h < 0.0)
            || self.column_gap < 0.0
            || self.row_gap < 0.0
        {
            return Err(LayoutError::new(
                "sizes and gaps must not be negative",
                "尺寸和间距不能为负数",
            ));
        }
        if sizes.iter().any(|(w, h)| *w > 1e6 || *h > 1e6) {
            return Err(LayoutError::new(
                "sizes must be at most 1,000,000",
                "尺寸不能超过 1,000,000",
            ));
        }
        Ok(())
    }
}

impl Params {
    /// Reads options from JSON: `mode` ("sops" | "layered"), `sizes` ("server", the default,
    /// or "editor": what SOPS's editor sends), `activitySize`, `eventSize`, `gatewaySize`,
    /// `start` (`[a, b]` pairs), `canvasWidth`, `columnGap`, `rowGap`, `keepPlaced`. Other keys
    /// are left to the caller.
    pub fn from_json(o: &Object) -> Result<Params, LayoutError> {
        let o = Given::new(o, &LAYOUT_OPTIONS);
        let mut p = match o.raw("sizes") {
            None | Some(Value::Null) => Params::default(),
            Some(Value::String(s)) if s == "server" => Params::default(),
            Some(Value::String(s)) if s == "editor" => Params::sops_canvas(1000.0),
            Some(_) => {
                return Err(LayoutError {
                    message: format!("'sizes' must be {}", one_of(SIZES, true)),
                    message_zh: format!("sizes 须为 {}", SIZES.join(" 或 ")),
                })
            }
        };
        if let Some(m) = mode(o.raw("mode"))? {
            p.mode = m;
        }
        let pair = |key: &str| -> Result<Option<(f64, f64)>, LayoutError> {
            match o.raw(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Array(a)) if a.len() == 2 => match (a[0].as_f64(), a[1].as_f64()) {
                    (Some(x), Some(y)) => Ok(Some((x, y))),
                    _ => Err(LayoutError {
                        message: format!("'{key}' must be two numbers"),
                        message_zh: format!("{key} 须为两个数字"),
                    }),
                },
                Some(_) => Err(LayoutError {
                    message: format!("'{key}' must be two numbers [a, b]"),
                    message_zh: format!("{key} 须为两个数字 [a, b]"),
                }),
            }
        };
        let num = |key: &str| -> Result<Option<f64>, LayoutError> {
            match o.raw(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| LayoutError {
                    message: format!("'{key}' must be a number"),
                    message_zh: format!("{key} 须为数字"),
                }),
            }
        };
        if let Some(v) = pair("activitySize")? {
            p.activity_size = v;
        }
        if let Some(v) = pair("eventSize")? {
            p.event_size = v;
        }
        if let Some(v) = pair("gatewaySize")? {
            p.gateway_size = v;
        }
        if let Some(v) = pair("start")? {
            p.start = v;
        }
        if let Some(v) = num("canvasWidth")? {
            p.canvas_width = v;
        }
        if let Some(v) = num("columnGap")? {
            p.column_gap = v;
        }
        if let Some(v) = num("rowGap")? {
            p.row_gap = v;
        }
        match o.raw("keepPlaced") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => p.keep_placed = *b,
            Some(_) => {
                return Err(LayoutError::new(
                    "'keepPlaced' must be true or false",
                    "keepPlaced 须为 true 或 false",
                ))
            }
        }
        p.check()?;
        Ok(p)
    }
}

/// The `mode` option, if given.
fn mode(v: Option<&Value>) -> Result<Option<Mode>, LayoutError> {
    let modes = one_of(MODES, true);
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(m)) => Mode::parse(m).map(Some).ok_or_else(|| LayoutError {
            message: format!("'mode' must be {modes}, not {m:?}"),
            message_zh: format!("mode 须为 {}，不能是 {m:?}", MODES.join(" 或 ")),
        }),
        Some(_) => Err(LayoutError {
            message: format!("'mode' must be {modes}"),
            message_zh: format!("mode 须为 {}", MODES.join(" 或 ")),
        }),
    }
}

/// Bad layout parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutError {
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

impl LayoutError {
    fn new(m: &str, zh: &str) -> LayoutError {
        LayoutError {
            message: m.to_owned(),
            message_zh: zh.to_owned(),
        }
    }
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// An anchor of a node box (editor-spec §0.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrow {
    Top,
    Right,
    Bottom,
    Left,
}

impl Arrow {
    pub fn name(self) -> &'static str {
        match self {
            Arrow::Top => "Top",
            Arrow::Right => "Right",
            Arrow::Bottom => "Bottom",
            Arrow::Left => "Left",
        }
    }
}

/// A node's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub node: usize,
    pub x: i64,
    pub y: i64,
}

/// A flow's line: anchors, the optional `midpoint`, and the bend points the layout routed it
/// through (the places of a long edge's dummy nodes), from source to target.
#[derive(Clone, Debug, PartialEq)]
pub struct Routed {
    pub flow: usize,
    pub source: Arrow,
    pub target: Arrow,
    pub midpoint: Option<f64>,
    pub points: Vec<(f64, f64)>,
}

/// The result of a layout over an [`Input`]: `location` order and `line` order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    pub nodes: Vec<Placed>,
    pub lines: Vec<Routed>,
    /// Set when the tree was too large for the mode's full layout in time and a quicker one
    /// drew it.
    pub warning: Option<Warning>,
}

/// Why a drawing is not the mode's full layout (in English and Chinese, saying the same).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    pub message_zh: String,
}

impl Warning {
    /// Long edges cut short: they would need `needed` dummy points, each keeps at most `cap`.
    pub(crate) fn long_edges(mode: Mode, needed: usize, cap: usize) -> Warning {
        let budget = order::DUMMY_BUDGET;
        let (sops, sops_zh) = match mode {
            Mode::Sops => (
                ", and the drawing is not exactly the one SOPS draws",
                "，且与 SOPS 自身的排版结果不完全相同",
            ),
            Mode::Layered => ("", ""),
        };
        Warning {
            message: format!(
                "This flow's long lines would need {needed} route points, more than the \
                 {budget} a layout takes on: each long line keeps at most {cap}, next to its two \
                 ends, so lines may cross more and run through nodes{sops}."
            ),
            message_zh: format!(
                "该流程的长连线共需 {needed} 个路径点，超过一次排版可处理的 {budget} 个：每条长连线\
                 最多保留 {cap} 个（靠近两端），因此连线可能交叉更多、穿过节点{sops_zh}。"
            ),
        }
    }

    /// SOPS's ordering stopped after `run` of its `all` sweeps.
    pub(crate) fn fewer_sweeps(run: usize, all: usize) -> Warning {
        Warning {
            message: format!(
                "This flow is too large for all {all} ordering sweeps of SOPS's layout in time: \
                 {run} were run, so the drawing may differ from the one SOPS draws."
            ),
            message_zh: format!(
                "该流程过大，无法在限定时间内完成 SOPS 排版的全部 {all} 轮排序：只进行了 {run} 轮，\
                 因此结果可能与 SOPS 自身的排版不同。"
            ),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("message", string(&self.message));
        o.insert("message_zh", string(&self.message_zh));
        Value::Object(o)
    }
}

/// Lays out `input`.
pub fn draw(input: &Input, params: &Params) -> Result<Drawing, LayoutError> {
    params.check()?;
    Ok(match params.mode {
        Mode::Sops => sops::draw(input, params),
        Mode::Layered => layered::draw(input, params),
    })
}

/// The new `location` and `line` arrays of `tree`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub location: Value,
    pub line: Value,
    pub drawing: Drawing,
}

/// Lays `tree` out; the tree itself is not changed (see [`apply`]).
pub fn layout(tree: &Tree, params: &Params) -> Result<Layout, LayoutError> {
    let input = Input::of(tree);
    let drawing = draw(&input, params)?;
    let (location, line) = to_json(tree, &input, &drawing);
    Ok(Layout {
        location,
        line,
        drawing,
    })
}

/// Lays `tree` out and writes `location` and `line` into it (an existing key keeps its
/// position; a missing one goes last).
pub fn apply(tree: &mut Tree, params: &Params) -> Result<Drawing, LayoutError> {
    let Layout {
        location,
        line,
        drawing,
    } = layout(tree, params)?;
    let root = tree.root_mut();
    root.insert("location", location);
    root.insert("line", line);
    Ok(drawing)
}

/// What `layout()` of the JS API returns: `{tree, location, line, routes}`, the tree with the
/// new drawing written in, and each routed flow's bend points as `[[x, y], ...]` by flow id.
pub fn laid_out(mut tree: Tree, params: &Params) -> Result<Value, LayoutError> {
    let l = layout(&tree, params)?;
    let input = Input::of(&tree);
    let warning = l.drawing.warning.as_ref().map(Warning::to_json);
    let mut routes = Object::new();
    for r in l.drawing.lines.iter().filter(|r| !r.points.is_empty()) {
        let points = r
            .points
            .iter()
            .map(|&(x, y)| Value::Array(vec![int(x as i64), int(y as i64)]));
        routes.insert(
            input.flows[r.flow].key.clone(),
            Value::Array(points.collect()),
        );
    }
    let root = tree.root_mut();
    root.insert("location", l.location.clone());
    root.insert("line", l.line.clone());
    let mut result = Object::new();
    result.insert("tree", tree.into_value());
    result.insert("location", l.location);
    result.insert("line", l.line);
    result.insert("routes", Value::Object(routes));
    if let Some(w) = warning {
        result.insert("warning", w);
    }
    Ok(Value::Object(result))
}

fn int(n: i64) -> Value {
    Value::Number(Number::from(n))
}

fn string(s: &str) -> Value {
    Value::String(s.into())
}

/// Python's `repr` of a float (what SOPS's server writes for `midpoint`): always with a
/// fraction or an exponent.
fn py_float(f: f64) -> Value {
    Value::Number(Number::from_raw(&crate::json::python_float_repr(f)))
}

/// The drawing as JSON: an existing `location` item keeps every key and gets new `x`, `y`;
/// a new one is `{id, type, name, status: "", x, y}` (SOPS's shape).
pub fn to_json(tree: &Tree, input: &Input, drawing: &Drawing) -> (Value, Value) {
    let mut old: crate::map::HashMap<&str, &Object> = crate::map::HashMap::default();
    for loc in tree
        .root()
        .get("location")
        .and_then(Value::as_array)
        .unwrap_or(&[])
    {
        if let Some(o) = loc.as_object() {
            if let Some(id) = o.get("id").and_then(Value::as_str) {
                old.insert(id, o);
            }
        }
    }
    let mut location = Vec::with_capacity(drawing.nodes.len());
    for p in &drawing.nodes {
        let id = input.id(p.node);
        let item = match old.get(id) {
            Some(o) => {
                let mut o = (*o).clone();
                o.insert("x", int(p.x));
                o.insert("y", int(p.y));
                o
            }
            None => {
                let mut o = Object::new();
                o.insert("id", string(id));
                o.insert("type", string(input.location_type(p.node)));
                o.insert(
                    "name",
                    input.name(p.node).cloned().unwrap_or_else(|| string("")),
                );
                o.insert("status", string(""));
                o.insert("x", int(p.x));
                o.insert("y", int(p.y));
                o
            }
        };
        location.push(Value::Object(item));
    }
    let mut line = Vec::with_capacity(drawing.lines.len());
    for l in &drawing.lines {
        let f = &input.flows[l.flow];
        let end = |arrow: Arrow, node: usize| {
            let mut o = Object::new();
            o.insert("arrow", string(arrow.name()));
            o.insert("id", string(input.id(node)));
            Value::Object(o)
        };
        let mut o = Object::new();
        o.insert("id", string(&f.key));
        o.insert("source", end(l.source, f.source));
        o.insert("target", end(l.target, f.target));
        if let Some(m) = l.midpoint {
            o.insert("midpoint", py_float(m));
        }
        line.push(Value::Object(o));
    }
    (Value::Array(location), Value::Array(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_python_does() {
        let w = |f| match py_float(f) {
            Value::Number(n) => n.as_str().to_owned(),
            _ => unreachable!(),
        };
        assert_eq!(w(0.5), "0.5");
        assert_eq!(w(0.0), "0.0");
        assert_eq!(w(-1.0), "-1.0");
        assert_eq!(w(0.8333333333333334), "0.8333333333333334");
        assert_eq!(w(1e-5), "1e-05");
    }
}
