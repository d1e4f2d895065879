//! What colours an event on the map, the timeline and the lists: its lead initiator (the
//! default), its first target, its type, or its layer; and a layer the user gave a colour
//! of its own keeps that colour whatever the choice. Knows nothing of egui: the palette
//! turns a [`Tint`] into a colour.

use crate::model::{ActorId, Dataset, EventIndex, Role};

/// What the events are coloured by, chosen in the map's legend.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ColorBy {
    /// The lead initiator (who acted).
    #[default]
    Initiator,
    /// The first target (who was acted on).
    Target,
    /// The event type.
    Type,
    /// The layer (the file) it came from.
    Layer,
}

impl ColorBy {
    /// Every choice, in the order offered.
    pub const ALL: [ColorBy; 4] = [
        ColorBy::Initiator,
        ColorBy::Target,
        ColorBy::Type,
        ColorBy::Layer,
    ];

    /// Its name in a view file: `initiator`, `target`, `type` or `layer`.
    pub fn key(self) -> &'static str {
        match self {
            ColorBy::Initiator => "initiator",
            ColorBy::Target => "target",
            ColorBy::Type => "type",
            ColorBy::Layer => "layer",
        }
    }

    /// The choice a view file names (see [`Self::key`]).
    pub fn from_key(key: &str) -> Option<ColorBy> {
        Self::ALL.into_iter().find(|by| by.key() == key)
    }

    /// What it is called in the legend.
    pub fn label(self) -> &'static str {
        match self {
            ColorBy::Initiator => "initiator",
            ColorBy::Target => "target",
            ColorBy::Type => "event type",
            ColorBy::Layer => "layer",
        }
    }
}

/// Adds `count` events of `tint` to a tally (few tints: a short list is enough).
pub fn tally(tints: &mut Vec<(Tint, u32)>, tint: Tint, count: u32) {
    match tints.iter_mut().find(|(t, _)| *t == tint) {
        Some(entry) => entry.1 += count,
        None => tints.push((tint, count)),
    }
}

/// The thing whose colour an event takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tint {
    /// An actor's colour (`None`: no actor is known in that role).
    Actor(Option<ActorId>),
    /// An event type's colour, by the type's id in the dataset.
    Type(u16),
    /// A layer's colour, by the part of the dataset it is (see [`Dataset::part_of`]).
    Layer(usize),
}

impl Tint {
    /// The tint of event `index` when coloured `by`, given which parts of the dataset have
    /// a colour of their own.
    pub fn of(dataset: &Dataset, by: ColorBy, recoloured: &[bool], index: EventIndex) -> Tint {
        if by == ColorBy::Layer || recoloured.iter().any(|on| *on) {
            let part = dataset.part_of(index);
            if by == ColorBy::Layer || recoloured.get(part).copied().unwrap_or(false) {
                return Tint::Layer(part);
            }
        }
        match by {
            ColorBy::Initiator | ColorBy::Layer => Tint::Actor(dataset.lead(index)),
            ColorBy::Target => Tint::Actor(dataset.actors_in_role(index, Role::Target).next()),
            ColorBy::Type => Tint::Type(dataset.type_id(index)),
        }
    }
}
