//! The pure model of chronomap: events, actors, sources, time and the dataset that holds
//! them. Nothing here knows about egui or files.

mod actor;
mod attributes;
mod builder;
mod columns;
mod combine;
mod dataset;
mod event;
mod event_fields;
mod expression;
mod facets;
mod filter;
mod filter_result;
mod problem;
mod quote;
mod record;
mod search;
mod source;
pub mod synthetic;
mod time;
mod word_index;
mod writer;

pub use actor::{Actor, ActorId, Actors, Rgb, UNKNOWN_ACTOR_COLOR};
pub use builder::{DatasetBuilder, FIGURE_QUALIFIERS, Loaded};
pub use columns::{OTHER_VALUES, TextColumn, Vocabulary};
pub use dataset::{Dataset, EventIndex, MentionsByTime, mercator};
pub use event::{
    Citation, Claim, Dispute, Event, EventType, GeoPrecision, INJURED_QUALIFIER, KILLED_QUALIFIER,
    Origin,
};
pub use expression::{ExpressionError, parse_filter};
pub use facets::FacetCounts;
pub use filter::{ActorChoice, ActorRole, EventFilter, Matcher, facet};
pub use filter_result::FilterResult;
pub use problem::Problem;
pub use quote::{FoldedText, Passage, Stretch, char_range, locate_passages, stretches};
pub use record::{
    ActorRecord, BasisRecord, CitationRecord, ClaimRecord, DisputeRecord, EventRecord,
    OriginRecord, SourceRecord,
};
pub use search::{fold, searchable_text};
pub use source::{Source, SourceId, Sources};
pub use time::{DateValue, EventTime, SECONDS_PER_DAY, TimePoint, TimePrecision};
pub use word_index::{Lookup, WordIndex};
pub use writer::{DatasetWriter, EventRow, Role, StoreFull, actor_color_for, day_time};
