//! Object keys: the field names trees repeat on every node (`id`, `type`, `incoming`, `hook`,
//! `value`...) are one byte, an index into [`KNOWN`], so reading a tree allocates only for
//! the other keys (node and flow ids, plugin input names).

use std::fmt;

/// Field names of SOPS and bamboo-engine trees, kept as their index.
const KNOWN: [&str; 92] = [
    "id",
    "type",
    "name",
    "incoming",
    "outgoing",
    "component",
    "code",
    "data",
    "version",
    "hook",
    "value",
    "error_ignorable",
    "optional",
    "retryable",
    "skippable",
    "auto_retry",
    "enable",
    "interval",
    "times",
    "timeout_config",
    "seconds",
    "action",
    "stage_name",
    "loop",
    "isSkipped",
    "can_retry",
    "labels",
    "source",
    "target",
    "is_default",
    "arrow",
    "x",
    "y",
    "group",
    "icon",
    "status",
    "conditions",
    "evaluate",
    "tag",
    "converge_gateway_id",
    "default_condition",
    "flow_id",
    "key",
    "desc",
    "index",
    "show_type",
    "source_type",
    "source_tag",
    "source_info",
    "custom_type",
    "validation",
    "is_meta",
    "pre_render_mako",
    "plugin_code",
    "form_schema",
    "meta",
    "template_id",
    "constants",
    "pipeline",
    "inputs",
    "outputs",
    "activities",
    "gateways",
    "flows",
    "start_event",
    "end_event",
    "line",
    "location",
    "midpoint",
    "template_node_id",
    "need_render",
    "is_param",
    "source_act",
    "source_key",
    "executor_proxy",
    "template_source",
    "always_use_latest",
    "scheme_id_list",
    "extra_info",
    "parse_lang",
    "strategy",
    "pre_render_keys",
    "retry",
    "skip",
    "timeout",
    "internalVariable",
    "subprocess_info",
    "description",
    "category",
    "display",
    "width",
    "height",
];

/// Slots of a small open-addressing table over [`KNOWN`]: 1 + the index, 0 for empty.
const SLOTS: usize = 256;

const fn slot_of(b: &[u8]) -> usize {
    if b.is_empty() {
        return 0;
    }
    (b.len() * 31 + b[0] as usize * 7 + b[b.len() - 1] as usize * 3) % SLOTS
}

static TABLE: [u8; SLOTS] = {
    let mut t = [0u8; SLOTS];
    let mut i = 0;
    while i < KNOWN.len() {
        let mut s = slot_of(KNOWN[i].as_bytes());
        while t[s] != 0 {
            s = (s + 1) % SLOTS;
        }
        t[s] = i as u8 + 1;
        i += 1;
    }
    t
};

/// The index of a known field name.
#[inline]
pub(crate) fn known(s: &str) -> Option<u8> {
    let b = s.as_bytes();
    let mut slot = slot_of(b);
    loop {
        let i = TABLE[slot];
        if i == 0 {
            return None;
        }
        let name = KNOWN[i as usize - 1].as_bytes();
        if name.len() == b.len() && super::value::same(name, b) {
            return Some(i - 1);
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// An object key. Every key is made through [`Key::new`] or `From<String>`, so a known name is
/// always `Known` and equal keys are equal values.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Key {
    Known(u8),
    Other(Box<str>),
}

impl Key {
    #[inline]
    pub(crate) fn new(s: &str) -> Key {
        match known(s) {
            Some(i) => Key::Known(i),
            None => Key::Other(s.into()),
        }
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Known(i) => KNOWN[*i as usize],
            Key::Other(s) => s,
        }
    }
}

impl From<String> for Key {
    fn from(s: String) -> Key {
        match known(&s) {
            Some(i) => Key::Known(i),
            None => Key::Other(s.into_boxed_str()),
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::{known, Key, KNOWN};

    #[test]
    fn every_known_name_is_found_and_nothing_else() {
        for (i, name) in KNOWN.iter().enumerate() {
            assert_eq!(known(name), Some(i as u8), "{name}");
            assert_eq!(
                KNOWN.iter().filter(|n| *n == name).count(),
                1,
                "{name} twice"
            );
            for other in [
                format!("{name}_"),
                name[1..].to_owned(),
                name.to_uppercase(),
            ] {
                assert_eq!(
                    known(&other),
                    KNOWN.iter().position(|n| *n == other).map(|i| i as u8)
                );
            }
        }
        for s in [
            "",
            "n0843c82737d300796a4085926bf830e",
            "bk_timing",
            "ids",
            "Id",
        ] {
            assert_eq!(known(s), None, "{s}");
        }
    }

    #[test]
    fn keys_read_back_as_written() {
        for s in [
            "id",
            "incoming",
            "bk_timing",
            "",
            "名称",
            "n0843c82737d300796a4085926bf830e",
        ] {
            assert_eq!(Key::new(s).as_str(), s);
            assert_eq!(Key::from(s.to_owned()), Key::new(s));
            assert_eq!(format!("{:?}", Key::new(s)), format!("{s:?}"));
        }
    }
}
