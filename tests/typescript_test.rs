//! The package's declaration files are generated and committed; each must be the current
//! output. `js/tree.d.ts` comes from the model's type table, `crates/wasm/types/*.d.ts` from
//! the option and result types' tables (`pipeline_tree::api::declarations`).
//! `BLESS=1 cargo test --test typescript_test` rewrites them.

/// Compares (or with `BLESS`, writes) the committed file at `path` with `generated`.
fn committed_matches(path: &str, generated: &str) -> bool {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&full, generated).unwrap();
    }
    std::fs::read_to_string(&full).unwrap_or_default() == generated
}

#[test]
fn tree_declarations_match_the_model() {
    let generated = pipeline_tree::model::typescript_declarations();
    assert!(
        committed_matches("js/tree.d.ts", &generated),
        "js/tree.d.ts is not the model's current declarations; run BLESS=1 cargo test --test typescript_test"
    );
}

#[test]
fn api_declarations_match_the_type_tables() {
    for (path, generated) in pipeline_tree::api::declarations::files() {
        assert!(
            committed_matches(path, &generated),
            "{path} is not the current declarations of the type tables; run BLESS=1 cargo test --test typescript_test"
        );
    }
}

#[test]
fn every_declared_reference_is_declared() {
    assert_eq!(
        pipeline_tree::api::declarations::unresolved(),
        Vec::<&str>::new()
    );
}
