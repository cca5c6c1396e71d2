//! Finding the end of a run of string text that needs no attention, eight bytes at a time
//! (the reader and the writer spend most of their time in string contents).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `v` below `n` (`n` at most 0x80); bits above the lowest set
/// one may be spurious, the lowest is exact.
#[inline(always)]
fn below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(ONES * n as u64) & !v & HIGH
}

/// The high bit of each byte of `v` equal to `b` (the lowest set bit exact, as [`below`]).
#[inline(always)]
fn equal(v: u64, b: u8) -> u64 {
    below(v ^ (ONES * b as u64), 1)
}

/// How many bytes from the start of `bytes` are neither `"`, `\` nor a control character
/// (below 0x20), nor, when `high`, a byte of a non-ASCII character (0x80 and above).
#[inline]
pub(super) fn plain_run(bytes: &[u8], high: bool) -> usize {
    let high_mask = if high { HIGH } else { 0 };
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let hits = equal(v, b'"') | equal(v, b'\\') | below(v, 0x20) | (v & high_mask);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 || (high && b >= 0x80) {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::plain_run;

    /// The run a byte-at-a-time scan finds.
    fn slow(bytes: &[u8], high: bool) -> usize {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20 || (high && b >= 0x80))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn every_stop_byte_at_every_offset() {
        let stops = [b'"', b'\\', 0x00, 0x1f, b'\n', 0x80, 0xe4, 0xff];
        let fill = [b'a', b' ', 0x21, 0x5b, 0x5d, 0x7f, 0x20, b'!', 0xc3];
        for len in 0..40 {
            for at in 0..=len {
                for &stop in &stops {
                    for &f in &fill {
                        let mut b = vec![f; len + 1];
                        b[at] = stop;
                        b[len] = if at == len { stop } else { f };
                        for high in [false, true] {
                            assert_eq!(plain_run(&b, high), slow(&b, high), "{b:?} {high}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn runs_of_text() {
        let t = "abc\u{4e2d}\u{6587} \"quoted\" \\ end\n".as_bytes();
        for start in 0..t.len() {
            for high in [false, true] {
                assert_eq!(plain_run(&t[start..], high), slow(&t[start..], high));
            }
        }
    }
}
