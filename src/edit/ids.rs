//! The editor's source of new ids: splitmix64 from the document's seed, so the same operations
//! on the same tree give the same ids on every platform (fixtures and undo/redo rely on it).

/// splitmix64, seeded from [`super::EditorOptions::seed`].
#[derive(Clone, Debug)]
pub(crate) struct IdSource(u64);

impl IdSource {
    pub(crate) fn new(seed: u64) -> IdSource {
        IdSource(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `prefix` + 31 lowercase hex digits: SOPS's 32-character ids.
    pub(crate) fn id(&mut self, prefix: char) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        let mut s = format!("{prefix}{a:016x}{b:016x}");
        s.truncate(32);
        s
    }
}
