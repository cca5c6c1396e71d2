//! The variables a value refers to, as `ConstantTemplate(value).get_reference()` finds them:
//! every `${...}` template in its strings, in list items and dict values, not dict keys, and in
//! each template the names Mako's parser leaves undeclared (`${a.b + f(c, k=1) | h}` refers to
//! `a`, `f` and `c`).
//!
//! Two [`Pattern`]s find the templates. At runtime (bamboo-engine, and the servers' exclusion
//! of unused variables) it is `\$\{[^${}#]+\}`. The editor's analysis
//! (`analysis_pipeline_constants_ref`) uses `\$\{[^$#]+\}`, greedy, and hands each match to
//! Mako, whose expression ends at the first `}` outside brackets and strings; it also reads
//! `_system.x` as one name (`${_system.task_id}` refers to `_system.task_id`).
//!
//! Mako parses the template as Python; this reads it with a tokenizer that knows strings,
//! numbers, attributes (`.b`), keyword arguments (`k=`), lambda parameters, comprehension
//! variables, keywords and Mako's default filters. A template whose brackets or quotes do not
//! balance refers to nothing (Mako's parser fails and the reference is dropped); other syntax
//! errors are not detected, so such a template still refers to its names.

use crate::json::Value;

/// Which `${...}` templates a string holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `\$\{[^${}#]+\}`: what the engine renders.
    Runtime,
    /// `\$\{[^$#]+\}` cut where Mako's expression ends: what SOPS's editor counts.
    Editor,
}

/// Every name the `${...}` templates of `s` refer to, each a slice of `s` (so its place is
/// [`offset`]); a name appears once per template that names it.
pub fn names(s: &str, pattern: Pattern) -> Vec<&str> {
    let mut out = Vec::new();
    for t in templates_of(s, pattern) {
        out.extend(names_of_template(t, pattern));
    }
    out
}

/// The byte offset in `s` of `part`, a slice of it.
pub fn offset(s: &str, part: &str) -> usize {
    part.as_ptr() as usize - s.as_ptr() as usize
}

/// `s` with every reference to the name `from` (as [`names`] finds them) replaced by `to`;
/// `None` when it has none.
pub fn rename(s: &str, pattern: Pattern, from: &str, to: &str) -> Option<String> {
    let spans: Vec<usize> = templates_of(s, pattern)
        .into_iter()
        .flat_map(|t| occurrences(t, pattern))
        .filter(|n| *n == from)
        .map(|n| offset(s, n))
        .collect();
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len() + spans.len() * to.len());
    let mut at = 0;
    for start in spans {
        out.push_str(&s[at..start]);
        out.push_str(to);
        at = start + from.len();
    }
    out.push_str(&s[at..]);
    Some(out)
}

/// The templates of `s` under `pattern`, each `${` to its closing `}`.
fn templates_of(s: &str, pattern: Pattern) -> Vec<&str> {
    match pattern {
        Pattern::Runtime => templates(s),
        Pattern::Editor => editor_templates(s),
    }
}

/// `\$\{[^$#]+\}` (greedy: to the last `}` before the next `$` or `#`), each match cut where
/// Mako's expression ends; a match whose expression does not end refers to nothing.
fn editor_templates(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'$' && b[i + 1] == b'{' {
            let body = i + 2;
            let mut j = body;
            while j < b.len() && !matches!(b[j], b'$' | b'#') {
                j += 1;
            }
            if let Some(close) = (body + 1..j).rev().find(|&p| b[p] == b'}') {
                if let Some(end) = expression_end(&s[body..=close]) {
                    out.push(&s[i..=body + end]);
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Where a Mako expression ends in `text` (after `${`): the first `}` outside brackets and
/// string literals, if any. Reads only as far as the end, in bytes (quotes, brackets and the
/// backslash are ASCII, which no other character's UTF-8 holds).
fn expression_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            b'\'' | b'"' => {
                k = skip_string_bytes(b, k)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth == 0 => return Some(k),
            b'}' => depth -= 1,
            _ => {}
        }
        k += 1;
    }
    None
}

/// [`skip_string`] over bytes.
fn skip_string_bytes(b: &[u8], k: usize) -> Option<usize> {
    let q = b[k];
    let n = b.len();
    let triple = k + 2 < n && b[k + 1] == q && b[k + 2] == q;
    let mut i = if triple { k + 3 } else { k + 1 };
    while i < n {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if !triple {
                return Some(i + 1);
            }
            if i + 2 < n && b[i + 1] == q && b[i + 2] == q {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

/// Mako's default escape filters (`filters.DEFAULT_ESCAPES`) and the names `pyparser` reserves.
const NOT_NAMES: &[&str] = &[
    "x", "h", "u", "trim", "entity", "unicode", "decode", "str", "n",
];

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "print", // Mako's template context: never an undeclared name
    "context",
];

/// Calls `f` with every variable key (`${name}`) the value refers to (repeats possible).
pub(crate) fn references(v: &Value, f: &mut impl FnMut(String)) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                for t in templates(s) {
                    for name in template_names(t) {
                        f(format!("${{{name}}}"));
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(o) => stack.extend(o.iter().rev().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// `TEMPLATE_PATTERN.findall(s)`: `${` + one or more characters other than `$ { } #` + `}`.
pub(crate) fn templates(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'$' && b[i + 1] == b'{' {
            let body = i + 2;
            let mut j = body;
            while j < b.len() && !matches!(b[j], b'$' | b'{' | b'}' | b'#') {
                j += 1;
            }
            if j > body && j < b.len() && b[j] == b'}' {
                out.push(&s[i..=j]);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok<'a> {
    Name(&'a str),
    Str,
    Num(&'a str),
    Op(char),
    /// `==`, `!=`, `<=`, `>=`, `**`...: an operator that is not `=`.
    Op2(&'a str),
}

/// Tokens of a Python expression; `None` when a string does not end.
fn tokens(src: &str, pattern: Pattern) -> Option<Vec<Tok<'_>>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(src.len(), |&(p, _)| p);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() || c == '\\' {
            k += 1;
        } else if c == '\'' || c == '"' {
            k = skip_string(&chars, k)?;
            out.push(Tok::Str);
        } else if c == '_' || c.is_alphabetic() {
            let start = chars[k].0;
            let mut e = k;
            loop {
                while e < n && (chars[e].1 == '_' || chars[e].1.is_alphanumeric()) {
                    e += 1;
                }
                // SOPS reads `_system.` as part of a name (it becomes `_system点` before parsing)
                let word_end = chars.get(e).map_or(src.len(), |&(p, _)| p);
                if pattern == Pattern::Editor
                    && src[..word_end].ends_with("_system")
                    && at(e) == Some('.')
                {
                    e += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(e).map_or(src.len(), |&(p, _)| p);
            let word = &src[start..end];
            let prefix = word.len() <= 2 && word.chars().all(|c| "rRbBuUfF".contains(c));
            if prefix && matches!(at(e), Some('\'' | '"')) {
                k = skip_string(&chars, e)?;
                out.push(Tok::Str);
            } else {
                out.push(Tok::Name(word));
                k = e;
            }
        } else if c.is_ascii_digit() || (c == '.' && at(k + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let from = chars[k].0;
            while k < n && (chars[k].1.is_alphanumeric() || chars[k].1 == '.' || chars[k].1 == '_')
            {
                // an exponent's sign: 1e-5
                k += 1;
                if matches!(at(k), Some('+' | '-')) && matches!(at(k - 1), Some('e' | 'E')) {
                    k += 1;
                }
            }
            out.push(Tok::Num(&src[from..pos(k)]));
        } else {
            let two = at(k + 1).is_some_and(|d| {
                matches!(
                    (c, d),
                    ('=' | '!' | '<' | '>', '=')
                        | ('*', '*')
                        | ('/', '/')
                        | ('<', '<')
                        | ('>', '>')
                        | ('-', '>')
                        | (':', '=')
                )
            });
            if two {
                out.push(Tok::Op2(&src[pos(k)..pos(k + 2)]));
                k += 2;
            } else {
                out.push(Tok::Op(c));
                k += 1;
            }
        }
    }
    Some(out)
}

/// The index after a string literal starting at `k` (a quote), or `None` if it does not end.
fn skip_string(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let q = chars[k].1;
    let n = chars.len();
    let triple = k + 2 < n && chars[k + 1].1 == q && chars[k + 2].1 == q;
    let mut i = if triple { k + 3 } else { k + 1 };
    while i < n {
        let c = chars[i].1;
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == q {
            if !triple {
                return Some(i + 1);
            }
            if i + 2 < n && chars[i + 1].1 == q && chars[i + 2].1 == q {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

/// The undeclared names of one `${...}` template.
pub(crate) fn template_names(template: &str) -> Vec<&str> {
    names_of_template(template, Pattern::Runtime)
}

/// The undeclared names of one template, once each, in order.
fn names_of_template(template: &str, pattern: Pattern) -> Vec<&str> {
    let mut seen = Vec::new();
    for n in occurrences(template, pattern) {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen
}

/// Every occurrence of an undeclared name in one template, each a slice of it.
fn occurrences(template: &str, pattern: Pattern) -> Vec<&str> {
    let body = &template[2..template.len() - 1];
    let Some(toks) = tokens(body, pattern) else {
        return Vec::new();
    };
    // Brackets must balance; the expression ends at a top-level `|` (Mako's filters follow).
    let mut depth = 0i32;
    let mut split = toks.len();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op('(' | '[' | '{') => depth += 1,
            Tok::Op(')' | ']' | '}') => {
                depth -= 1;
                if depth < 0 {
                    return Vec::new();
                }
            }
            Tok::Op('|') if depth == 0 && split == toks.len() => split = i,
            _ => {}
        }
    }
    if depth != 0 || toks.is_empty() {
        return Vec::new();
    }
    let mut names = names_of(&toks[..split]);
    if split < toks.len() {
        names.extend(
            names_of(&toks[split + 1..])
                .into_iter()
                .filter(|n| !NOT_NAMES.contains(n)),
        );
    }
    names
}

/// Loaded names of an expression's tokens: not attributes, keyword-argument names, keywords,
/// lambda parameters or comprehension variables.
fn names_of<'a>(toks: &[Tok<'a>]) -> Vec<&'a str> {
    let mut declared: Vec<&str> = Vec::new();
    // lambda a, b: ... and for x, y in ...
    let mut i = 0;
    while i < toks.len() {
        let closer = match toks[i] {
            Tok::Name("lambda") => Tok::Op(':'),
            Tok::Name("for") => Tok::Name("in"),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + 1;
        while j < toks.len() && toks[j] != closer {
            if let Tok::Name(n) = toks[j] {
                // a lambda default value is not a parameter
                if !(j > 0 && toks[j - 1] == Tok::Op('=')) {
                    declared.push(n);
                }
            }
            j += 1;
        }
        i = j;
    }
    let mut depth_paren = Vec::new();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match *t {
            Tok::Op(c @ ('(' | '[' | '{')) => depth_paren.push(c),
            Tok::Op(')' | ']' | '}') => {
                depth_paren.pop();
            }
            Tok::Name(n) => {
                let attribute = i > 0 && toks[i - 1] == Tok::Op('.');
                let keyword_arg =
                    depth_paren.last() == Some(&'(') && toks.get(i + 1) == Some(&Tok::Op('='));
                if !attribute && !keyword_arg && !KEYWORDS.contains(&n) && !declared.contains(&n) {
                    out.push(n);
                }
            }
            _ => {}
        }
    }
    out
}

/// Why Mako 1.3.12 refuses to compile a `${...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `${` and no `}` that ends its expression.
    Unclosed,
    /// A string literal that does not end.
    String,
    /// A bracket that is not closed, or closes nothing.
    Bracket(char),
    /// Two operands with no operator between (`a b`).
    Adjacent(String, String),
    /// An operator where an operand must be (`== a`, `a + == b`, `(a +)`).
    Operator(String),
    /// The expression ends with an operator (`a +`).
    Trailing(String),
    /// A character Python does not read outside a string (`?`, `；`).
    Character(char),
    /// A statement keyword (`import`, `return`...).
    Keyword(String),
    /// `:` outside brackets, with no `lambda` (`${var:-default}`, shell's syntax).
    Colon,
    /// A number Python does not read (`1a`, `01`).
    Number(String),
}

impl Problem {
    /// What is wrong, in English.
    pub fn describe(&self) -> String {
        match self {
            Problem::Unclosed => "no } ends it".to_owned(),
            Problem::String => "a string literal does not end".to_owned(),
            Problem::Bracket(c) => format!("the bracket {c} does not match"),
            Problem::Adjacent(a, b) => format!("{b} follows {a} with no operator between"),
            Problem::Operator(o) => format!("the operator {o} has no operand before it"),
            Problem::Trailing(o) => format!("the operator {o} has no operand after it"),
            Problem::Character(c) => format!("the character {c} is not Python"),
            Problem::Keyword(k) => format!("the keyword {k} cannot be in an expression"),
            Problem::Colon => "a : outside brackets (not Python)".to_owned(),
            Problem::Number(n) => format!("{n} is not a Python number"),
        }
    }

    /// What is wrong, in Chinese.
    pub fn describe_zh(&self) -> String {
        match self {
            Problem::Unclosed => "缺少结束的 }".to_owned(),
            Problem::String => "字符串没有结束".to_owned(),
            Problem::Bracket(c) => format!("括号 {c} 不匹配"),
            Problem::Adjacent(a, b) => format!("{a} 与 {b} 之间缺少运算符"),
            Problem::Operator(o) => format!("运算符 {o} 前缺少操作数"),
            Problem::Trailing(o) => format!("运算符 {o} 后缺少操作数"),
            Problem::Character(c) => format!("字符 {c} 不是 Python 语法"),
            Problem::Keyword(k) => format!("关键字 {k} 不能出现在表达式中"),
            Problem::Colon => "括号外的 :（不是 Python 语法）".to_owned(),
            Problem::Number(n) => format!("{n} 不是合法的 Python 数字"),
        }
    }
}

/// A `${...}` of a string that Mako refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal<'a> {
    /// The template (`${` to its `}`; for [`Problem::Unclosed`], to the end of the string).
    pub template: &'a str,
    /// Its byte offset in the string.
    pub offset: usize,
    /// Whether the engine renders it (compiles it alone); if not, Mako refuses the string
    /// as a whole.
    pub rendered: bool,
    pub problem: Problem,
}

/// The first `${...}` of `s` that Mako 1.3.12 refuses to compile, as far as can be told for
/// sure (what is not found refused may still be):
///
/// * a template the engine renders (`\$\{[^${}#]+\}`, each compiled alone) whose expression is
///   not Python: a string or bracket that does not end or match, two operands in a row, an
///   operator with no operand, a character or keyword Python does not allow there, a `:`
///   outside brackets. bamboo-engine then leaves the template as written;
/// * a `${` whose expression never ends (Mako refuses the whole string; the engine renders no
///   template there and leaves the text as written). Not looked for in a string with Mako's
///   tags (`<%`, `<&`), control lines (`%`, `##`) or a `#` in an expression, where Mako reads
///   `${` differently.
///
/// An empty `${}` compiles (Mako writes `str()`), and `%` lines and `<% %>` blocks never reach
/// Mako at run time: the engine compiles only the templates it finds.
pub fn refusal(s: &str) -> Option<Refusal<'_>> {
    if plain(s) {
        return None;
    }
    refusal_read(s)
}

/// `${name}` or `${a.b}` (ASCII names, no keyword): what most inputs hold, and Mako always
/// compiles it.
fn plain(s: &str) -> bool {
    let Some(body) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    body.split('.').all(|part| {
        let mut b = part.bytes();
        matches!(b.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_'))
            && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !KEYWORDS.contains(&part)
    })
}

/// [`refusal`], read the long way.
fn refusal_read(s: &str) -> Option<Refusal<'_>> {
    let rendered = templates(s).into_iter().find_map(|t| {
        let problem = expression_problem(&t[2..t.len() - 1])?;
        Some(Refusal {
            template: t,
            offset: offset(s, t),
            rendered: true,
            problem,
        })
    });
    let unclosed = whole(s);
    match (rendered, unclosed) {
        (Some(a), Some(b)) if b.offset < a.offset => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// The first `${...}` Mako refuses when it compiles the whole string: an expression that does
/// not end, or is not Python, read as Mako's lexer reads the string.
fn whole(s: &str) -> Option<Refusal<'_>> {
    if s.contains("<%") || s.contains("</%") || s.contains("<&") || s.contains("</&") {
        return None;
    }
    let control = s.lines().any(|l| {
        let l = l.trim_start_matches([' ', '\t']);
        l.starts_with('%') || l.starts_with("##")
    });
    if control {
        return None;
    }
    let mut i = 0;
    while let Some(k) = s[i..].find("${") {
        let at = i + k;
        let rest = &s[at + 2..];
        let refusal = |template, problem| Refusal {
            template,
            offset: at,
            rendered: false,
            problem,
        };
        match expression_end(rest) {
            // Mako skips `#...` comments in an expression: unsure from here on
            Some(end) if rest[..end].contains('#') => return None,
            Some(end) => {
                if let Some(p) = expression_problem(&rest[..end]) {
                    return Some(refusal(&s[at..at + 2 + end + 1], p));
                }
                i = at + 2 + end + 1
            }
            None if rest.contains('#') => return None,
            None if rest.contains(['\'', '"']) => return Some(refusal(&s[at..], Problem::String)),
            None => return Some(refusal(&s[at..], Problem::Unclosed)),
        }
    }
    None
}

/// Hard keywords that never appear in an expression.
const STATEMENT_KEYWORDS: &[&str] = &[
    "as", "assert", "break", "class", "continue", "def", "del", "elif", "except", "finally",
    "global", "import", "nonlocal", "pass", "raise", "return", "try", "while", "with",
];

/// Keywords after which this reading is unsure (conditional expressions, comprehensions,
/// lambdas, generators).
const UNSURE_KEYWORDS: &[&str] = &[
    "if", "else", "for", "lambda", "yield", "await", "async", "from",
];

/// Why Mako refuses `${body}` (a template the engine renders: no `$ { } #`), if surely.
fn expression_problem(body: &str) -> Option<Problem> {
    if body.contains('\\') {
        return None;
    }
    let Some(toks) = tokens(body, Pattern::Runtime) else {
        return Some(Problem::String);
    };
    let mut open = Vec::new();
    for t in &toks {
        match *t {
            Tok::Op(c @ ('(' | '[' | '{')) => open.push(c),
            Tok::Op(c @ (')' | ']' | '}')) => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if open.pop() != Some(want) {
                    return Some(Problem::Bracket(c));
                }
            }
            Tok::Op(c @ ('?' | '!' | '`' | ';' | '$')) => return Some(Problem::Character(c)),
            Tok::Num(n) if !number(n) => return Some(Problem::Number(n.to_owned())),
            Tok::Op(c) if not_python(c) => return Some(Problem::Character(c)),
            Tok::Name(n) if STATEMENT_KEYWORDS.contains(&n) => {
                return Some(Problem::Keyword(n.to_owned()))
            }
            _ => {}
        }
    }
    if let Some(&c) = open.last() {
        return Some(Problem::Bracket(c));
    }
    if body.contains(['\n', '\r']) || body.contains("...") {
        return None;
    }
    // Mako's filters follow the first `|` outside brackets
    let mut depth = 0usize;
    let end = toks
        .iter()
        .position(|t| {
            match t {
                Tok::Op('(' | '[' | '{') => depth += 1,
                Tok::Op(')' | ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && *t == Tok::Op('|')
        })
        .unwrap_or(toks.len());
    // the filters are read as a Python tuple too (`h, trim`)
    grammar(&toks[..end]).or_else(|| grammar(toks.get(end + 1..).unwrap_or_default()))
}

/// Whether a number token is a Python literal (`1a`, `01`, `1.real` are not); prefixed
/// (`0x`...) ones are taken as they are.
fn number(n: &str) -> bool {
    let lower = n.to_ascii_lowercase();
    // Python reads `1if x else 2` as `1 if x else 2`
    if let Some(p) = lower.find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'j') {
        let rest = &lower[p..];
        if ["and", "or", "if", "else", "in", "is", "not", "for"]
            .iter()
            .any(|k| rest.starts_with(k))
        {
            return true;
        }
    }
    if lower.contains("else") || lower.contains("and") {
        return true;
    }
    if lower.starts_with("0x") || lower.starts_with("0o") || lower.starts_with("0b") {
        return true;
    }
    let body = lower.strip_suffix('j').unwrap_or(&lower);
    let (mantissa, exponent) = match body.split_once('e') {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (body, None),
    };
    let digits = |d: &str| {
        !d.is_empty()
            && !d.starts_with('_')
            && !d.ends_with('_')
            && !d.contains("__")
            && d.chars().all(|c| c.is_ascii_digit() || c == '_')
    };
    let ok_mantissa = match mantissa.split_once('.') {
        Some((a, b)) => {
            (a.is_empty() || digits(a))
                && (b.is_empty() || digits(b))
                && !(a.is_empty() && b.is_empty())
        }
        None => {
            digits(mantissa)
                // leading zeros: `00` is a literal, `01` is not
                && (exponent.is_some()
                    || !mantissa.starts_with('0')
                    || mantissa.chars().all(|c| c == '0' || c == '_'))
        }
    };
    ok_mantissa && exponent.is_none_or(digits)
}

/// Non-ASCII punctuation Python refuses outside strings (CJK and fullwidth punctuation,
/// curly quotes, dashes): a sure subset of what it refuses.
fn not_python(c: char) -> bool {
    !c.is_ascii()
        && !c.is_alphanumeric()
        && matches!(c as u32, 0x2010..=0x205E | 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Start,
    Operand,
    Open,
    Close,
    Comma,
    /// An operator that needs an operand on each side.
    Binary,
    /// An operator that may start an operand (`-`, `not`, `*` unpacking).
    Prefix,
    /// Anything this reading does not follow (`:` in brackets): no rule applies next to it.
    Other,
}

fn show(t: &Tok<'_>) -> String {
    match *t {
        Tok::Name(n) | Tok::Op2(n) => n.to_owned(),
        Tok::Str => "a string".to_owned(),
        Tok::Num(n) => n.to_owned(),
        Tok::Op(c) => c.to_string(),
    }
}

/// The sure errors of a one-line expression's tokens (brackets balanced).
fn grammar(toks: &[Tok<'_>]) -> Option<Problem> {
    let lambda = toks.contains(&Tok::Name("lambda"));
    let mut depth = 0usize;
    let mut prev = Class::Start;
    let mut prev_tok: Option<&Tok<'_>> = None;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Name(n) if UNSURE_KEYWORDS.contains(n) => return None,
            // `1if x else 2`: a keyword glued to a number
            Tok::Num(n)
                if n.bytes()
                    .any(|c| c.is_ascii_alphabetic() && !b"eEjJ".contains(&c)) =>
            {
                return None
            }
            _ => {}
        }
        let class = match *t {
            Tok::Name("not") => {
                // `a not in b`
                if matches!(prev, Class::Operand | Class::Close) {
                    if toks.get(i + 1) != Some(&Tok::Name("in")) {
                        return Some(Problem::Adjacent(
                            prev_tok.map(show).unwrap_or_default(),
                            "not".to_owned(),
                        ));
                    }
                    Class::Other
                } else {
                    Class::Prefix
                }
            }
            Tok::Name("and" | "or" | "in" | "is") => Class::Binary,
            Tok::Name(_) | Tok::Str | Tok::Num(_) => Class::Operand,
            Tok::Op('(' | '[' | '{') => {
                depth += 1;
                Class::Open
            }
            Tok::Op(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                Class::Close
            }
            Tok::Op(',') => Class::Comma,
            Tok::Op('~') => Class::Prefix,
            Tok::Op('+' | '-') => {
                if matches!(prev, Class::Operand | Class::Close) {
                    Class::Binary
                } else {
                    Class::Prefix
                }
            }
            Tok::Op('*') | Tok::Op2("**") => match star(prev, t, depth) {
                Ok(c) => c,
                Err(p) => return Some(p),
            },
            Tok::Op('<' | '>' | '/' | '%' | '&' | '^' | '@' | '=' | '.' | '|') => Class::Binary,
            Tok::Op2("==" | "!=" | "<=" | ">=" | "//" | "<<" | ">>") => Class::Binary,
            Tok::Op(':') if depth == 0 && !lambda => return Some(Problem::Colon),
            _ => Class::Other,
        };
        let problem = pair(prev, prev_tok, class, t);
        if problem.is_some() {
            return problem;
        }
        // after `.` comes a name
        if *t == Tok::Op('.') && !matches!(toks.get(i + 1), Some(Tok::Name(_))) {
            return Some(Problem::Trailing(".".to_owned()));
        }
        prev = class;
        prev_tok = Some(t);
    }
    match prev {
        Class::Binary | Class::Prefix => {
            Some(Problem::Trailing(prev_tok.map(show).unwrap_or_default()))
        }
        _ => None,
    }
}

/// `*` and `**`: multiplication and power after an operand, unpacking where an operand starts.
fn star(prev: Class, t: &Tok<'_>, depth: usize) -> Result<Class, Problem> {
    match prev {
        Class::Operand | Class::Close => Ok(Class::Binary),
        // `a * *b`
        Class::Binary | Class::Prefix => Err(Problem::Operator(show(t))),
        // `**a` is no statement (Mako parses the expression as one)
        _ if *t == Tok::Op2("**") && depth == 0 => Err(Problem::Operator(show(t))),
        _ => Ok(Class::Prefix),
    }
}

/// The sure error of token `t` (of class `class`) after `prev` (of class `prev_class`).
fn pair(prev_class: Class, prev: Option<&Tok<'_>>, class: Class, t: &Tok<'_>) -> Option<Problem> {
    let before = || prev.map(show).unwrap_or_default();
    match (prev_class, class) {
        (Class::Operand | Class::Close, Class::Operand)
            if !(*t == Tok::Str && prev == Some(&Tok::Str)) =>
        {
            Some(Problem::Adjacent(before(), show(t)))
        }
        (Class::Operand | Class::Close, Class::Prefix) if *t == Tok::Op('~') => {
            Some(Problem::Adjacent(before(), show(t)))
        }
        (
            Class::Start | Class::Open | Class::Comma | Class::Binary | Class::Prefix,
            Class::Binary,
        ) => Some(Problem::Operator(show(t))),
        (Class::Binary | Class::Prefix, Class::Close | Class::Comma) => {
            Some(Problem::Trailing(before()))
        }
        (Class::Start | Class::Open | Class::Comma, Class::Comma) => {
            Some(Problem::Operator(",".to_owned()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_what_the_long_reading_accepts() {
        for s in ["${a}", "${_x1}", "${biz.hosts}", "${A_B.c_d.e}", "${x9.y}"] {
            assert!(plain(s), "{s}");
            assert!(refusal_read(s).is_none(), "{s}");
        }
        // not plain: the long reading decides
        for s in [
            "${}",
            "${1a}",
            "${a.}",
            "${if}",
            "${a.lambda}",
            "${a b}",
            "${中}",
            "$ {a}",
        ] {
            assert!(!plain(s), "{s}");
        }
        assert!(refusal_read("${class}").is_some());
        assert!(refusal_read("${1a}").is_some());
    }

    fn refs(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        references(&Value::from(s), &mut |k| out.push(k));
        out
    }

    #[test]
    fn templates_as_the_pattern_finds_them() {
        assert_eq!(templates("a ${x} b ${y.z}"), vec!["${x}", "${y.z}"]);
        assert_eq!(templates("${} ${#x} ${a${b}"), vec!["${b}"]);
        assert_eq!(templates("$${x}}"), vec!["${x}"]);
    }

    #[test]
    fn names_as_mako_declares_them() {
        assert_eq!(refs("${v_A}"), vec!["${v_A}"]);
        assert_eq!(refs("${a.b + f(c, k=1) | h}"), vec!["${a}", "${f}", "${c}"]);
        assert_eq!(refs("${x == 'y' and not z}"), vec!["${x}", "${z}"]);
        assert_eq!(refs("${int(n) * 2}"), vec!["${int}", "${n}"]);
        assert_eq!(refs("${[i for i in items]}"), vec!["${items}"]);
        assert_eq!(refs("${(lambda q: q + w)(1)}"), vec!["${w}"]);
        assert_eq!(refs("${_system.task_name}"), vec!["${_system}"]);
        assert_eq!(
            refs("${a | custom_filter}"),
            vec!["${a}", "${custom_filter}"]
        );
        assert_eq!(refs("${'unterminated}"), Vec::<String>::new());
        assert_eq!(refs("${f(a}"), Vec::<String>::new());
        assert_eq!(refs("${1e-5 + r'x' + b\"y\"}"), Vec::<String>::new());
        // The pattern stops at `$`: the inner template is found on its own.
        assert_eq!(refs("${r'${x}'}"), vec!["${x}"]);
        assert_eq!(refs("${1.5 + x2}"), vec!["${x2}"]);
    }

    fn editor(s: &str) -> Vec<&str> {
        names(s, Pattern::Editor)
    }

    /// The examples of variables-spec §3.2, checked against Mako 1.3.12.
    #[test]
    fn names_as_the_editor_counts_them() {
        assert_eq!(editor("${a}"), ["a"]);
        assert_eq!(editor("${a + b}"), ["a", "b"]);
        assert_eq!(
            editor("${a.b} ${a['k']} ${a.flat__col} ${a|h}"),
            ["a", "a", "a", "a"]
        );
        assert_eq!(editor("${int(a)}"), ["int", "a"]);
        assert_eq!(editor("${x if y else z}"), ["x", "y", "z"]);
        assert_eq!(editor("${[i for i in lst]}"), ["lst"]);
        assert_eq!(editor("${True}"), Vec::<&str>::new());
        assert_eq!(editor("${\"#\"+a}"), Vec::<&str>::new());
        assert_eq!(editor("$${a}"), ["a"]);
        assert_eq!(editor("${a}${b}"), ["a", "b"]);
        assert_eq!(editor("${a} and {x}"), ["a"]);
        assert_eq!(
            editor("${_system.task_id} ${x_system.y}"),
            ["_system.task_id", "x_system.y"]
        );
        assert_eq!(editor("${ {'k': v}['k'] }"), ["v"]);
        assert_eq!(editor("${f(a}"), Vec::<&str>::new());
    }

    /// Checked against Mako 1.3.12 (tests/fixtures/refs/expr_cases.json has many more).
    #[test]
    fn what_mako_refuses() {
        let refused = |s: &str| refusal(s).map(|r| r.problem);
        assert_eq!(
            refused("${a b}"),
            Some(Problem::Adjacent("a".into(), "b".into()))
        );
        assert_eq!(refused("abc ${x"), Some(Problem::Unclosed));
        assert_eq!(refused("${len(x} items"), Some(Problem::Bracket('(')));
        assert_eq!(refused("${HOME:-/tmp}"), Some(Problem::Colon));
        assert_eq!(refused("${a +}"), Some(Problem::Trailing("+".into())));
        assert_eq!(refused("${x || y}"), Some(Problem::Operator("|".into())));
        assert_eq!(refused("${01}"), Some(Problem::Number("01".into())));
        for ok in [
            "${}",
            "${ }",
            "${x | h}",
            "${a if b else c}",
            "${f(*a, **b)}",
            "${'a' 'b'}",
            "${lambda x: x + 1}",
            "${a[:, 1]}",
            "${x = 1}",
            "${a not in b}",
            "${a is not b}",
            "% if x:\nyes",
            "<%",
            "${1if x else 2}",
            "${...}",
            "50% ${x}",
        ] {
            assert_eq!(refused(ok), None, "{ok}");
        }
    }

    #[test]
    fn rename_rewrites_names_only() {
        let s = "${a} ${ab} ${x.a} ${a + a} ${f(a=a)} a";
        assert_eq!(
            rename(s, Pattern::Editor, "a", "b").as_deref(),
            Some("${b} ${ab} ${x.a} ${b + b} ${f(a=b)} a")
        );
        assert_eq!(rename(s, Pattern::Editor, "zz", "b"), None);
        for n in names(s, Pattern::Editor) {
            assert_eq!(&s[offset(s, n)..offset(s, n) + n.len()], n);
        }
    }

    #[test]
    fn dict_values_and_list_items_not_keys() {
        let v = crate::json::parse(
            r#"{"${k}": ["${a}", {"x": "${b}"}], "n": 1}"#,
            &Default::default(),
        )
        .unwrap();
        let mut out = Vec::new();
        references(&v, &mut |k| out.push(k));
        assert_eq!(out, vec!["${a}", "${b}"]);
    }
}
