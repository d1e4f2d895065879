//! Which events the user has chosen to see, apart from time.

use std::collections::HashSet;

use super::event::Event;
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
    pub fn admits(&self, event: &Event) -> bool {
        if self.hidden_sources.is_empty() || event.sources.is_empty() {
            return true;
        }
        event
            .sources
            .iter()
            .any(|citation| !self.hidden_sources.contains(&citation.source))
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
    use crate::model::Citation;

    fn reported_by(sources: &[u32]) -> Event {
        let dataset = crate::model::synthetic::dataset(1, 1, 7);
        let mut event = dataset.events()[0].clone();
        event.sources = sources
            .iter()
            .map(|&id| Citation {
                source: SourceId(id),
                quote: "q".to_owned(),
            })
            .collect();
        event
    }

    #[test]
    fn an_event_is_hidden_only_when_every_article_reporting_it_is_off() {
        let both = reported_by(&[0, 1]);
        let only_first = reported_by(&[0, 0]);
        let unsourced = reported_by(&[]);
        let mut filter = EventFilter::default();
        filter.set_source_visible(SourceId(0), false);
        assert!(!filter.shows_source(SourceId(0)));
        assert!(filter.admits(&both), "article 1 still reports it");
        assert!(!filter.admits(&only_first));
        assert!(filter.admits(&unsourced));
        filter.set_source_visible(SourceId(1), false);
        assert!(!filter.admits(&both));
        filter.set_source_visible(SourceId(0), true);
        filter.set_source_visible(SourceId(1), true);
        assert!(filter.is_empty());
        assert!(filter.admits(&only_first));
    }
}
