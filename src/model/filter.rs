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
}
