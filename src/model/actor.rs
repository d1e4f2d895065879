//! The people, groups and states that act in events, with interned ids.

use std::collections::HashMap;

use super::event::Citation;

/// An interned actor id: an index into [`Actors`]. Cheap to copy, compare and hash, so a
/// million events can each name several actors without a string per mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub u32);

/// A display colour as red, green, blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([channel(0)?, channel(2)?, channel(4)?]))
    }
}

/// Grey for events whose initiator is unknown.
pub const UNKNOWN_ACTOR_COLOR: Rgb = Rgb([128, 128, 128]);

/// An actor as named in the articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The stable id used in data files, e.g. `kataib_hezbollah`.
    pub key: String,
    /// The display name.
    pub name: String,
    /// Other spellings the articles use.
    pub aliases: Vec<String>,
    /// The actor this one belongs to (Kataib Hezbollah within the Popular Mobilisation
    /// Forces).
    pub parent: Option<ActorId>,
    /// The article sentence that states the nesting under `parent`.
    pub parent_basis: Option<Citation>,
    /// Dated background about the actor (its founding, a designation), each as the article
    /// sentence that states it.
    pub facts: Vec<Citation>,
    /// The colour of its markers.
    pub color: Rgb,
}

/// All actors of a dataset, looked up by interned id or by key.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    list: Vec<Actor>,
    by_key: HashMap<String, ActorId>,
}

impl Actors {
    /// Adds an actor and returns its id; a key that is already present returns the existing id.
    pub fn insert(&mut self, actor: Actor) -> ActorId {
        if let Some(id) = self.by_key.get(&actor.key) {
            return *id;
        }
        let id = ActorId(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        self.by_key.insert(actor.key.clone(), id);
        self.list.push(actor);
        id
    }

    /// The id of the actor with this key.
    pub fn id_of(&self, key: &str) -> Option<ActorId> {
        self.by_key.get(key).copied()
    }

    /// The actor with this id.
    pub fn get(&self, id: ActorId) -> Option<&Actor> {
        self.list.get(id.0 as usize)
    }

    /// The actor's display name, or a placeholder for an id from another dataset.
    pub fn name(&self, id: ActorId) -> &str {
        self.get(id)
            .map_or("unknown actor", |actor| actor.name.as_str())
    }

    /// Sets the parent of an actor after all actors are known.
    pub fn set_parent(&mut self, id: ActorId, parent: ActorId) {
        if let Some(actor) = self.list.get_mut(id.0 as usize) {
            actor.parent = Some(parent);
        }
    }

    /// The actor with this id, to change it while a dataset is being loaded.
    pub fn get_mut(&mut self, id: ActorId) -> Option<&mut Actor> {
        self.list.get_mut(id.0 as usize)
    }

    /// All actors with their ids, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (ActorId, &Actor)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, actor)| (ActorId(i as u32), actor))
    }

    /// How many actors there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(key: &str) -> Actor {
        Actor {
            key: key.to_owned(),
            name: key.to_uppercase(),
            aliases: Vec::new(),
            parent: None,
            parent_basis: None,
            facts: Vec::new(),
            color: UNKNOWN_ACTOR_COLOR,
        }
    }

    #[test]
    fn interning_gives_one_id_per_key() {
        let mut actors = Actors::default();
        let us = actors.insert(actor("us"));
        let kh = actors.insert(actor("kh"));
        assert_ne!(us, kh);
        assert_eq!(actors.insert(actor("us")), us);
        assert_eq!(actors.id_of("kh"), Some(kh));
        assert_eq!(actors.name(kh), "KH");
        assert_eq!(actors.len(), 2);
    }

    #[test]
    fn colours_parse_only_when_well_formed() {
        assert_eq!(Rgb::parse_hex("#ff8000"), Some(Rgb([255, 128, 0])));
        assert_eq!(Rgb::parse_hex("ff8000"), None);
        assert_eq!(Rgb::parse_hex("#ff80"), None);
        assert_eq!(Rgb::parse_hex("#gg8000"), None);
        assert_eq!(Rgb::parse_hex("#ééé"), None);
    }
}
