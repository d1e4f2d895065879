//! The building blocks of the event store: text kept in one buffer addressed by offsets, and
//! vocabularies that turn repeated names (event types, countries) into small integers.

use std::collections::HashMap;

/// Many strings in one buffer: row `i` is `bytes[ends[i - 1]..ends[i]]`. A million titles
/// cost one allocation and four bytes of offset each, instead of a `String` header apiece.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextColumn {
    bytes: String,
    ends: Vec<u32>,
}

/// A text column grew past 4 GiB, the most its 32-bit offsets can address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("more than 4 GiB of text in one column")]
pub struct ColumnFull;

impl TextColumn {
    /// Appends a row.
    pub fn push(&mut self, text: &str) -> Result<(), ColumnFull> {
        let end = self.bytes.len() + text.len();
        let end = u32::try_from(end).map_err(|_| ColumnFull)?;
        self.bytes.push_str(text);
        self.ends.push(end);
        Ok(())
    }

    /// Whether `extra` more bytes of text still fit.
    pub fn fits(&self, extra: usize) -> bool {
        u32::try_from(self.bytes.len() + extra).is_ok()
    }

    /// Row `row`, or `""` when there is no such row.
    pub fn get(&self, row: usize) -> &str {
        let Some(&end) = self.ends.get(row) else {
            return "";
        };
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        self.bytes.get(start as usize..end as usize).unwrap_or("")
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of text held, without offsets.
    pub fn text_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Appends every row of `other`, in order.
    pub fn append(&mut self, other: &TextColumn) -> Result<(), ColumnFull> {
        let base = self.bytes.len();
        u32::try_from(base + other.bytes.len()).map_err(|_| ColumnFull)?;
        self.bytes.push_str(&other.bytes);
        // `base` fits in u32: checked above.
        let base = base as u32;
        self.ends.extend(other.ends.iter().map(|end| end + base));
        Ok(())
    }

    /// Frees spare capacity once loading is done.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Names interned as small integers, in order of first appearance: the event types of a
/// dataset, its countries, its seas. Id 0 is reserved for "none".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    names: Vec<String>,
    by_name: HashMap<String, u16>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            names: vec![String::new()],
            by_name: HashMap::new(),
        }
    }
}

/// The name given to values past the 65,535th distinct one, which share one id.
pub const OTHER_VALUES: &str = "(other values)";

impl Vocabulary {
    /// A vocabulary that starts with these names, in this order (ids 1, 2, …).
    pub fn with_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut vocabulary = Vocabulary::default();
        for name in names {
            vocabulary.intern(name);
        }
        vocabulary
    }

    /// The id of `name`, adding it if it is new; `0` for an empty name.
    pub fn intern(&mut self, name: &str) -> u16 {
        if name.is_empty() {
            return 0;
        }
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        // The last id is kept for the shared "other values" entry.
        let name = if self.names.len() < usize::from(u16::MAX) {
            name
        } else {
            OTHER_VALUES
        };
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        // At most u16::MAX here: ordinary names stop one short of it.
        let id = u16::try_from(self.names.len()).unwrap_or(u16::MAX);
        self.names.push(name.to_owned());
        self.by_name.insert(name.to_owned(), id);
        id
    }

    /// The id of `name`, if it is known.
    pub fn id_of(&self, name: &str) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    /// The name of `id`; `None` for 0 or an unknown id.
    pub fn name(&self, id: u16) -> Option<&str> {
        if id == 0 {
            return None;
        }
        self.names.get(usize::from(id)).map(String::as_str)
    }

    /// Every name with its id, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &str)> {
        self.names
            .iter()
            .enumerate()
            .skip(1)
            .map(|(id, name)| (id as u16, name.as_str()))
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.names.len() - 1
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rows_come_back_as_written() {
        let mut column = TextColumn::default();
        for text in ["al-Qa'im", "", "Ṣanʿāʾ", "Jurf al-Sakhar"] {
            column.push(text).expect("small");
        }
        assert_eq!(column.len(), 4);
        assert_eq!(column.get(0), "al-Qa'im");
        assert_eq!(column.get(1), "");
        assert_eq!(column.get(2), "Ṣanʿāʾ");
        assert_eq!(column.get(3), "Jurf al-Sakhar");
        assert_eq!(column.get(4), "");
        let mut other = TextColumn::default();
        other.push("Erbil").expect("small");
        column.append(&other).expect("small");
        assert_eq!(column.get(4), "Erbil");
        assert_eq!(column.get(3), "Jurf al-Sakhar");
    }

    #[test]
    fn vocabularies_intern_in_order_and_keep_zero_for_none() {
        let mut vocabulary = Vocabulary::with_names(["Airstrike", "Attack"]);
        assert_eq!(vocabulary.intern("Attack"), 2);
        assert_eq!(vocabulary.intern(""), 0);
        assert_eq!(vocabulary.intern("042"), 3);
        assert_eq!(vocabulary.name(3), Some("042"));
        assert_eq!(vocabulary.name(0), None);
        assert_eq!(vocabulary.len(), 3);
    }

    #[test]
    fn a_vocabulary_that_overflows_shares_one_id() {
        let mut vocabulary = Vocabulary::default();
        for i in 0..70_000 {
            vocabulary.intern(&format!("v{i}"));
        }
        let last = vocabulary.intern("v69999");
        assert_eq!(vocabulary.name(last), Some(OTHER_VALUES));
        assert_eq!(vocabulary.intern("v1"), 2);
    }
}
