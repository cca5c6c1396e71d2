//! Decimal text to `f64`, exactly as `str::parse::<f64>` reads it: the same grammar, the same
//! correctly rounded value (ties to even). The standard parser is never linked: its table of
//! 128-bit powers of five and its code cost the `.wasm` 18 KB, this module 5 KB.
//!
//! A number of at most 19 significant digits is converted exactly with one rounding: an integer
//! up to 2^53 times a power of ten up to 10^22 (every coordinate, index and count a tree
//! carries) by one multiplication or division of doubles, other scales up to 10^38 and down to
//! 10^-26 with 128-bit integers. Any other number is converted by "simple decimal conversion"
//! (Nigel Tao, after Ken Thompson), the standard library's own fallback: its digits are
//! shifted by powers of two until they hold the 53 bits of the result, then rounded. It is the
//! slow way (microseconds for a number like 1e300) and exact.

/// Reads `text` as `str::parse::<f64>` does: an optional sign, then `inf`, `infinity` or `nan`
/// (in any case), or digits with an optional point and an optional exponent (`1`, `1.`, `.5`,
/// `-2.5E-3`); `None` for anything else (empty text, spaces, `_`, hexadecimal...).
pub fn read_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    let value = match Digits::scan(rest) {
        Some(digits) => digits.value(),
        None => special(rest)?,
    };
    Some(if negative { -value } else { value })
}

fn special(text: &[u8]) -> Option<f64> {
    if text.eq_ignore_ascii_case(b"inf") || text.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if text.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// The powers of ten a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// An unsigned decimal as written: the digits before and after the point, and the exponent.
struct Digits<'a> {
    int: &'a [u8],
    frac: &'a [u8],
    /// As the standard parser reads it: digits stop counting once it reaches 65,536.
    exp: i64,
}

fn leading_digits(s: &[u8]) -> usize {
    s.iter().take_while(|c| c.is_ascii_digit()).count()
}

impl<'a> Digits<'a> {
    /// The whole of `s` as a decimal, or `None`.
    fn scan(s: &'a [u8]) -> Option<Digits<'a>> {
        let (int, mut rest) = s.split_at(leading_digits(s));
        let mut frac: &[u8] = &[];
        if let [b'.', after @ ..] = rest {
            (frac, rest) = after.split_at(leading_digits(after));
        }
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let mut exp = 0i64;
        if let [b'e' | b'E', after @ ..] = rest {
            let (negative, after) = match after {
                [b'-', d @ ..] => (true, d),
                [b'+', d @ ..] => (false, d),
                d => (false, d),
            };
            let (digits, after) = after.split_at(leading_digits(after));
            if digits.is_empty() {
                return None;
            }
            for &c in digits {
                if exp < 0x10000 {
                    exp = 10 * exp + i64::from(c - b'0');
                }
            }
            exp = if negative { -exp } else { exp };
            rest = after;
        }
        rest.is_empty().then_some(Digits { int, frac, exp })
    }

    /// The nearest double (ties to even).
    fn value(&self) -> f64 {
        // The significant digits, as two runs (before and after the point) without the zeros
        // that lead or trail them; the value is 0.DIGITS × 10^point.
        let zero = |c: &u8| *c == b'0';
        let lead = self.int.iter().take_while(|c| zero(c)).count();
        let (mut int, mut frac, point) = if lead < self.int.len() {
            (&self.int[lead..], self.frac, (self.int.len() - lead) as i64)
        } else {
            let lead = self.frac.iter().take_while(|c| zero(c)).count();
            if lead == self.frac.len() {
                return 0.0;
            }
            (&[][..], &self.frac[lead..], -(lead as i64))
        };
        match frac.iter().rposition(|c| !zero(c)) {
            Some(last) => frac = &frac[..=last],
            None => {
                frac = &[];
                int = &int[..int.iter().rposition(|c| !zero(c)).map_or(0, |i| i + 1)];
            }
        }
        let digits = || int.iter().chain(frac).map(|c| c - b'0');
        let count = int.len() + frac.len();
        let point = point + self.exp;
        if count <= 19 {
            let m = digits().fold(0u64, |m, d| 10 * m + u64::from(d));
            if let Some(v) = exact(m, point - count as i64) {
                return v;
            }
        }
        if point < -324 {
            return 0.0;
        }
        if point >= 310 {
            return f64::INFINITY;
        }
        Decimal::new(digits(), point as i32).into_f64()
    }
}

/// `m` × 10^`e` when integer arithmetic gives it exactly: one rounding of an exact value
/// (the conversions of integers to doubles round to nearest, ties to even).
fn exact(m: u64, e: i64) -> Option<f64> {
    if m <= 1 << 53 && (-22..=22).contains(&e) {
        // Both exact as doubles: one multiplication or division rounds once.
        let (m, p) = (m as f64, POW10[e.unsigned_abs() as usize]);
        return Some(if e < 0 { m / p } else { m * p });
    }
    if (0..=38).contains(&e) {
        return Some(u128::from(m).checked_mul(10u128.pow(e as u32))? as f64);
    }
    if (-27..0).contains(&e) {
        // m / 10^k = m / 5^k × 2^-k: the quotient by 5^k (< 2^63) with at least 64 bits, the
        // remainder kept as a sticky low bit, then scaled by a power of two (exact: the value
        // is far from the subnormals).
        let k = e.unsigned_abs() as u32;
        let shift = u128::from(m).leading_zeros();
        let n = u128::from(m) << shift;
        let d = 5u128.pow(k);
        let q = (n / d) | u128::from(n % d != 0);
        return Some(q as f64 * f64::from_bits(u64::from(1023 - shift - k) << 52));
    }
    None
}

/// Digits kept: enough to round any double (767 may be needed); beyond them, only whether a
/// non-zero digit was dropped.
const CAP: usize = 768;
/// Room for the digits a shift left by up to 60 bits adds.
const SPARE: usize = 19;
const MAX_SHIFT: u32 = 60;

/// 0.DIGITS × 10^point, without trailing zeros.
struct Decimal {
    digits: [u8; CAP + SPARE],
    len: usize,
    point: i32,
    truncated: bool,
}

/// A shift that moves the point by about `n` decimal places (2^3 < 10, 2^6 < 100...).
fn shift_for(n: i32) -> u32 {
    const SHIFTS: [u8; 19] = [
        0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59,
    ];
    SHIFTS.get(n as usize).map_or(MAX_SHIFT, |&s| u32::from(s))
}

impl Decimal {
    fn new(digits: impl Iterator<Item = u8>, point: i32) -> Decimal {
        let mut d = Decimal {
            digits: [0; CAP + SPARE],
            len: 0,
            point,
            truncated: false,
        };
        for digit in digits {
            if d.len < CAP {
                d.digits[d.len] = digit;
                d.len += 1;
            } else if digit != 0 {
                d.truncated = true;
            }
        }
        d
    }

    /// Keeps at most `CAP` digits and drops trailing zeros.
    fn settle(&mut self) {
        if self.len > CAP {
            self.truncated |= self.digits[CAP..self.len].iter().any(|&d| d != 0);
            self.len = CAP;
        }
        while self.len > 0 && self.digits[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    /// × 2^shift, from the last digit up; the digits are written `SPARE` places further on
    /// (the carry has at most 19 digits), then moved back.
    fn shift_left(&mut self, shift: u32) {
        let end = self.len + SPARE;
        let mut at = end;
        let mut n = 0u64;
        for i in (0..self.len).rev() {
            n += u64::from(self.digits[i]) << shift;
            at -= 1;
            self.digits[at] = (n % 10) as u8;
            n /= 10;
        }
        while n > 0 {
            at -= 1;
            self.digits[at] = (n % 10) as u8;
            n /= 10;
        }
        self.digits.copy_within(at..end, 0);
        self.point += (SPARE - at) as i32;
        self.len = end - at;
        self.settle();
    }

    /// × 2^-shift, from the first digit down.
    fn shift_right(&mut self, shift: u32) {
        let (mut read, mut write, mut n) = (0, 0, 0u64);
        while n >> shift == 0 {
            if read < self.len {
                n = 10 * n + u64::from(self.digits[read]);
            } else if n == 0 {
                self.len = 0;
                return;
            } else {
                n *= 10;
            }
            read += 1;
        }
        self.point -= read as i32 - 1;
        let mask = (1u64 << shift) - 1;
        while read < self.len {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask) + u64::from(self.digits[read]);
            read += 1;
            self.digits[write] = digit;
            write += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if write < CAP {
                self.digits[write] = digit;
                write += 1;
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        self.len = write;
        self.settle();
    }

    /// The integer part, rounded to nearest, ties to even.
    fn round(&self) -> u64 {
        if self.len == 0 || self.point < 0 {
            return 0;
        }
        let p = self.point as usize;
        if p > 19 {
            return u64::MAX;
        }
        let n = (0..p).fold(0u64, |n, i| {
            10 * n
                + if i < self.len {
                    u64::from(self.digits[i])
                } else {
                    0
                }
        });
        let up = p < self.len
            && match self.digits[p] {
                d if d > 5 => true,
                5 => p + 1 < self.len || self.truncated || (p > 0 && self.digits[p - 1] % 2 == 1),
                _ => false,
            };
        n + u64::from(up)
    }

    /// The nearest double; `point` is in -324..310 and the digits are not all zero.
    fn into_f64(mut self) -> f64 {
        const MIN_EXP: i32 = -1023;
        const INF_POWER: i32 = 0x7ff;
        const BITS: u32 = 52;
        let mut exp2 = 0i32;
        // Into [1/2, 1): 0.DIGITS with a first digit of 5 or more, the point at 0.
        while self.point > 0 {
            let shift = shift_for(self.point);
            self.shift_right(shift);
            exp2 += shift as i32;
        }
        while self.point < 0 || self.digits[0] < 5 {
            let shift = match self.point {
                0 if self.digits[0] < 2 => 2,
                0 => 1,
                p => shift_for(-p),
            };
            self.shift_left(shift);
            exp2 -= shift as i32;
        }
        // [1, 2), then no lower than the smallest normal exponent (subnormals keep fewer bits).
        exp2 -= 1;
        while exp2 < MIN_EXP + 1 {
            let shift = ((MIN_EXP + 1 - exp2) as u32).min(MAX_SHIFT);
            self.shift_right(shift);
            exp2 += shift as i32;
        }
        if exp2 - MIN_EXP >= INF_POWER {
            return f64::INFINITY;
        }
        self.shift_left(BITS + 1);
        let mut mantissa = self.round();
        if mantissa >= 1 << (BITS + 1) {
            // Rounding carried into a 54th bit.
            self.shift_right(1);
            exp2 += 1;
            mantissa = self.round();
            if exp2 - MIN_EXP >= INF_POWER {
                return f64::INFINITY;
            }
        }
        let mut power = exp2 - MIN_EXP;
        if mantissa < 1 << BITS {
            power -= 1;
        }
        f64::from_bits((mantissa & ((1 << BITS) - 1)) | (power as u64) << BITS)
    }
}

#[cfg(test)]
mod tests {
    use super::read_f64;

    /// Same bits as the standard parser (any NaN for a NaN, with its sign).
    fn check(text: &str) {
        let ours = read_f64(text);
        let std = text.parse::<f64>().ok();
        let same = match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() || b.is_nan() => {
                a.is_nan() && b.is_nan() && a.is_sign_negative() == b.is_sign_negative()
            }
            (Some(a), Some(b)) => a.to_bits() == b.to_bits(),
            (None, None) => true,
            _ => false,
        };
        assert!(same, "{text:?}: ours {ours:?}, std {std:?}");
    }

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn digits(&mut self, n: u64) -> String {
            (0..n)
                .map(|_| char::from(b'0' + self.below(10) as u8))
                .collect()
        }
    }

    #[test]
    fn grammar_and_specials_as_the_standard_parser() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "+.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1E5",
            "1.",
            ".5",
            "-.5e-3",
            "+1",
            "--1",
            "+-1",
            "1.2.3",
            "1e5.5",
            " 1",
            "1 ",
            "1_0",
            "0x10",
            "1f",
            "١",
            "inf",
            "-INF",
            "+Infinity",
            "infinity",
            "infinit",
            "infinityy",
            "nan",
            "NaN",
            "-nan",
            "+nAn",
            "nan1",
            "in",
            "-",
            "0",
            "-0",
            "00",
            "-0.0e-999",
            "0e999999999999",
            "000123.4500",
            "1e0000000000000000000000000000000000005",
            "1e65535",
            "1e65536",
            "1e655360",
            "1e-655360",
            "123456789012345678901234567890",
        ] {
            check(text);
        }
        // Exponents stop counting at 65,536, as the standard parser's do.
        check(&format!("0.{}1e70001", "0".repeat(70_000)));
        check(&format!("1{}e-70000", "0".repeat(70_000)));
    }

    #[test]
    fn hard_values_as_the_standard_parser() {
        for text in [
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
            "9007199254740992",
            "9007199254740993",
            "9007199254740993.0000000000000000000001",
            "9007199254740994",
            "9007199254740995",
            "18014398509481985",
            "1e22",
            "1e23",
            "8.98846567431158e307",
            "0.1",
            "0.3",
            "123.456",
            "1e-7",
            "1e308",
            "1e309",
            "1e-323",
            "1e-324",
            "1e-400",
            "7.2057594037927933e16",
            "4503599627370496.5",
            "4503599627370497.5",
            "2.00000000000000011102230246251565404236316680908203125",
            "2.00000000000000011102230246251565404236316680908203124",
            "2.00000000000000011102230246251565404236316680908203126",
        ] {
            check(text);
            check(&format!("-{text}"));
        }
        check(&"9".repeat(400));
        check(&format!("0.{}", "9".repeat(1000)));
        check(&format!("1{}e-1000", "0".repeat(1000)));
    }

    #[test]
    fn random_decimals_as_the_standard_parser() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let int = rng.below(25);
            let frac = rng.below(25);
            let mut text = rng.digits(int);
            if frac > 0 || rng.below(4) == 0 {
                text.push('.');
                text.push_str(&rng.digits(frac));
            }
            if rng.below(2) == 0 {
                text.push(if rng.below(2) == 0 { 'e' } else { 'E' });
                text.push_str(["", "+", "-"][rng.below(3) as usize]);
                text.push_str(&rng.below(700).to_string());
            }
            if rng.below(4) == 0 {
                text.insert(0, '-');
            }
            check(&text);
        }
    }

    #[test]
    fn short_mantissas_at_every_scale_as_the_standard_parser() {
        let mut rng = Rng(0xd1b5_4a32_d192_ed03);
        for _ in 0..200_000 {
            let digits = 1 + rng.below(19);
            let m = rng.digits(digits);
            let e = rng.below(90) as i64 - 45;
            check(&format!("{m}e{e}"));
            let at = rng.below(digits + 1) as usize;
            check(&format!("{}.{}e{e}", &m[..at], &m[at..]));
        }
    }

    #[test]
    fn doubles_and_their_midpoints_as_the_standard_parser() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for i in 0..20_000 {
            let f = match i % 3 {
                0 => f64::from_bits(rng.next() >> 1),
                1 => (rng.below(1 << 40) as f64) / 1024.0,
                _ => f64::from_bits(rng.below(1 << 53)),
            };
            if !f.is_finite() {
                continue;
            }
            check(&format!("{f:e}"));
            check(&format!("{f:.25e}"));
            // The exact midpoint between f and the next double, and just either side of it.
            let next = f64::from_bits(f.to_bits() + 1);
            if !next.is_finite() {
                continue;
            }
            let mid = exact_mid(f, next);
            check(&mid);
            check(&format!("{mid}1"));
            check(&below(&mid));
        }
    }

    /// The exact decimal midpoint of two adjacent positive doubles.
    fn exact_mid(a: f64, b: f64) -> String {
        // Both are exact multiples of 2^-1074: a = m·2^-1074, so (a + b) / 2 = (2m + 1)·2^-1075,
        // written exactly with 1075 decimals.
        let scale = |f: f64| format!("{f:.1075}");
        let (x, y) = (scale(a), scale(b));
        let sum = add_decimals(&x, &y);
        halve(&sum)
    }

    fn add_decimals(x: &str, y: &str) -> String {
        let (xi, xf) = x.split_once('.').unwrap();
        let (yi, yf) = y.split_once('.').unwrap();
        let width = xi.len().max(yi.len());
        let digits = |i: &str, f: &str| format!("{i:0>width$}{f}").into_bytes();
        let (a, b) = (digits(xi, xf), digits(yi, yf));
        let mut out = vec![0u8; a.len() + 1];
        let mut carry = 0;
        for k in (0..a.len()).rev() {
            let s = (a[k] - b'0') + (b[k] - b'0') + carry;
            out[k + 1] = b'0' + s % 10;
            carry = s / 10;
        }
        out[0] = b'0' + carry;
        let int_len = width + 1;
        let text = String::from_utf8(out).unwrap();
        format!("{}.{}", &text[..int_len], &text[int_len..])
    }

    fn halve(x: &str) -> String {
        let mut out = String::new();
        let mut rest = 0;
        for c in x.chars() {
            if c == '.' {
                out.push('.');
                continue;
            }
            let n = rest * 10 + (c as u8 - b'0');
            out.push(char::from(b'0' + n / 2));
            rest = n % 2;
        }
        if rest > 0 {
            out.push('5');
        }
        out
    }

    /// A decimal just below `x` (its last non-zero digit lowered by one, followed by nines).
    fn below(x: &str) -> String {
        let mut bytes = x.trim_end_matches('0').as_bytes().to_vec();
        let last = bytes.len() - 1;
        if bytes[last] == b'.' || bytes[last] == b'0' {
            return x.to_owned();
        }
        bytes[last] -= 1;
        let mut text = String::from_utf8(bytes).unwrap();
        text.push_str("99999");
        text
    }
}
