//! The event table: the events on show (filters and time) as rows, sortable by any column.
//! Only the rows in view are laid out, so a million rows scroll smoothly; sorting a large
//! set runs on a background thread. Clicking a row selects the event and flies the map to
//! it; ↑ and ↓ move the selection; an event selected elsewhere is scrolled into view.

use std::cmp::Ordering;
use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::background::{Job, Poll};
use crate::model::{Dataset, EventIndex, Role};
use crate::state::{Command, ViewContext};
use crate::ui::thousands;

/// The label of the button that shows or hides the table.
pub const TABLE_LABEL: &str = "Table";

/// Up to this many rows, a sort runs in the frame.
const SORT_IN_FRAME: usize = 50_000;

/// A column of the table, by which it can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableColumn {
    /// When it began.
    Date,
    /// Its title.
    Title,
    /// Where, as the data names the place.
    Place,
    /// The country.
    Country,
    /// Who acted.
    Initiators,
    /// Who was acted on.
    Targets,
    /// The event type.
    Type,
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// How many sources report it.
    Sources,
    /// How precisely its place and time are known.
    Precision,
}

impl TableColumn {
    /// Every column, in the order shown.
    pub const ALL: [TableColumn; 11] = [
        TableColumn::Date,
        TableColumn::Title,
        TableColumn::Place,
        TableColumn::Country,
        TableColumn::Initiators,
        TableColumn::Targets,
        TableColumn::Type,
        TableColumn::Killed,
        TableColumn::Injured,
        TableColumn::Sources,
        TableColumn::Precision,
    ];

    /// The column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            TableColumn::Date => "Date",
            TableColumn::Title => "Title",
            TableColumn::Place => "Place",
            TableColumn::Country => "Country",
            TableColumn::Initiators => "Initiators",
            TableColumn::Targets => "Targets",
            TableColumn::Type => "Type",
            TableColumn::Killed => "Killed",
            TableColumn::Injured => "Injured",
            TableColumn::Sources => "Sources",
            TableColumn::Precision => "Precision",
        }
    }

    fn width(self) -> Column {
        match self {
            TableColumn::Date => Column::exact(80.0),
            // The title takes what the other columns leave.
            TableColumn::Title => Column::remainder().at_least(140.0),
            TableColumn::Place | TableColumn::Type => Column::initial(110.0).at_least(50.0),
            TableColumn::Initiators | TableColumn::Targets => Column::initial(120.0).at_least(50.0),
            TableColumn::Country => Column::initial(56.0).at_least(40.0),
            TableColumn::Killed | TableColumn::Injured | TableColumn::Sources => {
                Column::exact(52.0)
            }
            TableColumn::Precision => Column::initial(90.0).at_least(60.0),
        }
    }

    /// The text of this column for event `index`.
    pub fn text(self, dataset: &Dataset, index: EventIndex) -> String {
        let actors = |role| {
            dataset
                .actors_in_role(index, role)
                .map(|actor| dataset.actors().name(actor).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let figure = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        match self {
            TableColumn::Date => dataset
                .time(index)
                .map(|time| time.start.date().to_string())
                .unwrap_or_default(),
            TableColumn::Title => dataset.title(index).into_owned(),
            TableColumn::Place => dataset.place(index).to_owned(),
            TableColumn::Country => dataset.country(index).unwrap_or_default().to_owned(),
            TableColumn::Initiators => actors(Role::Initiator),
            TableColumn::Targets => actors(Role::Target),
            TableColumn::Type => dataset.type_label(index).to_owned(),
            TableColumn::Killed => figure(dataset.killed(index)),
            TableColumn::Injured => figure(dataset.injured(index)),
            TableColumn::Sources => dataset.reporting_sources(index).len().to_string(),
            TableColumn::Precision => {
                let time = dataset
                    .time_precision(index)
                    .map_or("", |precision| precision.as_str());
                format!("{} · {time}", dataset.geo_precision(index).as_str())
            }
        }
    }

    /// Orders two events by this column; ties keep time order.
    fn compare(self, dataset: &Dataset, a: EventIndex, b: EventIndex) -> Ordering {
        let by = match self {
            TableColumn::Date => Ordering::Equal,
            TableColumn::Killed => dataset.killed(a).cmp(&dataset.killed(b)),
            TableColumn::Injured => dataset.injured(a).cmp(&dataset.injured(b)),
            TableColumn::Sources => dataset
                .reporting_sources(a)
                .len()
                .cmp(&dataset.reporting_sources(b).len()),
            column => column.text(dataset, a).cmp(&column.text(dataset, b)),
        };
        by.then(a.cmp(&b))
    }
}

/// The events of `visible` ordered by `column` (descending when `descending`).
pub fn sorted(
    dataset: &Dataset,
    visible: &[EventIndex],
    column: TableColumn,
    descending: bool,
) -> Vec<EventIndex> {
    let mut order = visible.to_vec();
    if column != TableColumn::Date {
        order.sort_by(|&a, &b| column.compare(dataset, a, b));
    }
    if descending {
        order.reverse();
    }
    order
}

/// What an order was made from.
#[derive(Clone, Copy, PartialEq, Eq)]
struct OrderKey {
    generation: u64,
    visible: u64,
    column: TableColumn,
    descending: bool,
}

/// The table's state between frames.
pub struct EventTable {
    column: TableColumn,
    descending: bool,
    order: Option<(OrderKey, Arc<Vec<EventIndex>>)>,
    sorting: Option<Job<OrderKey, Vec<EventIndex>>>,
    /// The selection last seen, so that a new one made elsewhere is scrolled to.
    seen_selection: Option<EventIndex>,
}

impl Default for EventTable {
    fn default() -> Self {
        EventTable {
            column: TableColumn::Date,
            descending: false,
            order: None,
            sorting: None,
            seen_selection: None,
        }
    }
}

impl EventTable {
    /// Whether a sort is under way in the background.
    pub fn is_sorting(&self) -> bool {
        self.sorting.is_some()
    }

    /// The rows in the order shown, once sorted.
    pub fn rows(&self) -> Option<&[EventIndex]> {
        self.order.as_ref().map(|(_, order)| order.as_slice())
    }

    /// Shows the table in the whole of `ui`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
        let key = OrderKey {
            generation: cx.dataset.generation(),
            visible: cx.visible_version,
            column: self.column,
            descending: self.descending,
        };
        self.update_order(ui.ctx(), cx, key);
        let Some((_, order)) = self.order.clone() else {
            ui.spinner();
            return;
        };
        let sorting = self.is_sorting();
        ui.horizontal(|ui| {
            ui.strong(format!("{} events", thousands(order.len() as u64)));
            if sorting {
                ui.spinner();
                ui.label(RichText::new("sorting…").weak());
            }
            ui.label(
                RichText::new("Click a heading to sort · click a row to select · ⏶ ⏷ keys to move")
                    .weak()
                    .small(),
            );
        });
        // Finding the selected row walks the rows: only when the selection changed or an
        // arrow key asks for the next one.
        let arrows = ui.input(|input| {
            input.key_pressed(egui::Key::ArrowUp) || input.key_pressed(egui::Key::ArrowDown)
        });
        let selected_row = if cx.view.selected != self.seen_selection || arrows {
            cx.view
                .selected
                .and_then(|index| order.iter().position(|&i| i == index))
        } else {
            None
        };
        let moved = arrows && self.keyboard(ui, &order, selected_row, commands);
        let scroll_to = if cx.view.selected != self.seen_selection || moved {
            self.seen_selection = cx.view.selected;
            selected_row
        } else {
            None
        };
        // A window too narrow for every column scrolls the table sideways.
        egui::ScrollArea::horizontal()
            .id_salt("event-table-sideways")
            .show(ui, |ui| {
                self.table_ui(ui, cx, &order, scroll_to, commands);
            });
    }

    /// The table itself: headings that sort, and the rows in view.
    fn table_ui(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext<'_>,
        order: &[EventIndex],
        scroll_to: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let mut table = TableBuilder::new(ui)
            .id_salt("event-table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for column in TableColumn::ALL {
            table = table.column(column.width().clip(true));
        }
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
        let mut clicked_heading = None;
        table
            .header(22.0, |mut header| {
                for column in TableColumn::ALL {
                    header.col(|ui| {
                        let arrow = match (column == self.column, self.descending) {
                            (true, false) => " ⏶",
                            (true, true) => " ⏷",
                            (false, _) => "",
                        };
                        let text = RichText::new(format!("{}{arrow}", column.heading())).strong();
                        if ui.add(egui::Button::new(text).frame(false)).clicked() {
                            clicked_heading = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, order.len(), |mut row| {
                    let index = order[row.index()];
                    row.set_selected(cx.view.selected == Some(index));
                    for column in TableColumn::ALL {
                        row.col(|ui| {
                            // Not selectable: a selectable label takes the click that
                            // selects the row.
                            ui.add(
                                egui::Label::new(column.text(cx.dataset, index)).selectable(false),
                            );
                        });
                    }
                    if row.response().clicked() {
                        commands.push(Command::Select(Some(index)));
                        commands.push(Command::FlyTo(index));
                    }
                });
            });
        if let Some(column) = clicked_heading {
            if column == self.column {
                self.descending = !self.descending;
            } else {
                self.column = column;
                self.descending = false;
            }
        }
    }

    /// ↑ and ↓ move the selection through the rows, unless a text box has the keyboard.
    /// Returns whether the selection moved.
    fn keyboard(
        &self,
        ui: &Ui,
        order: &[EventIndex],
        selected_row: Option<usize>,
        commands: &mut Vec<Command>,
    ) -> bool {
        if ui.ctx().memory(|memory| memory.focused().is_some()) || order.is_empty() {
            return false;
        }
        let (up, down) = ui.input(|input| {
            (
                input.key_pressed(egui::Key::ArrowUp),
                input.key_pressed(egui::Key::ArrowDown),
            )
        });
        let next = match (selected_row, up, down) {
            (Some(row), true, false) => row.checked_sub(1),
            (Some(row), false, true) => (row + 1 < order.len()).then_some(row + 1),
            (None, false, true) => Some(0),
            _ => None,
        };
        let Some(next) = next else { return false };
        commands.push(Command::Select(Some(order[next])));
        commands.push(Command::FlyTo(order[next]));
        true
    }

    /// Makes the order for `key`: in the frame for a small set, else on a background thread
    /// (the rows keep their last order until it is done).
    fn update_order(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>, key: OrderKey) {
        if let Some(job) = &self.sorting {
            match job.poll() {
                Poll::Ready(order) => {
                    self.order = Some((*job.key(), Arc::new(order)));
                    self.sorting = None;
                }
                Poll::Pending => {}
                Poll::Lost => self.sorting = None,
            }
        }
        let current = self.order.as_ref().is_some_and(|(k, _)| *k == key);
        // One sort at a time: while time plays, the rows keep the last order until the
        // sort under way ends, and the newest is sorted then.
        if current || self.sorting.is_some() {
            return;
        }
        if key.column == TableColumn::Date && !key.descending {
            // The events on show are already in time order: shared, not copied.
            self.order = Some((key, Arc::clone(cx.visible)));
            return;
        }
        let plain = key.column == TableColumn::Date;
        if plain || cx.visible.len() <= SORT_IN_FRAME {
            let order = sorted(cx.dataset, cx.visible, key.column, key.descending);
            self.order = Some((key, Arc::new(order)));
            return;
        }
        let (dataset, visible) = (Arc::clone(cx.dataset), Arc::clone(cx.visible));
        let work = move || sorted(&dataset, &visible, key.column, key.descending);
        match Job::spawn("table-sort", ctx, key, work) {
            Ok(job) => self.sorting = Some(job),
            Err(order) => self.order = Some((key, Arc::new(order))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_a_column_orders_by_its_values_and_ties_keep_time_order() {
        let dataset = crate::model::synthetic::dataset(500, 30, 4);
        let visible: Vec<EventIndex> = dataset.indices().collect();
        let by_title = sorted(&dataset, &visible, TableColumn::Title, false);
        assert_eq!(by_title.len(), visible.len());
        for pair in by_title.windows(2) {
            let (a, b) = (dataset.title(pair[0]), dataset.title(pair[1]));
            assert!(a < b || (a == b && pair[0] < pair[1]), "{a} / {b}");
        }
        let newest_first = sorted(&dataset, &visible, TableColumn::Date, true);
        assert_eq!(newest_first.first(), visible.last());
        let by_initiator = sorted(&dataset, &visible, TableColumn::Initiators, false);
        let names: Vec<String> = by_initiator
            .iter()
            .map(|&i| TableColumn::Initiators.text(&dataset, i))
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
    }
}
