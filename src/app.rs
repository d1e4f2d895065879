//! The chronomap app: owns the dataset and the view state, lays out the panels and applies
//! the commands they return, once per frame.

use std::sync::Arc;

use crate::map::MapView;
use crate::model::{Dataset, EventFilter, EventIndex, Loaded, Problem, TimePoint};
use crate::screenshot::ScreenshotJob;
use crate::ui;

/// What the user is looking at: the one source of truth every panel reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// The time slider's position: events that begin after it are hidden.
    pub time: TimePoint,
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
    /// Move the time slider.
    SetTime(TimePoint),
    /// Open or close the list of loading problems.
    ShowProblems(bool),
}

/// The app.
pub struct ChronomapApp {
    dataset: Arc<Dataset>,
    problems: Vec<Problem>,
    view: ViewState,
    /// The events on show for `view`, in time order; recomputed when time or filters change.
    visible: Vec<EventIndex>,
    map: MapView,
    show_problems: bool,
    screenshot: Option<ScreenshotJob>,
}

impl ChronomapApp {
    /// Builds the app around a loaded dataset. The slider starts at the end, so every event
    /// is on the map when the window opens.
    pub fn new(cc: &eframe::CreationContext<'_>, loaded: Loaded) -> Self {
        let Loaded { dataset, problems } = loaded;
        let time = dataset
            .slider_range()
            .map_or_else(TimePoint::default, |(_, end)| end);
        let show_problems = !problems.is_empty();
        for problem in &problems {
            log::warn!("{problem}");
        }
        let mut app = ChronomapApp {
            map: MapView::new(&cc.egui_ctx),
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
        app
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

    /// Recomputes the events on show: a binary search for time, then the filters over
    /// only the events that time lets through.
    fn refresh_visible(&mut self) {
        let dataset = &self.dataset;
        let filter = &self.view.filter;
        self.visible.clear();
        self.visible
            .extend(dataset.begun_by(self.view.time).filter(|&index| {
                dataset
                    .event(index)
                    .is_some_and(|event| filter.admits(event))
            }));
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        let before = (self.view.time, self.view.filter.clone());
        match command {
            Command::Select(selected) => {
                self.view.selected = selected.filter(|index| *index < self.dataset.len());
                // An event selected from a list may lie after the slider: bring it into view.
                if let Some((start, _)) = selected.and_then(|index| self.dataset.span_of(index))
                    && start > self.view.time
                {
                    self.view.time = start;
                }
            }
            Command::SetTime(time) => self.view.time = time,
            Command::ShowProblems(show) => self.show_problems = show,
        }
        if before != (self.view.time, self.view.filter.clone()) {
            self.refresh_visible();
        }
    }
}

impl eframe::App for ChronomapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut commands = Vec::new();
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
        egui::Panel::bottom("time_slider")
            .resizable(false)
            .show(ui, |ui| {
                ui::time_slider_ui(ui, &self.dataset, &self.view, &mut commands);
            });
        egui::Panel::right("source_panel")
            .resizable(true)
            .default_size(400.0)
            .size_range(300.0..=640.0)
            .show(ui, |ui| {
                ui::source_panel_ui(ui, &self.dataset, &self.view, visible, &mut commands);
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

        for command in commands {
            self.apply(command);
        }

        if let Some(job) = &mut self.screenshot {
            job.update(ui.ctx(), self.map.tiles_settled());
        }
    }
}
