//! Writing a [`Value`] back to text, in the layouts SOPS, Python's `json.dumps` and
//! `JSON.stringify` produce.

use super::value::{Object, Value};

/// How nested values are indented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    /// Everything on one line with no spaces: `{"a":[1,2]}` (what `JSON.stringify(v)` writes).
    Compact,
    /// One member per line, indented by this many spaces (`json.dumps(v, indent=4)`).
    Spaces(u8),
    /// One member per line, indented by tabs.
    Tab,
}

/// Output layout. Two texts written with the same `Format` from equal values are equal bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub indent: Indent,
    /// Escape every non-ASCII character as `\uXXXX` (Python's default `ensure_ascii=True`).
    pub ascii: bool,
    /// End the text with a newline.
    pub final_newline: bool,
}

impl Default for Format {
    /// Four spaces, UTF-8 as is, final newline: the layout of SOPS exports and of the API
    /// documents.
    fn default() -> Format {
        Format {
            indent: Indent::Spaces(4),
            ascii: false,
            final_newline: true,
        }
    }
}

impl Format {
    pub fn compact() -> Format {
        Format {
            indent: Indent::Compact,
            ascii: false,
            final_newline: false,
        }
    }

    /// Guesses the layout a text was written with, so that writing it back changes as little
    /// as possible.
    pub fn detect(text: &str) -> Format {
        let b = text.as_bytes();
        // The layout shows right after the first bracket: a newline, then the indentation.
        let first = b.iter().position(|&c| c == b'{' || c == b'[');
        let indent = match first.map(|i| &b[i + 1..]) {
            Some([b'\n', b'\t', ..]) => Indent::Tab,
            Some([b'\n', rest @ ..] | [b'\r', b'\n', rest @ ..]) => {
                Indent::Spaces(rest.iter().take_while(|&&c| c == b' ').count().min(16) as u8)
            }
            _ => Indent::Compact,
        };
        let ascii = text.is_ascii() && text.contains("\\u");
        Format {
            indent,
            ascii,
            final_newline: text.ends_with('\n'),
        }
    }
}

/// Writes a value as text.
pub fn to_string(value: &Value, format: &Format) -> String {
    let mut out = String::new();
    write_value(&mut out, value, format);
    out
}

/// Appends a value's text to `out`.
pub fn write_value(out: &mut String, value: &Value, format: &Format) {
    let mut w = Writer {
        out,
        format,
        depth: 0,
    };
    w.value(value);
    if format.final_newline {
        w.out.push('\n');
    }
}

/// Appends an object's text to `out` (the same as [`write_value`] on `Value::Object`).
pub fn write_object(out: &mut String, obj: &Object, format: &Format) {
    let mut w = Writer {
        out,
        format,
        depth: 0,
    };
    w.object(obj);
    if format.final_newline {
        w.out.push('\n');
    }
}

struct Writer<'a> {
    out: &'a mut String,
    format: &'a Format,
    depth: usize,
}

impl Writer<'_> {
    fn newline(&mut self) {
        const SPACES: &str = "                                                                ";
        const TABS: &str = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
        let (unit, mut n) = match self.format.indent {
            Indent::Compact => return,
            Indent::Spaces(w) => (SPACES, self.depth * w as usize),
            Indent::Tab => (TABS, self.depth),
        };
        self.out.push('\n');
        while n > 0 {
            let k = n.min(unit.len());
            self.out.push_str(&unit[..k]);
            n -= k;
        }
    }

    // Recursion depth is bounded by the reader's `max_depth` limit: values come from text.
    fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Number(n) => self.out.push_str(n.as_str()),
            Value::String(s) => write_string(self.out, s, self.format.ascii),
            Value::Array(items) => {
                if items.is_empty() {
                    self.out.push_str("[]");
                    return;
                }
                self.out.push('[');
                self.depth += 1;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline();
                    self.value(item);
                }
                self.depth -= 1;
                self.newline();
                self.out.push(']');
            }
            Value::Object(obj) => self.object(obj),
        }
    }

    fn object(&mut self, obj: &Object) {
        if obj.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push('{');
        self.depth += 1;
        for (i, (k, item)) in obj.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            write_string(self.out, k, self.format.ascii);
            self.out.push(':');
            if self.format.indent != Indent::Compact {
                self.out.push(' ');
            }
            self.value(item);
        }
        self.depth -= 1;
        self.newline();
        self.out.push('}');
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u_escape(out: &mut String, unit: u16) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xf) as usize] as char);
    }
}

/// For each byte: 0 when it is written as is, else the letter of its short escape, or `u`.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[b'\n' as usize] = b'n';
    t[b'\r' as usize] = b'r';
    t[b'\t' as usize] = b't';
    t[0x08] = b'b';
    t[0x0c] = b'f';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped
/// (short forms where JSON has them, `\u00XX` otherwise), everything else as is unless `ascii`.
pub fn write_string(out: &mut String, s: &str, ascii: bool) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    loop {
        i += super::scan::plain_run(&bytes[i..], ascii);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let esc = ESCAPE[b as usize];
        out.push_str(&s[run..i]);
        if esc == 0 {
            // A non-ASCII character written as \uXXXX (two escapes beyond the BMP).
            let c = s[i..].chars().next().unwrap_or('\u{fffd}');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                push_u_escape(out, *unit);
            }
            i += c.len_utf8();
        } else {
            if esc == b'u' {
                push_u_escape(out, b as u16);
            } else {
                out.push('\\');
                out.push(esc as char);
            }
            i += 1;
        }
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}
