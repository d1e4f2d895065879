//! What the user is looking at, and what panels ask to change: the one source of truth that
//! every panel reads. It depends only on the model and the time control, never on egui, so
//! the map and the panels depend on it rather than on the app.

use std::sync::Arc;

use crate::model::{Dataset, EventFilter, EventIndex, FilterResult, Rgb, SourceId, TimePoint};
use crate::time::{TimeAction, TimeControl};
use crate::tint::ColorBy;

/// What the user is looking at: the one source of truth every panel reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The time: the cursor, its mode (cumulative, window, step) and playback.
    pub time: TimeControl,
    /// The selected event, shown in the source panel.
    pub selected: Option<EventIndex>,
    /// Which events are on show, apart from time.
    pub filter: EventFilter,
    /// What the events are coloured by.
    pub color_by: ColorBy,
    /// The colour chosen for each layer on show, in the order of the dataset's parts (see
    /// [`Dataset::part_of`]); `None` keeps each event in its initiator's colour.
    pub layer_colors: Vec<Option<Rgb>>,
}

impl ViewState {
    /// The colour the user chose for the layer that event `index` belongs to, if any: it
    /// stands in for the initiator's colour wherever the event is drawn.
    pub fn layer_color(&self, dataset: &Dataset, index: EventIndex) -> Option<Rgb> {
        if self.layer_colors.iter().all(Option::is_none) {
            return None;
        }
        self.layer_colors
            .get(dataset.part_of(index))
            .copied()
            .flatten()
    }
}

/// Something a panel asks the app to do; applied at the end of the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event, or clear the selection.
    Select(Option<EventIndex>),
    /// Move the time cursor.
    SetTime(TimePoint),
    /// Change the time control: play, step, mode, speed, loop, window.
    Time(TimeAction),
    /// Open or close the list of loading problems.
    ShowProblems(bool),
    /// Fly the map smoothly to an event.
    FlyTo(EventIndex),
    /// Switch an article on or off: events that only switched-off articles report are hidden.
    SetSourceVisible(SourceId, bool),
    /// Replace the filters (from the filter box).
    SetFilter(EventFilter),
    /// Colour the events by initiator, target, type or layer.
    SetColorBy(ColorBy),
    /// Ask for files to open, in the native file dialog.
    OpenFileDialog,
    /// Ask where to write the events on show, in the native save dialog, and write them.
    ExportShown,
    /// Ask where to save the view, in the native save dialog.
    SaveViewDialog,
    /// Ask for a view file to open, in the native file dialog.
    OpenViewDialog,
    /// Show or hide a loaded dataset (by its place in the list of layers) on the map.
    SetLayerVisible(usize, bool),
    /// Draw a layer's events in one colour, or (`None`) each in its initiator's colour.
    SetLayerColor(usize, Option<Rgb>),
    /// Forget a loaded dataset (never the built-in one).
    RemoveLayer(usize),
    /// Stop reading a file (by its place in the list of files being read).
    CancelLoad(usize),
    /// Start or stop presenting the open story.
    Present(bool),
    /// Show a step of the open story (from 0): its time, filters, camera and selection.
    ShowStep(usize),
}

/// What every panel reads in a frame, handed over as one value: the dataset, the view state
/// and the events on show.
#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    /// The dataset on show (shared, so that background work can hold it).
    pub dataset: &'a Arc<Dataset>,
    /// Time, selection and filters.
    pub view: &'a ViewState,
    /// The events on show, in time order (shared, like the dataset).
    pub visible: &'a Arc<Vec<EventIndex>>,
    /// A number that changes whenever `visible` does, so caches can tell sets apart.
    pub visible_version: u64,
    /// What the filter leaves of the dataset, whatever the time (computed once per change
    /// of filter or dataset; views read it rather than run the filter themselves).
    pub filtered: &'a Arc<FilterResult>,
}
