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
/// string literals, if any.
fn expression_end(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut depth = 0usize;
    let mut k = 0;
    while k < chars.len() {
        match chars[k].1 {
            '\'' | '"' => {
                k = skip_string(&chars, k)?;
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '}' if depth == 0 => return Some(chars[k].0),
            '}' => depth -= 1,
            _ => {}
        }
        k += 1;
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
    Num,
    Op(char),
    /// `==`, `!=`, `<=`, `>=`, `**`...: an operator that is not `=`.
    Op2,
}

/// Tokens of a Python expression; `None` when a string does not end.
fn tokens(src: &str, pattern: Pattern) -> Option<Vec<Tok<'_>>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
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
            while k < n && (chars[k].1.is_alphanumeric() || chars[k].1 == '.' || chars[k].1 == '_')
            {
                // an exponent's sign: 1e-5
                k += 1;
                if matches!(at(k), Some('+' | '-')) && matches!(at(k - 1), Some('e' | 'E')) {
                    k += 1;
                }
            }
            out.push(Tok::Num);
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
                out.push(Tok::Op2);
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

#[cfg(test)]
mod tests {
    use super::*;

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
