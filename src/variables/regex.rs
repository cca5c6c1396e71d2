//! Whether JavaScript surely refuses a variable's `validation` as a regular expression (SOPS's
//! variable panel compiles it with `new RegExp(validation)`, variables-spec §4.1). Without the
//! `u` flag JavaScript reads patterns leniently (Annex B: a lone `]`, `{` or `}` is a character),
//! so only what every engine refuses is reported: unbalanced parentheses, an unterminated class,
//! a quantifier with nothing to repeat, `{n,m}` with n > m, a class range out of order between
//! two plain characters, and a final `\`. Anything else is taken as valid.

/// Why JavaScript refuses `pattern`, in English and Chinese, if it surely does.
pub fn refusal(pattern: &str) -> Option<Why> {
    let chars: Vec<char> = pattern.chars().collect();
    // whether the last thing read can take a quantifier, and whether it was one
    let mut atom = false;
    let mut quantified = false;
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                if i >= chars.len() {
                    return Some(("it ends with \\", "以 \\ 结尾"));
                }
                i += 1;
                (atom, quantified) = (true, false);
            }
            '[' => {
                i = match class(&chars, i) {
                    Ok(end) => end,
                    Err(why) => return Some(why),
                };
                (atom, quantified) = (true, false);
            }
            '(' => {
                depth += 1;
                (atom, quantified) = (false, false);
                // a group's own syntax (`(?:`, `(?=`, `(?<name>`...) is not checked
                if chars.get(i) == Some(&'?') {
                    i += 1;
                }
            }
            ')' => {
                if depth == 0 {
                    return Some(("it has an unmatched )", "括号不匹配"));
                }
                depth -= 1;
                (atom, quantified) = (true, false);
            }
            '|' | '^' | '$' => (atom, quantified) = (false, false),
            '*' | '+' | '?' => {
                if c == '?' && quantified {
                    // a lazy quantifier
                    quantified = false;
                    atom = false;
                    continue;
                }
                if !atom {
                    return Some((
                        "a quantifier has nothing to repeat",
                        "量词前没有可重复的内容",
                    ));
                }
                (atom, quantified) = (false, true);
            }
            '{' => match braces(&chars, i) {
                Some((end, low, high)) => {
                    if !atom {
                        return Some((
                            "a quantifier has nothing to repeat",
                            "量词前没有可重复的内容",
                        ));
                    }
                    if high.is_some_and(|h| h < low) {
                        return Some((
                            "the numbers of a {n,m} quantifier are out of order",
                            "{n,m} 量词的数字顺序颠倒",
                        ));
                    }
                    i = end;
                    (atom, quantified) = (false, true);
                }
                // a lone `{` is a character
                None => (atom, quantified) = (true, false),
            },
            _ => (atom, quantified) = (true, false),
        }
    }
    if depth > 0 {
        return Some(("it has an unmatched (", "括号不匹配"));
    }
    None
}

/// Why a pattern is refused, in English and Chinese.
type Why = (&'static str, &'static str);

const UNCLOSED: Why = ("a [ is not closed", "[ 未闭合");

/// A class from just after its `[`: the position after its `]`, or why it is refused.
fn class(chars: &[char], mut i: usize) -> Result<usize, Why> {
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    // the previous member when it was a plain character, for ranges
    let mut prev: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            ']' => return Ok(i),
            '\\' => {
                if i >= chars.len() {
                    return Err(UNCLOSED);
                }
                i += 1;
                prev = None;
            }
            '-' if prev.is_some() => {
                let from = prev.take();
                match (chars.get(i), chars.get(i + 1)) {
                    (Some(&to), _) if to != '\\' && to != ']' => {
                        i += 1;
                        if from.is_some_and(|f| f > to) {
                            return Err((
                                "a range of a character class is out of order",
                                "字符类的范围顺序颠倒",
                            ));
                        }
                    }
                    _ => {}
                }
            }
            _ => prev = Some(c),
        }
    }
    Err(UNCLOSED)
}

/// `{n}`, `{n,}` or `{n,m}` from just after the `{`: the position after the `}`, n and m.
fn braces(chars: &[char], i: usize) -> Option<(usize, u64, Option<u64>)> {
    let mut j = i;
    let number = |j: &mut usize| -> Option<u64> {
        let start = *j;
        let mut n: u64 = 0;
        while let Some(d) = chars.get(*j).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            *j += 1;
        }
        (*j > start).then_some(n)
    };
    let low = number(&mut j)?;
    let high = if chars.get(j) == Some(&',') {
        j += 1;
        if chars.get(j) == Some(&'}') {
            None
        } else {
            Some(number(&mut j)?)
        }
    } else {
        Some(low)
    };
    (chars.get(j) == Some(&'}')).then_some((j + 1, low, high))
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn what_javascript_refuses() {
        for p in [
            "(", "a)", "[a", "*a", "a**", "a|*", "(*)", "^*", "a{3,2}", "{2}", "a\\", "[z-a]",
            "a+??",
        ] {
            assert!(refusal(p).is_some(), "{p}");
        }
        for p in [
            "",
            "^.+$",
            "^[\\s\\S]+$",
            "]",
            "a{",
            "a{,2}",
            "}",
            "[]a]",
            "a*?",
            "a{2,}?",
            "(?:a)*",
            "(?<n>a)",
            "[\\w-a]",
            "[a-]",
            "[-a]",
            "\\d{1,3}(\\.\\d{1,3}){3}",
            "a{2,2}",
            "[^]",
        ] {
            assert_eq!(refusal(p), None, "{p}");
        }
    }
}
