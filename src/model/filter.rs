//! Which events the user has chosen to see, apart from time.

use std::collections::HashSet;

use super::dataset::{Dataset, EventIndex};
use super::source::SourceId;

/// Filters that narrow the events on show. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Articles switched off: an event reported only by these is hidden. Events with no
    /// source at all (imported data) are never hidden by this.
    pub hidden_sources: HashSet<SourceId>,
}

impl EventFilter {
    /// Whether the filter lets `event` through.
    pub fn admits(&self, dataset: &Dataset, index: EventIndex) -> bool {
        let sources = dataset.citation_sources(index);
        if self.hidden_sources.is_empty() || sources.is_empty() {
            return true;
        }
        sources
            .iter()
            .any(|source| !self.hidden_sources.contains(source))
    }

    /// Whether the filter hides nothing.
    pub fn is_empty(&self) -> bool {
        self.hidden_sources.is_empty()
    }

    /// Whether the events of this article are on show (it is not switched off).
    pub fn shows_source(&self, source: SourceId) -> bool {
        !self.hidden_sources.contains(&source)
    }

    /// Switches an article on or off.
    pub fn set_source_visible(&mut self, source: SourceId, visible: bool) {
        if visible {
            self.hidden_sources.remove(&source);
        } else {
            self.hidden_sources.insert(source);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actors, Citation, Event, Sources};

    /// Three events: reported by sources 0 and 1, by 0 twice, and by none.
    fn dataset() -> Dataset {
        let template = crate::model::synthetic::dataset(1, 1, 7)
            .event(0)
            .expect("one event");
        let events = [&[0u32, 1][..], &[0, 0], &[]]
            .iter()
            .enumerate()
            .map(|(i, sources)| Event {
                id: format!("e{i}"),
                sources: sources
                    .iter()
                    .map(|&id| Citation {
                        source: SourceId(id),
                        quote: "q".to_owned(),
                    })
                    .collect(),
                ..template.clone()
            })
            .collect();
        Dataset::new(events, Actors::default(), Sources::default())
    }

    #[test]
    fn an_event_is_hidden_only_when_every_article_reporting_it_is_off() {
        let dataset = dataset();
        let index = |id: &str| dataset.index_of(id).expect("present");
        let (both, only_first, unsourced) = (index("e0"), index("e1"), index("e2"));
        let mut filter = EventFilter::default();
        filter.set_source_visible(SourceId(0), false);
        assert!(!filter.shows_source(SourceId(0)));
        assert!(filter.admits(&dataset, both), "article 1 still reports it");
        assert!(!filter.admits(&dataset, only_first));
        assert!(filter.admits(&dataset, unsourced));
        filter.set_source_visible(SourceId(1), false);
        assert!(!filter.admits(&dataset, both));
        filter.set_source_visible(SourceId(0), true);
        filter.set_source_visible(SourceId(1), true);
        assert!(filter.is_empty());
        assert!(filter.admits(&dataset, only_first));
    }
}
