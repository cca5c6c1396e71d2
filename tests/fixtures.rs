//! One test per fixture file, named `DIR/NAME`, so a failure names its fixture and the others
//! still run (`cargo test --test fixtures -- edit/` runs one directory, `-- rules/GW004` one
//! file). The checks live in `tests/checks/`; each fixture's expected output is beside it
//! (`UPDATE_EXPECT=1` rewrites the `.expected` files after a deliberate change).
//!
//! Every fixture that takes a tree is in the one fixture format (docs/testing.md,
//! `testkit::Fixture`): `options`, the tree as `tree` or `base` + `patch`, `ops`, and the fields
//! of its kind. Raw inputs (trees written back byte for byte, unreadable text, fuzz finds) are
//! files of their own. `DIR/trees/` holds the shared base trees, not fixtures.
//!
//! | directory | fixture | passes when |
//! |---|---|---|
//! | `trees/` | a tree's text | it is written back byte for byte |
//! | `malformed/` | unreadable text | its typed error is `X.expected` |
//! | `rules/` | validation options, a base tree and the patch that breaks it | its report is `X.expected`, the same through the editor's units |
//! | `edit/` | the Editor's options, a tree and operations | each outcome and the final tree are `X.expected`; undo restores the bytes |
//! | `layout/` | layout options and a tree | SOPS's layout gives `X.expected.json` |
//! | `payload/` | a request case, its tree | its codes and values, and `X.expected` |
//! | `patch/` | JSON Patch cases | each gives its document or its error |
//! | `wrapped/` | a wrapped input, the template chosen, operations | where the tree was found (or the refusal) and the edited wrapper are `X.expected`; the wrapper round-trips byte for byte |
//! | `realworld-surprises/` | one thing real trees hold, a tree, options and operations | it opens and is written back; its format, report and operations' outcomes are `X.expected` |
//! | `fuzz/TARGET/` | bytes a fuzzer found failing | the target's properties hold |
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod checks;
mod common;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};

/// One trial per file of `dir` that `keep` selects, running `check` on it; at least `min`.
fn each<F>(dir: &str, min: usize, keep: fn(&Path) -> bool, check: F) -> Vec<Trial>
where
    F: Fn(&Path) + Copy + Send + 'static,
{
    each_in(common::fixture_dir(dir), dir, min, keep, check)
}

/// [`each`] over the files of `root`, the trials named `label/NAME`.
fn each_in<F>(
    root: PathBuf,
    label: &str,
    min: usize,
    keep: fn(&Path) -> bool,
    check: F,
) -> Vec<Trial>
where
    F: Fn(&Path) + Copy + Send + 'static,
{
    let dir = label;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && keep(p))
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "{}: {} fixtures, expected at least {min}",
        root.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|path| {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            Trial::test(format!("{dir}/{stem}"), move || {
                check(&path);
                Ok::<(), Failed>(())
            })
        })
        .collect()
}

fn json(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "json") && !p.to_string_lossy().ends_with(".expected.json")
}

fn any(_: &Path) -> bool {
    true
}

fn main() -> ExitCode {
    let mut trials = Vec::new();
    trials.extend(each("trees", 5, json, checks::files::round_trip));
    trials.extend(each("malformed", 20, json, checks::files::malformed));
    trials.extend(each("rules", 72, json, checks::rules::check));
    trials.extend(each("edit", 7, json, checks::edit::check));
    trials.extend(each("layout", 5, json, checks::layout::check));
    trials.extend(each("payload", 100, json, checks::payload::check));
    trials.extend(each("patch", 3, json, checks::patch::check));
    trials.extend(each("wrapped", 20, json, checks::wrapped::check));
    trials.extend(each(
        "realworld-surprises",
        17,
        json,
        checks::surprises::check,
    ));
    // Chinese messages (checks/zh.rs): rule fixtures, the real trees, editor refusals.
    trials.extend(each_in(
        common::fixture_dir("rules"),
        "zh/rules",
        72,
        json,
        checks::zh::rules,
    ));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld/trees");
    trials.extend(each_in(
        corpus,
        "zh/realworld",
        132,
        json,
        checks::zh::realworld,
    ));
    trials.extend(each_in(
        common::fixture_dir("edit"),
        "zh/edit",
        7,
        json,
        checks::zh::edit,
    ));
    trials.push(Trial::test("zh/bad_operations", || {
        checks::zh::bad_operations();
        Ok::<(), Failed>(())
    }));
    for (name, target) in testkit::robust::TARGETS {
        let dir = format!("fuzz/{name}");
        if common::fixture_dir(&dir).is_dir() {
            let replay = move |path: &Path| target(&std::fs::read(path).expect("read"));
            trials.extend(each(&dir, 1, any, replay));
        }
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}
