//! Helpers shared by the native test files: fixture listing and reading, expected-output
//! comparison.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pipeline_tree::ParseError;
use testkit::Fixture;

/// `tests/fixtures/DIR`.
pub fn fixture_dir(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// The `.json` files of `tests/fixtures/DIR`, sorted.
pub fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = fixture_dir(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    #[allow(clippy::disallowed_methods)] // tests sort freely
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", root.display());
    files
}

/// The fixture at `path`, its tree built (`tree`, or `base` with `patch`) and its options'
/// references read; a fixture that does not read fails naming its file.
pub fn load(path: &Path) -> Fixture {
    Fixture::read(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The text an error is checked against: its message, then one line per problem.
pub fn render_error(err: &ParseError) -> String {
    let mut s = format!("{err}\n");
    for p in err.problems() {
        let pos = p
            .position
            .map_or("-".to_owned(), |p| format!("{}:{}", p.line, p.column));
        s.push_str(&format!("{} {} {} {}\n", p.code, p.path, pos, p.message));
    }
    s
}

/// Compares `actual` with the file beside the fixture; `UPDATE_EXPECT=1` rewrites the file.
pub fn expect_file(expected: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, actual).expect("write expected file");
        return;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_EXPECT=1 to create it)",
            expected.display()
        )
    });
    assert_eq!(actual, want, "output differs from {}", expected.display());
}
