//! Hostile inputs: the shapes that crash, hang or exhaust naive tools (deep nesting, huge
//! strings and arrays, 100k gateways, a 5,000-branch gateway, flows that point at themselves,
//! at nothing or at flows, ids shared across kinds, `__proto__` and HTML ids and names, RTL and
//! zero-width characters, numbers as ids, NaN and huge numbers, cycles of every kind,
//! conditions naming missing flows). Each is made here, so the same bytes reach the native
//! tests, the browser tests and `pipeline-tree gen --hostile NAME`; what each gives is in
//! `tests/fixtures/hostile/expected.txt`.

use pipeline_tree::json::{self, Format, Number, Object, Value};

/// The names of the hostile inputs, in order.
pub const NAMES: &[&str] = &[
    "deep_json_100k",
    "deep_json_at_limit",
    "deep_subprocess_100",
    "huge_string_name",
    "string_over_limit",
    "huge_outputs_array",
    "gateways_100k",
    "parallel_5000_branches",
    "flow_to_itself",
    "flow_to_missing_node",
    "flow_from_missing_node",
    "flow_to_a_flow",
    "flow_listed_twice",
    "ids_shared_across_kinds",
    "proto_and_html_ids",
    "rtl_and_zero_width",
    "numbers_as_ids",
    "nan",
    "huge_numbers",
    "cycle_self",
    "cycle_two_tasks",
    "cycle_through_exclusive",
    "cycle_into_start",
    "cycle_without_exit",
    "cycle_of_gateways",
    "conditions_naming_missing_flows",
    "empty_object",
    "null_sections",
];

/// The text of the hostile input `name`.
pub fn text(name: &str) -> Option<String> {
    Some(match name {
        "deep_json_100k" => {
            let mut s = String::from(r#"{"start_event":"#);
            s.push_str(&"[".repeat(100_000));
            s.push_str(&"]".repeat(100_000));
            s.push('}');
            s
        }
        "deep_json_at_limit" => {
            // a variable whose value nests to the reader's default limit (512, the root is 1)
            let mut b = Builder::chain(1);
            let mut v = Value::Array(Vec::new());
            for _ in 0..507 {
                v = Value::Array(vec![v]);
            }
            b.constant("${deep}", v);
            b.finish()
        }
        "deep_subprocess_100" => {
            // a SubProcess whose embedded pipeline holds a SubProcess... 100 levels
            let mut inner = Builder::chain(1).finish_value();
            for level in 0..100 {
                let mut b = Builder::new();
                let sub = b.node_with("a1", "SubProcess", |o| {
                    o.insert("template_id", Value::from(format!("t{level}")));
                    o.insert("pipeline", inner.clone());
                });
                let (s, e) = (b.start.clone(), b.end.clone());
                b.flow(&s, &sub);
                b.flow(&sub, &e);
                inner = b.finish_value();
            }
            json::to_string(&inner, &Format::compact())
        }
        "huge_string_name" => {
            let mut b = Builder::chain(1);
            b.set("a1", "name", Value::from("名".repeat(3 << 20)));
            b.finish()
        }
        "string_over_limit" => {
            let mut b = Builder::chain(1);
            b.set("a1", "name", Value::from("x".repeat((16 << 20) + 1)));
            b.finish()
        }
        "huge_outputs_array" => {
            let mut b = Builder::chain(1);
            b.root
                .insert("outputs", Value::Array(vec![Value::from("${x}"); 1_000_000]));
            b.finish()
        }
        "gateways_100k" => {
            // 50,000 parallel blocks in a row, each: pg -> (task, straight) -> cg
            let mut b = Builder::new();
            let mut prev = b.start.clone();
            for i in 0..50_000 {
                let pg = b.node(&format!("p{i}"), "ParallelGateway");
                let a = b.task(&format!("a{i}"));
                let cg = b.node(&format!("c{i}"), "ConvergeGateway");
                b.flow(&prev, &pg);
                b.flow(&pg, &a);
                b.flow(&pg, &cg);
                b.flow(&a, &cg);
                prev = cg;
            }
            let e = b.end.clone();
            b.flow(&prev, &e);
            b.finish()
        }
        "parallel_5000_branches" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let pg = b.node("pg", "ParallelGateway");
            let cg = b.node("cg", "ConvergeGateway");
            b.flow(&s, &pg);
            for i in 0..5_000 {
                let a = b.task(&format!("a{i}"));
                b.flow(&pg, &a);
                b.flow(&a, &cg);
            }
            b.flow(&cg, &e);
            b.finish()
        }
        "flow_to_itself" => {
            let mut b = Builder::chain(2);
            b.flow("a1", "a1");
            b.finish()
        }
        "flow_to_missing_node" => {
            let mut b = Builder::chain(2);
            b.raw_flow("fx", "a1", "nowhere");
            b.finish()
        }
        "flow_from_missing_node" => {
            let mut b = Builder::chain(2);
            b.raw_flow("fx", "nowhere", "a2");
            b.finish()
        }
        "flow_to_a_flow" => {
            let mut b = Builder::chain(2);
            b.raw_flow("fx", "a1", "f1");
            b.finish()
        }
        "flow_listed_twice" => {
            let mut b = Builder::chain(2);
            let out = b.get("a1", "outgoing");
            b.set("a1", "outgoing", Value::Array(vec![out.clone(), out]));
            b.finish()
        }
        "ids_shared_across_kinds" => {
            let mut b = Builder::chain(2);
            // a gateway and a flow keyed like an activity; an id that is not its key
            b.node("a1", "ExclusiveGateway");
            b.raw_flow("a2", "a1", "a2");
            b.set("a2", "id", Value::from("a1"));
            b.finish()
        }
        "proto_and_html_ids" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let ids = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
            let mut prev = s;
            for id in ids {
                let a = b.task(id);
                b.flow(&prev, &a);
                prev = a;
            }
            b.flow(&prev, &e);
            b.set("__proto__", "name", Value::from("<img src=x onerror=alert(1)>"));
            b.set("constructor", "name", Value::from("<script>alert(1)</script>"));
            b.set("prototype", "name", Value::from("\"; alert(1); //"));
            b.constant("${__proto__}", Value::from("{\"polluted\": true}"));
            b.constant("${constructor}", Value::from("${__proto__}"));
            b.finish()
        }
        "rtl_and_zero_width" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let mut prev = s;
            for id in ["a\u{202e}gnp.exe", "a\u{200b}b", "\u{feff}c", "a\u{200d}\u{200d}", "ab"] {
                let a = b.task(id);
                b.set(id, "name", Value::from(format!("\u{202e}{id}\u{2066}")));
                b.flow(&prev, &a);
                prev = a;
            }
            b.flow(&prev, &e);
            b.finish()
        }
        "numbers_as_ids" => {
            let mut b = Builder::chain(2);
            b.set("a1", "id", Value::Number(Number::from(1i64)));
            b.flow_field("f1", "target", Value::Number(Number::from(2i64)));
            b.finish()
        }
        "nan" => {
            let t = Builder::chain(1).finish();
            t.replacen(r#""name":"a1""#, r#""name":NaN"#, 1)
        }
        "huge_numbers" => {
            let mut b = Builder::chain(1);
            // Numbers as written (read, so their text is kept exactly).
            let n = |s: &str| pipeline_tree::json::parse(s, &Default::default()).expect("a JSON number");
            b.set("a1", "timeout", n("1e400"));
            b.set("a1", "retryable", Value::from(true));
            b.set("a1", "retry_times", n("123456789012345678901234567890"));
            b.set("a1", "loop", n("-0"));
            let mut loc = Object::new();
            loc.insert("id", Value::from("a1"));
            loc.insert("type", Value::from("tasknode"));
            loc.insert("x", n("1e308"));
            loc.insert("y", n("-1e308"));
            b.root.insert("location", Value::Array(vec![Value::Object(loc)]));
            b.root.insert("line", Value::Array(Vec::new()));
            b.finish()
        }
        "cycle_self" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let a = b.task("a1");
            b.flow(&s, &a);
            b.flow(&a, &a);
            let _ = e;
            b.finish()
        }
        "cycle_two_tasks" => {
            let mut b = Builder::chain(2);
            b.flow("a2", "a1");
            b.finish()
        }
        "cycle_through_exclusive" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let a = b.task("a1");
            let g = b.node("g", "ExclusiveGateway");
            b.flow(&s, &a);
            b.flow(&a, &g);
            let back = b.flow(&g, &a);
            let out = b.flow(&g, &e);
            b.condition("g", &back, "${x} == 1");
            b.condition("g", &out, "${x} != 1");
            b.finish()
        }
        "cycle_into_start" => {
            let mut b = Builder::chain(1);
            let s = b.start.clone();
            b.flow("a1", &s);
            b.finish()
        }
        "cycle_without_exit" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let a = b.task("a1");
            let a2 = b.task("a2");
            b.flow(&s, &a);
            b.flow(&a, &a2);
            b.flow(&a2, &a);
            let _ = e;
            b.finish()
        }
        "cycle_of_gateways" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let p = b.node("p", "ParallelGateway");
            let c = b.node("c", "ConvergeGateway");
            b.flow(&s, &p);
            b.flow(&p, &c);
            b.flow(&p, &c);
            b.flow(&c, &p);
            let _ = e;
            b.finish()
        }
        "conditions_naming_missing_flows" => {
            let mut b = Builder::new();
            let (s, e) = (b.start.clone(), b.end.clone());
            let g = b.node("g", "ExclusiveGateway");
            let a = b.task("a1");
            let c = b.node("c", "ConvergeGateway");
            b.flow(&s, &g);
            let f1 = b.flow(&g, &a);
            let f2 = b.flow(&g, &c);
            b.flow(&a, &c);
            b.flow(&c, &e);
            b.condition("g", &f1, "1 == 1");
            b.condition("g", "f_missing", "1 == 0");
            let mut d = Object::new();
            d.insert("name", Value::from("default"));
            d.insert("flow_id", Value::from("f_gone"));
            b.set("g", "default_condition", Value::Object(d));
            let _ = f2;
            b.finish()
        }
        "empty_object" => "{}".to_owned(),
        "null_sections" => {
            r#"{"start_event":null,"end_event":null,"activities":null,"gateways":null,"flows":null,"constants":null,"outputs":null,"line":null,"location":null}"#.to_owned()
        }
        _ => return None,
    })
}

/// The shapes the worst-case benchmark (`benches/worst.rs`) grows.
pub const WORST: &[&str] = &["chain", "nested", "wide", "loops", "random"];

/// A tree of about `n` nodes of one of the [`WORST`] shapes, each the slow case of some
/// algorithm: `chain` (the longest path), `nested` (parallel blocks nested n/3 deep: the
/// converge matching's depth), `wide` (parallel gateways of 1,000 branches, the engine's
/// maximum), `loops` (an exclusive gateway after every task with a loop back half-way: n/2
/// nested cycles), `random` (exclusive gateways with three branches to random later nodes:
/// long edges and crossings for the layouts, many paths for the gateway analysis).
pub fn worst(shape: &str, n: usize) -> Option<String> {
    let n = n.max(4);
    Some(match shape {
        "chain" => Builder::chain(n - 2).finish(),
        "nested" => super::shapes::nested_parallel((n / 3).max(1)),
        "wide" => {
            let mut b = Builder::new();
            let mut prev = b.start.clone();
            for k in 0..(n / 1002).max(1) {
                let pg = b.node(&format!("p{k}"), "ParallelGateway");
                let cg = b.node(&format!("c{k}"), "ConvergeGateway");
                b.flow(&prev, &pg);
                for i in 0..1000 {
                    let a = b.task(&format!("a{k}_{i}"));
                    b.flow(&pg, &a);
                    b.flow(&a, &cg);
                }
                prev = cg;
            }
            let e = b.end.clone();
            b.flow(&prev, &e);
            b.finish()
        }
        "loops" => {
            let mut b = Builder::new();
            let mut prev = b.start.clone();
            let mut tasks = Vec::new();
            for i in 0..(n / 2).max(1) {
                let a = b.task(&format!("a{i}"));
                b.flow(&prev, &a);
                let g = b.node(&format!("g{i}"), "ExclusiveGateway");
                b.flow(&a, &g);
                tasks.push(a);
                let back = tasks[i / 2].clone();
                let f = b.flow(&g, &back);
                b.condition(&format!("g{i}"), &f, "${again} == 1");
                prev = g;
            }
            let e = b.end.clone();
            let f = b.flow(&prev, &e);
            b.condition(&prev, &f, "${again} != 1");
            for i in 0..(n / 2).max(1) - 1 {
                // the forward branch of every gateway but the last
                let g = format!("g{i}");
                let fwd = b.get(&g, "outgoing");
                if let Value::Array(items) = fwd {
                    if let Some(Value::String(f)) = items.first() {
                        let f = f.clone();
                        b.condition(&g, &f, "${again} != 1");
                    }
                }
            }
            b.finish()
        }
        "random" => {
            let mut rng = super::Rng::new(n as u64);
            let mut b = Builder::new();
            let ids: Vec<String> = (0..n)
                .map(|i| {
                    if i % 3 == 2 {
                        b.node(&format!("g{i}"), "ExclusiveGateway")
                    } else {
                        b.task(&format!("a{i}"))
                    }
                })
                .collect();
            let s = b.start.clone();
            let e = b.end.clone();
            b.flow(&s, &ids[0]);
            let reach = (n / 10).max(2);
            for i in 0..n {
                let next = |rng: &mut super::Rng| {
                    let j = i + 1 + rng.below(reach);
                    if j >= n {
                        e.clone()
                    } else {
                        ids[j].clone()
                    }
                };
                if i % 3 == 2 {
                    for k in 0..3 {
                        let t = if k == 0 && i + 1 < n {
                            ids[i + 1].clone()
                        } else {
                            next(&mut rng)
                        };
                        let f = b.flow(&ids[i], &t);
                        b.condition(&ids[i], &f, &format!("${{x}} == {k}"));
                    }
                } else {
                    let t = if i + 1 < n {
                        ids[i + 1].clone()
                    } else {
                        e.clone()
                    };
                    b.flow(&ids[i], &t);
                }
            }
            b.finish()
        }
        _ => return None,
    })
}

/// A small tree builder that keeps `incoming`/`outgoing` in step with the flows it adds.
struct Builder {
    root: Object,
    start: String,
    end: String,
    flows: usize,
}

impl Builder {
    fn new() -> Builder {
        let mut root = Object::new();
        let event = |id: &str, ty: &str| {
            let mut o = Object::new();
            o.insert("id", Value::from(id));
            o.insert("name", Value::from(""));
            o.insert("type", Value::from(ty));
            o.insert("incoming", Value::Array(Vec::new()));
            o.insert("outgoing", Value::from(""));
            Value::Object(o)
        };
        root.insert("start_event", event("s", "EmptyStartEvent"));
        root.insert("end_event", event("e", "EmptyEndEvent"));
        for k in ["activities", "gateways", "flows", "constants"] {
            root.insert(k, Value::Object(Object::new()));
        }
        root.insert("outputs", Value::Array(Vec::new()));
        Builder {
            root,
            start: "s".into(),
            end: "e".into(),
            flows: 0,
        }
    }

    /// start -> a1 -> ... -> an -> end
    fn chain(n: usize) -> Builder {
        let mut b = Builder::new();
        let mut prev = b.start.clone();
        for i in 1..=n {
            let a = b.task(&format!("a{i}"));
            b.flow(&prev, &a);
            prev = a;
        }
        let e = b.end.clone();
        b.flow(&prev, &e);
        b
    }

    fn section(&mut self, key: &str) -> &mut Object {
        match self.root.get_mut(key) {
            Some(Value::Object(o)) => o,
            _ => unreachable!("the builder makes every section an object"),
        }
    }

    fn node_obj(&mut self, id: &str) -> Option<&mut Object> {
        if self.start == id {
            return self
                .root
                .get_mut("start_event")
                .and_then(Value::as_object_mut);
        }
        if self.end == id {
            return self
                .root
                .get_mut("end_event")
                .and_then(Value::as_object_mut);
        }
        for key in ["activities", "gateways"] {
            if self.section(key).contains_key(id) {
                return self.section(key).get_mut(id).and_then(Value::as_object_mut);
            }
        }
        None
    }

    fn node_with(&mut self, id: &str, ty: &str, extra: impl FnOnce(&mut Object)) -> String {
        let mut o = Object::new();
        o.insert("id", Value::from(id));
        o.insert("name", Value::from(id));
        o.insert("type", Value::from(ty));
        o.insert("incoming", Value::Array(Vec::new()));
        o.insert(
            "outgoing",
            if ty.ends_with("Gateway") && ty != "ConvergeGateway" {
                Value::Array(Vec::new())
            } else {
                Value::from("")
            },
        );
        extra(&mut o);
        let key = if ty.ends_with("Gateway") {
            "gateways"
        } else {
            "activities"
        };
        self.section(key).insert(id, Value::Object(o));
        id.to_owned()
    }

    fn node(&mut self, id: &str, ty: &str) -> String {
        self.node_with(id, ty, |_| {})
    }

    fn task(&mut self, id: &str) -> String {
        self.node_with(id, "ServiceActivity", |o| {
            let mut c = Object::new();
            c.insert("code", Value::from("job_execute"));
            c.insert("data", Value::Object(Object::new()));
            c.insert("version", Value::from("1.0"));
            o.insert("component", Value::Object(c));
            o.insert("optional", Value::from(true));
        })
    }

    fn raw_flow(&mut self, id: &str, source: &str, target: &str) {
        let mut f = Object::new();
        f.insert("id", Value::from(id));
        f.insert("source", Value::from(source));
        f.insert("target", Value::from(target));
        f.insert("is_default", Value::from(false));
        self.section("flows").insert(id, Value::Object(f));
    }

    /// A flow with both ends' `incoming`/`outgoing` updated (a string becomes a list when a
    /// second flow leaves a node, as broken trees have it).
    fn flow(&mut self, source: &str, target: &str) -> String {
        self.flows += 1;
        let id = format!("f{}", self.flows);
        self.raw_flow(&id, source, target);
        for (node, side) in [(source, "outgoing"), (target, "incoming")] {
            if let Some(o) = self.node_obj(node) {
                let v = match o.get(side) {
                    Some(Value::Array(items)) => {
                        let mut items = items.clone();
                        items.push(Value::from(id.as_str()));
                        Value::Array(items)
                    }
                    Some(Value::String(s)) if s.is_empty() => Value::from(id.as_str()),
                    Some(Value::String(s)) => {
                        Value::Array(vec![Value::from(s.as_str()), Value::from(id.as_str())])
                    }
                    _ => Value::from(id.as_str()),
                };
                o.insert(side, v);
            }
        }
        id
    }

    fn condition(&mut self, gateway: &str, flow: &str, evaluate: &str) {
        if let Some(g) = self.node_obj(gateway) {
            if !matches!(g.get("conditions"), Some(Value::Object(_))) {
                g.insert("conditions", Value::Object(Object::new()));
            }
            if let Some(Value::Object(c)) = g.get_mut("conditions") {
                let mut o = Object::new();
                o.insert("evaluate", Value::from(evaluate));
                o.insert("name", Value::from(evaluate));
                c.insert(flow, Value::Object(o));
            }
        }
    }

    fn set(&mut self, node: &str, key: &str, v: Value) {
        if let Some(o) = self.node_obj(node) {
            o.insert(key, v);
        }
    }

    fn get(&mut self, node: &str, key: &str) -> Value {
        self.node_obj(node)
            .and_then(|o| o.get(key).cloned())
            .unwrap_or(Value::Null)
    }

    fn flow_field(&mut self, flow: &str, key: &str, v: Value) {
        if let Some(Value::Object(f)) = self.section("flows").get_mut(flow) {
            f.insert(key, v);
        }
    }

    fn constant(&mut self, key: &str, value: Value) {
        let index = self.section("constants").len();
        let mut c = Object::new();
        c.insert("key", Value::from(key));
        c.insert("name", Value::from(key));
        c.insert("index", Value::from(index as i64));
        c.insert("desc", Value::from(""));
        c.insert("source_type", Value::from("custom"));
        c.insert("custom_type", Value::from("input"));
        c.insert("source_tag", Value::from("input.input"));
        c.insert("source_info", Value::Object(Object::new()));
        c.insert("show_type", Value::from("show"));
        c.insert("validation", Value::from(""));
        c.insert("value", value);
        self.section("constants").insert(key, Value::Object(c));
    }

    fn finish_value(self) -> Value {
        Value::Object(self.root)
    }

    fn finish(self) -> String {
        json::to_string(&self.finish_value(), &Format::compact())
    }
}
