//! `js/tree.d.ts` (the package's tree types) is generated from the model's type table; it must
//! be the current output. `BLESS=1 cargo test --test typescript_test` rewrites it.

#[test]
fn tree_declarations_match_the_model() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/tree.d.ts");
    let generated = pipeline_tree::model::typescript_declarations();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "js/tree.d.ts is not the model's current declarations; run BLESS=1 cargo test --test typescript_test"
    );
}
