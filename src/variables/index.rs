//! The reference index: every use of every variable ([`refs::uses`]), kept per unit (a node, a
//! variable, the template's `outputs`) so that an edit recomputes only the units it touched.
//! [`RefIndex::references`] answers in time proportional to the uses of one key, and equals
//! [`refs::uses`] filtered by that key, in the same order.
//!
//! What a unit's uses depend on: a node's, on the node (and, for a sub-process, on whether the
//! variable a parameter names lists that parameter in its `source_info`: a change to that
//! variable recomputes the sub-process nodes that use its key); a variable's, on the variable;
//! `outputs`', on `outputs`.

use super::refs::{self, Use, UseKind};
use crate::json::{Path, Value};
use crate::map::{HashMap, HashSet};
use crate::model::{NodeKind, Place, Tree};

/// A part of the tree whose uses are kept together.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Unit {
    /// The activities and gateways stored under this key.
    Node(String),
    /// The variable stored under this key.
    Variable(String),
    /// The template's `outputs` list.
    Outputs,
}

/// What an edit touched, for [`RefIndex::update`].
#[derive(Debug, Default)]
pub struct Touched {
    /// Keys of nodes added, removed or changed.
    pub nodes: Vec<String>,
    /// Keys (in `constants`) of variables added, removed or changed.
    pub variables: Vec<String>,
    /// `outputs` changed.
    pub outputs: bool,
    /// A section was replaced as a whole: everything is recomputed.
    pub all: bool,
}

/// Every use of every variable, kept per unit (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct RefIndex {
    units: HashMap<Unit, Vec<Use>>,
    /// The units holding at least one use of a key.
    holders: HashMap<String, HashSet<Unit>>,
    /// Per key, how many uses [`RefIndex::count`] and [`RefIndex::used`] count.
    tally: HashMap<String, Tally>,
}

/// The uses of one key that [`RefIndex::count`] and [`RefIndex::used`] count.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    /// Uses other than the template's `outputs` list.
    places: usize,
    /// Uses other than a variable's value naming the variable itself.
    users: usize,
}

impl Tally {
    fn add(&mut self, u: &Use, by: isize) {
        let step = |n: &mut usize| *n = n.wrapping_add_signed(by);
        if u.kind != UseKind::Outputs {
            step(&mut self.places);
        }
        if !(u.kind == UseKind::Variable && u.variable.as_deref() == Some(u.key.as_str())) {
            step(&mut self.users);
        }
    }
}

impl RefIndex {
    pub fn build(tree: &Tree) -> RefIndex {
        let mut ix = RefIndex::default();
        let mut seen = HashSet::new();
        for n in tree.activities().chain(tree.gateways()) {
            if seen.insert(n.key().to_owned()) {
                let k = n.key().to_owned();
                ix.set(Unit::Node(k.clone()), node_uses(tree, &k));
            }
        }
        for c in tree.constants() {
            let k = c.map_key().to_owned();
            ix.set(Unit::Variable(k.clone()), variable_uses(tree, &k));
        }
        ix.set(Unit::Outputs, outputs_uses(tree));
        ix
    }

    /// Recomputes the units an edit touched; returns the keys whose uses changed.
    pub fn update(&mut self, tree: &Tree, touched: &Touched) -> Vec<String> {
        if touched.all {
            let fresh = RefIndex::build(tree);
            let mut keys: Vec<String> = self.holders.keys().cloned().collect();
            keys.extend(
                fresh
                    .holders
                    .keys()
                    .filter(|k| !self.holders.contains_key(*k))
                    .cloned(),
            );
            *self = fresh;
            return keys;
        }
        let mut units: Vec<Unit> = Vec::new();
        let mut seen: HashSet<Unit> = HashSet::new();
        let mut add = |u: Unit, units: &mut Vec<Unit>| {
            if seen.insert(u.clone()) {
                units.push(u);
            }
        };
        for k in &touched.nodes {
            add(Unit::Node(k.clone()), &mut units);
        }
        for k in &touched.variables {
            add(Unit::Variable(k.clone()), &mut units);
            // a sub-process parameter `${k}` is an input or a text use by k's source_info
            for u in self.holders.get(k.as_str()).into_iter().flatten() {
                if let Unit::Node(n) = u {
                    if tree
                        .activity(n)
                        .is_some_and(|n| n.kind() == NodeKind::SubProcess)
                    {
                        add(u.clone(), &mut units);
                    }
                }
            }
        }
        if touched.outputs {
            add(Unit::Outputs, &mut units);
        }
        let mut changed = Vec::new();
        let mut named: HashSet<String> = HashSet::new();
        for u in units {
            let uses = match &u {
                Unit::Node(k) => node_uses(tree, k),
                Unit::Variable(k) => variable_uses(tree, k),
                Unit::Outputs => outputs_uses(tree),
            };
            if self
                .units
                .get(&u)
                .map_or(uses.is_empty(), |old| *old == uses)
            {
                continue;
            }
            for x in self.units.get(&u).into_iter().flatten().chain(&uses) {
                if named.insert(x.key.clone()) {
                    changed.push(x.key.clone());
                }
            }
            self.set(u, uses);
        }
        changed
    }

    fn set(&mut self, unit: Unit, uses: Vec<Use>) {
        if let Some(old) = self.units.remove(&unit) {
            for u in &old {
                if let Some(t) = self.tally.get_mut(u.key.as_str()) {
                    t.add(u, -1);
                    if t.places == 0 && t.users == 0 {
                        self.tally.remove(u.key.as_str());
                    }
                }
                if let Some(set) = self.holders.get_mut(u.key.as_str()) {
                    set.remove(&unit);
                    if set.is_empty() {
                        self.holders.remove(u.key.as_str());
                    }
                }
            }
        }
        for u in &uses {
            match self.tally.get_mut(u.key.as_str()) {
                Some(t) => t.add(u, 1),
                None => {
                    let mut t = Tally::default();
                    t.add(u, 1);
                    self.tally.insert(u.key.clone(), t);
                }
            }
            match self.holders.get_mut(u.key.as_str()) {
                Some(set) => {
                    set.insert(unit.clone());
                }
                None => {
                    let mut set = HashSet::new();
                    set.insert(unit.clone());
                    self.holders.insert(u.key.clone(), set);
                }
            }
        }
        if !uses.is_empty() {
            self.units.insert(unit, uses);
        }
    }

    /// Every use of `key` (`${name}`), in [`refs::uses`] order.
    pub fn references(&self, tree: &Tree, key: &str) -> Vec<Use> {
        let mut units: Vec<(usize, usize, &Unit)> = self
            .holders
            .get(key)
            .into_iter()
            .flatten()
            .flat_map(|u| order(tree, u).into_iter().map(move |(a, b)| (a, b, u)))
            .collect();
        crate::sort::sort_by_key(&mut units, |u| (u.0 as u64, u.1 as u64));
        let mut out = Vec::new();
        for (section, _, u) in units {
            let uses = self.units.get(u).into_iter().flatten();
            // a key stored in both activities and gateways: each part in its own place
            let part = uses.filter(|x| x.key == key).filter(|x| match u {
                Unit::Node(_) => in_section(&x.path, section),
                _ => true,
            });
            out.extend(part.cloned());
        }
        out
    }

    /// How many places use each key (the template's `outputs` list apart).
    pub fn count(&self, key: &str) -> usize {
        self.tally.get(key).map_or(0, |t| t.places)
    }

    /// Whether anything uses the key: a node, another variable (a variable's own value
    /// naming itself does not count) or the template's `outputs`.
    pub fn used(&self, key: &str) -> bool {
        self.tally.get(key).is_some_and(|t| t.users > 0)
    }

    /// Whether `outputs` lists the key.
    pub fn is_output(&self, key: &str) -> bool {
        self.units
            .get(&Unit::Outputs)
            .is_some_and(|l| l.iter().any(|x| x.key == key))
    }

    /// Every use, in [`refs::uses`] order (for checks against a recomputation).
    pub fn all(&self, tree: &Tree) -> Vec<Use> {
        let mut units: Vec<(usize, usize, &Unit)> = self
            .units
            .keys()
            .flat_map(|u| order(tree, u).into_iter().map(move |(a, b)| (a, b, u)))
            .collect();
        crate::sort::sort_by_key(&mut units, |u| (u.0 as u64, u.1 as u64));
        let mut out = Vec::new();
        for (section, _, u) in units {
            for x in self.units.get(u).into_iter().flatten() {
                if !matches!(u, Unit::Node(_)) || in_section(&x.path, section) {
                    out.push(x.clone());
                }
            }
        }
        out
    }
}

/// The sections of [`refs::uses`] order: activities, gateways, constants, outputs.
const ACTIVITIES: usize = 0;
const GATEWAYS: usize = 1;
const CONSTANTS: usize = 2;
const OUTPUTS: usize = 3;

/// Where a unit's parts stand in [`refs::uses`] order: (section, position in it).
fn order(tree: &Tree, u: &Unit) -> Vec<(usize, usize)> {
    let at = |section: &str, key: &str| {
        tree.root()
            .get(section)
            .and_then(Value::as_object)
            .and_then(|o| o.index_of(key))
    };
    match u {
        Unit::Node(k) => [(ACTIVITIES, "activities"), (GATEWAYS, "gateways")]
            .into_iter()
            .filter_map(|(s, name)| at(name, k).map(|i| (s, i)))
            .collect(),
        Unit::Variable(k) => at("constants", k)
            .map(|i| (CONSTANTS, i))
            .into_iter()
            .collect(),
        Unit::Outputs => vec![(OUTPUTS, 0)],
    }
}

/// Whether a use's path lies in the section (`activities` or `gateways`).
fn in_section(path: &Path, section: usize) -> bool {
    let name = if section == ACTIVITIES {
        "activities"
    } else {
        "gateways"
    };
    path.first_key() == Some(name)
}

/// The uses of the nodes stored under `key`, activities first.
fn node_uses(tree: &Tree, key: &str) -> Vec<Use> {
    let mut out = Vec::new();
    for n in tree.nodes_keyed(key) {
        if matches!(n.place(), Place::Activities | Place::Gateways) {
            refs::node_uses(tree, &n, &mut out);
        }
    }
    out
}

fn variable_uses(tree: &Tree, key: &str) -> Vec<Use> {
    let mut out = Vec::new();
    if let Some(c) = tree.constant(key) {
        refs::variable_uses(&c, &mut out);
    }
    out
}

fn outputs_uses(tree: &Tree) -> Vec<Use> {
    refs::uses_in_outputs(tree)
}
