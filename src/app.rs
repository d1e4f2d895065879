//! The chronomap app: owns the dataset and the view state, lays out the panels and applies
//! the commands they return, once per frame.

use std::sync::Arc;

use crate::map::{MapView, OnlineLayer};
use crate::model::{Dataset, EventFilter, EventIndex, Loaded, Problem, SourceId, TimePoint};
use crate::screenshot::ScreenshotJob;
use crate::time::{TimeAction, TimeControl};
use crate::ui;

/// What the user is looking at: the one source of truth every panel reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The time: the cursor, its mode (cumulative, window, step) and playback.
    pub time: TimeControl,
    /// The selected event, shown in the source panel.
    pub selected: Option<EventIndex>,
    /// Which events are on show, apart from time.
    pub filter: EventFilter,
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
}

/// The app.
pub struct ChronomapApp {
    dataset: Arc<Dataset>,
    problems: Vec<Problem>,
    view: ViewState,
    /// The events on show for `view`, in time order; recomputed when time or filters change.
    visible: Vec<EventIndex>,
    map: MapView,
    timeline: ui::Timeline,
    source_panel: ui::SourcePanel,
    show_problems: bool,
    screenshot: Option<ScreenshotJob>,
}

impl ChronomapApp {
    /// Builds the app around a loaded dataset. The slider starts at the end, so every event
    /// is on the map when the window opens.
    pub fn new(cc: &eframe::CreationContext<'_>, loaded: Loaded) -> Self {
        let Loaded { dataset, problems } = loaded;
        let time = TimeControl::new(dataset.slider_range());
        let show_problems = !problems.is_empty();
        for problem in &problems {
            log::warn!("{problem}");
        }
        let mut app = ChronomapApp {
            map: MapView::new(&cc.egui_ctx),
            timeline: ui::Timeline::default(),
            source_panel: ui::SourcePanel::new(&dataset),
            dataset: Arc::new(dataset),
            problems,
            view: ViewState {
                time,
                selected: None,
                filter: EventFilter::default(),
            },
            visible: Vec::new(),
            show_problems,
            screenshot: None,
        };
        app.refresh_visible();
        // Settings from the last run. A missing or unreadable value falls back to the
        // default (eframe reports the parse error); nothing is overwritten until the next save.
        if let Some(storage) = cc.storage
            && let Some(layer) = eframe::get_value::<OnlineLayer>(storage, ONLINE_LAYER_KEY)
        {
            app.map.online_mut().set_layer(layer);
        }
        app
    }

    /// The map, to change its layers.
    pub fn map_mut(&mut self) -> &mut MapView {
        &mut self.map
    }

    /// Makes the app write a PNG of its window once it has settled, then close.
    #[must_use]
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.screenshot = Some(job);
        self
    }

    /// The dataset on show.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The view state.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The problems found when loading.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The events on the map now, in time order.
    pub fn visible_events(&self) -> &[EventIndex] {
        &self.visible
    }

    /// The map's state (its camera and any flight under way).
    pub fn map(&self) -> &MapView {
        &self.map
    }

    /// The source panel's state (its tab and the article in the reader).
    pub fn source_panel(&self) -> &ui::SourcePanel {
        &self.source_panel
    }

    /// Recomputes the events on show: binary searches for time, then the filters over
    /// only the events that time lets through.
    fn refresh_visible(&mut self) {
        let (from, to) = self.view.time.visible_span();
        self.dataset
            .collect_visible(from, to, &self.view.filter, &mut self.visible);
    }

    /// What decides the visible set; when it changes, `visible` is recomputed.
    fn visible_key(&self) -> ((Option<TimePoint>, TimePoint), EventFilter) {
        (self.view.time.visible_span(), self.view.filter.clone())
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        let before = self.visible_key();
        match command {
            Command::Select(selected) => {
                self.view.selected = selected.filter(|index| *index < self.dataset.len());
                // An event selected outside what the cursor shows is brought into view.
                if let Some((start, end)) = selected.and_then(|index| self.dataset.span_of(index))
                    && !self.view.time.shows(start, end)
                {
                    self.view.time.set_time(start);
                }
            }
            Command::SetTime(time) => self.view.time.set_time(time),
            Command::Time(action) => {
                let starts = self.dataset.starts();
                if let Some(index) = self.view.time.apply(action, starts, self.view.selected) {
                    self.view.selected = Some(index);
                }
            }
            Command::ShowProblems(show) => self.show_problems = show,
            Command::FlyTo(index) => {
                if let Some(event) = self.dataset.event(index) {
                    self.map.fly_to(event.position);
                }
            }
            Command::SetSourceVisible(source, visible) => {
                self.view.filter.set_source_visible(source, visible);
            }
        }
        if before != self.visible_key() {
            self.refresh_visible();
        }
    }
}

/// The key under which the chosen online layer is saved between runs.
const ONLINE_LAYER_KEY: &str = "chronomap.online_layer";

impl eframe::App for ChronomapApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, ONLINE_LAYER_KEY, &self.map.online().layer());
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut commands = Vec::new();
        // Playback: advance the clock by this frame's time; nothing runs while paused.
        let dt = ui.input(|input| input.stable_dt);
        let before = self.visible_key();
        if self.view.time.update(dt, self.dataset.starts()) {
            ui.ctx().request_repaint();
        }
        if before != self.visible_key() {
            self.refresh_visible();
        }
        let visible = &self.visible;

        egui::Panel::top("top_bar").show(ui, |ui| {
            ui::top_bar_ui(
                ui,
                &self.dataset,
                visible.len(),
                &self.problems,
                &mut commands,
            );
        });
        // The source panel runs the full height, so that an event's details and the reader
        // both have room; the timeline sits under the map.
        egui::Panel::right("source_panel")
            .resizable(true)
            .default_size(400.0)
            .size_range(300.0..=640.0)
            .show(ui, |ui| {
                self.source_panel
                    .ui(ui, &self.dataset, &self.view, visible, &mut commands);
            });
        egui::Panel::bottom("timeline")
            .resizable(false)
            .show(ui, |ui| {
                self.timeline
                    .ui(ui, &self.dataset, &self.view, visible.len(), &mut commands);
                ui::time_slider_ui(ui, &self.dataset, &self.view, &mut commands);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.map
                    .ui(ui, &self.dataset, &self.view, visible, &mut commands);
            });

        if self.show_problems {
            ui::problems_window(ui.ctx(), &self.problems, &mut commands);
        }

        // After the panels, so that a focused widget has had its keys first.
        ui::time_shortcuts(ui.ctx(), &mut commands);
        if !commands.is_empty() {
            // The panels drew the state before these commands: draw the new one.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }

        if let Some(job) = &mut self.screenshot {
            job.update(ui.ctx(), self.map.tiles_settled());
        }
    }
}
