//! The crate's hash maps and sets: entries in a `Vec` in insertion order (a removal moves the
//! last entry into the hole), found through a hash table of entry positions.
//!
//! The table holds only positions (`usize`) and the entries' hashes sit beside it, so growing
//! and rehashing the table is one non-generic function for every key and value type: each
//! distinct table type would otherwise bring its own copy of the probing, growing and
//! rehashing code into the `.wasm`. Lookups stay generic (the key comparison is inlined).
//! Keys are hashed with foldhash, seeded per map as `foldhash::fast::RandomState` does.
//!
//! The API is the subset of `std::collections::HashMap`/`HashSet` the crate uses, with the
//! same meaning; iteration follows insertion order while nothing is removed.

use core::borrow::Borrow;
use core::fmt;
use core::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// Positions of entries by hash; the part of a map that does not depend on its types.
#[derive(Clone, Default)]
struct Index {
    table: HashTable<usize>,
    hashes: Vec<u64>,
    state: RandomState,
}

impl Index {
    fn with_capacity(n: usize) -> Index {
        Index {
            table: HashTable::with_capacity(n),
            hashes: Vec::with_capacity(n),
            state: RandomState::default(),
        }
    }

    /// Records a new entry (at the next position) with its hash.
    #[inline(never)]
    fn push(&mut self, hash: u64) {
        let i = self.hashes.len();
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, i, |&j| hashes[j]);
    }

    /// Forgets entry `i`; the last entry takes its position (as `Vec::swap_remove`).
    #[inline(never)]
    fn swap_remove(&mut self, i: usize) {
        let hash = self.hashes[i];
        if let Ok(e) = self.table.find_entry(hash, |&j| j == i) {
            e.remove();
        }
        let last = self.hashes.len() - 1;
        if i != last {
            if let Some(slot) = self.table.find_mut(self.hashes[last], |&j| j == last) {
                *slot = i;
            }
        }
        self.hashes.swap_remove(i);
    }

    #[inline(never)]
    fn reserve(&mut self, additional: usize) {
        let hashes = &self.hashes;
        self.table.reserve(additional, |&j| hashes[j]);
        self.hashes.reserve(additional);
    }

    fn clear(&mut self) {
        self.table.clear();
        self.hashes.clear();
    }
}

/// A hash map (see the module docs).
#[derive(Clone)]
pub struct HashMap<K, V> {
    entries: Vec<(K, V)>,
    index: Index,
}

impl<K, V> Default for HashMap<K, V> {
    fn default() -> Self {
        HashMap {
            entries: Vec::new(),
            index: Index::default(),
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for HashMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K, V> HashMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        HashMap {
            entries: Vec::with_capacity(n),
            index: Index::with_capacity(n),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
    }

    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.entries.iter())
    }

    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        IterMut(self.entries.iter_mut())
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.entries.into_iter().map(|(_, v)| v)
    }

    pub fn into_keys(self) -> impl Iterator<Item = K> {
        self.entries.into_iter().map(|(k, _)| k)
    }

    /// Keeps the entries for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let mut i = 0;
        while i < self.entries.len() {
            let (k, v) = &mut self.entries[i];
            if keep(k, v) {
                i += 1;
            } else {
                self.entries.swap_remove(i);
                self.index.swap_remove(i);
            }
        }
    }
}

impl<K: Hash + Eq, V> HashMap<K, V> {
    fn hash<Q: Hash + ?Sized>(&self, q: &Q) -> u64 {
        self.index.state.hash_one(q)
    }

    fn find<Q>(&self, hash: u64, q: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let (entries, hashes) = (&self.entries, &self.index.hashes);
        self.index
            .table
            .find(hash, |&i| hashes[i] == hash && entries[i].0.borrow() == q)
            .copied()
    }

    fn position<Q>(&self, q: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.entries.is_empty() {
            return None;
        }
        self.find(self.hash(q), q)
    }

    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.index.reserve(additional);
    }

    pub fn get<Q>(&self, q: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.position(q).map(|i| &self.entries[i].1)
    }

    pub fn get_key_value<Q>(&self, q: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.position(q).map(|i| {
            let (k, v) = &self.entries[i];
            (k, v)
        })
    }

    pub fn get_mut<Q>(&mut self, q: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.position(q).map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key<Q>(&self, q: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.position(q).is_some()
    }

    /// Inserts or replaces (a replaced entry keeps its place); gives the old value.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        let hash = self.hash(&k);
        match self.find(hash, &k) {
            Some(i) => Some(core::mem::replace(&mut self.entries[i].1, v)),
            None => {
                self.push(hash, k, v);
                None
            }
        }
    }

    fn push(&mut self, hash: u64, k: K, v: V) -> usize {
        let i = self.entries.len();
        self.entries.push((k, v));
        self.index.push(hash);
        i
    }

    pub fn remove<Q>(&mut self, q: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.remove_entry(q).map(|(_, v)| v)
    }

    pub fn remove_entry<Q>(&mut self, q: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let i = self.position(q)?;
        self.index.swap_remove(i);
        Some(self.entries.swap_remove(i))
    }

    pub fn entry(&mut self, k: K) -> Entry<'_, K, V> {
        let hash = self.hash(&k);
        match self.find(hash, &k) {
            Some(i) => Entry::Occupied(OccupiedEntry { map: self, i }),
            None => Entry::Vacant(VacantEntry {
                map: self,
                hash,
                key: k,
            }),
        }
    }
}

impl<K: Hash + Eq, V: PartialEq> PartialEq for HashMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V: Eq> Eq for HashMap<K, V> {}

impl<K: Hash + Eq, V, Q> core::ops::Index<&Q> for HashMap<K, V>
where
    K: Borrow<Q>,
    Q: Hash + Eq + ?Sized,
{
    type Output = V;

    fn index(&self, q: &Q) -> &V {
        match self.get(q) {
            Some(v) => v,
            None => panic!("no entry for the key"),
        }
    }
}

/// An entry of a map, there or not ([`HashMap::entry`]).
pub enum Entry<'a, K, V> {
    Occupied(OccupiedEntry<'a, K, V>),
    Vacant(VacantEntry<'a, K, V>),
}

pub struct OccupiedEntry<'a, K, V> {
    map: &'a mut HashMap<K, V>,
    i: usize,
}

pub struct VacantEntry<'a, K, V> {
    map: &'a mut HashMap<K, V>,
    hash: u64,
    key: K,
}

impl<'a, K: Hash + Eq, V> Entry<'a, K, V> {
    pub fn or_insert(self, v: V) -> &'a mut V {
        self.or_insert_with(|| v)
    }

    pub fn or_insert_with(self, f: impl FnOnce() -> V) -> &'a mut V {
        match self {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(f()),
        }
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }

    pub fn and_modify(mut self, f: impl FnOnce(&mut V)) -> Self {
        if let Entry::Occupied(e) = &mut self {
            f(e.get_mut());
        }
        self
    }

    pub fn key(&self) -> &K {
        match self {
            Entry::Occupied(e) => e.key(),
            Entry::Vacant(e) => &e.key,
        }
    }
}

impl<'a, K: Hash + Eq, V> OccupiedEntry<'a, K, V> {
    pub fn key(&self) -> &K {
        &self.map.entries[self.i].0
    }

    pub fn get(&self) -> &V {
        &self.map.entries[self.i].1
    }

    pub fn get_mut(&mut self) -> &mut V {
        &mut self.map.entries[self.i].1
    }

    pub fn into_mut(self) -> &'a mut V {
        &mut self.map.entries[self.i].1
    }

    pub fn insert(&mut self, v: V) -> V {
        core::mem::replace(self.get_mut(), v)
    }

    pub fn remove(self) -> V {
        self.map.index.swap_remove(self.i);
        self.map.entries.swap_remove(self.i).1
    }
}

impl<'a, K: Hash + Eq, V> VacantEntry<'a, K, V> {
    pub fn key(&self) -> &K {
        &self.key
    }

    pub fn insert(self, v: V) -> &'a mut V {
        let i = self.map.push(self.hash, self.key, v);
        &mut self.map.entries[i].1
    }
}

/// The entries of a map by reference.
#[derive(Clone)]
pub struct Iter<'a, K, V>(core::slice::Iter<'a, (K, V)>);

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

/// The entries of a map, values mutable.
pub struct IterMut<'a, K, V>(core::slice::IterMut<'a, (K, V)>);

impl<'a, K, V> Iterator for IterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (&*k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'a, K, V> IntoIterator for &'a HashMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut HashMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K, V> IntoIterator for HashMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: Hash + Eq, V> Extend<(K, V)> for HashMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for HashMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = HashMap::new();
        map.extend(iter);
        map
    }
}

/// A hash set: a [`HashMap`] to `()`.
#[derive(Clone)]
pub struct HashSet<T>(HashMap<T, ()>);

impl<T: Hash + Eq> PartialEq for HashSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T: Hash + Eq> Eq for HashSet<T> {}

impl<T> Default for HashSet<T> {
    fn default() -> Self {
        HashSet(HashMap::default())
    }
}

impl<T: fmt::Debug> fmt::Debug for HashSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T> HashSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        HashSet(HashMap::with_capacity(n))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> + Clone {
        self.0.keys()
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|k, _| keep(k));
    }
}

impl<T: Hash + Eq> HashSet<T> {
    /// Adds `t`; false when it was there (the set keeps the first).
    pub fn insert(&mut self, t: T) -> bool {
        match self.0.entry(t) {
            Entry::Occupied(_) => false,
            Entry::Vacant(e) => {
                e.insert(());
                true
            }
        }
    }

    pub fn contains<Q>(&self, q: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains_key(q)
    }

    pub fn get<Q>(&self, q: &Q) -> Option<&T>
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.get_key_value(q).map(|(k, _)| k)
    }

    pub fn remove<Q>(&mut self, q: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.remove(q).is_some()
    }

    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }
}

impl<T> IntoIterator for HashSet<T> {
    type Item = T;
    type IntoIter = core::iter::Map<std::vec::IntoIter<(T, ())>, fn((T, ())) -> T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.entries.into_iter().map(|(k, ())| k)
    }
}

impl<'a, T> IntoIterator for &'a HashSet<T> {
    type Item = &'a T;
    type IntoIter = core::iter::Map<Iter<'a, T, ()>, fn((&'a T, &'a ())) -> &'a T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<T: Hash + Eq> Extend<T> for HashSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for t in iter {
            self.insert(t);
        }
    }
}

impl<T: Hash + Eq> FromIterator<T> for HashSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = HashSet::new();
        set.extend(iter);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove_keep_positions_consistent() {
        let mut m: HashMap<String, usize> = HashMap::new();
        for i in 0..1000 {
            assert_eq!(m.insert(format!("k{i}"), i), None);
        }
        assert_eq!(m.insert("k5".to_owned(), 55), Some(5));
        assert_eq!(m.keys().nth(5).map(String::as_str), Some("k5"));
        for i in (0..1000).step_by(3) {
            assert_eq!(
                m.remove(&format!("k{i}")[..]),
                Some(if i == 5 { 55 } else { i })
            );
        }
        for i in 0..1000 {
            let want = (i % 3 != 0).then_some(if i == 5 { 55 } else { i });
            assert_eq!(m.get(&format!("k{i}")[..]).copied(), want);
        }
        assert_eq!(m.len(), 666);
        *m.entry("k1".to_owned()).or_default() += 1;
        *m.entry("new".to_owned()).or_default() += 1;
        assert_eq!((m["k1"], m["new"]), (2, 1));
        m.retain(|_, v| *v % 2 == 0);
        assert!(m.iter().all(|(k, v)| *v % 2 == 0 && m.get(k) == Some(v)));
    }

    #[test]
    fn sets() {
        let mut s: HashSet<&str> = ["a", "b", "a"].into_iter().collect();
        assert_eq!(s.len(), 2);
        assert!(!s.insert("b"));
        assert!(s.remove("a"));
        assert!(!s.contains("a") && s.contains("b"));
    }
}
