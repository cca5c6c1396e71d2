//! `pipeline-tree payload`, run as a user runs it: bodies on stdout, diagnostics on stderr,
//! exit 0 (ready to send), 1 (an error diagnostic), 2 (unreadable input or usage).
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

use pipeline_tree::json::{self, Limits, Value};

fn fixture(path: &str) -> String {
    testkit::fixture(&format!("payload/{path}"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pipeline-tree"))
        .args(args)
        .output()
        .expect("runs")
}

/// The command succeeded; else fails with what it wrote to standard error.
fn assert_success(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stdout_json(out: &Output) -> Value {
    json::parse(
        std::str::from_utf8(&out.stdout).expect("UTF-8"),
        &Limits::default(),
    )
    .expect("JSON on stdout")
}

/// `expect.<key>` of a fixture case.
fn expected(case: &str, key: &str) -> Value {
    let text = std::fs::read_to_string(fixture(case)).expect("case");
    let v = json::parse(&text, &Limits::default()).expect("case JSON");
    v.get("expect")
        .and_then(|e| e.get(key))
        .cloned()
        .expect("expect key")
}

#[test]
fn create_task_from_flags_prints_the_seed_body() {
    let out = run(&[
        "payload",
        "create-task",
        "--creator",
        "创建者",
        &fixture("trees/seed.json"),
    ]);
    assert_success(&out);
    assert_eq!(stdout_json(&out), expected("seed_create_task.json", "body"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ready to send (0 errors, 0 warnings)"));
}

#[test]
fn input_file_and_flags_combine_and_flags_win() {
    let dir = std::env::temp_dir().join(format!("pt-payload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("input.json");
    std::fs::write(
        &input,
        r#"{"creator": "someone", "name": "任务", "constants": {"${count}": 2}}"#,
    )
    .unwrap();
    let out = run(&[
        "payload",
        "create-task",
        "--input",
        input.to_str().unwrap(),
        "--creator",
        "admin",
        "--format",
        "json",
        &fixture("trees/rich.json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = stdout_json(&out);
    assert_eq!(v.get("valid"), Some(&Value::Bool(true)));
    let body = v.get("body").unwrap();
    assert_eq!(body.get("creator").and_then(Value::as_str), Some("admin"));
    assert_eq!(body.get("name").and_then(Value::as_str), Some("任务"));
    assert!(body.get("constants").is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_error_diagnostic_exits_1_and_names_the_rule() {
    let out = run(&["payload", "create-task", &fixture("trees/seed.json")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[PAY001] $.creator: creator is required"),
        "{err}"
    );
    assert!(
        err.contains("must not be sent (1 errors, 0 warnings)"),
        "{err}"
    );
}

#[test]
fn mock_and_clocked_tasks_from_flags() {
    let out = run(&[
        "payload",
        "mock-task",
        "--template-id",
        "4",
        "--name",
        "空间名",
        "--creator",
        "创建者",
        "--mock-data",
        r#"{"nodes": ["nd7927122ef6310eb309c2c8d3f70c23"], "outputs": {"nd7927122ef6310eb309c2c8d3f70c23": {"callback_data": "abc"}}, "mock_data_ids": {"nd7927122ef6310eb309c2c8d3f70c23": 1}}"#,
        &fixture("trees/mock.json"),
    ]);
    assert_success(&out);
    assert_eq!(stdout_json(&out), expected("seed_mock_task.json", "body"));
    let out = run(&[
        "payload",
        "clocked-task",
        "--bk-biz-id",
        "2",
        "--template-id",
        "1",
        "--task-name",
        "test_clocked_task",
        "--plan-start-time",
        "2022-05-16 20:26:40+0800",
        "--now",
        "2022-05-16 10:00:00+0800",
        "--task-parameters",
        r#"{"constants": {}, "template_schemes_id": []}"#,
        "--scope",
        "cmdb_biz",
    ]);
    assert_success(&out);
    assert_eq!(
        stdout_json(&out),
        expected("seed_clocked_task.json", "body")
    );
    // Without --now the current time is used: 2022 is past.
    let out = run(&[
        "payload",
        "clocked-task",
        "--bk-biz-id",
        "2",
        "--template-id",
        "1",
        "--task-name",
        "t",
        "--plan-start-time",
        "2022-05-16 20:26:40+0800",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CLOCK003"));
}

#[test]
fn exclude_prints_the_pruned_tree() {
    let out = run(&[
        "payload",
        "exclude",
        "--node",
        "B",
        "--node",
        "C",
        &fixture("trees/par.json"),
    ]);
    assert_success(&out);
    assert_eq!(
        stdout_json(&out),
        expected("excl_spec_parallel_bc.json", "tree")
    );
    let out = run(&[
        "payload",
        "exclude",
        "--node",
        "C",
        &fixture("trees/rich.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[EXCL002]"));
}

#[test]
fn responses_exit_by_result() {
    let dir = std::env::temp_dir().join(format!("pt-resp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ok = dir.join("ok.json");
    std::fs::write(
        &ok,
        r#"{"result": true, "data": {"id": 93, "name": "t"}, "code": "0", "message": ""}"#,
    )
    .unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"result": false, "data": null, "code": 400, "message": "creator: required"}"#,
    )
    .unwrap();
    let junk = dir.join("junk.json");
    std::fs::write(&junk, "<html>").unwrap();
    let out = run(&[
        "payload",
        "response",
        "--kind",
        "task",
        ok.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout_json(&out)
            .get("task")
            .and_then(|t| t.get("id"))
            .and_then(Value::as_f64),
        Some(93.0)
    );
    assert_eq!(
        run(&[
            "payload",
            "response",
            "--kind",
            "task",
            bad.to_str().unwrap()
        ])
        .status
        .code(),
        Some(1)
    );
    let out = run(&[
        "payload",
        "response",
        "--kind",
        "task",
        junk.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RESP001"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unreadable_input_and_usage_exit_2() {
    let seed = fixture("trees/seed.json");
    let cases: [&[&str]; 5] = [
        &[
            "payload",
            "create-task",
            "--creator",
            "a",
            "/nonexistent/tree.json",
        ],
        &["payload", "create-task", "--bogus", "1", &seed],
        &["payload", "create-task", "--creator", "a"],
        &["payload", "create-task", "--constants", "{not json", &seed],
        &["payload", "nope"],
    ];
    for args in cases {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
    let not_tree = std::env::temp_dir().join(format!("pt-not-tree-{}.json", std::process::id()));
    std::fs::write(&not_tree, "[1, 2]").unwrap();
    let out = run(&[
        "payload",
        "create-task",
        "--creator",
        "a",
        not_tree.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[not-a-tree]"));
    std::fs::remove_file(&not_tree).ok();
}
