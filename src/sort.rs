//! The crate's sorting, in as few instantiations of the standard library's sort as possible:
//! each instantiation (one per element type and comparator) adds kilobytes to the `.wasm`.
//! Lists are sorted through their keys as `(u64, u64, position)` triples, one instantiation;
//! the rare lists of text use a small merge sort.

/// The one instantiation of the standard sort.
#[inline(never)]
#[allow(clippy::disallowed_methods)]
fn sort_triples(v: &mut [(u64, u64, u32)]) {
    v.sort_unstable();
}

/// Sorts `v` by `key`, stably (equal keys keep their order).
pub(crate) fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> (u64, u64)) {
    if v.len() < 2 {
        return;
    }
    if v.len() <= 16 {
        // insertion sort: stable, no allocation, for the many short lists of the layouts
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && key(&v[j - 1]) > key(&v[j]) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut keyed: Vec<(u64, u64, u32)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i as u32)
        })
        .collect();
    sort_triples(&mut keyed);
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        keyed
            .into_iter()
            .filter_map(|(_, _, i)| items[i as usize].take()),
    );
}

/// An order-keeping key for an `f64` (NaN last, as `f64::total_cmp` orders it).
pub(crate) fn f64_key(f: f64) -> u64 {
    let b = f.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// An order-keeping key for an `i64`.
pub(crate) fn i64_key(i: i64) -> u64 {
    (i as u64) ^ (1 << 63)
}

/// Sorts `v` stably by `less`: a merge sort, small in code, for lists that cannot be keyed
/// by numbers (text).
pub(crate) fn merge_sort_by<T: Clone>(v: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let n = v.len();
    let mut buf: Vec<T> = v.to_vec();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < end {
                if less(&v[b], &v[a]) {
                    buf[k] = v[b].clone();
                    b += 1;
                } else {
                    buf[k] = v[a].clone();
                    a += 1;
                }
                k += 1;
            }
            buf[k..k + mid - a].clone_from_slice(&v[a..mid]);
            k += mid - a;
            buf[k..k + end - b].clone_from_slice(&v[b..end]);
            i = end;
        }
        v.clone_from_slice(&buf);
        width *= 2;
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the oracle: the standard sorts
mod tests {
    use super::*;

    #[test]
    fn sorts_agree_with_the_standard_library_and_are_stable() {
        let mut state = 7u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in [0, 1, 2, 5, 16, 17, 100, 1000] {
            let items: Vec<(i64, f64, usize)> = (0..len)
                .map(|i| ((next() % 7) as i64 - 3, (next() % 5) as f64 - 2.5, i))
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(a, b, _)| (i64_key(a), f64_key(b)));
            let mut std = items.clone();
            std.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
            assert_eq!(ours, std, "{len}");
            let mut merged = items.clone();
            merge_sort_by(&mut merged, &|x, y| x.0 < y.0);
            let mut std = items;
            std.sort_by_key(|x| x.0);
            assert_eq!(merged, std, "{len}");
        }
        let mut fs = vec![
            f64::NAN,
            1.0,
            -0.0,
            0.0,
            -1.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut want = fs.clone();
        want.sort_by(f64::total_cmp);
        sort_by_key(&mut fs, |&f| (f64_key(f), 0));
        assert_eq!(format!("{fs:?}"), format!("{want:?}"));
    }
}
