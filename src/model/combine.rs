//! Several datasets shown together: their events in one store, so that the map, the
//! timeline and the lists read one dataset whatever the number of layers on show.

use super::actor::ActorId;
use super::dataset::{Dataset, EventIndex};
use super::source::SourceId;
use super::writer::{DatasetWriter, EventRow, Role, StoreFull};

impl Dataset {
    /// The events of every dataset in `parts`, in one store. Actors and sources keep their
    /// keys, colours and parents; an actor or source with the same key in two parts becomes
    /// one. Event ids are kept as they are; when two parts share an id, [`Self::index_of`]
    /// finds the earlier part's event. Takes about a second per million events, so call it
    /// off the UI thread.
    pub fn combine(parts: &[&Dataset]) -> Result<Dataset, StoreFull> {
        let builtin_types = parts.iter().all(|part| part.has_builtin_types());
        let mut writer = if builtin_types {
            DatasetWriter::with_builtin_types()
        } else {
            DatasetWriter::new()
        };
        let mut part_starts = Vec::with_capacity(parts.len());
        for part in parts {
            part_starts.push(u32::try_from(writer.len()).map_err(|_| StoreFull::Rows)?);
            append_part(&mut writer, part)?;
        }
        let mut combined = writer.finish();
        combined.part_starts = part_starts;
        Ok(combined)
    }
}

fn append_part(writer: &mut DatasetWriter, part: &Dataset) -> Result<(), StoreFull> {
    // Actors and sources first, with their colours, parents and texts, keyed as in `part`.
    let actor_ids: Vec<ActorId> = part
        .actors()
        .iter()
        .map(|(_, actor)| match writer.actors().id_of(&actor.key) {
            Some(id) => id,
            None => {
                let mut copy = actor.clone();
                copy.parent = None;
                writer.actors_mut().insert(copy)
            }
        })
        .collect();
    for (id, actor) in part.actors().iter() {
        if let (Some(parent), Some(&child)) = (actor.parent, actor_ids.get(id.0 as usize))
            && let Some(&parent) = actor_ids.get(parent.0 as usize)
            && writer
                .actors()
                .get(child)
                .is_some_and(|a| a.parent.is_none())
        {
            writer.actors_mut().set_parent(child, parent);
        }
    }
    let source_ids: Vec<SourceId> = part
        .sources()
        .iter()
        .map(|(_, source)| match writer.sources().id_of(&source.key) {
            Some(id) => id,
            None => writer.sources_mut().insert(source.clone()),
        })
        .collect();
    let actor = |id: ActorId| actor_ids.get(id.0 as usize).copied().unwrap_or(id);
    let source = |id: SourceId| source_ids.get(id.0 as usize).copied().unwrap_or(id);

    let mut attributes = String::new();
    let mut main: Vec<(ActorId, Role)> = Vec::new();
    let mut associates: Vec<(ActorId, Role)> = Vec::new();
    for index in part.indices() {
        let Some(time) = part.time(index) else {
            continue;
        };
        attributes.clear();
        for (name, value) in part.attributes(index) {
            attributes.push_str(name);
            attributes.push('\u{1f}');
            attributes.push_str(value);
            attributes.push('\u{1e}');
        }
        let event_type = writer.event_type(part.type_label(index));
        let country = writer.country(part.country(index).unwrap_or(""));
        let sea = writer.sea(part.sea(index).unwrap_or(""));
        let title = part.stored_title(index);
        let row = EventRow {
            id: part.id(index),
            title,
            summary: part.summary(index),
            place: part.place(index),
            notes: part.notes(index),
            url: part.url(index),
            attributes: &attributes,
            time,
            position: part.position(index),
            geo_precision: part.geo_precision(index),
            event_type,
            country,
            sea,
            killed: part.killed(index),
            injured: part.injured(index),
        };
        main.clear();
        associates.clear();
        for (id, role, associated) in part.mentions_with_association(index) {
            let out = if associated {
                &mut associates
            } else {
                &mut main
            };
            out.push((actor(id), role));
        }
        let citations: Vec<(SourceId, &str)> = part
            .citations(index)
            .map(|(id, quote)| (source(id), quote))
            .collect();
        writer.push_with_associates(&row, &main, &associates, &citations)?;
        let disputes = remap_disputes(part, index, &source);
        writer.set_last_disputes(disputes);
        if let Some(origin) = part.origin(index) {
            let mut origin = origin.clone();
            for citation in &mut origin.sources {
                citation.source = source(citation.source);
            }
            writer.set_last_origin(origin);
        }
    }
    Ok(())
}

fn remap_disputes(
    part: &Dataset,
    index: EventIndex,
    source: &dyn Fn(SourceId) -> SourceId,
) -> Vec<super::event::Dispute> {
    part.disputes(index)
        .iter()
        .map(|dispute| {
            let mut dispute = dispute.clone();
            for claim in &mut dispute.claims {
                for id in &mut claim.sources {
                    *id = source(*id);
                }
            }
            dispute
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn combined_datasets_hold_every_event_with_its_fields() {
        let a = synthetic::dataset(300, 20, 1);
        let b = synthetic::dataset(200, 40, 2);
        let both = Dataset::combine(&[&a, &b]).expect("room");
        assert_eq!(both.len(), 500);
        // Same ids in both parts ("e0"…): the first part's event is found.
        let index = both.index_of("e5").expect("present");
        let original = a.index_of("e5").expect("present");
        assert_eq!(both.position(index), a.position(original));
        assert_eq!(both.time(index), a.time(original));
        assert_eq!(both.title(index), a.title(original));
        let names = |d: &Dataset, i: EventIndex| -> Vec<String> {
            d.mentions(i)
                .map(|(actor, role)| format!("{}:{role:?}", d.actors().name(actor)))
                .collect()
        };
        assert_eq!(names(&both, index), names(&a, original));
        assert_eq!(
            both.actors().len(),
            a.actors().len(),
            "shared actors are one"
        );
        assert!(both.starts().windows(2).all(|w| w[0] <= w[1]));
        // Every event knows the part it came from, whatever the time order mixed.
        let from_b = both.indices().filter(|&i| both.part_of(i) == 1).count();
        assert_eq!(from_b, 200);
        let some_b = both
            .indices()
            .find(|&i| both.part_of(i) == 1)
            .expect("an event of b");
        let in_b = b.index_of(both.id(some_b)).expect("b has that id");
        assert_eq!(both.position(some_b), b.position(in_b));
        assert_eq!(a.part_of(0), 0, "a single file is part 0");
    }

    #[test]
    fn the_built_in_events_keep_their_quotes_disputes_and_origins_when_combined() {
        let builtin = crate::io::builtin_base();
        let other = synthetic::dataset(50, 10, 3);
        let both = Dataset::combine(&[&builtin, &other]).expect("room");
        let index = both.index_of("al-asad-missile-attack").expect("present");
        let original = builtin.index_of("al-asad-missile-attack").expect("present");
        assert_eq!(both.disputes(index), builtin.disputes(original));
        assert!(both.origin(index).is_some(), "the origin comes along");
        assert_eq!(both.origin(index), builtin.origin(original));
        assert_eq!(both.events_with_origin(), [index]);
        assert_eq!(
            both.citations(index).collect::<Vec<_>>(),
            builtin.citations(original).collect::<Vec<_>>()
        );
        let lead = both.lead(index).expect("an initiator");
        let original_lead = builtin.lead(original).expect("an initiator");
        assert_eq!(
            both.actors().get(lead).map(|a| a.color),
            builtin.actors().get(original_lead).map(|a| a.color)
        );
    }
}
