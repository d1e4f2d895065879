//! The filter panel: each kind of filter (actors, types, countries, precision, disputes)
//! with its values and how many events each would show given the other filters and the
//! time; values with no events left are dimmed, not hidden. Counting a large dataset runs
//! on a background thread, and only while the panel is open.

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::background::{Job, Poll};
use crate::model::{ActorChoice, ActorRole, Dataset, EventFilter, FacetCounts, fold};
use crate::state::{Command, ViewContext};
use crate::ui::thousands;

/// The label of the button that shows or hides the panel.
pub const FILTERS_LABEL: &str = "Filters";
/// The accessible name of the box that finds an actor.
pub const FIND_ACTOR_LABEL: &str = "Find an actor";

/// Up to this many events in time, counts are made in the frame.
const COUNT_IN_FRAME: usize = 100_000;
/// How many values of a kind are listed (the most frequent; the search finds the rest).
const LISTED: usize = 30;

/// What a set of counts was made for: the dataset's generation, the filter result's
/// serial, and the version of the events on show.
type CountKey = (u64, u64, u64);

/// While only time changes (playback, scrubbing), counts are made again at most this
/// often: each count of a large dataset takes both cores for a moment.
const RECOUNT_FOR_TIME: std::time::Duration = std::time::Duration::from_millis(250);

/// The panel's state between frames.
pub struct FilterPanel {
    counts: Option<(CountKey, Arc<FacetCounts>)>,
    counting: Option<Job<CountKey, FacetCounts>>,
    /// When the last count in the background began.
    last_count: Option<std::time::Instant>,
    search: String,
    role: ActorRole,
}

impl Default for FilterPanel {
    fn default() -> Self {
        FilterPanel {
            counts: None,
            counting: None,
            last_count: None,
            search: String::new(),
            role: ActorRole::Any,
        }
    }
}

/// The label of a value with its count: "Houthis (1,234)".
pub fn facet_label(name: &str, count: u32) -> String {
    format!("{name} ({})", thousands(u64::from(count)))
}

impl FilterPanel {
    /// Whether counts are being made in the background.
    pub fn is_counting(&self) -> bool {
        self.counting.is_some()
    }

    /// Shows the panel in the whole of `ui`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
        self.update_counts(ui.ctx(), cx);
        let Some((_, counts)) = self.counts.clone() else {
            ui.spinner();
            return;
        };
        let filter = &cx.view.filter;
        let dataset: &Dataset = cx.dataset;
        ui.horizontal(|ui| {
            ui.heading(FILTERS_LABEL);
            if self.is_counting() {
                ui.spinner();
            }
        });
        ui.label(
            RichText::new(format!(
                "{} of {} events in time shown",
                thousands(u64::from(counts.shown)),
                thousands(u64::from(counts.in_time))
            ))
            .weak(),
        );
        egui::ScrollArea::vertical()
            .id_salt("filter-panel")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.actors_ui(ui, dataset, filter, &counts, commands);
                values_ui(
                    ui,
                    "Event type",
                    dataset.event_types().iter(),
                    &counts.types,
                    &filter.types,
                    |filter, name, on| set(&mut filter.types, name, on),
                    filter,
                    commands,
                );
                values_ui(
                    ui,
                    "Country",
                    dataset.countries().iter(),
                    &counts.countries,
                    &filter.countries,
                    |filter, name, on| set(&mut filter.countries, name, on),
                    filter,
                    commands,
                );
                flags_ui(ui, filter, &counts, commands);
            });
    }

    /// The actors: a search, a role for new choices, members, and the most frequent.
    fn actors_ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        filter: &EventFilter,
        counts: &FacetCounts,
        commands: &mut Vec<Command>,
    ) {
        egui::CollapsingHeader::new("Actors")
            .default_open(true)
            .show(ui, |ui| {
                let search = ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("part of a name or an alias"),
                );
                search.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, FIND_ACTOR_LABEL)
                });
                ui.horizontal(|ui| {
                    ui.label("as");
                    ui.selectable_value(&mut self.role, ActorRole::Any, "any role");
                    ui.selectable_value(&mut self.role, ActorRole::Initiator, "initiator");
                    ui.selectable_value(&mut self.role, ActorRole::Target, "target");
                });
                let mut members = !filter.without_members;
                if ui
                    .checkbox(&mut members, "with the actors that belong to them")
                    .changed()
                {
                    let mut changed = filter.clone();
                    changed.without_members = !members;
                    commands.push(Command::SetFilter(changed));
                }
                let wanted = fold(&self.search);
                let mut actors: Vec<(u32, &str, &str)> = dataset
                    .actors()
                    .iter()
                    .filter(|(_, actor)| {
                        wanted.is_empty()
                            || fold(&actor.name).contains(&wanted)
                            || fold(&actor.key).contains(&wanted)
                            || actor.aliases.iter().any(|a| fold(a).contains(&wanted))
                    })
                    .map(|(id, actor)| {
                        let count = counts.actors.get(id.0 as usize).copied().unwrap_or(0);
                        (count, actor.key.as_str(), actor.name.as_str())
                    })
                    .collect();
                actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(b.2)));
                for (count, key, name) in actors.into_iter().take(LISTED) {
                    let chosen: Vec<&ActorChoice> = filter
                        .actors
                        .iter()
                        .filter(|choice| choice.actor == key || choice.actor == name)
                        .collect();
                    let mut on = !chosen.is_empty();
                    let text = facet_label(name, count);
                    let text = if count == 0 && !on {
                        RichText::new(text).weak()
                    } else {
                        RichText::new(text)
                    };
                    if ui.checkbox(&mut on, text).changed() {
                        let mut changed = filter.clone();
                        if on {
                            changed.actors.insert(ActorChoice {
                                actor: key.to_owned(),
                                role: self.role,
                            });
                        } else {
                            for choice in chosen {
                                changed.actors.remove(choice);
                            }
                        }
                        commands.push(Command::SetFilter(changed));
                    }
                }
            });
    }

    /// Makes the counts for the current dataset, time and filters: in the frame for a
    /// small set, else on a background thread (the panel shows the last counts meanwhile).
    fn update_counts(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>) {
        let key = (
            cx.dataset.generation(),
            cx.filtered.serial(),
            cx.visible_version,
        );
        if let Some(job) = &self.counting {
            match job.poll() {
                Poll::Ready(counts) => {
                    self.counts = Some((*job.key(), Arc::new(counts)));
                    self.counting = None;
                }
                Poll::Pending => {}
                Poll::Lost => self.counting = None,
            }
        }
        let current = self.counts.as_ref().is_some_and(|(k, _)| *k == key);
        // One count at a time: while time plays, the panel keeps the last counts until the
        // count under way ends, and the newest state is counted then.
        if current || self.counting.is_some() {
            return;
        }
        // Counted from the filter result the events on show were taken from, so the
        // counts always agree with the map.
        let (from, to) = cx.view.time.visible_span();
        if cx.dataset.len() <= COUNT_IN_FRAME {
            let counts = FacetCounts::count(cx.dataset, cx.filtered, from, to);
            self.counts = Some((key, Arc::new(counts)));
            return;
        }
        let only_time = self
            .counts
            .as_ref()
            .is_some_and(|((generation, serial, _), _)| (*generation, *serial) == (key.0, key.1));
        if only_time
            && self
                .last_count
                .is_some_and(|at| at.elapsed() < RECOUNT_FOR_TIME)
        {
            ctx.request_repaint_after(RECOUNT_FOR_TIME);
            return;
        }
        self.last_count = Some(std::time::Instant::now());
        let (dataset, result) = (Arc::clone(cx.dataset), Arc::clone(cx.filtered));
        let work = move || FacetCounts::count(&dataset, &result, from, to);
        match Job::spawn("facets", ctx, key, work) {
            Ok(job) => self.counting = Some(job),
            Err(counts) => self.counts = Some((key, Arc::new(counts))),
        }
    }
}

/// Adds or removes `name` in a set of chosen names.
fn set(names: &mut std::collections::BTreeSet<String>, name: &str, on: bool) {
    if on {
        names.insert(name.to_owned());
    } else {
        names.remove(name);
    }
}

/// One kind of value (types, countries): the most frequent, each with its count, ticked
/// when chosen; those chosen are listed whatever their count.
#[allow(clippy::too_many_arguments)]
fn values_ui<'a>(
    ui: &mut Ui,
    title: &str,
    values: impl Iterator<Item = (u16, &'a str)>,
    counts: &[u32],
    chosen: &std::collections::BTreeSet<String>,
    change: impl Fn(&mut EventFilter, &str, bool),
    filter: &EventFilter,
    commands: &mut Vec<Command>,
) {
    let mut values: Vec<(u32, &str)> = values
        .map(|(id, name)| (counts.get(usize::from(id)).copied().unwrap_or(0), name))
        .collect();
    if values.is_empty() {
        return;
    }
    values.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let is_chosen = |name: &str| chosen.iter().any(|c| fold(c) == fold(name));
    egui::CollapsingHeader::new(title)
        .default_open(true)
        .show(ui, |ui| {
            for (n, (count, name)) in values.iter().enumerate() {
                let mut on = is_chosen(name);
                if n >= LISTED && !on {
                    continue;
                }
                let text = facet_label(name, *count);
                let text = if *count == 0 && !on {
                    RichText::new(text).weak()
                } else {
                    RichText::new(text)
                };
                if ui.checkbox(&mut on, text).changed() {
                    let mut changed = filter.clone();
                    // A name chosen in another spelling (an expression) goes too.
                    if !on {
                        let spelled: Vec<String> = chosen
                            .iter()
                            .filter(|c| fold(c) == fold(name))
                            .cloned()
                            .collect();
                        for other in spelled {
                            change(&mut changed, &other, false);
                        }
                    }
                    change(&mut changed, name, on);
                    commands.push(Command::SetFilter(changed));
                }
            }
        });
}

/// One of the filter's on/off switches.
type FlagOf = fn(&mut EventFilter) -> &mut bool;

/// Precision, disputes and sources: switches with their counts.
fn flags_ui(ui: &mut Ui, filter: &EventFilter, counts: &FacetCounts, commands: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Precision and sources")
        .default_open(true)
        .show(ui, |ui| {
            let flags: [(&str, u32, FlagOf); 4] = [
                (
                    "Only places known to a site or town",
                    counts.precise_places,
                    |f| &mut f.precise_places,
                ),
                (
                    "Only dates known to a week or better",
                    counts.precise_times,
                    |f| &mut f.precise_times,
                ),
                ("Only events the sources dispute", counts.disputed, |f| {
                    &mut f.disputed
                }),
                (
                    "Only events with a single source",
                    counts.single_source,
                    |f| &mut f.single_source,
                ),
            ];
            for (label, count, field) in flags {
                let mut changed = filter.clone();
                let flag = field(&mut changed);
                let text = facet_label(label, count);
                let text = if count == 0 && !*flag {
                    RichText::new(text).weak()
                } else {
                    RichText::new(text)
                };
                if ui.checkbox(flag, text).changed() {
                    commands.push(Command::SetFilter(changed));
                }
            }
        });
}
