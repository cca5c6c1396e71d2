//! Request fields as the servers' DRF serializers read them: text (`CharField`: trimmed, not
//! blank, a maximum length), ids (`IntegerField`, URL path ids), credentials
//! (`CredentialsValidationMixin`), `notify_config` (the task service's `NOTIFY_CONFIG_SCHEMA`)
//! and `custom_span_attributes` (`DictField`).

use super::{describe, describe_zh, diag, field, At};
use crate::diagnostic::Diagnostic;
use crate::json::{self, Limits, Object, Path, Value};
use crate::shape::{opt, req, Shape, Ty, STR, STRS};

/// The task service's notification settings.
pub const NOTIFY_CONFIG: Shape = Shape::new(
    "NotifyConfig",
    "The task service's notification settings (an empty object means the defaults).",
    &[
        req(
            "notify_type",
            Ty::Obj(&Shape::inline(&[
                opt("success", STRS, ""),
                opt("fail", STRS, ""),
            ])),
            "",
        ),
        req(
            "notify_receivers",
            Ty::Obj(&Shape::inline(&[
                opt("receiver_group", STRS, ""),
                opt("more_receiver", STR, ""),
            ])),
            "",
        ),
        opt(
            "notify_format",
            Ty::Obj(&Shape::inline(&[
                opt("title", STR, ""),
                opt("content", STR, ""),
            ])),
            "",
        ),
    ],
);

/// `notify_config`: the settings, or `{}` for the defaults.
pub(crate) const NOTIFY: Ty = Ty::Or(&[Ty::Ref("NotifyConfig"), Ty::Map(&Ty::Never)]);

/// The request fields and the diagnostics about them.
pub(crate) struct Fields<'a> {
    pub input: &'a Object,
    pub out: Vec<Diagnostic>,
}

/// How a text field is checked.
#[derive(Clone, Copy)]
pub(crate) struct Text {
    pub required: bool,
    pub max: Option<usize>,
    pub allow_blank: bool,
}

impl Text {
    pub const fn required(max: usize) -> Text {
        Text {
            required: true,
            max: Some(max),
            allow_blank: false,
        }
    }

    pub const fn optional(max: usize) -> Text {
        Text {
            required: false,
            max: Some(max),
            allow_blank: false,
        }
    }

    /// `CharField(required=False, allow_blank=True)` (descriptions).
    pub const BLANK_OK: Text = Text {
        required: false,
        max: None,
        allow_blank: true,
    };
}

/// Python's `str.strip()`: Unicode whitespace, and the separators U+001C..U+001F.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

impl<'a> Fields<'a> {
    pub fn new(input: &'a Object) -> Fields<'a> {
        Fields {
            input,
            out: Vec::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.input.get(key)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn missing(&mut self, key: &str, null: bool) {
        let (en, zh) = if null {
            (
                format!("{key} may not be null"),
                format!("{key} 不能为 null"),
            )
        } else {
            (format!("{key} is required"), format!("{key} 为必填字段"))
        };
        self.out.push(diag("PAY001", en, zh).at(field(key)));
    }

    fn wrong_type(&mut self, key: &str, want: &str, v: &Value) {
        self.out.push(
            diag(
                "PAY002",
                format!("{key} must be {want}, found {}", describe(v)),
                format!(
                    "{key} 类型错误：应为{}，实为{}",
                    match want {
                        "a string" => "字符串",
                        "an integer" => "整数",
                        other => other,
                    },
                    describe_zh(v)
                ),
            )
            .at(field(key)),
        );
    }

    /// A `CharField`: numbers become their text, surrounding whitespace is trimmed; `None`
    /// when absent or refused.
    pub fn text(&mut self, key: &str, rule: Text) -> Option<String> {
        let v = self.present(key, rule.required)?;
        let raw = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.as_str().to_owned(),
            other => {
                self.wrong_type(key, "a string", other);
                return None;
            }
        };
        if raw.contains('\0') {
            self.out.push(
                diag(
                    "PAY005",
                    format!("{key} contains a NUL character"),
                    format!("{key} 不能包含空字符"),
                )
                .at(field(key)),
            );
            return None;
        }
        let s = py_strip(&raw).to_owned();
        if s.is_empty() && !rule.allow_blank {
            self.out.push(
                diag(
                    "PAY003",
                    format!("{key} may not be blank"),
                    format!("{key} 不能为空"),
                )
                .at(field(key)),
            );
            return None;
        }
        if let Some(max) = rule.max {
            let n = s.chars().count();
            if n > max {
                self.out.push(
                    diag(
                        "PAY004",
                        format!("{key} has {n} characters; at most {max} are allowed"),
                        format!("{key} 长度为 {n}，最多 {max} 个字符"),
                    )
                    .at(field(key)),
                );
                return None;
            }
        }
        Some(s)
    }

    /// The value of `key`; `None` when it is null (reported) or missing (reported if
    /// `required`).
    fn present(&mut self, key: &str, required: bool) -> Option<&'a Value> {
        match self.input.get(key) {
            None => {
                if required {
                    self.missing(key, false);
                }
                None
            }
            Some(Value::Null) => {
                self.missing(key, true);
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A field read as text from a number or a string; `None` (with the problem reported) when
    /// it is missing (and `required`), null, or of another type (`expected` names it).
    fn number_or_string(
        &mut self,
        key: &str,
        required: bool,
        expected: &str,
    ) -> Option<(&'a Value, String)> {
        let v = self.present(key, required)?;
        match v {
            Value::Number(n) => Some((v, n.as_str().to_owned())),
            Value::String(s) => Some((v, s.clone())),
            other => {
                self.wrong_type(key, expected, other);
                None
            }
        }
    }

    /// An `IntegerField` holding a database id: an integer, or text DRF reads as one (`"4"`,
    /// `"4.0"`); it must be positive.
    pub fn integer_id(&mut self, key: &str, required: bool) -> Option<i64> {
        let (v, text) = self.number_or_string(key, required, "an integer")?;
        match drf_integer(&text) {
            Some(n) if n > 0 => Some(n),
            Some(_) => {
                self.positive(key, v);
                None
            }
            None => {
                self.wrong_type(key, "an integer", v);
                None
            }
        }
    }

    /// An id the server takes from the URL path (`\d+`): digits, as text.
    pub fn path_id(&mut self, key: &str) -> Option<String> {
        let (v, text) = self.number_or_string(key, true, "an id (digits)")?;
        if !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && text.bytes().any(|b| b != b'0')
        {
            Some(text)
        } else {
            self.positive(key, v);
            None
        }
    }

    fn positive(&mut self, key: &str, v: &Value) {
        self.out.push(
            diag(
                "PAY007",
                format!("{key} must be a positive integer id, found {}", describe(v)),
                format!("{key} 必须是正整数 ID，实为{}", describe_zh(v)),
            )
            .at(field(key)),
        );
    }

    /// Keys of the input that are neither API fields nor builder options.
    pub fn unknown_keys(&mut self, known: &[&str]) {
        for k in self.input.keys() {
            if !known.contains(&k) {
                self.out.push(
                    diag(
                        "PAY006",
                        format!("{k} is not a field of this API; it is not sent"),
                        format!("{k} 不是该接口的字段，不会发送"),
                    )
                    .at(field(k)),
                );
            }
        }
    }

    /// `credentials`: an object whose values are base64 of a UTF-8 JSON object. Returns the
    /// value to send (as given) when it passes.
    pub fn credentials(&mut self) -> Option<Value> {
        let v = self.input.get("credentials")?;
        let Some(obj) = v.as_object() else {
            self.out.push(
                diag(
                    "PAY020",
                    format!(
                        "credentials must be an object {{key: base64 JSON}}, found {}",
                        describe(v)
                    ),
                    format!(
                        "credentials 必须是对象 {{key: base64 JSON}}，实为{}",
                        describe_zh(v)
                    ),
                )
                .at(field("credentials")),
            );
            return None;
        };
        let mut ok = true;
        for (k, cv) in obj.iter() {
            if let Some(d) = credential(k, cv) {
                self.out.push(d.at(field("credentials").key(k)));
                ok = false;
            }
        }
        ok.then(|| v.clone())
    }

    /// `notify_config`: empty means the default settings; otherwise the task service's schema.
    pub fn notify_config(&mut self) -> Option<Value> {
        let v = self.input.get("notify_config")?;
        if falsy(v) {
            return Some(v.clone());
        }
        let before = self.out.len();
        notify_schema(v, &field("notify_config"), &mut self.out);
        (self.out.len() == before).then(|| v.clone())
    }

    /// `custom_span_attributes` (`DictField`).
    pub fn span_attributes(&mut self) -> Option<Value> {
        let v = self.input.get("custom_span_attributes")?;
        if v.as_object().is_some() {
            return Some(v.clone());
        }
        self.out.push(
            diag(
                "PAY031",
                format!(
                    "custom_span_attributes must be an object, found {}",
                    describe(v)
                ),
                format!("custom_span_attributes 必须是对象，实为{}", describe_zh(v)),
            )
            .at(field("custom_span_attributes")),
        );
        None
    }
}

/// Puts `key` in the body: the value as the server reads it when it passed, else as given.
pub(crate) fn put(body: &mut Object, input: &Object, key: &str, checked: Option<Value>) {
    if let Some(v) = checked.or_else(|| input.get(key).cloned()) {
        body.insert(key, v);
    }
}

/// Python's truth value of a JSON value.
pub(crate) fn falsy(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == 0.0,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// DRF `IntegerField.to_internal_value`: `int(re.sub(r"\.0*\s*$", "", str(data)))`.
fn drf_integer(text: &str) -> Option<i64> {
    let t = text.trim_end();
    let t = match t.rfind('.') {
        Some(dot) if t[dot + 1..].bytes().all(|b| b == b'0') => &t[..dot],
        _ => t,
    };
    py_strip(t).parse::<i64>().ok()
}

/// One credential value: `None` when the server accepts it.
fn credential(key: &str, v: &Value) -> Option<Diagnostic> {
    let Some(s) = v.as_str() else {
        return Some(diag(
            "PAY021",
            format!(
                "credential {key} must be a base64-encoded JSON string, found {}",
                describe(v)
            ),
            format!(
                "凭证 {key} 的值必须是 base64 编码的 JSON 字符串，实为{}",
                describe_zh(v)
            ),
        ));
    };
    let bytes = match b64decode(s) {
        Ok(b) => b,
        Err(why) => {
            return Some(diag(
                "PAY022",
                format!("credential {key} is not valid base64: {why}"),
                format!("凭证 {key} 的值不是有效的 base64 编码：{}", b64_zh(&why)),
            ))
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(diag(
            "PAY023",
            format!("credential {key} does not decode to UTF-8 text"),
            format!("凭证 {key} 解码后不是 UTF-8 文本"),
        ));
    };
    match json::parse(&text, &Limits::default()) {
        Ok(Value::Object(_)) => None,
        Ok(other) => Some(diag(
            "PAY025",
            format!(
                "credential {key} decodes to {}, not a JSON object",
                other.json_type().name()
            ),
            format!(
                "凭证 {key} 解码后是{}，不是 JSON 对象",
                other.json_type().name_zh()
            ),
        )),
        // Python's json.loads keeps the last of repeated keys: still an object.
        Err(e)
            if e.first().code == crate::ErrorCode::DuplicateKey
                && text.trim_start().starts_with('{') =>
        {
            None
        }
        Err(e) => Some(diag(
            "PAY024",
            format!(
                "credential {key} does not decode to JSON: {}",
                e.first().message
            ),
            format!(
                "凭证 {key} 解码后不是 JSON：{}",
                e.first()
                    .message_zh
                    .as_deref()
                    .unwrap_or(&e.first().message)
            ),
        )),
    }
}

/// Python's `base64.b64decode(s)` (non-strict): characters outside the alphabet are skipped,
/// decoding stops at complete padding; the text must be ASCII.
pub(crate) fn b64decode(s: &str) -> Result<Vec<u8>, String> {
    if !s.is_ascii() {
        return Err("string argument should contain only ASCII characters".into());
    }
    fn sextet(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut quad, mut acc, mut pads, mut data) = (0u32, 0u32, 0u32, 0usize);
    for &c in s.as_bytes() {
        if c == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = sextet(c) else { continue };
        pads = 0;
        data += 1;
        acc = (acc << 6) | v;
        quad += 1;
        match quad {
            2 => out.push((acc >> 4) as u8),
            3 => out.push((acc >> 2) as u8),
            4 => {
                out.push(acc as u8);
                quad = 0;
                acc = 0;
            }
            _ => {}
        }
        acc &= 0xff;
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({data}) cannot be 1 more than a multiple of 4"
        )),
        _ => Err("Incorrect padding".into()),
    }
}

/// A base64 error of [`b64decode`] in Chinese.
fn b64_zh(why: &str) -> String {
    if why == "Incorrect padding" {
        "填充不正确".to_owned()
    } else if why.starts_with("string argument") {
        "只能包含 ASCII 字符".to_owned()
    } else {
        "数据字符的个数不能比 4 的倍数多 1".to_owned()
    }
}

/// `jsonschema.validate(notify_config, NOTIFY_CONFIG_SCHEMA)`: one diagnostic per violation.
fn notify_schema(v: &Value, path: &Path, out: &mut Vec<Diagnostic>) {
    let mut bad = |p: Path, what: String, what_zh: String| {
        out.push(
            diag(
                "PAY030",
                format!("notify_config: {what}"),
                format!("notify_config 不符合通知配置格式：{what_zh}"),
            )
            .at(p),
        );
    };
    let Some(o) = v.as_object() else {
        bad(
            path.clone(),
            format!("must be an object, found {}", describe(v)),
            format!("须为对象，实为{}", describe_zh(v)),
        );
        return;
    };
    for req in ["notify_type", "notify_receivers"] {
        if !o.contains_key(req) {
            bad(
                path.clone(),
                format!("'{req}' is a required property"),
                format!("缺少必填字段 {req}"),
            );
        }
    }
    let strings = |v: &Value| {
        v.as_array()
            .is_some_and(|a| a.iter().all(|i| i.as_str().is_some()))
    };
    let mut object_of = |key: &str, props: &[(&str, bool)]| {
        let Some(inner) = o.get(key) else { return };
        let p = path.key(key);
        let Some(io) = inner.as_object() else {
            bad(
                p,
                format!("{key} must be an object, found {}", describe(inner)),
                format!("{key} 须为对象，实为{}", describe_zh(inner)),
            );
            return;
        };
        for &(prop, list) in props {
            let Some(x) = io.get(prop) else { continue };
            let ok = if list {
                strings(x)
            } else {
                x.as_str().is_some()
            };
            if !ok {
                let (want, want_zh) = if list {
                    ("a list of strings", "字符串列表")
                } else {
                    ("a string", "字符串")
                };
                bad(
                    p.key(prop),
                    format!("{key}.{prop} must be {want}, found {}", describe(x)),
                    format!("{key}.{prop} 须为{want_zh}，实为{}", describe_zh(x)),
                );
            }
        }
    };
    object_of("notify_type", &[("success", true), ("fail", true)]);
    object_of(
        "notify_receivers",
        &[("receiver_group", true), ("more_receiver", false)],
    );
    object_of("notify_format", &[("title", false), ("content", false)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_python_reads_it() {
        assert_eq!(b64decode("eyJhIjoxfQ==").unwrap(), br#"{"a":1}"#);
        assert_eq!(b64decode("eyJhIjoxfQ").unwrap_err(), "Incorrect padding");
        // Characters outside the alphabet are skipped; data after complete padding is ignored.
        assert_eq!(b64decode("ey Jh\nIjox fQ==").unwrap(), br#"{"a":1}"#);
        assert_eq!(b64decode("YQ==YWJj").unwrap(), b"a");
        assert!(b64decode("YWJjZ").unwrap_err().contains("cannot be 1 more"));
        assert!(b64decode("ü").is_err());
        assert_eq!(b64decode("").unwrap(), b"");
    }

    #[test]
    fn integers_as_drf_reads_them() {
        assert_eq!(drf_integer("4"), Some(4));
        assert_eq!(drf_integer("4.0"), Some(4));
        assert_eq!(drf_integer(" 4 "), Some(4));
        assert_eq!(drf_integer("4.5"), None);
        assert_eq!(drf_integer("x"), None);
        assert_eq!(drf_integer(""), None);
    }
}
