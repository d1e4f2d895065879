//! The words of every event's searchable text, each with the events it appears in: what
//! makes a word search on a million events take milliseconds instead of folding every
//! event's text again.
//!
//! Search matches a folded query anywhere in an event's folded text (see `search.rs`). A
//! query made only of letters and digits can only occur inside one word of the text, so
//! the events that contain it are exactly those of the words that contain it: the index
//! finds those words with one substring search over its list of distinct words and joins
//! their events. A query with spaces or punctuation ("air base", "u.s.") gets the events
//! that hold all of its words, and those few are then checked against their text.
//!
//! Built once per dataset, on first use, on the thread that asks (the filter's background
//! thread for a large dataset): a million ACLED-like events take about a second, on two
//! threads, and the index holds each (word, event) pair in one or two bytes.

use fixedbitset::FixedBitSet;
use memchr::memmem;
use rustc_hash::FxHashMap;

use super::dataset::{Dataset, EventIndex};
use super::search::searchable_text;

/// The index (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct WordIndex {
    /// Every distinct word, each followed by `\n` (which folded text never holds), so one
    /// substring search finds every word that contains a query.
    words: String,
    /// Where word `n` begins in `words`.
    word_starts: Vec<u32>,
    /// The events of every word, one list after another: ascending event indices, each
    /// written as its distance from the one before in LEB128 (7 bits a byte).
    postings: Vec<u8>,
    /// Where the list of word `n` ends in `postings`.
    posting_ends: Vec<usize>,
    /// How many events the dataset has.
    events: usize,
}

/// What the index says about a query.
#[derive(Debug)]
pub enum Lookup {
    /// Exactly the events whose text contains the query.
    Exact(FixedBitSet),
    /// The events that may contain it, a superset to check against their text.
    Candidates(FixedBitSet),
}

impl WordIndex {
    /// Indexes every event of `dataset`, on two threads when it is large.
    pub fn build(dataset: &Dataset) -> WordIndex {
        let len = dataset.len();
        let threads = if len >= 50_000 { 2 } else { 1 };
        let chunk = len.div_ceil(threads).max(1);
        let parts: Vec<Partial> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|n| {
                    let range = (n * chunk).min(len)..((n + 1) * chunk).min(len);
                    scope.spawn(move || Partial::build(dataset, range))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or_default())
                .collect()
        });
        Self::merge(parts, len)
    }

    /// Puts the partial indexes of consecutive ranges of events together.
    fn merge(parts: Vec<Partial>, events: usize) -> WordIndex {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut lists: Vec<(Vec<u8>, Option<u32>)> = Vec::new();
        let mut order: Vec<&str> = Vec::new();
        for part in &parts {
            for (word, &id) in &part.ids {
                let list = &part.lists[id];
                let at = *ids.entry(word.as_ref()).or_insert_with(|| {
                    order.push(word.as_ref());
                    lists.push((Vec::new(), None));
                    lists.len() - 1
                });
                let (bytes, last) = &mut lists[at];
                // Each part's list starts with an absolute index; after an earlier part's
                // list it becomes a distance like the rest.
                let mut rest: &[u8] = &list.bytes;
                if let Some(first) = read_varint(&mut rest) {
                    let gap = last.map_or(first, |last| first.saturating_sub(last));
                    write_varint(bytes, gap);
                    bytes.extend_from_slice(rest);
                    *last = list.last;
                }
            }
        }
        let mut index = WordIndex {
            events,
            ..WordIndex::default()
        };
        for (word, (bytes, _)) in order.iter().zip(&lists) {
            index.word_starts.push(index.words.len() as u32);
            index.words.push_str(word);
            index.words.push('\n');
            index.postings.extend_from_slice(bytes);
            index.posting_ends.push(index.postings.len());
        }
        index.words.shrink_to_fit();
        index.postings.shrink_to_fit();
        index
    }

    /// The events whose text contains `query` (already folded), or `None` when the query
    /// has no letter or digit for the index to go on.
    pub fn lookup(&self, query: &str) -> Option<Lookup> {
        let words: Vec<&str> = tokens(query).collect();
        let exact = words.len() == 1 && query.chars().all(is_word_char);
        let mut result: Option<FixedBitSet> = None;
        for token in words {
            let events = self.events_with(token);
            result = Some(match result {
                None => events,
                Some(mut so_far) => {
                    so_far.intersect_with(&events);
                    so_far
                }
            });
        }
        let events = result?;
        Some(if exact {
            Lookup::Exact(events)
        } else {
            Lookup::Candidates(events)
        })
    }

    /// The events with a word that contains `token`.
    fn events_with(&self, token: &str) -> FixedBitSet {
        let mut events = FixedBitSet::with_capacity(self.events);
        let haystack = self.words.as_bytes();
        let finder = memmem::Finder::new(token.as_bytes());
        let mut from = 0;
        while let Some(found) = finder.find(&haystack[from..]) {
            let at = from + found;
            // The word the match lies in: the last one starting at or before it.
            let word = self
                .word_starts
                .partition_point(|&start| start as usize <= at)
                - 1;
            self.add_events(word, &mut events);
            from = self
                .word_starts
                .get(word + 1)
                .map_or(haystack.len(), |&next| next as usize);
        }
        events
    }

    /// Sets the bits of word `word`'s events.
    fn add_events(&self, word: usize, events: &mut FixedBitSet) {
        let start = if word == 0 {
            0
        } else {
            self.posting_ends[word - 1]
        };
        let mut list = &self.postings[start..self.posting_ends[word]];
        let mut at: u32 = 0;
        while let Some(gap) = read_varint(&mut list) {
            at = at.saturating_add(gap);
            if (at as usize) < self.events {
                events.insert(at as usize);
            }
        }
    }

    /// How many distinct words there are.
    pub fn word_count(&self) -> usize {
        self.word_starts.len()
    }

    /// Bytes held on the heap, for the memory figures in the README.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity()
            + self.word_starts.capacity() * 4
            + self.postings.capacity()
            + self.posting_ends.capacity() * std::mem::size_of::<usize>()
    }
}

/// The index of one range of events, before the ranges are put together.
#[derive(Default)]
struct Partial {
    ids: FxHashMap<Box<str>, usize>,
    lists: Vec<List>,
}

/// One word's events in a [`Partial`].
struct List {
    bytes: Vec<u8>,
    last: Option<u32>,
}

impl Partial {
    fn build(dataset: &Dataset, range: std::ops::Range<EventIndex>) -> Partial {
        let mut partial = Partial::default();
        let mut text = String::new();
        for index in range {
            text.clear();
            searchable_text(dataset, index, &mut text);
            let index = index as u32;
            for token in tokens(&text) {
                let id = match partial.ids.get(token) {
                    Some(&id) => id,
                    None => {
                        partial.ids.insert(token.into(), partial.lists.len());
                        partial.lists.push(List {
                            bytes: Vec::new(),
                            last: None,
                        });
                        partial.lists.len() - 1
                    }
                };
                let list = &mut partial.lists[id];
                // A word twice in one event is listed once.
                if list.last == Some(index) {
                    continue;
                }
                let gap = list.last.map_or(index, |last| index - last);
                write_varint(&mut list.bytes, gap);
                list.last = Some(index);
            }
        }
        partial
    }
}

/// Whether `c` belongs to a word: a letter or a digit, in any script.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of folded text: its runs of letters and digits.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|token| !token.is_empty())
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        let mut bytes = Vec::new();
        for &value in &values {
            write_varint(&mut bytes, value);
        }
        let mut rest = bytes.as_slice();
        for &value in &values {
            assert_eq!(read_varint(&mut rest), Some(value));
        }
        assert_eq!(read_varint(&mut rest), None);
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let words: Vec<&str> = tokens("al qaim, u.s. القائم 2024").collect();
        assert_eq!(words, ["al", "qaim", "u", "s", "القائم", "2024"]);
    }
}
