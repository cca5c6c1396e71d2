//! The `pipeline-tree` command line, run as a user runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use pipeline_tree::json::{self, Limits, Value};
use testkit::Fixture;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pipeline-tree"))
}

fn fixture(path: &str) -> String {
    testkit::fixture(path)
}

/// The rule fixture `rules/NAME.json`.
fn rule_fixture(name: &str) -> Fixture {
    Fixture::read(fixture(&format!("rules/{name}.json"))).unwrap_or_else(|e| panic!("{e}"))
}

/// The command-line flags of a fixture's validation options, as written in the fixture (a
/// catalogue `{"$ref": PATH}` is the file `--templates` reads).
fn validate_flags(f: &Fixture) -> Vec<String> {
    let mut flags = Vec::new();
    let Some(options) = f.fields.get("options").and_then(Value::as_object) else {
        return flags;
    };
    for (key, v) in options.iter() {
        let text = || {
            v.as_str()
                .unwrap_or_else(|| panic!("{}: {key}", f.name))
                .to_owned()
        };
        match key {
            "preset" => flags.extend(["--preset".to_owned(), text()]),
            "cycles" => flags.extend(["--cycles".to_owned(), text()]),
            "requireSubprocessPipeline" if v.as_bool() == Some(true) => {
                flags.push("--require-subprocess-pipeline".to_owned())
            }
            "templates" => {
                let rel = v.get("$ref").and_then(Value::as_str);
                let rel = rel.unwrap_or_else(|| panic!("{}: templates is a file", f.name));
                flags.extend(["--templates".to_owned(), fixture(rel)]);
            }
            "rules" => {
                for (code, level) in v.as_object().expect("rules").iter() {
                    let level = level.as_str().expect("level");
                    flags.extend(["--rule".to_owned(), format!("{code}={level}")]);
                }
            }
            other => panic!("{}: no flag for the option {other}", f.name),
        }
    }
    flags
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
        // A command refused before it reads its input closes the pipe early.
        if let Err(e) = input.write_all(bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
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
    let out = run(&["fmt", "--check", "-"], Some(b"{\"flows\":  {}}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not formatted"));
}

#[test]
fn write_rewrites_in_place() {
    let dir = std::env::temp_dir().join(format!("pipeline-tree-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.json");
    std::fs::write(&file, "{ \"flows\" : {} ,\"outputs\":[ ] }").unwrap();
    let out = run(
        &["fmt", "-w", "--indent", "2", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{\n  \"flows\": {},\n  \"outputs\": []\n}\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_name_file_line_column_code_and_path() {
    let path = fixture("malformed/no_sections.json");
    let out = run(&["fmt", &path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!("{path}:1:1: error[not-a-tree]: not a pipeline_tree: no start_event, end_event, activities, gateways or flows at $\n    不是 pipeline_tree：没有 start_event、end_event、activities、gateways 或 flows\n")
    );
    // Fields of the wrong type are kept as written: fmt formats the tree.
    let lenient = b"{\"activities\":{\"n1\":{\"id\":123,\"component\":{\"code\":null}}}}";
    let out = run(&["fmt", "--compact", "-"], Some(lenient));
    assert!(out.status.success());
    assert_eq!(out.stdout, lenient);
    let out = run(&["fmt", "-"], Some(b"{\"a\": 1, \"a\": 2}"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "-:1:10: error[duplicate-key]: duplicate key \"a\" at $.a\n    重复的键 \"a\"\n"
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
fn validate_gives_every_rule_fixture_its_report() {
    let dir = std::path::Path::new(&fixture("rules")).to_owned();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    #[allow(clippy::disallowed_methods)] // tests sort freely
    names.sort();
    assert!(names.len() >= 60, "{} rule fixtures", names.len());
    for name in names {
        let f = rule_fixture(&name);
        let flags = validate_flags(&f);
        let mut args = vec!["validate", "--format", "json"];
        args.extend(flags.iter().map(String::as_str));
        args.push("-");
        let out = run(&args, Some(f.tree_text().expect("a tree").as_bytes()));
        let expected = std::fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
        let valid = expected.starts_with("valid: true");
        assert_eq!(out.status.code(), Some(if valid { 0 } else { 1 }), "{name}");
        let report = json::parse(
            std::str::from_utf8(&out.stdout).unwrap(),
            &Limits::default(),
        )
        .unwrap();
        let codes: Vec<&str> = report
            .get("diagnostics")
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .filter_map(|d| d.get("code").and_then(Value::as_str))
            .collect();
        let want: Vec<&str> = expected
            .lines()
            .filter(|l| l.starts_with("error ") || l.starts_with("warning "))
            .filter_map(|l| l.split_whitespace().nth(1))
            .collect();
        assert_eq!(codes, want, "{name}: {}", flags.join(" "));
    }
}

#[test]
fn validate_checks_sub_processes_against_a_template_catalogue() {
    let sub002 = rule_fixture("SUB002").tree_text().expect("a tree");
    let tree = sub002.as_bytes();
    let catalogue = fixture("catalogue/templates.json");
    // without a catalogue the SUB rules are silent
    let out = run(&["validate", "-"], Some(tree));
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["validate", "--templates", &catalogue, "-"], Some(tree));
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
        let out = run(&["validate", "--templates", path, "-"], Some(tree));
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

#[test]
fn refs_lists_variables_and_the_places_that_use_one() {
    let tree = fixture("edit/trees/base.json");
    let out = run(&["refs", &tree], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "${in_var}\t输入\tcomponent_inputs show\t0 uses",
            "${out_var}\t输出\tcomponent_outputs hide output\t1 uses",
            "${x}\tx\tcustom show\t2 uses",
        ]
    );
    let out = run(&["refs", &tree, "x", "--format", "json"], None);
    assert!(out.status.success());
    let v = pipeline_tree::json::parse(
        std::str::from_utf8(&out.stdout).unwrap(),
        &Default::default(),
    )
    .unwrap();
    let kinds: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            u.as_object()
                .unwrap()
                .get("kind")
                .unwrap()
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["condition", "condition"]);
    let out = run(&["refs", "missing.json"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_checks_tasks_against_a_given_plugin_catalogue() {
    let dir = std::env::temp_dir().join(format!("pt-plugins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalogue = dir.join("plugins.json");
    std::fs::write(
        &catalogue,
        r#"{"plugins":[{"code":"bk_display","versions":{"v1.0":{"inputs":[{"key":"other"}],"outputs":[]}}}]}"#,
    )
    .unwrap();
    let tree = fixture("rules/trees/base.json");
    let out = run(
        &["validate", "--plugins", catalogue.to_str().unwrap(), &tree],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("warning[PLUGIN002]").count(), 4, "{text}");
    let plain = run(&["validate", &tree], None);
    assert!(!String::from_utf8(plain.stdout).unwrap().contains("PLUGIN"));
    let missing = run(
        &["validate", "--plugins", "/nonexistent/plugins.json", &tree],
        None,
    );
    assert_eq!(missing.status.code(), Some(2));
}
