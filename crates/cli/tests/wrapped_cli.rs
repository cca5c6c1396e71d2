//! Wrapped trees through the command line: every fixture of tests/fixtures/wrapped/ (its input,
//! `--template` from its options), with what the core gives in `X.expected`.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

use pipeline_tree::json::{self, Format, Limits, Value};
use testkit::Fixture;

fn run(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pipeline-tree"))
        .args(args)
        .output()
        .expect("run pipeline-tree")
}

/// Every wrapped fixture: its name, input path, `--template` flags and expected text.
fn fixtures() -> Vec<(String, String, Vec<String>, String)> {
    let dir = testkit::fixture("wrapped");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    #[allow(clippy::disallowed_methods)] // tests sort freely
    names.sort();
    assert!(names.len() >= 20, "{} wrapped fixtures", names.len());
    names
        .into_iter()
        .map(|n| {
            let f = Fixture::read(format!("{dir}/{n}")).unwrap_or_else(|e| panic!("{e}"));
            let input = f.fields.get("input").and_then(Value::as_str).unwrap();
            let flags = match f.options.get("template") {
                Some(Value::String(t)) => vec!["--template".to_owned(), t.clone()],
                Some(Value::Number(t)) => vec!["--template".to_owned(), t.as_str().to_owned()],
                _ => Vec::new(),
            };
            let expected =
                std::fs::read_to_string(format!("{dir}/{}", n.replace(".json", ".expected")))
                    .unwrap();
            (f.name, testkit::fixture(input), flags, expected)
        })
        .collect()
}

fn args(first: &[&str], flags: &[String], input: &str) -> Vec<String> {
    let mut a: Vec<String> = first.iter().map(|s| (*s).to_owned()).collect();
    a.extend(flags.iter().cloned());
    a.push(input.to_owned());
    a
}

#[test]
fn every_wrapped_fixture_through_fmt_find_and_validate() {
    for (name, input, flags, expected) in fixtures() {
        let check = run(&args(&["fmt", "--check"], &flags, &input));
        if !expected.starts_with('{') {
            // A refusal: the code and the message in both languages, on standard error.
            let code = expected.lines().nth(1).unwrap().split(' ').next().unwrap();
            let err = String::from_utf8(check.stderr).unwrap();
            assert_eq!(check.status.code(), Some(1), "{name}: {err}");
            assert!(err.contains(&format!("error[{code}]")), "{name}: {err}");
            let zh = expected
                .lines()
                .find_map(|l| l.strip_prefix("zh "))
                .unwrap();
            assert!(err.contains(zh), "{name}: {err}");
            let v = run(&args(&["validate"], &flags, &input));
            assert_eq!(v.status.code(), Some(2), "{name}");
            continue;
        }
        // The whole wrapper is formatted (written back byte for byte).
        assert!(check.status.success(), "{name}: {:?}", check);
        let same = run(&args(&["fmt"], &flags, &input));
        assert_eq!(same.stdout, std::fs::read(&input).unwrap(), "{name}");
        // find says where the tree is, as the core's TreeSource.
        let found = run(&args(&["find", "--format", "json"], &flags, &input));
        assert!(found.status.success(), "{name}");
        let source = expected.split("--- ").next().unwrap();
        assert_eq!(String::from_utf8(found.stdout).unwrap(), source, "{name}");
        // The tree alone reads as a bare tree from the same wrapper.
        let alone = run(&args(&["fmt", "--wrapper", "strip"], &flags, &input));
        assert!(alone.status.success(), "{name}");
        let text = String::from_utf8(alone.stdout).unwrap();
        let tree = pipeline_tree::Tree::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opened = pipeline_tree::wrapped::open(
            &std::fs::read_to_string(&input).unwrap(),
            &Limits::default(),
            flags.get(1).map(String::as_str),
        )
        .unwrap();
        assert_eq!(tree, opened.tree, "{name}");
        // validate reads it and says where it found it.
        let v = run(&args(&["validate"], &flags, &input));
        let out = String::from_utf8(v.stdout).unwrap();
        assert!(v.status.success(), "{name}: {out}");
        let wrapped = !source.contains("\"wrapper\": \"none\"");
        assert_eq!(out.contains(": reading "), wrapped, "{name}: {out}");
    }
}

#[test]
fn find_lists_an_export_files_templates() {
    let input = testkit::fixture("wrapped/inputs/export.json");
    let out = run(&["find".to_owned(), input.clone()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        format!(
            "{input}: a SOPS export file with 2 templates, none chosen\n    包含 2 个模板的 SOPS 导出文件，尚未选择模板\n  12\t5ad26a77856c360585209702f5d3e614\t发布\n  13\tbf19682c3af235cf99956857e70be84e\t回滚\n"
        )
    );
    let out = run(&[
        "find".to_owned(),
        "--template".to_owned(),
        "回滚".to_owned(),
        input,
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("template 13 「回滚」 of a SOPS export file\n"),
        "{text}"
    );
    assert!(text.contains("* 13\t"), "{text}");
}

#[test]
fn fmt_rewrites_the_tree_inside_its_wrapper() {
    // Reindented, the wrapper stays and the tree held as text stays text.
    let input = testkit::fixture("wrapped/inputs/response_text.json");
    let out = run(&[
        "fmt".to_owned(),
        "--indent".to_owned(),
        "2".to_owned(),
        input.clone(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let v = json::parse(&text, &Limits::default()).unwrap();
    let original = json::parse(
        &std::fs::read_to_string(&input).unwrap(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(v, original);
    assert!(text.starts_with("{\n  \"result\": true,"), "{text}");
    assert!(json::to_string(&v, &Format::compact()).len() < text.len());
}
