//! Branch conditions as bamboo-engine evaluates them: `ExclusiveGateway` and
//! `ConditionalParallelGateway` render the condition's `${...}` templates, then hand the text to
//! `BoolRule(text).test()` (bamboo-engine 3.0.7 `utils/boolrule`, a copy of the PyPI package
//! `boolrule` with `${x}` allowed in names). A text that does not parse fails the node
//! ("evaluate[...] fail with data[...]: please check if some variable not exists or the
//! expression is unsupported").
//!
//! [`parse`] is that grammar as pyparsing runs it (ordered choice, no backtracking into a
//! choice that matched, whitespace ` \t\n\r` skipped before each token but not inside a number
//! or name, tabs expanded first, `*` alone matches everything), and reports where pyparsing's
//! exception would point:
//!
//! ```text
//! expr  := cond ((AND | OR) expr)*                  AND, OR: caseless keywords
//! cond  := val OP val | '(' expr ')'
//! val   := simple | '(' simple (',' simple)* ')'
//! simple:= real | integer | "..." | '...' | true | false | path
//! real  := [+-]? (digits '.' digits? | '.' digits) (E [+-]? digits)?
//! integer := [+-]? digits (E '+'? digits)?          with E: int() raises ValueError
//! path  := name ('.' name)*                         name := '${'? '_'? [A-Za-z][A-Za-z0-9_]* '}'?
//! OP    := == != <= < >= > in notin issuperset notissuperset   (caseless, not keywords)
//! ```
//!
//! Python's recursion limit ends deep nesting: each parenthesised condition and each `and`/`or`
//! costs pyparsing about ten frames, and about 960 of them fail with `RecursionError`
//! (88 nested parentheses, 98 conditions joined by `and`).
//!
//! [`condition`] first does what the engine's rendering does to the `${...}` templates: each
//! template the engine renders (`\$\{[^${}#]+\}`) that Mako compiles becomes its value, taken
//! to be one word; one Mako refuses stays as written ([`super::mako::refusal`]).

use super::mako;

/// Where and why a condition does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The character (not byte) position in the condition as written, from 0.
    pub at: usize,
    /// The character found there; `None` at the end of the text.
    pub found: Option<char>,
    pub kind: FailureKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// pyparsing's `ParseException`.
    Syntax,
    /// A number with an exponent and no decimal point (`1E5`): `int()` raises `ValueError`.
    Integer,
    /// An operator whose case-folding Python's `str.lower` does not undo (`ın`): `KeyError`.
    Operator,
    /// Nested too deeply: `RecursionError`.
    Depth,
}

impl Failure {
    /// What is wrong, in English.
    pub fn describe(&self) -> String {
        let pos = self.at + 1;
        let found = match self.found {
            Some(c) => format!("'{c}'"),
            None => "end of text".to_owned(),
        };
        match self.kind {
            FailureKind::Syntax => format!("unexpected {found} at character {pos}"),
            FailureKind::Integer => {
                format!("the number at character {pos} has an exponent but no decimal point")
            }
            FailureKind::Operator => format!("the operator at character {pos} is not understood"),
            FailureKind::Depth => format!("nested too deeply at character {pos}"),
        }
    }

    /// What is wrong, in Chinese.
    pub fn describe_zh(&self) -> String {
        let pos = self.at + 1;
        match self.kind {
            FailureKind::Syntax => match self.found {
                Some(c) => format!("第 {pos} 个字符处意外的 '{c}'"),
                None => format!("表达式在第 {pos} 个字符处意外结束"),
            },
            FailureKind::Integer => format!("第 {pos} 个字符处的数字有指数但没有小数点"),
            FailureKind::Operator => format!("第 {pos} 个字符处的运算符无法识别"),
            FailureKind::Depth => format!("第 {pos} 个字符处嵌套过深"),
        }
    }
}

/// Frames of Python's recursion limit a parse may use (see the module docs).
const BUDGET: usize = 961;
const PAREN_COST: usize = 11;
const AND_COST: usize = 10;

#[derive(Clone, Copy, Debug)]
enum E {
    /// A `ParseException` at this position: an ordered choice may try its next alternative.
    Fail(usize),
    /// Anything else: the parse ends.
    Fatal(usize, FailureKind),
}

type R = Result<usize, E>;

struct Parser<'a> {
    c: &'a [char],
    /// Frames in use (see [`BUDGET`]).
    depth: usize,
}

fn ident_char(c: char) -> bool {
    // pyparsing compares `c.upper()` with alphanums + "_$"
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u.is_ascii_alphanumeric() || u == '_' || u == '$',
        _ => false,
    }
}

/// Python's `re.IGNORECASE` folding of one character onto ASCII (for the few letters that
/// fold there), and whether `str.lower` gives the ASCII letter back.
fn fold(c: char) -> (char, bool) {
    match c {
        'ı' | 'İ' => ('i', false),
        'ſ' => ('s', false),
        'K' => ('k', true),
        c => (c.to_ascii_lowercase(), true),
    }
}

impl Parser<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn digits(&self, mut i: usize) -> Option<usize> {
        let start = i;
        while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        (i > start).then_some(i)
    }

    /// A caseless regex alternative `word` at `i`: the end, and whether `str.lower` undoes
    /// the folding.
    fn caseless(&self, i: usize, word: &str) -> Option<(usize, bool)> {
        let mut k = i;
        let mut lowers = true;
        for w in word.chars() {
            let (f, ok) = fold(self.at(k)?);
            if f != w {
                return None;
            }
            lowers &= ok;
            k += 1;
        }
        Some((k, lowers))
    }

    fn expr(&mut self, i: usize) -> R {
        let saved = self.depth;
        let mut p = self.cond(i)?;
        let out = loop {
            let Some(q) = self.and_or(p) else { break Ok(p) };
            self.depth += AND_COST;
            if self.depth >= BUDGET {
                break Err(E::Fatal(q, FailureKind::Depth));
            }
            match self.cond(q) {
                Ok(r) => p = r,
                Err(E::Fail(_)) => break Ok(p),
                Err(e) => break Err(e),
            }
        };
        self.depth = saved;
        out
    }

    fn and_or(&self, i: usize) -> Option<usize> {
        let p = self.ws(i);
        let before_ok = p == 0 || !ident_char(self.c[p - 1]);
        for w in ["AND", "OR"] {
            let n = w.len();
            if p + n > self.c.len() {
                continue;
            }
            let text: String = self.c[p..p + n].iter().collect();
            let after_ok = p + n >= self.c.len() || !ident_char(self.c[p + n]);
            if text.to_uppercase() == w && before_ok && after_ok {
                return Some(p + n);
            }
        }
        None
    }

    fn cond(&mut self, i: usize) -> R {
        let first = match self
            .val(i)
            .and_then(|p| self.op(p))
            .and_then(|p| self.val(p))
        {
            Ok(p) => return Ok(p),
            Err(E::Fail(l)) => l,
            Err(e) => return Err(e),
        };
        let p = self.ws(i);
        if self.at(p) != Some('(') {
            return Err(E::Fail(first.max(p)));
        }
        self.depth += PAREN_COST;
        if self.depth >= BUDGET {
            return Err(E::Fatal(p, FailureKind::Depth));
        }
        let inner = self.expr(p + 1);
        self.depth -= PAREN_COST;
        let q = match inner {
            Ok(q) => self.ws(q),
            Err(E::Fail(l)) => return Err(E::Fail(first.max(l))),
            Err(e) => return Err(e),
        };
        if self.at(q) == Some(')') {
            Ok(q + 1)
        } else {
            Err(E::Fail(first.max(q)))
        }
    }

    fn op(&self, i: usize) -> R {
        let p = self.ws(i);
        for w in ["==", "!=", "<=", "<", ">=", ">"] {
            if self.c[p.min(self.c.len())..]
                .iter()
                .take(w.len())
                .copied()
                .eq(w.chars())
            {
                return Ok(p + w.len());
            }
        }
        for w in ["in", "notin", "issuperset", "notissuperset"] {
            if let Some((end, lowers)) = self.caseless(p, w) {
                if !lowers {
                    return Err(E::Fatal(p, FailureKind::Operator));
                }
                return Ok(end);
            }
        }
        Err(E::Fail(p))
    }

    fn val(&self, i: usize) -> R {
        let first = match self.simple(i) {
            Ok(p) => return Ok(p),
            Err(E::Fail(l)) => l,
            Err(e) => return Err(e),
        };
        let p = self.ws(i);
        if self.at(p) != Some('(') {
            return Err(E::Fail(first.max(p)));
        }
        let mut q = match self.simple(p + 1) {
            Ok(q) => q,
            Err(E::Fail(l)) => return Err(E::Fail(first.max(l))),
            Err(e) => return Err(e),
        };
        loop {
            let c = self.ws(q);
            if self.at(c) != Some(',') {
                break;
            }
            match self.simple(c + 1) {
                Ok(r) => q = r,
                Err(E::Fail(_)) => break,
                Err(e) => return Err(e),
            }
        }
        let r = self.ws(q);
        if self.at(r) == Some(')') {
            Ok(r + 1)
        } else {
            Err(E::Fail(first.max(r)))
        }
    }

    fn simple(&self, i: usize) -> R {
        let p = self.ws(i);
        let mut worst = p;
        for f in [
            Parser::real,
            Parser::integer,
            Parser::string,
            Parser::boolean,
            Parser::path,
        ] {
            match f(self, p) {
                Ok(q) => return Ok(q),
                Err(E::Fail(l)) => worst = worst.max(l),
                Err(e) => return Err(e),
            }
        }
        Err(E::Fail(worst))
    }

    fn sign(&self, p: usize) -> usize {
        if matches!(self.at(p), Some('+' | '-')) {
            p + 1
        } else {
            p
        }
    }

    /// `E [+-]? digits` (or `E '+'? digits` for an integer), if there.
    fn exponent(&self, p: usize, minus: bool) -> Option<usize> {
        if !matches!(self.at(p), Some('e' | 'E')) {
            return None;
        }
        let q = match self.at(p + 1) {
            Some('+') => p + 2,
            Some('-') if minus => p + 2,
            _ => p + 1,
        };
        self.digits(q)
    }

    fn real(&self, p: usize) -> R {
        let s = self.sign(p);
        // digits '.' digits?  |  '.' digits
        let a = match self.digits(s) {
            Some(d) if self.at(d) == Some('.') => Ok(self.digits(d + 1).unwrap_or(d + 1)),
            Some(d) => Err(d),
            None => Err(s),
        };
        let b = if self.at(s) == Some('.') {
            self.digits(s + 1).ok_or(s + 1)
        } else {
            Err(s)
        };
        let end = match (a, b) {
            (Ok(e), _) | (_, Ok(e)) => e,
            (Err(x), Err(y)) => return Err(E::Fail(x.max(y))),
        };
        Ok(self.exponent(end, true).unwrap_or(end))
    }

    fn integer(&self, p: usize) -> R {
        let s = self.sign(p);
        let d = self.digits(s).ok_or(E::Fail(s))?;
        match self.exponent(d, false) {
            Some(_) => Err(E::Fatal(p, FailureKind::Integer)),
            None => Ok(d),
        }
    }

    fn string(&self, p: usize) -> R {
        let q = match self.at(p) {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(E::Fail(p)),
        };
        let mut k = p + 1;
        while let Some(c) = self.at(k) {
            if c == q {
                return Ok(k + 1);
            }
            if c == '\n' || c == '\r' {
                break;
            }
            k += 1;
        }
        Err(E::Fail(p))
    }

    fn boolean(&self, p: usize) -> R {
        for w in ["true", "false"] {
            if let Some((end, _)) = self.caseless(p, w) {
                return Ok(end);
            }
        }
        Err(E::Fail(p))
    }

    fn name(&self, p: usize) -> R {
        let mut q = p;
        if self.at(q) == Some('$') && self.at(q + 1) == Some('{') {
            q += 2;
        }
        if self.at(q) == Some('_') {
            q += 1;
        }
        if !self.at(q).is_some_and(|c| c.is_ascii_alphabetic()) {
            return Err(E::Fail(q));
        }
        q += 1;
        while self
            .at(q)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            q += 1;
        }
        if self.at(q) == Some('}') {
            q += 1;
        }
        Ok(q)
    }

    fn path(&self, p: usize) -> R {
        let mut q = self.name(p)?;
        while self.at(q) == Some('.') {
            match self.name(q + 1) {
                Ok(r) => q = r,
                Err(_) => break,
            }
        }
        Ok(q)
    }
}

/// Python's `str.expandtabs()` (pyparsing parses the text with tabs expanded), with the
/// position in `s` of each character of the result.
fn expand_tabs(s: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    let mut col = 0;
    for (i, c) in s.chars().enumerate() {
        if c == '\t' {
            let n = 8 - col % 8;
            for _ in 0..n {
                out.push(' ');
                from.push(i);
            }
            col += n;
            continue;
        }
        out.push(c);
        from.push(i);
        col = if c == '\n' || c == '\r' { 0 } else { col + 1 };
    }
    (out, from)
}

/// Whether `BoolRule(text)` compiles; where and why not.
pub fn parse(text: &str) -> Result<(), Failure> {
    if text == "*" {
        return Ok(());
    }
    let (c, from) = expand_tabs(text);
    let mut p = Parser { c: &c, depth: 0 };
    let err = match p.expr(0) {
        Ok(end) => {
            let e = p.ws(end);
            if e == c.len() {
                return Ok(());
            }
            E::Fail(e)
        }
        Err(e) => e,
    };
    let (at, kind) = match err {
        E::Fail(at) => (at, FailureKind::Syntax),
        E::Fatal(at, k) => (at, k),
    };
    let original: Vec<char> = text.chars().collect();
    let at_orig = from.get(at).copied().unwrap_or(original.len());
    Err(Failure {
        at: at_orig,
        found: original.get(at_orig).copied(),
        kind,
    })
}

/// The text bamboo-engine hands to boolrule for the condition `evaluate`, each rendered
/// template replaced by the one word `v`, with the position in `evaluate` (in characters) of
/// each of its characters.
pub fn rendered(evaluate: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(evaluate.len());
    let mut from = Vec::with_capacity(evaluate.len());
    let mut at = 0; // bytes of `evaluate` consumed
    let mut chars = 0; // characters of `evaluate` consumed
    for t in mako::templates(evaluate) {
        let start = mako::offset(evaluate, t);
        for c in evaluate[at..start].chars() {
            out.push(c);
            from.push(chars);
            chars += 1;
        }
        if mako::refusal(t).is_some() {
            // Mako does not compile it: the engine leaves it as written
            for c in t.chars() {
                out.push(c);
                from.push(chars);
                chars += 1;
            }
        } else {
            out.push('v');
            from.push(chars);
            chars += t.chars().count();
        }
        at = start + t.len();
    }
    for c in evaluate[at..].chars() {
        out.push(c);
        from.push(chars);
        chars += 1;
    }
    (out, from)
}

/// Whether the branch condition `evaluate` parses once rendered (see the module docs); the
/// failure's position is in `evaluate` as written.
pub fn condition(evaluate: &str) -> Result<(), Failure> {
    let (text, from) = rendered(evaluate);
    parse(&text).map_err(|mut f| {
        let original: Vec<char> = evaluate.chars().collect();
        f.at = from.get(f.at).copied().unwrap_or(original.len());
        f.found = original.get(f.at).copied();
        f
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        parse(s).is_ok()
    }

    #[test]
    fn the_grammar() {
        assert!(ok("1 == 1"));
        assert!(ok("${x} == 1"));
        assert!(ok("${_system.task_id} == 1"));
        assert!(ok("a in (1,2)"));
        assert!(ok("A NOTIN b"));
        assert!(ok("a inb"));
        assert!(ok("(1 == 1) and (2 == 2)"));
        assert!(ok("-1 == +2.5"));
        assert!(ok("*"));
        assert!(!ok("True"));
        assert!(!ok(""));
        assert!(!ok("1 = 1"));
        assert!(!ok("trueabc == 1"));
        assert_eq!(parse("1==1 and").unwrap_err().at, 5);
        assert_eq!(parse("${x} == (").unwrap_err().at, 9);
        assert_eq!(parse("(1,2,) in a").unwrap_err().at, 4);
        assert_eq!(parse("- 1 == 1").unwrap_err().at, 1);
        assert_eq!(parse("1E5 == 1").unwrap_err().kind, FailureKind::Integer);
        assert_eq!(parse("a ın b").unwrap_err().kind, FailureKind::Operator);
    }

    #[test]
    fn depth() {
        let nest = |k: usize| format!("{}a == 1{}", "(".repeat(k), ")".repeat(k));
        assert!(ok(&nest(87)));
        assert!(!ok(&nest(88)));
        let chain = |k: usize| vec!["a == 1"; k].join(" and ");
        assert!(ok(&chain(97)));
        assert!(!ok(&chain(98)));
    }

    #[test]
    fn templates_are_words() {
        assert!(condition("${a} >= 1 and ${b} != \"x\"").is_ok());
        assert!(condition("${int(a)} > 1").is_ok());
        assert_eq!(condition("${status} == (").unwrap_err().at, 14);
        assert!(condition("${a b} == 1").is_err());
    }
}
