//! A seeded generator of realistic pipeline trees, for tests and benchmarks.
//!
//! Trees look like what SOPS writes: ids `n`/`l` + 31 hex digits, the default node JSON of
//! editor-spec §2.3, plugin data with hooked variables, Chinese names, nested parallel,
//! exclusive and conditional-parallel blocks closed by converge gateways, `line` and
//! `location` in step with `flows`. The same seed gives the same bytes on every platform.

pub mod hostile;
pub mod ops;
pub mod parity;
pub mod shapes;

use std::collections::HashMap;

use pipeline_tree::json::{Number, Object, Value};
use pipeline_tree::variables::plugins::{is_empty_value, Plugins};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    pub seed: u64,
    /// About how many nodes (events, activities and gateways) the tree has.
    pub nodes: usize,
    /// How deep gateway blocks nest.
    pub max_depth: usize,
    /// Write some `incoming` fields as strings (legacy shape) instead of lists.
    pub legacy_io: bool,
    /// Wiring the canvas does not draw but a hand-edited tree has, kept in step: the end event
    /// gets one or two outgoing flows back into the tree (listed in its `outgoing`, a string
    /// for one, a list for two), an activity gets a second outgoing flow (a list), and two
    /// flows swap their `id` fields (flows are found by their key).
    pub hand_wired: bool,
    /// Nodes whose key under `activities`/`gateways` and `id` field differ: two gateways swap
    /// their `id`s, so do two activities, and one more node's `id` is no key at all. Such a
    /// tree is out of step (`edit::inconsistencies` names each node).
    pub swapped_ids: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            seed: 1,
            nodes: 50,
            max_depth: 3,
            legacy_io: false,
            hand_wired: false,
            swapped_ids: false,
        }
    }
}

/// splitmix64: small, fast, and the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// `prefix` + 31 lowercase hex digits: SOPS's 32-character ids.
    pub fn id(&mut self, prefix: char) -> String {
        let mut s = String::with_capacity(32);
        s.push(prefix);
        let (a, b) = (self.next_u64(), self.next_u64());
        let hex = format!("{a:016x}{b:016x}");
        s.push_str(&hex[..31]);
        s
    }
}

/// The plugins tasks use: real SOPS plugin versions, whose inputs (and their defaults) and
/// outputs come from the built-in plugin catalogue.
const PLUGINS: &[(&str, &str, &str)] = &[
    ("bk_display", "1.0", "消息展示"),
    ("sleep_timer", "legacy", "定时"),
    ("job_fast_execute_script", "v1.0", "快速执行脚本"),
    ("bk_http_request", "v1.0", "HTTP 请求"),
    ("pause_node", "legacy", "暂停"),
    ("bk_approve", "v1.0", "审批"),
    ("bk_notify", "v1.0", "发送通知"),
];

struct Gen {
    rng: Rng,
    p: Params,
    activities: Object,
    gateways: Object,
    flows: Object,
    lines: Vec<Value>,
    locations: Vec<Value>,
    constants: Object,
    /// The plugin data, hooks and variables (apart from `rng`, so the graph's shape does not
    /// depend on them).
    data_rng: Rng,
    plugins: std::sync::Arc<Plugins>,
    /// incoming lists being built, by node id (written into nodes at the end).
    incoming: HashMap<String, Vec<String>>,
    outgoing: HashMap<String, Vec<String>>,
    made: usize,
    column: usize,
}

fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn num(n: i64) -> Value {
    Value::Number(Number::from(n))
}

fn strs(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::from(s.as_str())).collect())
}

/// An `outgoing` written as SOPS writes one flow (a string, `""` for none), or a list of more.
fn single_or_list(v: &[String]) -> Value {
    match v {
        [] => Value::from(""),
        [one] => Value::from(one.as_str()),
        more => strs(more),
    }
}

/// Generates a tree as JSON.
pub fn tree(p: &Params) -> Value {
    let mut g = Gen {
        rng: Rng::new(p.seed),
        p: p.clone(),
        activities: Object::new(),
        gateways: Object::new(),
        flows: Object::new(),
        lines: Vec::new(),
        locations: Vec::new(),
        constants: Object::new(),
        data_rng: Rng::new(p.seed ^ 0x5eed_da7a),
        plugins: Plugins::builtin(),
        incoming: HashMap::new(),
        outgoing: HashMap::new(),
        made: 0,
        column: 0,
    };
    g.build()
}

/// Generates a tree as text in the default [`pipeline_tree::json::Format`].
pub fn tree_text(p: &Params) -> String {
    pipeline_tree::json::to_string(&tree(p), &pipeline_tree::json::Format::default())
}

impl Gen {
    fn build(&mut self) -> Value {
        let start = self.rng.id('n');
        let end = self.rng.id('n');
        self.location(&start, "startpoint", 0, 0, None);
        let budget = self.p.nodes.saturating_sub(2).max(1);
        let last = self.sequence(&start, budget, 0, 0);
        self.column += 1;
        self.location(&end, "endpoint", self.column, 0, None);
        self.connect(&last, &end);
        if self.p.hand_wired {
            self.hand_wire(&end);
        }

        let find = |list: &HashMap<String, Vec<String>>, id: &str| -> Vec<String> {
            list.get(id).cloned().unwrap_or_default()
        };
        let start_out = find(&self.outgoing, &start);
        let end_in = find(&self.incoming, &end);
        // Fill incoming/outgoing into activities and gateways.
        let (incoming, outgoing) = (
            std::mem::take(&mut self.incoming),
            std::mem::take(&mut self.outgoing),
        );
        let legacy = self.p.legacy_io;
        for (id, node) in self.activities.iter_mut() {
            let o = node.as_object_mut().expect("activities are objects");
            let inc = find(&incoming, id);
            let legacy_here = legacy && inc.len() == 1 && id.as_bytes()[1] < b'8';
            o.insert(
                "incoming",
                if legacy_here {
                    Value::from(inc[0].as_str())
                } else {
                    strs(&inc)
                },
            );
            o.insert("outgoing", single_or_list(&find(&outgoing, id)));
        }
        for (id, node) in self.gateways.iter_mut() {
            let o = node.as_object_mut().expect("gateways are objects");
            o.insert("incoming", strs(&find(&incoming, id)));
            let out = find(&outgoing, id);
            let converge = o.get("type").and_then(Value::as_str) == Some("ConvergeGateway");
            o.insert(
                "outgoing",
                if converge {
                    Value::from(out.first().map_or("", |s| s.as_str()))
                } else {
                    strs(&out)
                },
            );
        }
        let mut root = Object::new();
        root.insert("name", Value::from(format!("生成的流程 {}", self.p.seed)));
        root.insert(
            "activities",
            Value::Object(std::mem::take(&mut self.activities)),
        );
        root.insert(
            "end_event",
            obj(vec![
                ("id", Value::from(end.as_str())),
                ("incoming", strs(&end_in)),
                ("name", Value::from("")),
                ("outgoing", single_or_list(&find(&outgoing, &end))),
                ("type", Value::from("EmptyEndEvent")),
                ("labels", Value::Array(vec![])),
            ]),
        );
        root.insert("flows", Value::Object(std::mem::take(&mut self.flows)));
        root.insert(
            "gateways",
            Value::Object(std::mem::take(&mut self.gateways)),
        );
        root.insert("line", Value::Array(std::mem::take(&mut self.lines)));
        root.insert(
            "location",
            Value::Array(std::mem::take(&mut self.locations)),
        );
        root.insert("outputs", Value::Array(vec![]));
        root.insert(
            "start_event",
            obj(vec![
                ("id", Value::from(start.as_str())),
                ("incoming", Value::from("")),
                ("name", Value::from("")),
                (
                    "outgoing",
                    Value::from(start_out.first().map_or("", |s| s.as_str())),
                ),
                ("type", Value::from("EmptyStartEvent")),
                ("labels", Value::Array(vec![])),
            ]),
        );
        root.insert(
            "constants",
            Value::Object(std::mem::take(&mut self.constants)),
        );
        if self.p.hand_wired {
            self.swap_ids(&mut root, "flows", 2);
        }
        if self.p.swapped_ids {
            self.swap_ids(&mut root, "gateways", 3);
            self.swap_ids(&mut root, "activities", 3);
        }
        Value::Object(root)
    }

    /// `hand_wired`: one or two flows from the end event back to activities or gateways, and
    /// a second outgoing flow from an activity.
    fn hand_wire(&mut self, end: &str) {
        let nodes: Vec<String> = self
            .activities
            .keys()
            .chain(self.gateways.keys())
            .map(str::to_owned)
            .collect();
        if nodes.is_empty() {
            return;
        }
        for _ in 0..1 + self.rng.below(2) {
            let to = nodes[self.rng.below(nodes.len())].clone();
            self.connect(end, &to);
        }
        let acts: Vec<String> = self.activities.keys().map(str::to_owned).collect();
        if !acts.is_empty() && self.rng.chance(50) {
            let from = acts[self.rng.below(acts.len())].clone();
            let to = nodes[self.rng.below(nodes.len())].clone();
            self.connect(&from, &to);
        }
    }

    /// Swaps the `id` fields of two entries of `section` (when it has two); with `count` 3, a
    /// third entry's `id` becomes one that is no key.
    fn swap_ids(&mut self, root: &mut Object, section: &str, count: usize) {
        let Some(Value::Object(items)) = root.get_mut(section) else {
            return;
        };
        let keys: Vec<String> = items.keys().map(str::to_owned).collect();
        if keys.len() < 2 {
            return;
        }
        let a = self.rng.below(keys.len());
        let b = (a + 1 + self.rng.below(keys.len() - 1)) % keys.len();
        for (k, id) in [(&keys[a], &keys[b]), (&keys[b], &keys[a])] {
            if let Some(Value::Object(o)) = items.get_mut(k) {
                o.insert("id", Value::from(id.as_str()));
            }
        }
        if count > 2 {
            let c = self.rng.below(keys.len());
            if c != a && c != b {
                if let Some(Value::Object(o)) = items.get_mut(&keys[c]) {
                    o.insert("id", Value::from(format!("{}x", keys[c])));
                }
            }
        }
    }

    fn push_io(list: &mut HashMap<String, Vec<String>>, id: &str, flow: &str) {
        list.entry(id.to_owned()).or_default().push(flow.to_owned());
    }

    fn connect(&mut self, from: &str, to: &str) -> String {
        let id = self.rng.id('l');
        self.flows.insert(
            id.clone(),
            obj(vec![
                ("id", Value::from(id.as_str())),
                ("is_default", Value::Bool(false)),
                ("source", Value::from(from)),
                ("target", Value::from(to)),
            ]),
        );
        self.lines.push(obj(vec![
            ("id", Value::from(id.as_str())),
            (
                "source",
                obj(vec![
                    ("arrow", Value::from("Right")),
                    ("id", Value::from(from)),
                ]),
            ),
            (
                "target",
                obj(vec![
                    ("arrow", Value::from("Left")),
                    ("id", Value::from(to)),
                ]),
            ),
        ]));
        Self::push_io(&mut self.outgoing, from, &id);
        Self::push_io(&mut self.incoming, to, &id);
        id
    }

    fn location(&mut self, id: &str, kind: &str, column: usize, lane: usize, name: Option<&str>) {
        let mut entries = vec![
            ("id", Value::from(id)),
            ("type", Value::from(kind)),
            ("x", num(40 + 200 * column as i64)),
            ("y", num(150 + 120 * lane as i64)),
        ];
        if let Some(name) = name {
            entries.insert(2, ("name", Value::from(name)));
            entries.push(("stage_name", Value::from("")));
        }
        self.locations.push(obj(entries));
    }

    /// A chain of items after `from`, using about `budget` nodes; returns the last node id.
    fn sequence(&mut self, from: &str, budget: usize, depth: usize, lane: usize) -> String {
        let mut last = from.to_owned();
        let target = self.made + budget;
        while self.made < target {
            let left = target - self.made;
            let block = depth < self.p.max_depth && left >= 6 && self.rng.chance(25);
            last = if block {
                let size = 4 + self.rng.below(left.clamp(5, 60) - 3);
                self.block(&last, size.min(left), depth, lane)
            } else {
                self.activity(&last, lane)
            };
        }
        last
    }

    fn activity(&mut self, from: &str, lane: usize) -> String {
        let id = self.rng.id('n');
        self.made += 1;
        self.column += 1;
        let sub = self.rng.chance(6);
        let (code, version, label) = PLUGINS[self.data_rng.below(PLUGINS.len())];
        let name = format!("{label}_{}", self.made);
        let mut node = vec![];
        // a task whose output a variable receives is not optional: excluding it would leave
        // the variable receiving nothing, which BKFlow refuses (PAY043)
        let mut received = false;
        if sub {
            node.push(("constants", Value::Object(Object::new())));
            node.push(("hooked_constants", Value::Array(vec![])));
        } else {
            let (component, outputs) = self.component(&id, code, version);
            received = outputs;
            node.push(("component", component));
        }
        node.extend([
            ("error_ignorable", Value::Bool(self.rng.chance(10))),
            ("id", Value::from(id.as_str())),
            ("incoming", Value::Array(vec![])),
            ("loop", Value::Null),
            ("name", Value::from(name.as_str())),
            ("optional", Value::Bool(!received)),
            ("outgoing", Value::from("")),
            ("stage_name", Value::from("")),
            (
                "type",
                Value::from(if sub { "SubProcess" } else { "ServiceActivity" }),
            ),
            ("retryable", Value::Bool(true)),
            ("skippable", Value::Bool(true)),
        ]);
        if sub {
            node.extend([
                ("template_id", num(1 + self.rng.below(500) as i64)),
                (
                    "version",
                    Value::from(format!("{:032x}", self.rng.next_u64())),
                ),
                ("always_use_latest", Value::Bool(false)),
                ("scheme_id_list", Value::Array(vec![])),
                ("template_source", Value::from("business")),
            ]);
        } else {
            node.extend([
                (
                    "auto_retry",
                    obj(vec![
                        ("enable", Value::Bool(false)),
                        ("interval", num(0)),
                        ("times", num(1)),
                    ]),
                ),
                (
                    "timeout_config",
                    obj(vec![
                        ("enable", Value::Bool(false)),
                        ("seconds", num(10)),
                        ("action", Value::from("forced_fail")),
                    ]),
                ),
                ("labels", Value::Array(vec![])),
            ]);
        }
        self.activities.insert(id.clone(), obj(node));
        self.location(
            &id,
            if sub { "subflow" } else { "tasknode" },
            self.column,
            lane,
            Some(&name),
        );
        self.connect(from, &id);
        id
    }

    /// A task's component: every input of the plugin version with its default, as a new node
    /// gets them; a required input whose default is empty, and some others, hooked to a new
    /// variable holding the value; sometimes an output received into a variable (and then
    /// `true`).
    fn component(&mut self, node: &str, code: &str, version: &str) -> (Value, bool) {
        let plugins = self.plugins.clone();
        let v = plugins
            .version(code, Some(version))
            .expect("the generator's plugins are in the catalogue");
        let mut data = Object::new();
        for input in &v.inputs {
            let hook = input.hookable
                && ((input.required && is_empty_value(&input.default)) || self.data_rng.chance(15));
            let value = if hook {
                let key = format!("${{{}_{}}}", input.key, self.made);
                self.input_variable(&key, &input.key, node, code, version, &input.default);
                Value::from(key)
            } else {
                input.default.clone()
            };
            data.insert(
                input.key.as_str(),
                obj(vec![
                    ("hook", Value::Bool(hook)),
                    ("need_render", Value::Bool(input.need_render())),
                    ("value", value),
                ]),
            );
        }
        let received = self.data_rng.chance(10) && !v.outputs.is_empty();
        if received {
            let output = &v.outputs[self.data_rng.below(v.outputs.len())];
            let key = format!("${{{}_{}}}", output.key.trim_start_matches('_'), self.made);
            let mut source_info = Object::new();
            source_info.insert(node, Value::Array(vec![Value::from(output.key.as_str())]));
            self.variable(
                &key,
                vec![
                    ("custom_type", Value::from("")),
                    ("show_type", Value::from("hide")),
                    ("source_info", Value::Object(source_info)),
                    ("source_tag", Value::from("")),
                    ("source_type", Value::from("component_outputs")),
                    ("validation", Value::from("")),
                    ("value", Value::from("")),
                    ("plugin_code", Value::from("")),
                ],
            );
        }
        let component = obj(vec![
            ("code", Value::from(code)),
            ("data", Value::Object(data)),
            ("version", Value::from(version)),
        ]);
        (component, received)
    }

    /// A variable an input is hooked to (variables-spec §1.2).
    fn input_variable(
        &mut self,
        key: &str,
        input: &str,
        node: &str,
        code: &str,
        version: &str,
        value: &Value,
    ) {
        let mut source_info = Object::new();
        source_info.insert(node, Value::Array(vec![Value::from(input)]));
        self.variable(
            key,
            vec![
                ("custom_type", Value::from("")),
                ("show_type", Value::from("show")),
                ("source_info", Value::Object(source_info)),
                ("source_tag", Value::from(format!("{code}.{input}"))),
                ("source_type", Value::from("component_inputs")),
                ("validation", Value::from("")),
                ("pre_render_mako", Value::Bool(false)),
                ("value", value.clone()),
                ("version", Value::from(version)),
                ("plugin_code", Value::from("")),
            ],
        );
    }

    /// A variable: `key`, a name, an empty `desc` and the next `index`, then `fields`.
    fn variable(&mut self, key: &str, fields: Vec<(&str, Value)>) {
        let index = self.constants.len() as i64;
        let mut entries = vec![
            ("key", Value::from(key)),
            ("name", Value::from(format!("变量_{index}"))),
            ("desc", Value::from("")),
            ("index", num(index)),
        ];
        entries.extend(fields);
        self.constants.insert(key, obj(entries));
    }

    fn gateway(&mut self, kind: &str, lane: usize) -> String {
        let id = self.rng.id('n');
        self.made += 1;
        self.column += 1;
        let mut node = vec![
            ("id", Value::from(id.as_str())),
            ("incoming", Value::Array(vec![])),
            ("name", Value::from("")),
            ("outgoing", Value::Array(vec![])),
            ("type", Value::from(kind)),
        ];
        if kind == "ExclusiveGateway" || kind == "ConditionalParallelGateway" {
            node.push(("conditions", Value::Object(Object::new())));
        }
        self.gateways.insert(id.clone(), obj(node));
        let loc = match kind {
            "ParallelGateway" => "parallelgateway",
            "ExclusiveGateway" => "branchgateway",
            "ConditionalParallelGateway" => "conditionalparallelgateway",
            _ => "convergegateway",
        };
        self.location(&id, loc, self.column, lane, None);
        id
    }

    /// A split gateway, 2–4 branches, and the converge gateway that joins them.
    fn block(&mut self, from: &str, size: usize, depth: usize, lane: usize) -> String {
        let kind = [
            "ParallelGateway",
            "ExclusiveGateway",
            "ConditionalParallelGateway",
        ][self.rng.below(3)];
        let split = self.gateway(kind, lane);
        self.connect(from, &split);
        let branches = 2 + self.rng.below(3);
        let inner = size.saturating_sub(2);
        let start_column = self.column;
        let mut ends = Vec::new();
        let mut widest = start_column;
        for b in 0..branches {
            self.column = start_column;
            let share = inner / branches + usize::from(b < inner % branches);
            // An exclusive gateway may have an empty branch straight to the converge.
            let end = if share == 0 && kind == "ExclusiveGateway" {
                split.clone()
            } else {
                self.sequence(&split, share.max(1), depth + 1, lane + b)
            };
            widest = widest.max(self.column);
            ends.push(end);
        }
        self.column = widest;
        let converge = self.gateway("ConvergeGateway", lane);
        for (b, end) in ends.iter().enumerate() {
            let flow = self.connect(end, &converge);
            if end == &split {
                self.condition(&split, &flow, b);
            }
        }
        // Conditions for the flows leaving the split gateway.
        if kind != "ParallelGateway" {
            let flows: Vec<String> = self.outgoing.get(&split).cloned().unwrap_or_default();
            for (b, flow) in flows.iter().enumerate() {
                self.condition(&split, flow, b);
            }
        }
        converge
    }

    fn condition(&mut self, gateway: &str, flow: &str, branch: usize) {
        let open = match self.gateways.get(gateway) {
            Some(Value::Object(g)) => match g.get("conditions") {
                Some(Value::Object(c)) => !c.contains_key(flow),
                _ => false,
            },
            _ => false,
        };
        if !open {
            return;
        }
        let evaluate = match branch {
            0 => "1 == 1".to_owned(),
            _ => {
                let key = format!("${{branch_{}}}", self.made);
                if !self.constants.contains_key(&key) {
                    self.variable(
                        &key,
                        vec![
                            ("custom_type", Value::from("input")),
                            ("show_type", Value::from("show")),
                            ("source_info", Value::Object(Object::new())),
                            ("source_tag", Value::from("input.input")),
                            ("source_type", Value::from("custom")),
                            ("validation", Value::from("^.+$")),
                            ("value", Value::from("1")),
                            ("version", Value::from("legacy")),
                        ],
                    );
                }
                format!("{key} == {branch}")
            }
        };
        let Some(Value::Object(g)) = self.gateways.get_mut(gateway) else {
            return;
        };
        let Some(Value::Object(conditions)) = g.get_mut("conditions") else {
            return;
        };
        conditions.insert(
            flow,
            obj(vec![
                ("evaluate", Value::from(evaluate)),
                ("name", Value::from(format!("条件{}", branch + 1))),
            ]),
        );
    }
}
