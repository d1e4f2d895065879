//! The other fields of a record (its "attributes": ACLED's `admin1`, a GeoJSON property),
//! kept as text. Importers hand them over as `name\u{1f}value\u{1e}` pairs; the store keeps
//! each name once per dataset and writes, per pair, the name's id as one character followed
//! by the value and `\u{1e}`. A million ACLED rows repeat the same dozen column names, so
//! this saves about 90 bytes an event.

use super::columns::Vocabulary;

/// Separates pairs.
const PAIR_END: char = '\u{1e}';
/// Separates a name from its value in the importers' form (and after a literal name).
const NAME_END: char = '\u{1f}';
/// Past this many distinct names (a GeoJSON file with a key per feature), names are written
/// out in full after id 0 instead of getting an id.
const MAX_NAMES: usize = 60_000;

/// The character that stands for name `id`: `U+0080 + id`, stepping over the surrogates.
fn id_char(id: u16) -> char {
    let code = 0x80 + u32::from(id);
    let code = if code >= 0xD800 { code + 0x800 } else { code };
    char::from_u32(code).unwrap_or('\u{80}')
}

/// The id a character stands for (see [`id_char`]).
fn char_id(c: char) -> Option<u16> {
    let code = u32::from(c);
    let code = if code >= 0xE000 { code - 0x800 } else { code };
    u16::try_from(code.checked_sub(0x80)?).ok()
}

/// Turns importers' attribute text into the stored form, interning the names.
#[derive(Clone, Debug, Default)]
pub(crate) struct AttributeEncoder {
    names: Vocabulary,
    /// The ids of the last record's names, by position: files repeat their columns in
    /// order, so most names are matched without hashing.
    recent: Vec<u16>,
    out: String,
}

impl AttributeEncoder {
    /// The names seen so far.
    pub fn names(&self) -> &Vocabulary {
        &self.names
    }

    /// The names, for the finished dataset.
    pub fn into_names(self) -> Vocabulary {
        self.names
    }

    /// The stored form of `pairs` (`name\u{1f}value\u{1e}`…); valid until the next call.
    pub fn encode(&mut self, pairs: &str) -> &str {
        self.out.clear();
        for (position, pair) in pairs.split(PAIR_END).filter(|p| !p.is_empty()).enumerate() {
            let (name, value) = pair.split_once(NAME_END).unwrap_or((pair, ""));
            self.push(position, name, value);
        }
        &self.out
    }

    fn push(&mut self, position: usize, name: &str, value: &str) {
        let known = self
            .recent
            .get(position)
            .copied()
            .filter(|&id| self.names.name(id) == Some(name));
        let id = match known {
            Some(id) => Some(id),
            None => {
                let id = self.names.id_of(name).or_else(|| {
                    (self.names.len() < MAX_NAMES && !name.is_empty())
                        .then(|| self.names.intern(name))
                });
                if let Some(id) = id {
                    if self.recent.len() <= position {
                        self.recent.resize(position + 1, 0);
                    }
                    self.recent[position] = id;
                }
                id
            }
        };
        match id {
            Some(id) => self.out.push(id_char(id)),
            None => {
                self.out.push(id_char(0));
                self.out.push_str(name);
                self.out.push(NAME_END);
            }
        }
        self.out.push_str(value);
        self.out.push(PAIR_END);
    }

    /// Re-encodes text stored with another encoder's `names` (rows written on another
    /// thread) into this encoder's ids; `None` when the ids are the same and the text can
    /// be kept as it is.
    pub fn recode_from(&mut self, names: &Vocabulary) -> Option<Recoder<'_>> {
        let same = names
            .iter()
            .all(|(id, name)| self.names.name(id) == Some(name));
        if same {
            return None;
        }
        Some(Recoder {
            encoder: self,
            names: names.clone(),
            pairs: String::new(),
        })
    }
}

/// Re-encodes rows from another encoder's ids (see [`AttributeEncoder::recode_from`]).
pub(crate) struct Recoder<'a> {
    encoder: &'a mut AttributeEncoder,
    names: Vocabulary,
    pairs: String,
}

impl Recoder<'_> {
    /// The stored form, in this encoder's ids, of one row stored with the other's.
    pub fn recode(&mut self, stored: &str) -> &str {
        self.pairs.clear();
        for (name, value) in decode(&self.names, stored) {
            self.pairs.push_str(name);
            self.pairs.push(NAME_END);
            self.pairs.push_str(value);
            self.pairs.push(PAIR_END);
        }
        self.encoder.encode(&self.pairs)
    }
}

/// The (name, value) pairs of stored attribute text.
pub(crate) fn decode<'a>(
    names: &'a Vocabulary,
    stored: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    stored
        .split(PAIR_END)
        .filter(|pair| !pair.is_empty())
        .map(move |pair| {
            let mut chars = pair.chars();
            let id = chars.next().and_then(char_id).unwrap_or(0);
            let rest = chars.as_str();
            match names.name(id) {
                Some(name) => (name, rest),
                None => rest.split_once(NAME_END).unwrap_or((rest, "")),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_characters_convert_both_ways_for_every_id() {
        for id in 0..=u16::MAX {
            assert_eq!(char_id(id_char(id)), Some(id), "{id}");
        }
    }

    #[test]
    fn pairs_come_back_as_they_went_in_and_names_are_kept_once() {
        let mut encoder = AttributeEncoder::default();
        let first = "admin1\u{1f}Al Anbar\u{1e}iso\u{1f}368\u{1e}".to_owned();
        let stored = encoder.encode(&first).to_owned();
        assert!(stored.len() < first.len());
        let back: Vec<_> = decode(encoder.names(), &stored).collect();
        assert_eq!(back, [("admin1", "Al Anbar"), ("iso", "368")]);
        // Another order, a new name, Arabic text, an empty value.
        let second = "iso\u{1f}368\u{1e}النوع\u{1f}قصف\u{1e}tags\u{1f}\u{1e}";
        let stored = encoder.encode(second).to_owned();
        let back: Vec<_> = decode(encoder.names(), &stored).collect();
        assert_eq!(back, [("iso", "368"), ("النوع", "قصف"), ("tags", "")]);
        assert_eq!(encoder.names().len(), 4);
    }

    #[test]
    fn past_the_limit_names_are_written_out() {
        let mut encoder = AttributeEncoder::default();
        for n in 0..MAX_NAMES {
            encoder.encode(&format!("k{n}\u{1f}v\u{1e}"));
        }
        let stored = encoder.encode("one more\u{1f}value\u{1e}").to_owned();
        let back: Vec<_> = decode(encoder.names(), &stored).collect();
        assert_eq!(back, [("one more", "value")]);
    }

    #[test]
    fn rows_from_another_encoder_are_recoded_into_this_ones_ids() {
        let mut ours = AttributeEncoder::default();
        ours.encode("b\u{1f}1\u{1e}");
        let mut theirs = AttributeEncoder::default();
        let stored = theirs.encode("a\u{1f}x\u{1e}b\u{1f}y\u{1e}").to_owned();
        let names = theirs.names().clone();
        let mut recoder = ours.recode_from(&names).expect("different ids");
        let recoded = recoder.recode(&stored).to_owned();
        let back: Vec<_> = decode(ours.names(), &recoded).collect();
        assert_eq!(back, [("a", "x"), ("b", "y")]);
        // The same names in the same order need no recoding.
        let mut same = AttributeEncoder::default();
        same.encode("b\u{1f}2\u{1e}");
        assert!(ours.recode_from(same.names()).is_none());
    }
}
