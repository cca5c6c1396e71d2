//! Extreme shapes for tests and benchmarks: a long chain and deeply nested parallel blocks.
//! Both are valid trees (bamboo-engine accepts them when its recursion limit allows).

use std::collections::HashMap;

/// `start -> a1 -> ... -> aN -> end`, as compact JSON text.
pub fn chain(n: usize) -> String {
    let mut acts = Vec::with_capacity(n);
    let mut flows = Vec::with_capacity(n + 1);
    for i in 1..=n {
        acts.push(format!(
            r#""a{i}":{{"id":"a{i}","type":"ServiceActivity","name":"a{i}","incoming":["f{}"],"outgoing":"f{i}","component":{{"code":"c","data":{{}}}}}}"#,
            i - 1
        ));
    }
    for i in 0..=n {
        let s = if i == 0 {
            "s".to_owned()
        } else {
            format!("a{i}")
        };
        let t = if i == n {
            "e".to_owned()
        } else {
            format!("a{}", i + 1)
        };
        flows.push(format!(
            r#""f{i}":{{"id":"f{i}","source":"{s}","target":"{t}"}}"#
        ));
    }
    format!(
        r#"{{"start_event":{{"id":"s","type":"EmptyStartEvent","name":"s","incoming":"","outgoing":"f0"}},"end_event":{{"id":"e","type":"EmptyEndEvent","name":"e","incoming":["f{n}"],"outgoing":""}},"activities":{{{}}},"gateways":{{}},"flows":{{{}}},"constants":{{}},"outputs":[]}}"#,
        acts.join(","),
        flows.join(",")
    )
}

/// `depth` nested parallel blocks: `p1 -> (p2 -> ..., b1)`, each closed by its converge `c_i`.
pub fn nested_parallel(depth: usize) -> String {
    let mut gws = Vec::new();
    let mut acts = Vec::new();
    let mut flows = Vec::new();
    let mut f = 0usize;
    let mut flow = |s: &str, t: &str, flows: &mut Vec<String>| {
        f += 1;
        flows.push(format!(
            r#""f{f}":{{"id":"f{f}","source":"{s}","target":"{t}"}}"#
        ));
        format!("f{f}")
    };
    let mut inc: HashMap<String, Vec<String>> = Default::default();
    let mut out: HashMap<String, Vec<String>> = Default::default();
    let mut link = |s: &str, t: &str, flows: &mut Vec<String>| {
        let id = flow(s, t, flows);
        out.entry(s.to_owned()).or_default().push(id.clone());
        inc.entry(t.to_owned()).or_default().push(id);
    };
    link("s", "p1", &mut flows);
    for i in 1..=depth {
        let inner = if i == depth {
            "x".to_owned()
        } else {
            format!("p{}", i + 1)
        };
        link(&format!("p{i}"), &inner, &mut flows);
        link(&format!("p{i}"), &format!("b{i}"), &mut flows);
        link(&format!("b{i}"), &format!("c{i}"), &mut flows);
        let after = if i == depth {
            "x".to_owned()
        } else {
            format!("c{}", i + 1)
        };
        link(&after, &format!("c{i}"), &mut flows);
        if i == 1 {
            link("c1", "e", &mut flows);
        }
    }
    let list = |v: Option<&Vec<String>>| {
        format!(
            "[{}]",
            v.map_or(String::new(), |v| v
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(","))
        )
    };
    let one = |v: Option<&Vec<String>>| {
        format!(
            "\"{}\"",
            v.and_then(|v| v.first()).cloned().unwrap_or_default()
        )
    };
    for i in 1..=depth {
        let (p, c, b) = (format!("p{i}"), format!("c{i}"), format!("b{i}"));
        gws.push(format!(r#""{p}":{{"id":"{p}","type":"ParallelGateway","name":"{p}","incoming":{},"outgoing":{}}}"#, list(inc.get(&p)), list(out.get(&p))));
        gws.push(format!(r#""{c}":{{"id":"{c}","type":"ConvergeGateway","name":"{c}","incoming":{},"outgoing":{}}}"#, list(inc.get(&c)), one(out.get(&c))));
        acts.push(format!(r#""{b}":{{"id":"{b}","type":"ServiceActivity","name":"{b}","incoming":{},"outgoing":{},"component":{{"code":"c","data":{{}}}}}}"#, list(inc.get(&b)), one(out.get(&b))));
    }
    acts.push(format!(r#""x":{{"id":"x","type":"ServiceActivity","name":"x","incoming":{},"outgoing":{},"component":{{"code":"c","data":{{}}}}}}"#, list(inc.get("x")), one(out.get("x"))));
    format!(
        r#"{{"start_event":{{"id":"s","type":"EmptyStartEvent","name":"s","incoming":"","outgoing":{}}},"end_event":{{"id":"e","type":"EmptyEndEvent","name":"e","incoming":{},"outgoing":""}},"activities":{{{}}},"gateways":{{{}}},"flows":{{{}}},"constants":{{}},"outputs":[]}}"#,
        one(out.get("s")),
        list(inc.get("e")),
        acts.join(","),
        gws.join(","),
        flows.join(",")
    )
}
