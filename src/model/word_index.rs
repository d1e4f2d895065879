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
    /// Every distinct word.
    words: Dictionary,
    /// Every distinct pair of neighbouring words with what stands between them ("ramadi 3",
    /// "ain al", "u.s"): a query of two words is answered from these exactly, a longer one
    /// narrowed to the events that hold each of its neighbouring pairs.
    pairs: Dictionary,
    /// How many events the dataset has.
    events: usize,
}

/// Longest run of spaces and punctuation kept between the two words of a pair.
const MAX_GAP: usize = 3;

/// Entries (words or pairs) and the events of each.
#[derive(Clone, Debug, Default)]
struct Dictionary {
    /// Every entry, each followed by `\n` (which folded text never holds), so one
    /// substring search finds every entry that contains a query.
    text: String,
    /// Where entry `n` begins in `text`.
    starts: Vec<u32>,
    /// The events of every entry, one list after another: ascending event indices, each
    /// written as its distance from the one before in LEB128 (7 bits a byte).
    postings: Vec<u8>,
    /// Where the list of entry `n` ends in `postings`.
    posting_ends: Vec<usize>,
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
        let (words, pairs): (Vec<Lists>, Vec<Lists>) = parts
            .into_iter()
            .map(|part| (part.words, part.pairs))
            .unzip();
        WordIndex {
            words: Dictionary::merge(&words),
            pairs: Dictionary::merge(&pairs),
            events: len,
        }
    }

    /// The events whose text contains `query` (already folded), or `None` when the query
    /// has no letter or digit for the index to go on.
    pub fn lookup(&self, query: &str) -> Option<Lookup> {
        let spans = word_spans(query);
        let (first, last) = (spans.first()?, spans.last()?);
        // Nothing but the words and what stands between them: no space or mark before the
        // first or after the last, which the index does not keep.
        let bare = first.0 == 0 && last.1 == query.len();
        let gaps_kept = spans
            .windows(2)
            .all(|pair| pair[1].0 - pair[0].1 <= MAX_GAP);
        let events = if spans.len() == 1 || !gaps_kept {
            let mut result: Option<FixedBitSet> = None;
            for &(from, to) in &spans {
                let events = self.words.events_with(&query[from..to], self.events);
                result = Some(intersect(result, events));
            }
            result?
        } else {
            let mut result: Option<FixedBitSet> = None;
            for pair in spans.windows(2) {
                let events = self
                    .pairs
                    .events_with(&query[pair[0].0..pair[1].1], self.events);
                result = Some(intersect(result, events));
            }
            result?
        };
        // One word, or two with what stands between them kept: the entries that contain
        // the query are exactly the places where the text does.
        let exact = bare && spans.len() <= 2 && gaps_kept;
        Some(if exact {
            Lookup::Exact(events)
        } else {
            Lookup::Candidates(events)
        })
    }

    /// How many distinct words there are.
    pub fn word_count(&self) -> usize {
        self.words.starts.len()
    }

    /// How many distinct pairs of neighbouring words there are.
    pub fn pair_count(&self) -> usize {
        self.pairs.starts.len()
    }

    /// Bytes held on the heap, for the memory figures in the README.
    pub fn heap_bytes(&self) -> usize {
        self.words.heap_bytes() + self.pairs.heap_bytes()
    }
}

/// `so_far` narrowed to `events` (or `events`, to begin with).
fn intersect(so_far: Option<FixedBitSet>, events: FixedBitSet) -> FixedBitSet {
    match so_far {
        None => events,
        Some(mut so_far) => {
            so_far.intersect_with(&events);
            so_far
        }
    }
}

impl Dictionary {
    /// Puts the lists of consecutive ranges of events together.
    fn merge(parts: &[Lists]) -> Dictionary {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut lists: Vec<(Vec<u8>, Option<u32>)> = Vec::new();
        let mut order: Vec<&str> = Vec::new();
        for part in parts {
            for (entry, &id) in &part.ids {
                let list = &part.lists[id];
                let at = *ids.entry(entry.as_ref()).or_insert_with(|| {
                    order.push(entry.as_ref());
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
        let mut dictionary = Dictionary::default();
        for (entry, (bytes, _)) in order.iter().zip(&lists) {
            dictionary.starts.push(dictionary.text.len() as u32);
            dictionary.text.push_str(entry);
            dictionary.text.push('\n');
            dictionary.postings.extend_from_slice(bytes);
            dictionary.posting_ends.push(dictionary.postings.len());
        }
        dictionary.text.shrink_to_fit();
        dictionary.postings.shrink_to_fit();
        dictionary
    }

    /// The events of every entry that contains `query`.
    fn events_with(&self, query: &str, event_count: usize) -> FixedBitSet {
        let mut events = FixedBitSet::with_capacity(event_count);
        let haystack = self.text.as_bytes();
        let finder = memmem::Finder::new(query.as_bytes());
        let mut from = 0;
        while let Some(found) = finder.find(&haystack[from..]) {
            let at = from + found;
            // The entry the match lies in: the last one starting at or before it.
            let entry = self
                .starts
                .partition_point(|&start| start as usize <= at)
                .saturating_sub(1);
            self.add_events(entry, &mut events);
            from = self
                .starts
                .get(entry + 1)
                .map_or(haystack.len(), |&next| next as usize);
        }
        events
    }

    /// Sets the bits of entry `entry`'s events.
    fn add_events(&self, entry: usize, events: &mut FixedBitSet) {
        let start = if entry == 0 {
            0
        } else {
            self.posting_ends[entry - 1]
        };
        let mut list = &self.postings[start..self.posting_ends[entry]];
        let mut at: u32 = 0;
        while let Some(gap) = read_varint(&mut list) {
            at = at.saturating_add(gap);
            if (at as usize) < events.len() {
                events.insert(at as usize);
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 4
            + self.postings.capacity()
            + self.posting_ends.capacity() * std::mem::size_of::<usize>()
    }
}

/// The entries of one range of events and their lists, before the ranges are put together,
/// keyed by the entry's text (`Box<str>`) or, for pairs while they are gathered, by the
/// two words' ids and what stands between them (a number: cheaper to hash than text).
struct Lists<K = Box<str>> {
    ids: FxHashMap<K, usize>,
    lists: Vec<List>,
}

impl<K> Default for Lists<K> {
    fn default() -> Self {
        Lists {
            ids: FxHashMap::default(),
            lists: Vec::new(),
        }
    }
}

/// One entry's events in a [`Lists`].
struct List {
    bytes: Vec<u8>,
    last: Option<u32>,
}

impl List {
    /// Notes event `index` (events come in ascending order; an entry twice in one event
    /// is listed once).
    fn add(&mut self, index: u32) {
        if self.last == Some(index) {
            return;
        }
        let gap = self.last.map_or(index, |last| index - last);
        write_varint(&mut self.bytes, gap);
        self.last = Some(index);
    }
}

impl<K: std::hash::Hash + Eq> Lists<K> {
    /// The list of a new entry.
    fn start(&mut self, key: K) -> usize {
        self.ids.insert(key, self.lists.len());
        self.lists.push(List {
            bytes: Vec::new(),
            last: None,
        });
        self.lists.len() - 1
    }

    /// Notes that event `index` holds the entry `key`; returns the entry's id.
    fn add_key(&mut self, key: K, index: u32) -> usize {
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => self.start(key),
        };
        self.lists[id].add(index);
        id
    }
}

impl Lists<Box<str>> {
    /// Notes that event `index` holds the entry `entry`; returns the entry's id.
    fn add(&mut self, entry: &str, index: u32) -> usize {
        let id = match self.ids.get(entry) {
            Some(&id) => id,
            None => self.start(entry.into()),
        };
        self.lists[id].add(index);
        id
    }
}

/// A pair of words while it is gathered: the two words' ids and up to [`MAX_GAP`] bytes
/// between them, with their count.
type PairKey = (u32, u32, [u8; MAX_GAP], u8);

/// The index of one range of events.
#[derive(Default)]
struct Partial {
    words: Lists,
    pairs: Lists,
}

impl Partial {
    fn build(dataset: &Dataset, range: std::ops::Range<EventIndex>) -> Partial {
        let mut words: Lists = Lists::default();
        let mut pairs: Lists<PairKey> = Lists::default();
        let mut text = String::new();
        let mut ids: Vec<u32> = Vec::new();
        for index in range {
            text.clear();
            searchable_text(dataset, index, &mut text);
            let index = index as u32;
            let spans = word_spans(&text);
            ids.clear();
            for &(from, to) in &spans {
                ids.push(words.add(&text[from..to], index) as u32);
            }
            for (n, pair) in spans.windows(2).enumerate() {
                let gap = &text.as_bytes()[pair[0].1..pair[1].0];
                if gap.len() <= MAX_GAP {
                    let mut between = [0u8; MAX_GAP];
                    between[..gap.len()].copy_from_slice(gap);
                    pairs.add_key((ids[n], ids[n + 1], between, gap.len() as u8), index);
                }
            }
        }
        // The pairs by their text, as the dictionary keeps them.
        let mut names: Vec<&str> = vec![""; words.lists.len()];
        for (word, &id) in &words.ids {
            names[id] = word;
        }
        let mut named: Lists = Lists::default();
        for ((first, second, between, len), id) in pairs.ids {
            let between = String::from_utf8_lossy(&between[..usize::from(len)]);
            let name = format!(
                "{}{between}{}",
                names.get(first as usize).copied().unwrap_or_default(),
                names.get(second as usize).copied().unwrap_or_default()
            );
            named.ids.insert(name.into_boxed_str(), named.lists.len());
            named.lists.push(std::mem::replace(
                &mut pairs.lists[id],
                List {
                    bytes: Vec::new(),
                    last: None,
                },
            ));
        }
        Partial {
            words,
            pairs: named,
        }
    }
}

/// Whether `c` belongs to a word: a letter or a digit, in any script.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where the words of folded text are: its runs of letters and digits, as byte ranges.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = None;
    let mut at = 0;
    while at < bytes.len() {
        // ASCII a byte at a time; anything else a whole character at a time.
        let (is_word, width) = match bytes[at] {
            byte if byte.is_ascii() => (byte.is_ascii_alphanumeric(), 1),
            _ => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_word_char(c), c.len_utf8()),
                None => (false, 1),
            },
        };
        match (is_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                spans.push((from, at));
                start = None;
            }
            _ => {}
        }
        at += width;
    }
    if let Some(from) = start {
        spans.push((from, text.len()));
    }
    spans
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
        let text = "al qaim, u.s. القائم 2024";
        let words: Vec<&str> = word_spans(text)
            .into_iter()
            .map(|(from, to)| &text[from..to])
            .collect();
        assert_eq!(words, ["al", "qaim", "u", "s", "القائم", "2024"]);
    }
}
