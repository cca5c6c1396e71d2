//! The typed views over the hand-made fixture that has every node kind and field.

use pipeline_tree::json::Value;
use pipeline_tree::model::{Arrow, NodeKind, Place};
use pipeline_tree::Tree;

fn fixture(name: &str) -> Tree {
    let path = format!("{}/tests/fixtures/trees/{name}", env!("CARGO_MANIFEST_DIR"));
    Tree::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn n(s: &str) -> String {
    format!("n{s:e<31}")
}

fn l(s: &str) -> String {
    format!("l{s:e<31}")
}

#[test]
fn every_node_kind_is_typed() {
    let t = fixture("every_node_type.json");
    let kinds: Vec<NodeKind> = t.nodes().map(|n| n.kind()).collect();
    for k in NodeKind::ALL {
        assert!(kinds.contains(&k), "{k:?} missing");
    }
    // bamboo-engine's order: start, end, activities, gateways.
    assert_eq!(kinds[0], NodeKind::StartEvent);
    assert_eq!(kinds[1], NodeKind::EndEvent);
    assert_eq!(t.nodes().count(), 13);
    assert_eq!(t.node(&n("pg")).unwrap().place(), Place::Gateways);
    assert_eq!(t.node(&n("end")).unwrap().kind(), NodeKind::EndEvent);
    assert!(t.node("nope").is_none());
}

#[test]
fn activity_fields() {
    let t = fixture("every_node_type.json");
    let a1 = t.node(&n("a1")).unwrap();
    assert_eq!(a1.name(), Some("第一步 <b>粗体</b>"));
    let c = a1.component().unwrap();
    assert_eq!((c.code(), c.version()), (Some("bk_display"), Some("v1.0")));
    let data = c.data().unwrap();
    assert_eq!(
        data.get("bk_display_message")
            .and_then(|d| d.get("value"))
            .and_then(Value::as_str),
        Some("你好 \"世界\"\t\\ \u{1} 😀")
    );
    assert_eq!(
        a1.incoming().iter().collect::<Vec<_>>(),
        vec![l("f0"), l("f15")]
    );
    assert_eq!(a1.outgoing().iter().collect::<Vec<_>>(), vec![l("f1")]);
    assert_eq!(
        (
            a1.optional(),
            a1.error_ignorable(),
            a1.retryable(),
            a1.skippable()
        ),
        (Some(true), Some(false), Some(true), Some(true))
    );
    let retry = a1.auto_retry().unwrap();
    assert!(retry.enable);
    assert_eq!((retry.interval, retry.times), (Some(0.0), Some(3.0)));
    let timeout = a1.timeout_config().unwrap();
    assert_eq!(
        (timeout.enable, timeout.seconds, timeout.action),
        (true, Some(60.0), Some("forced_fail_and_skip"))
    );
    assert_eq!(a1.stage_name(), Some("阶段一"));
    assert_eq!(a1.labels().map(<[Value]>::len), Some(1));
    // A field the model does not know is kept, in place.
    let keys: Vec<&str> = a1.object().keys().collect();
    assert_eq!(keys.last(), Some(&"x_unknown_field"));

    let sub = t.node(&n("sub")).unwrap();
    assert_eq!(sub.kind(), NodeKind::SubProcess);
    assert_eq!(sub.template_id().and_then(Value::as_str), Some("42"));
    assert!(sub.component().is_none());
}

#[test]
fn gateway_fields() {
    let t = fixture("every_node_type.json");
    let eg = t.node(&n("eg")).unwrap();
    let conds: Vec<_> = eg
        .conditions()
        .map(|c| (c.flow_id, c.evaluate(), c.name(), c.tag()))
        .collect();
    assert_eq!(
        conds,
        vec![(
            l("f7").as_str(),
            Some("${a} == \"x\""),
            Some("条件1"),
            Some("branch_eg_a3")
        )]
    );
    let d = eg.default_condition().unwrap();
    assert_eq!((d.flow_id, d.name), (l("f8").as_str(), Some("默认")));
    assert!(eg.outgoing().is_list());
    let pg = t.node(&n("pg")).unwrap();
    assert_eq!(pg.converge_gateway_id(), Some(n("cg1").as_str()));
    assert_eq!(pg.conditions().count(), 0);
    let cg3 = t.node(&n("cg3")).unwrap();
    assert_eq!(cg3.converge_gateway_id(), None);
    assert!(!cg3.outgoing().is_list());
    // A string incoming is normalised to one flow.
    let cpg = t.node(&n("cpg")).unwrap();
    assert!(!cpg.incoming().is_list());
    assert_eq!(cpg.incoming().iter().collect::<Vec<_>>(), vec![l("f10")]);
    assert!(t.start_event().unwrap().incoming().is_empty());
}

#[test]
fn flows_constants_drawing() {
    let t = fixture("every_node_type.json");
    assert_eq!(t.flows().count(), 16);
    let f = t.flow(&l("f15")).unwrap();
    assert_eq!(
        (f.source(), f.target(), f.is_default()),
        (Some(n("a3").as_str()), Some(n("a1").as_str()), false)
    );

    let consts: Vec<_> = t.constants().collect();
    assert_eq!(consts.len(), 3);
    let a = consts[0];
    assert_eq!(
        (a.map_key(), a.key(), a.name(), a.index()),
        ("${a}", Some("${a}"), Some("变量 A"), Some(0.0))
    );
    assert_eq!(
        (a.source_type(), a.show_type(), a.custom_type()),
        (Some("custom"), Some("show"), Some("input"))
    );
    assert_eq!(
        (a.hook(), a.pre_render_mako(), a.is_meta(), a.validation()),
        (Some(false), Some(false), Some(false), Some("^.+$"))
    );
    assert_eq!(
        consts[1].source_info().unwrap().keys().collect::<Vec<_>>(),
        vec![n("a1")]
    );
    assert!(consts[1].value().unwrap().as_object().is_some());
    assert_eq!(consts[2].is_meta(), Some(true));
    assert!(consts[2].meta().is_some());
    assert_eq!(t.outputs().collect::<Vec<_>>(), vec!["${c}"]);
    assert_eq!(t.internal_variables().next().unwrap().index(), Some(-2.0));

    let lines: Vec<_> = t.lines().collect();
    assert_eq!(lines.len(), 16);
    let back = lines[15];
    assert_eq!(
        (
            back.source().arrow(),
            back.target().arrow(),
            back.midpoint()
        ),
        (Some(Arrow::Top), Some(Arrow::Top), Some(0.5))
    );
    let locs: Vec<_> = t.locations().collect();
    assert_eq!(locs.len(), 13);
    assert_eq!(
        (locs[1].location_type(), locs[1].x(), locs[1].y()),
        (Some("tasknode"), Some(100.0), Some(140.0))
    );
    for node in t.nodes() {
        let loc = locs.iter().find(|l| l.id() == node.id()).unwrap();
        assert_eq!(loc.location_type(), node.kind().location_type());
    }
}

#[test]
fn legacy_shapes_normalise_to_the_same_view() {
    let modern = fixture("every_node_type.json");
    let legacy = fixture("legacy_compact.json");
    for (a, b) in modern.nodes().zip(legacy.nodes()) {
        assert_eq!(
            a.incoming().iter().collect::<Vec<_>>(),
            b.incoming().iter().collect::<Vec<_>>()
        );
        assert_eq!(
            a.outgoing().iter().collect::<Vec<_>>(),
            b.outgoing().iter().collect::<Vec<_>>()
        );
        if a.kind().is_activity() && a.kind() == NodeKind::ServiceActivity {
            assert_eq!(b.retryable(), Some(true), "can_retry is read as retryable");
            assert_eq!(b.skippable(), Some(false), "isSkipped is read as skippable");
        }
    }
    assert!(legacy
        .nodes()
        .any(|n| n.kind().is_activity() && !n.incoming().is_list()));
}
