//! The `pipeline-tree` command line, run as a user runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pipeline-tree"))
}

fn fixture(path: &str) -> String {
    testkit::fixture(path)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn fmt_writes_a_formatted_tree_back_unchanged() {
    for name in [
        "seed_create_task.json",
        "every_node_type.json",
        "legacy_compact.json",
        "seed_tab.json",
        "python_ascii.json",
    ] {
        let path = fixture(&format!("trees/{name}"));
        let out = run(&["fmt", &path], None);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, std::fs::read(&path).unwrap(), "{name}");
        assert!(
            run(&["fmt", "--check", &path], None).status.success(),
            "{name}"
        );
    }
}

#[test]
fn fmt_reads_standard_input_and_changes_layout() {
    let seed = std::fs::read(fixture("trees/seed_create_task.json")).unwrap();
    let compact = run(&["fmt", "--compact", "-"], Some(&seed));
    assert!(compact.status.success());
    assert!(
        !compact.stdout.contains(&b'\n')
            || compact.stdout.iter().filter(|&&b| b == b'\n').count() == 1
    );
    // Back to four spaces gives the original bytes.
    let pretty = run(&["fmt", "--indent", "4", "-"], Some(&compact.stdout));
    assert_eq!(pretty.stdout, seed);
    let ascii = run(&["fmt", "--ascii", "-"], Some(&seed));
    assert!(ascii.stdout.is_ascii());
    assert!(String::from_utf8(ascii.stdout)
        .unwrap()
        .contains("\\u6d88\\u606f"));
}

#[test]
fn check_fails_on_an_unformatted_tree() {
    let out = run(&["fmt", "--check", "-"], Some(b"{\"name\":  \"x\"}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not formatted"));
}

#[test]
fn write_rewrites_in_place() {
    let dir = std::env::temp_dir().join(format!("pipeline-tree-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.json");
    std::fs::write(&file, "{ \"name\" : \"x\" ,\"outputs\":[ ] }").unwrap();
    let out = run(
        &["fmt", "-w", "--indent", "2", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{\n  \"name\": \"x\",\n  \"outputs\": []\n}\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_name_file_line_column_code_and_path() {
    let path = fixture("malformed/many_wrong_types.json");
    let out = run(&["fmt", &path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 18);
    assert!(err.starts_with(&format!("{path}:2:79: error[wrong-type]: expected a string, found a number at $.start_event.outgoing[1]")));
    let out = run(&["fmt", "-"], Some(b"{\"a\": 1, \"a\": 2}"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "-:1:10: error[duplicate-key]: duplicate key \"a\" at $.a\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], None).status.code(), Some(2));
    assert_eq!(run(&["fmt"], None).status.code(), Some(2));
    assert_eq!(run(&["fmt", "--bogus", "x"], None).status.code(), Some(2));
    assert_eq!(
        run(&["fmt", "/nonexistent/file.json"], None).status.code(),
        Some(1)
    );
}

#[test]
fn gen_is_deterministic_and_readable() {
    let a = run(&["gen", "--nodes", "300", "--seed", "9"], None);
    let b = run(&["gen", "--nodes", "300", "--seed", "9"], None);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let tree = pipeline_tree::Tree::parse(std::str::from_utf8(&a.stdout).unwrap()).unwrap();
    assert!(tree.nodes().count() >= 300);
    let check = run(&["fmt", "--check", "-"], Some(&a.stdout));
    assert!(check.status.success());
}

#[test]
fn validate_checks_sub_processes_against_a_template_catalogue() {
    let tree = fixture("rules/SUB002.json");
    let catalogue = fixture("catalogue/templates.json");
    // without a catalogue the SUB rules are silent
    let out = run(&["validate", &tree], None);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["validate", "--templates", &catalogue, &tree], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[SUB002]") && text.contains("本流程 → 回环八 → 本流程"),
        "{text}"
    );
    // an unreadable or malformed catalogue is a usage error (exit 2) that says why
    let dir = std::env::temp_dir().join(format!("pt-cat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"templates": [{"name": "no id"}]}"#).unwrap();
    for path in [bad.to_str().unwrap(), "/nonexistent/catalogue.json"] {
        let out = run(&["validate", "--templates", path, &tree], None);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("--templates"), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_and_version_for_the_program_and_every_command() {
    let out = run(&["--version"], None);
    assert_eq!(out.status.code(), Some(0));
    let version = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!("pipeline-tree {}", env!("CARGO_PKG_VERSION"))
    );
    let cases: [(&[&str], &[&str]); 9] = [
        (
            &["--help"],
            &["fmt", "validate", "layout", "payload", "gen", "--max-nodes"],
        ),
        (
            &["fmt", "--help"],
            &[
                "--check",
                "--write",
                "--indent",
                "--tab",
                "--compact",
                "--ascii",
            ],
        ),
        (
            &["validate", "--help"],
            &[
                "--preset",
                "--cycles",
                "--rule",
                "--templates",
                "--jsonl",
                "--format",
            ],
        ),
        (
            &["layout", "--help"],
            &[
                "--mode",
                "--sops-canvas",
                "--activity-size",
                "--keep-placed",
                "--jsonl",
            ],
        ),
        (
            &["payload", "--help"],
            &[
                "create-task",
                "mock-task",
                "clocked-task",
                "exclude",
                "response",
            ],
        ),
        // One flag per request field, from the core's field tables.
        (
            &["payload", "create-task", "--help"],
            &[
                "--creator",
                "--constants",
                "--exclude-task-nodes-id",
                "--input",
            ],
        ),
        (
            &["payload", "mock-task", "--help"],
            &[
                "--template-id",
                "--mock-data",
                "--mock-data-rows",
                "--endpoint",
            ],
        ),
        (
            &["payload", "clocked-task", "--help"],
            &[
                "--bk-biz-id",
                "--plan-start-time",
                "--task-parameters",
                "--now",
            ],
        ),
        (
            &["gen", "--help"],
            &["--nodes", "--seed", "--parity", "--hostile", "--worst"],
        ),
    ];
    for (args, flags) in cases {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for flag in flags {
            assert!(
                text.contains(flag),
                "{args:?} does not mention {flag}:\n{text}"
            );
        }
    }
    // A command's --help is not an unexpected argument, and a typo still exits 2.
    assert_eq!(run(&["validate", "--bogus"], None).status.code(), Some(2));
}
