//! Ids and names seen while importing: the set of ids already used, and caches of the
//! actors, types, countries and sources already interned in a writer. Both hash with one
//! cheap function and keep their text in few allocations, for files of a million rows.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::convert::Infallible;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{ActorId, DatasetWriter, SourceId, StoreFull};

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(super) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The ids used so far with the row that used each: one hash per id in a table and the ids
/// themselves in one buffer, so a million ids cost no allocation each.
#[derive(Debug, Default)]
pub(super) struct IdSet {
    by_hash: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    text: String,
    ends: Vec<usize>,
    rows: Vec<u64>,
    /// Ids whose hash another id already has (vanishingly rare).
    collided: HashMap<String, u64>,
}

/// A 64-bit hash of an id: eight bytes at a time, then a final mix (MurmurHash3's). Equal
/// hashes are always checked against the ids, so its quality only affects speed.
pub(super) fn hash_id(id: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hash = K ^ id.len() as u64;
    let mut words = id.as_bytes().chunks(8);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes[..word.len()].copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(bytes)).wrapping_mul(K);
        hash ^= hash >> 29;
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    hash ^ (hash >> 33)
}

fn stored<'a>(text: &'a str, ends: &[usize], index: u32) -> &'a str {
    let index = index as usize;
    let start = if index == 0 { 0 } else { ends[index - 1] };
    text.get(start..ends[index]).unwrap_or("")
}

impl IdSet {
    fn find(&self, id: &str, hash: u64) -> Option<u64> {
        match self.by_hash.get(&hash) {
            Some(&index) if stored(&self.text, &self.ends, index) == id => {
                Some(self.rows[index as usize])
            }
            Some(_) => self.collided.get(id).copied(),
            None => None,
        }
    }

    /// Records that `row` uses `id`; if an earlier row did, gives that row instead.
    pub(super) fn insert(&mut self, id: &str, row: u64) -> Result<(), u64> {
        let hash = hash_id(id);
        let index = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        match self.by_hash.entry(hash) {
            Entry::Vacant(slot) if index < u32::MAX => {
                slot.insert(index);
                self.text.push_str(id);
                self.ends.push(self.text.len());
                self.rows.push(row);
                Ok(())
            }
            Entry::Occupied(slot) if stored(&self.text, &self.ends, *slot.get()) == id => {
                Err(self.rows[*slot.get() as usize])
            }
            // Another id has this hash (or the table is full): keep this one by name.
            _ => match self.collided.get(id) {
                Some(&earlier) => Err(earlier),
                None => {
                    self.collided.insert(id.to_owned(), row);
                    Ok(())
                }
            },
        }
    }

    /// Whether any id is in both sets.
    pub(super) fn overlaps(&self, other: &IdSet) -> bool {
        let (small, large) = if self.rows.len() <= other.rows.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.by_hash.iter().any(|(&hash, &index)| {
            large
                .find(stored(&small.text, &small.ends, index), hash)
                .is_some()
        }) || small
            .collided
            .keys()
            .any(|id| large.find(id, hash_id(id)).is_some())
    }
}

/// Names already interned in a writer with their ids, found by a cheap hash before the
/// writer's own tables are asked: a million rows naming a few thousand actors, types and
/// countries hash each name once, not with SipHash and again in every table.
#[derive(Debug)]
pub(super) struct NameCache<T> {
    by_hash: HashMap<u64, (Box<str>, T), BuildHasherDefault<Prehashed>>,
}

impl<T> Default for NameCache<T> {
    fn default() -> Self {
        NameCache {
            by_hash: HashMap::default(),
        }
    }
}

/// Names past this many are not cached (a file of a million distinct names).
const NAME_CACHE_SIZE: usize = 1 << 16;

impl<T: Copy> NameCache<T> {
    /// The id of `name`: from the cache, or from `intern` (then cached).
    pub(super) fn get<E>(
        &mut self,
        name: &str,
        intern: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, E> {
        let hash = hash_id(name);
        if let Some((cached, id)) = self.by_hash.get(&hash)
            && **cached == *name
        {
            return Ok(*id);
        }
        let id = intern(name)?;
        if self.by_hash.len() < NAME_CACHE_SIZE {
            self.by_hash.insert(hash, (name.into(), id));
        }
        Ok(id)
    }
}

/// The name caches of one thread's writer (see [`NameCache`]).
#[derive(Debug, Default)]
pub(super) struct Names {
    actors: NameCache<ActorId>,
    types: NameCache<u16>,
    countries: NameCache<u16>,
    sources: NameCache<SourceId>,
}

fn infallible<T>(result: Result<T, Infallible>) -> T {
    match result {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

impl Names {
    /// [`DatasetWriter::actor`], cached.
    pub(super) fn actor(
        &mut self,
        writer: &mut DatasetWriter,
        name: &str,
    ) -> Result<ActorId, StoreFull> {
        self.actors.get(name, |name| writer.actor(name))
    }

    /// [`DatasetWriter::event_type`], cached.
    pub(super) fn event_type(&mut self, writer: &mut DatasetWriter, name: &str) -> u16 {
        infallible(self.types.get(name, |name| Ok(writer.event_type(name))))
    }

    /// [`DatasetWriter::country`], cached.
    pub(super) fn country(&mut self, writer: &mut DatasetWriter, name: &str) -> u16 {
        infallible(self.countries.get(name, |name| Ok(writer.country(name))))
    }

    /// [`DatasetWriter::source_record`], cached.
    pub(super) fn source(&mut self, writer: &mut DatasetWriter, name: &str) -> SourceId {
        infallible(
            self.sources
                .get(name, |name| Ok(writer.source_record(name))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_sets_find_repeats_and_overlaps() {
        let mut first = IdSet::default();
        assert_eq!(first.insert("IRQ1", 1), Ok(()));
        assert_eq!(first.insert("IRQ2", 2), Ok(()));
        assert_eq!(first.insert("IRQ1", 3), Err(1));
        let mut second = IdSet::default();
        second.insert("IRQ3", 1).expect("new");
        assert!(!first.overlaps(&second));
        second.insert("IRQ2", 2).expect("new here");
        assert!(first.overlaps(&second));
    }

    #[test]
    fn cached_names_are_the_writers_ids() {
        let mut writer = DatasetWriter::new();
        let mut names = Names::default();
        let first = names.actor(&mut writer, "Kataib Hezbollah").expect("room");
        let second = names.actor(&mut writer, "Harakat al-Nujaba").expect("room");
        assert_eq!(
            names.actor(&mut writer, "Kataib Hezbollah").expect("room"),
            first
        );
        assert_ne!(first, second);
        assert_eq!(writer.actors().len(), 2);
        assert_eq!(
            names.event_type(&mut writer, "042"),
            writer.event_type("042")
        );
        assert_eq!(names.country(&mut writer, ""), 0);
        assert_ne!(hash_id("IRQ1"), hash_id("IRQ2"));
    }
}
