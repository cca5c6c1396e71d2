//! An iterative JSON reader: no recursion (nesting depth is a limit, not a stack risk), exact
//! number text kept, key order kept, duplicate keys refused, every error located.

use super::key::Key;
use super::path::{Path, Position, Seg};
use super::value::{position, Index, Number, Object, Value, INDEXED_FROM};
use crate::error::{ErrorCode, ParseError, Problem};

/// Limits on what the reader accepts. Every limit gives a typed error when passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input, in bytes.
    pub max_input_bytes: usize,
    /// Deepest nesting of arrays and objects (the root object is depth 1). Values above
    /// [`Limits::DEPTH_CEILING`] count as the ceiling: values are dropped, cloned, compared
    /// and written recursively, and the ceiling keeps that within the wasm stack.
    pub max_depth: usize,
    /// Longest string (key or value), in bytes of UTF-8.
    pub max_string_bytes: usize,
    /// Most nodes a tree may have (events, activities and gateways, counting those of
    /// embedded sub-process pipelines). Read by the tree model, not by the JSON reader.
    pub max_nodes: usize,
    /// Most flows a tree may have (embedded ones included). Read by the tree model.
    pub max_flows: usize,
}

impl Limits {
    /// The deepest nesting any limit allows.
    pub const DEPTH_CEILING: usize = 4_096;

    /// The limits' names in options (the JS API's calls and `setLimits`), in field order: the
    /// fields of [`crate::options::LIMITS`].
    pub const NAMES: [&'static str; 5] = crate::shape::names(crate::options::LIMIT_FIELDS);

    /// The limit an option name ([`Limits::NAMES`]) sets.
    pub fn by_name(&mut self, name: &str) -> Option<&mut usize> {
        let i = Limits::NAMES.iter().position(|n| *n == name)?;
        let slots = [
            &mut self.max_input_bytes,
            &mut self.max_depth,
            &mut self.max_string_bytes,
            &mut self.max_nodes,
            &mut self.max_flows,
        ];
        slots.into_iter().nth(i)
    }

    fn depth(&self) -> usize {
        self.max_depth.min(Limits::DEPTH_CEILING)
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 << 20,
            max_depth: 512,
            max_string_bytes: 16 << 20,
            max_nodes: 200_000,
            max_flows: 400_000,
        }
    }
}

/// Reads bytes that should be UTF-8 JSON.
pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Value, ParseError> {
    check_size(bytes.len(), limits)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, limits),
        Err(e) => {
            let valid = e.valid_up_to();
            // The valid prefix is UTF-8, so line and column can be counted in it.
            let text = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            Err(ParseError::new(
                Problem {
                    code: ErrorCode::NotUtf8,
                    message: format!("the input is not UTF-8 (invalid byte at offset {valid})"),
                    message_zh: Some(format!("输入不是 UTF-8 编码（偏移 {valid} 处的字节无效）")),
                    path: Path::root(),
                    position: Some(Position::of(text, valid)),
                },
                Vec::new(),
            ))
        }
    }
}

fn check_size(len: usize, limits: &Limits) -> Result<(), ParseError> {
    if len > limits.max_input_bytes {
        return Err(ParseError::new(
            Problem {
                code: ErrorCode::InputTooLarge,
                message: format!(
                    "the input is {len} bytes, more than the limit of {} bytes",
                    limits.max_input_bytes
                ),
                message_zh: Some(format!(
                    "输入有 {len} 字节，超过上限 {} 字节",
                    limits.max_input_bytes
                )),
                path: Path::root(),
                position: None,
            },
            Vec::new(),
        ));
    }
    Ok(())
}

/// Reads a JSON text into a [`Value`].
pub fn parse(text: &str, limits: &Limits) -> Result<Value, ParseError> {
    check_size(text.len(), limits)?;
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        limits,
        stack: Vec::new(),
        items: Vec::new(),
        members: Vec::new(),
    };
    p.run().map_err(|e| p.located(e))
}

/// The Chinese of a reading error's message (the reader's messages are a fixed set; what
/// they quote — a character, a key, a limit — is kept).
fn zh_of(message: &str) -> String {
    let expected = |x: &str| match x {
        "a value" => "一个值".to_owned(),
        "the end of input after the value" => "值之后即结束".to_owned(),
        "',' or ']'" => "',' 或 ']'".to_owned(),
        "',' or '}'" => "',' 或 '}'".to_owned(),
        "a string key" => "字符串键".to_owned(),
        "a digit" => "数字".to_owned(),
        "a digit after '.'" => "'.' 之后的数字".to_owned(),
        "a digit in the exponent" => "指数部分的数字".to_owned(),
        other => other.to_owned(),
    };
    if let Some(x) = message.strip_prefix("unexpected end of input, expected ") {
        return format!("输入意外结束，此处应为{}", expected(x));
    }
    if let Some(rest) = message.strip_prefix("unexpected character ") {
        if let Some((c, x)) = rest.rsplit_once(", expected ") {
            return format!("意外的字符 {c}，此处应为{}", expected(x));
        }
    }
    let limit = |prefix: &str| message.strip_prefix(prefix).map(str::to_owned);
    if let Some(n) = limit("arrays and objects nest deeper than the limit of ") {
        return format!("数组和对象的嵌套深度超过上限 {n}");
    }
    if let Some(n) = limit("a string is longer than the limit of ") {
        return format!("字符串长度超过上限 {}", n.replace(" bytes", " 字节"));
    }
    if let Some(k) = limit("duplicate key ") {
        return format!("重复的键 {k}");
    }
    match message {
        "NaN and Infinity are not valid JSON numbers" => "NaN 和 Infinity 不是合法的 JSON 数字",
        "-Infinity is not a valid JSON number" => "-Infinity 不是合法的 JSON 数字",
        "numbers cannot have leading zeros" => "数字不能有前导零",
        "unterminated string" => "字符串没有结束引号",
        "control character in a string (write it as an escape such as \\n)" => {
            "字符串中有控制字符（请写成 \\n 这样的转义）"
        }
        "unpaired surrogate in a \\u escape" => "\\u 转义中有未配对的代理项",
        "invalid escape in a string" => "字符串中有无效的转义",
        "a \\u escape needs four hex digits" => "\\u 转义需要四位十六进制数字",
        other => return format!("JSON 格式错误：{other}"),
    }
    .to_owned()
}

/// An error before it is given its place.
struct Raw {
    code: ErrorCode,
    message: String,
    /// Byte offset the error points at.
    at: usize,
}

fn raw(code: ErrorCode, message: impl Into<String>, at: usize) -> Raw {
    Raw {
        code,
        message: message.into(),
        at,
    }
}

/// A container being read. Its finished members wait in the parser's `items` or `members`
/// (shared by all open containers, innermost last) until it closes, so each array and object
/// is allocated once, at its final size.
enum Frame {
    /// An array: where its items start in `items`.
    Array(usize),
    /// An object: where its members start in `members`, their key index once there are
    /// [`INDEXED_FROM`] of them (for the duplicate check, then kept by the object), and the
    /// key whose value is being read (none between a value and the next key).
    Object(usize, Option<Box<Index>>, Option<Key>),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: &'a Limits,
    stack: Vec<Frame>,
    items: Vec<Value>,
    members: Vec<(Key, Value)>,
}

impl Parser<'_> {
    fn located(&self, e: Raw) -> ParseError {
        // An open array's items end where the next open array's begin (or at the end).
        let mut end = self.items.len();
        let mut path: Vec<Seg> = Vec::new();
        for f in self.stack.iter().rev() {
            match f {
                Frame::Array(start) => {
                    path.push(Seg::Index(end - start));
                    end = *start;
                }
                Frame::Object(_, _, k) => {
                    path.extend(k.as_ref().map(|k| Seg::Key(k.as_str().into())))
                }
            }
        }
        path.reverse();
        ParseError::new(
            Problem {
                code: e.code,
                message_zh: Some(zh_of(&e.message)),
                message: e.message,
                path: path.into(),
                position: Some(Position::of(self.text, e.at)),
            },
            Vec::new(),
        )
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn unexpected(&self, expected: &str) -> Raw {
        match self.text[self.pos..].chars().next() {
            None => raw(
                ErrorCode::InvalidJson,
                format!("unexpected end of input, expected {expected}"),
                self.pos,
            ),
            Some(c) => raw(
                ErrorCode::InvalidJson,
                format!("unexpected character {c:?}, expected {expected}"),
                self.pos,
            ),
        }
    }

    fn run(&mut self) -> Result<Value, Raw> {
        // A UTF-8 byte order mark is tolerated (editors on some systems write one).
        if self.text.starts_with('\u{feff}') {
            self.pos = 3;
        }
        loop {
            self.skip_ws();
            let Some(value) = self.start_value()? else {
                continue;
            };
            if let Some(root) = self.attach(value)? {
                return Ok(root);
            }
        }
    }

    /// Reads the value that starts here: a scalar or an empty container, or `None` once a
    /// container is opened (its frame pushed, an object's first key read).
    #[inline(always)]
    fn start_value(&mut self) -> Result<Option<Value>, Raw> {
        Ok(Some(match self.peek() {
            Some(b'{') => {
                self.open()?;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    Value::Object(Object::new())
                } else {
                    self.stack
                        .push(Frame::Object(self.members.len(), None, None));
                    self.next_key()?;
                    return Ok(None);
                }
            }
            Some(b'[') => {
                self.open()?;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    Value::Array(Vec::new())
                } else {
                    self.stack.push(Frame::Array(self.items.len()));
                    return Ok(None);
                }
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b'N' | b'I') => {
                return Err(raw(
                    ErrorCode::InvalidJson,
                    "NaN and Infinity are not valid JSON numbers",
                    self.pos,
                ))
            }
            _ => return Err(self.unexpected("a value")),
        }))
    }

    /// Attaches a finished value to its container and closes the containers that end here.
    /// Returns the root value at the end of input, or `None` when another value follows.
    #[inline(always)]
    fn attach(&mut self, mut value: Value) -> Result<Option<Value>, Raw> {
        loop {
            match self.stack.last_mut() {
                None => {
                    self.skip_ws();
                    if self.pos < self.bytes.len() {
                        return Err(self.unexpected("the end of input after the value"));
                    }
                    return Ok(Some(value));
                }
                Some(Frame::Array(_)) => {
                    self.items.push(value);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            return Ok(None);
                        }
                        Some(b']') => {
                            self.pos += 1;
                            let Some(Frame::Array(start)) = self.stack.pop() else {
                                unreachable!("top frame is an array")
                            };
                            value = Value::Array(self.items.drain(start..).collect());
                        }
                        _ => return Err(self.unexpected("',' or ']'")),
                    }
                }
                Some(Frame::Object(start, index, key)) => {
                    let start = *start;
                    let key = key.take().unwrap_or_else(|| Key::new(""));
                    self.members.push((key, value));
                    let own = &self.members[start..];
                    match index {
                        Some(ix) => ix.push(own, own.len() - 1),
                        None if own.len() >= INDEXED_FROM => *index = Some(Index::build(own)),
                        None => {}
                    }
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            self.skip_ws();
                            self.next_key()?;
                            return Ok(None);
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            let Some(Frame::Object(start, index, _)) = self.stack.pop() else {
                                unreachable!("top frame is an object")
                            };
                            let entries = self.members.drain(start..).collect();
                            value = Value::Object(Object::from_parts(entries, index));
                        }
                        _ => return Err(self.unexpected("',' or '}'")),
                    }
                }
            }
        }
    }

    fn open(&self) -> Result<(), Raw> {
        if self.stack.len() >= self.limits.depth() {
            return Err(raw(
                ErrorCode::TooDeep,
                format!(
                    "arrays and objects nest deeper than the limit of {}",
                    self.limits.depth()
                ),
                self.pos,
            ));
        }
        Ok(())
    }

    /// Reads `"key" :` into the object on top of the stack; refuses a key it already has.
    fn next_key(&mut self) -> Result<(), Raw> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        let at = self.pos;
        let key = self.key()?;
        let Some(Frame::Object(start, index, slot)) = self.stack.last_mut() else {
            unreachable!("keys are read inside objects")
        };
        let members = &self.members[*start..];
        let duplicate = position(members, index.as_deref(), key.as_str()).is_some();
        *slot = Some(key);
        if duplicate {
            let key = slot.as_ref().map_or("", Key::as_str);
            return Err(raw(
                ErrorCode::DuplicateKey,
                format!("duplicate key {key:?}"),
                at,
            ));
        }
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("':'"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Reads a key starting at its opening quote; one without escapes is taken from the text
    /// as written (a known field name then costs no allocation).
    fn key(&mut self) -> Result<Key, Raw> {
        let start = self.pos + 1;
        let end = start + super::scan::plain_run(&self.bytes[start..], false);
        if self.bytes.get(end) == Some(&b'"') && end - start <= self.limits.max_string_bytes {
            self.pos = end + 1;
            return Ok(Key::new(&self.text[start..end]));
        }
        self.string().map(Key::from)
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Raw> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a value"))
        }
    }

    fn number(&mut self) -> Result<Number, Raw> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        let digits = |i: &mut usize| {
            let s = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            *i - s
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            Some(b'I') => {
                return Err(raw(
                    ErrorCode::InvalidJson,
                    "-Infinity is not a valid JSON number",
                    start,
                ))
            }
            _ => {
                self.pos = i;
                return Err(self.unexpected("a digit"));
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err(self.unexpected("a digit after '.'"));
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err(self.unexpected("a digit in the exponent"));
            }
        }
        if matches!(b.get(i), Some(b'0'..=b'9')) {
            return Err(raw(
                ErrorCode::InvalidJson,
                "numbers cannot have leading zeros",
                start,
            ));
        }
        self.pos = i;
        Ok(Number::from_raw(&self.text[start..i]))
    }

    /// Reads a string starting at the opening quote.
    fn string(&mut self) -> Result<String, Raw> {
        let open = self.pos;
        self.pos += 1;
        let b = self.bytes;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            // Fast scan to the next byte that needs attention.
            let i = self.pos + super::scan::plain_run(&b[self.pos..], false);
            self.pos = i;
            if out.len() + (i - run) > self.limits.max_string_bytes {
                return Err(raw(
                    ErrorCode::StringTooLong,
                    format!(
                        "a string is longer than the limit of {} bytes",
                        self.limits.max_string_bytes
                    ),
                    open,
                ));
            }
            match b.get(i) {
                None => {
                    return Err(raw(ErrorCode::InvalidJson, "unterminated string", open));
                }
                Some(b'"') => {
                    self.pos = i + 1;
                    if out.is_empty() {
                        // no escape: the text as written, allocated once at its size
                        return Ok(self.text[run..i].to_owned());
                    }
                    out.push_str(&self.text[run..i]);
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..i]);
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(_) => {
                    return Err(raw(
                        ErrorCode::InvalidJson,
                        "control character in a string (write it as an escape such as \\n)",
                        i,
                    ));
                }
            }
        }
    }

    /// Reads one escape starting at the backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Raw> {
        let at = self.pos;
        let c = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let hi = self.hex4(at + 2)?;
                self.pos = at + 6;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if self.bytes.get(self.pos) == Some(&b'\\')
                        && self.bytes.get(self.pos + 1) == Some(&b'u')
                    {
                        let lo = self.hex4(self.pos + 2)?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(raw(
                                ErrorCode::InvalidJson,
                                "unpaired surrogate in a \\u escape",
                                at,
                            ));
                        }
                        self.pos += 6;
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        return Err(raw(
                            ErrorCode::InvalidJson,
                            "unpaired surrogate in a \\u escape",
                            at,
                        ));
                    }
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(raw(
                        ErrorCode::InvalidJson,
                        "unpaired surrogate in a \\u escape",
                        at,
                    ));
                } else {
                    hi
                };
                // Surrogates were excluded above, so this is a scalar value.
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                return Ok(());
            }
            _ => {
                return Err(raw(
                    ErrorCode::InvalidJson,
                    "invalid escape in a string",
                    at,
                ))
            }
        };
        out.push(c);
        self.pos = at + 2;
        Ok(())
    }

    fn hex4(&self, at: usize) -> Result<u32, Raw> {
        let digits = self.bytes.get(at..at + 4).ok_or_else(|| {
            raw(
                ErrorCode::InvalidJson,
                "a \\u escape needs four hex digits",
                at,
            )
        })?;
        let mut v = 0u32;
        for &d in digits {
            let n = (d as char).to_digit(16).ok_or_else(|| {
                raw(
                    ErrorCode::InvalidJson,
                    "a \\u escape needs four hex digits",
                    at,
                )
            })?;
            v = v * 16 + n;
        }
        Ok(v)
    }
}

/// Finds the byte offset where the value at `path` starts in `text` (which must be JSON that
/// [`parse`] accepts). Used to give line and column to problems found after parsing.
pub fn locate(text: &str, paths: &[&Path]) -> Vec<Option<usize>> {
    let mut found = vec![None; paths.len()];
    let mut remaining = paths.len();
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
        current: Vec::new(),
        open: Vec::new(),
    };
    loop {
        s.skip_ws();
        if remaining > 0 {
            for (i, p) in paths.iter().enumerate() {
                if found[i].is_none() && p.segments() == s.current.as_slice() {
                    found[i] = Some(s.pos);
                    remaining -= 1;
                }
            }
        }
        if remaining == 0 || s.pos >= s.b.len() {
            return found;
        }
        if s.value() {
            continue;
        }
        // After a value: move to the next sibling, closing containers as they end.
        if !s.next_sibling() {
            return found;
        }
    }
}

/// `locate`'s walk over text [`parse`] accepted: where it is, and the path there.
struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    current: Vec<Seg>,
    /// For each open container: whether it is an object.
    open: Vec<bool>,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.b.len() && matches!(self.b[self.pos], b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    /// Reads a string token (already checked by `parse`) and returns its decoded text.
    fn read_string(&mut self) -> String {
        let b = self.b;
        let start = self.pos;
        self.pos += 1;
        while self.pos < b.len() && b[self.pos] != b'"' {
            self.pos += if b[self.pos] == b'\\' { 2 } else { 1 };
        }
        self.pos += 1;
        let token = &self.text[start..self.pos.min(self.text.len())];
        match parse(
            token,
            &Limits {
                max_input_bytes: usize::MAX,
                max_depth: 1,
                max_string_bytes: usize::MAX,
                ..Limits::default()
            },
        ) {
            Ok(Value::String(s)) => s,
            _ => String::new(),
        }
    }

    fn read_key(&mut self) -> String {
        self.skip_ws();
        let k = self.read_string();
        self.skip_ws();
        self.pos += 1; // ':'
        k
    }

    /// Passes the value that starts here; for a container that is not empty, enters it
    /// instead (at its first member) and returns true.
    fn value(&mut self) -> bool {
        let b = self.b;
        match b[self.pos] {
            b'{' | b'[' => {
                let is_obj = b[self.pos] == b'{';
                self.pos += 1;
                self.skip_ws();
                if b.get(self.pos) == Some(if is_obj { &b'}' } else { &b']' }) {
                    self.pos += 1;
                } else {
                    self.open.push(is_obj);
                    let seg = if is_obj {
                        Seg::Key(self.read_key())
                    } else {
                        Seg::Index(0)
                    };
                    self.current.push(seg);
                    return true;
                }
            }
            b'"' => {
                self.read_string();
            }
            _ => {
                while self.pos < b.len()
                    && !matches!(
                        b[self.pos],
                        b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'
                    )
                {
                    self.pos += 1;
                }
            }
        }
        false
    }

    /// Moves to the next sibling, closing containers as they end; false at the end of the
    /// root value (or of the text).
    fn next_sibling(&mut self) -> bool {
        loop {
            self.skip_ws();
            let Some(&is_obj) = self.open.last() else {
                return false;
            };
            match self.b.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    let next = if is_obj {
                        Seg::Key(self.read_key())
                    } else {
                        match self.current.last() {
                            Some(Seg::Index(i)) => Seg::Index(*i + 1),
                            _ => Seg::Index(0),
                        }
                    };
                    *self
                        .current
                        .last_mut()
                        .expect("a segment per open container") = next;
                    return true;
                }
                Some(b'}' | b']') => {
                    self.pos += 1;
                    self.open.pop();
                    self.current.pop();
                }
                _ => return false,
            }
        }
    }
}
