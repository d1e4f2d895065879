//! The articles that events are drawn from.

use std::collections::HashMap;

use jiff::civil;

/// An interned source id: an index into [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// One article: what is known about it and its full text.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The stable id used in data files (the article's file name without `.txt`).
    pub key: String,
    /// The article's file, relative to the project.
    pub file: String,
    /// The headline as printed in the article, if it has one.
    pub headline: Option<String>,
    /// The outlet, only where the text itself supports it.
    pub outlet: Option<String>,
    /// The news agency credited with the reporting ("Reporting by Reuters"), which need not
    /// be the publisher.
    pub wire: Option<String>,
    /// The publication date, only where the text itself supports it.
    pub published: Option<civil::Date>,
    /// How anything above was inferred, and how relative dates in it were resolved.
    pub notes: String,
    /// The article's full text.
    pub text: String,
}

impl Source {
    /// The headline, or the article's first line when it has none.
    pub fn title(&self) -> &str {
        match &self.headline {
            Some(headline) => headline,
            None => self
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or(&self.key),
        }
    }
}

/// All sources of a dataset.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    list: Vec<Source>,
    by_key: HashMap<String, SourceId>,
}

impl Sources {
    /// Adds a source and returns its id; a key that is already present returns the existing id.
    pub fn insert(&mut self, source: Source) -> SourceId {
        if let Some(id) = self.by_key.get(&source.key) {
            return *id;
        }
        let id = SourceId(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        self.by_key.insert(source.key.clone(), id);
        self.list.push(source);
        id
    }

    /// The id of the source with this key.
    pub fn id_of(&self, key: &str) -> Option<SourceId> {
        self.by_key.get(key).copied()
    }

    /// The source with this id.
    pub fn get(&self, id: SourceId) -> Option<&Source> {
        self.list.get(id.0 as usize)
    }

    /// All sources with their ids, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, source)| (SourceId(i as u32), source))
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
