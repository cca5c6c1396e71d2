//! JSON paths (`$.activities.n1.incoming[0]`) and positions (line, column) in a text.

use std::fmt;

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    /// The key, when the segment is one (not a position).
    pub fn key(&self) -> Option<&str> {
        match self {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }
}

/// The place of a value inside a document, shown as `$.key["odd key"][3]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Seg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// The first segment, when it is a key.
    pub fn first_key(&self) -> Option<&str> {
        match self.0.first() {
            Some(Seg::Key(k)) => Some(k),
            _ => None,
        }
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }

    pub fn push(&mut self, seg: Seg) {
        self.0.push(seg);
    }

    pub fn pop(&mut self) -> Option<Seg> {
        self.0.pop()
    }

    /// A new path one key deeper.
    pub fn key(&self, key: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.to_owned()));
        p
    }

    /// A new path one index deeper.
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// This path one key deeper (as [`Path::key`], without copying what is there).
    pub fn then(mut self, key: &str) -> Path {
        self.0.push(Seg::Key(key.to_owned()));
        self
    }

    /// This path one index deeper (as [`Path::index`], without copying what is there).
    pub fn then_index(mut self, i: usize) -> Path {
        self.0.push(Seg::Index(i));
        self
    }
}

impl From<Vec<Seg>> for Path {
    fn from(v: Vec<Seg>) -> Path {
        Path(v)
    }
}

fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c == '_' || c == '$' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_ascii_alphanumeric())
}

/// Paths deeper than this are shown with their middle elided: `$.a[0][0]…(+480)…[0]`.
const SHOWN_SEGMENTS: usize = 24;

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        let n = self.0.len();
        let (head, tail) = if n > SHOWN_SEGMENTS { (16, 8) } else { (n, 0) };
        for (i, seg) in self.0.iter().enumerate() {
            if i == head && tail > 0 {
                write!(f, "…(+{})…", n - head - tail)?;
            }
            if i >= head && i < n - tail {
                continue;
            }
            match seg {
                Seg::Key(k) if is_plain_key(k) => write!(f, ".{k}")?,
                Seg::Key(k) => {
                    let mut quoted = String::with_capacity(k.len() + 2);
                    super::write::write_string(&mut quoted, k, true);
                    write!(f, "[{quoted}]")?
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// A place in a text: byte offset, 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// Computes line and column of a byte offset (clamped to the text, and to a char boundary).
    pub fn of(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Position {
            offset,
            line,
            column,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}
