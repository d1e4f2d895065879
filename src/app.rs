//! The chronomap app: owns the dataset and the view state, lays out the panels and applies
//! the commands they return, once per frame.

use std::path::PathBuf;
use std::sync::Arc;

use crate::background::{Job, Poll};
use crate::io::import::{ImportReport, Imported};
use crate::loading::{Loading, file_name};
use crate::map::{MapView, OnlineLayer};
use crate::model::{
    Dataset, EventFilter, EventIndex, FilterResult, Loaded, Problem, Rgb, TimePoint,
};
use crate::screenshot::ScreenshotJob;
use crate::state::{Command, ViewContext, ViewState};
use crate::time::TimeControl;
use crate::ui;

mod presenting;
mod recording;
pub use recording::CommandLineVideo;
mod views;

/// A dataset that has been loaded: the built-in one, or a user's file.
pub struct Layer {
    /// What to call it: "Built-in events" or the file name.
    pub name: String,
    /// Its events.
    pub dataset: Arc<Dataset>,
    /// What the import read and rejected (none for the built-in events).
    pub report: Option<ImportReport>,
    /// Whether its events are on the map.
    pub visible: bool,
    /// The one colour its events are drawn in, or `None` for each initiator's colour.
    pub color: Option<Rgb>,
    /// The file it was read from (none for the built-in events).
    pub path: Option<PathBuf>,
    /// Tells layers apart while others are added and removed.
    id: u64,
}

/// Where the store of several layers put together arrives.
/// Layers being put into one store, for the ids of those layers.
type Combined = Job<Vec<u64>, Result<Dataset, crate::model::StoreFull>>;

/// The label of the menu that saves and opens views.
pub const VIEW_MENU_LABEL: &str = "View";
/// The label of the menu item that saves the view.
pub const SAVE_VIEW_LABEL: &str = "Save view…";
/// The label of the menu item that opens a view.
pub const OPEN_VIEW_LABEL: &str = "Open view…";

/// `light` or `dark` when the user chose one, `None` when the app follows the system.
fn theme_name(ctx: &egui::Context) -> Option<&'static str> {
    match ctx.options(|options| options.theme_preference) {
        egui::ThemePreference::Light => Some("light"),
        egui::ThemePreference::Dark => Some("dark"),
        egui::ThemePreference::System => None,
    }
}

/// From this many events, a filter is applied on a background thread.
const FILTER_IN_FRAME: usize = 100_000;
/// Up to this many events, the index of words is built in the frame on the first search.
const INDEX_IN_FRAME: usize = 5_000;

/// The label of the built-in dataset in the list of layers.
pub const BUILTIN_LAYER: &str = "Built-in events (January 2024)";

/// The app.
pub struct ChronomapApp {
    dataset: Arc<Dataset>,
    /// Every dataset loaded, the built-in one first; those marked visible are on the map.
    layers: Vec<Layer>,
    /// Several visible layers being put into one store on a background thread, with the
    /// ids of those layers.
    combining: Option<Combined>,
    /// The ids of the layers in `dataset`, in the order of its parts.
    on_show: Vec<u64>,
    /// The id the next layer gets.
    next_layer_id: u64,
    /// To wake the window from background threads.
    ctx: egui::Context,
    /// Files being read in the background.
    loads: Vec<Loading>,
    /// A file dialog open on its own thread, and where its answer arrives.
    dialog: Option<Job<(), Vec<PathBuf>>>,
    /// The columns of a CSV file being chosen by the user.
    column_chooser: Option<ui::ColumnChooser>,
    problems: Vec<Problem>,
    view: ViewState,
    /// The events on show for `view`, in time order; recomputed when time or filters change.
    visible: Arc<Vec<EventIndex>>,
    /// Counts the changes of `visible`.
    visible_version: u64,
    /// What the filter leaves of the dataset, whatever the time: read by every view.
    filtered: Arc<FilterResult>,
    /// A filter result being worked out on a background thread (a filter over a large
    /// dataset), for this dataset generation and filter.
    filtering: Option<Job<(u64, EventFilter), FilterResult>>,
    filter_box: ui::FilterBox,
    /// The filter panel, and whether it is open.
    filter_panel: ui::FilterPanel,
    filter_panel_open: bool,
    /// The event table, and whether it is open.
    table: ui::EventTable,
    table_open: bool,
    /// Writing the events on show to a file.
    export: crate::export_shown::ExportShown,
    /// A view being opened: applied once its files have loaded.
    pending_view: Option<views::PendingView>,
    /// The save and open dialogs of views.
    view_dialogs: views::ViewDialogs,
    map: MapView,
    timeline: ui::Timeline,
    source_panel: ui::SourcePanel,
    show_problems: bool,
    screenshot: Option<ScreenshotJob>,
    /// The open story, and presenter mode.
    presenter: ui::Presenter,
    /// `--export-steps`: an image of every step of the story, then close.
    steps_export: Option<crate::export_steps::StepsExport>,
    /// The current view as a PNG at a chosen size (View → Export image…).
    export_image: crate::export_image::ExportImage,
    /// The story editor, and story files being read or written.
    story_files: presenting::StoryFiles,
    /// A playback being recorded to a video (View → Export video…, `--export-video`).
    video: Option<crate::export_video::VideoExport>,
    /// The settings of View → Export video….
    video_dialog: ui::VideoDialog,
    /// What the last recording gave.
    video_outcome: Option<Result<String, String>>,
    /// `--export-video`, until the files given have loaded.
    video_asked: Option<recording::CommandLineVideo>,
    /// A run from the command line that only renders (`--export-video`): it leaves the
    /// user's settings as they were.
    rendering_only: bool,
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
        let dataset = Arc::new(dataset);
        let filtered = Arc::new(FilterResult::everything(&dataset));
        let mut app = ChronomapApp {
            map: MapView::new(&cc.egui_ctx),
            timeline: ui::Timeline::default(),
            source_panel: ui::SourcePanel::new(&dataset),
            layers: vec![Layer {
                name: BUILTIN_LAYER.to_owned(),
                dataset: Arc::clone(&dataset),
                report: None,
                visible: true,
                color: None,
                path: None,
                id: 0,
            }],
            combining: None,
            on_show: vec![0],
            next_layer_id: 1,
            ctx: cc.egui_ctx.clone(),
            loads: Vec::new(),
            dialog: None,
            column_chooser: None,
            dataset,
            problems,
            view: ViewState {
                time,
                selected: None,
                filter: EventFilter::default(),
                layer_colors: vec![None],
                color_by: Default::default(),
            },
            visible: Arc::new(Vec::new()),
            visible_version: 0,
            filtered,
            filtering: None,
            filter_box: ui::FilterBox::default(),
            filter_panel: ui::FilterPanel::default(),
            filter_panel_open: false,
            table: ui::EventTable::default(),
            table_open: false,
            export: Default::default(),
            pending_view: None,
            view_dialogs: Default::default(),
            show_problems,
            screenshot: None,
            presenter: presenting::builtin_presenter(),
            steps_export: None,
            export_image: Default::default(),
            story_files: Default::default(),
            video: None,
            video_dialog: Default::default(),
            video_outcome: None,
            rendering_only: false,
            video_asked: None,
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

    /// Starts reading files in the background; each becomes a layer when it has been read.
    pub fn open_files(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let base = self.layers.first().map(|layer| Arc::clone(&layer.dataset));
        for path in paths {
            let ctx = ctx.clone();
            let loading = Loading::start(path, base.clone(), move || ctx.request_repaint());
            self.loads.push(loading);
        }
    }

    /// The column chooser, when one is open.
    pub fn column_chooser_mut(&mut self) -> Option<&mut ui::ColumnChooser> {
        self.column_chooser.as_mut()
    }

    /// The files being read now.
    pub fn loads(&self) -> &[Loading] {
        &self.loads
    }

    /// The loaded datasets, the built-in one first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Whether several layers are being put together for the map.
    pub fn is_combining(&self) -> bool {
        self.combining.is_some()
    }

    /// Puts the visible layers on the map: one layer as it is; several put into one store
    /// on a background thread (the map keeps what it shows until that is done).
    fn show_visible_layers(&mut self) {
        let shown = self.layers.iter().filter(|layer| layer.visible);
        let visible: Vec<Arc<Dataset>> = shown.clone().map(|l| Arc::clone(&l.dataset)).collect();
        let ids: Vec<u64> = shown.map(|layer| layer.id).collect();
        self.combining = None;
        match visible.as_slice() {
            [] => self.set_dataset(Arc::new(Dataset::default()), ids),
            // Already on the map (a hidden layer was removed): keep the view as it is.
            [one] if Arc::ptr_eq(one, &self.dataset) => {}
            [one] => self.set_dataset(Arc::clone(one), ids),
            _ => {
                let work = move || {
                    let parts: Vec<&Dataset> = visible.iter().map(Arc::as_ref).collect();
                    Dataset::combine(&parts)
                };
                match Job::spawn("layers", &self.ctx, ids.clone(), work) {
                    Ok(job) => self.combining = Some(job),
                    Err(combined) => self.take_combined(combined, ids),
                }
            }
        }
    }

    /// Takes in the visible layers once they have been put together.
    fn receive_combined(&mut self) {
        let Some(job) = &self.combining else {
            return;
        };
        match job.poll() {
            Poll::Ready(combined) => {
                let ids = job.key().clone();
                self.combining = None;
                self.take_combined(combined, ids);
            }
            Poll::Pending => {}
            Poll::Lost => self.combining = None,
        }
    }

    /// Shows the layers `ids` put together, or says why they could not be.
    fn take_combined(&mut self, combined: Result<Dataset, crate::model::StoreFull>, ids: Vec<u64>) {
        match combined {
            Ok(dataset) => self.set_dataset(Arc::new(dataset), ids),
            Err(err) => {
                self.problems.push(Problem::in_file(
                    "layers",
                    format!("could not be shown together: {err}"),
                ));
                self.show_problems = true;
            }
        }
    }

    /// Puts `dataset`, made of the layers `on_show`, on the map. The selection is kept if
    /// the new dataset has an event with the same id.
    fn set_dataset(&mut self, dataset: Arc<Dataset>, on_show: Vec<u64>) {
        let selected_id = self
            .view
            .selected
            .map(|selected| self.dataset.id(selected).to_owned());
        self.dataset = dataset;
        self.view = ViewState {
            time: TimeControl::new(self.dataset.slider_range()),
            selected: selected_id.and_then(|id| self.dataset.index_of(&id)),
            // Filters name actors, types and words, so they hold for the new events too;
            // articles switched off belong to the old dataset.
            filter: EventFilter {
                hidden_sources: Default::default(),
                ..self.view.filter.clone()
            },
            layer_colors: Vec::new(),
            color_by: self.view.color_by,
        };
        self.on_show = on_show;
        self.refresh_layer_colors();
        self.source_panel = ui::SourcePanel::new(&self.dataset);
        self.map.refit();
        self.refresh_visible();
    }

    /// Takes in the files that have finished loading.
    fn receive_loads(&mut self) {
        let mut finished = Vec::new();
        self.loads.retain(|loading| match loading.poll() {
            Some(imported) => {
                finished.push((loading.path.clone(), imported));
                false
            }
            None => true,
        });
        for (path, Imported { dataset, report }) in finished {
            let name = file_name(&path);
            self.problems.extend(problems_of(&report));
            // A CSV file whose columns were not found, or only guessed, gets the chooser.
            if let Some(columns) = &report.columns
                && (report.error.is_some() || columns.unsure)
                && !report.cancelled
            {
                self.column_chooser = Some(ui::ColumnChooser::new(
                    path.clone(),
                    columns,
                    report.error.is_none(),
                ));
            }
            if report.error.is_some() || report.cancelled {
                // A file that could not be read changes nothing that was loaded.
                self.show_problems = true;
                continue;
            }
            if report.rejected > 0 {
                self.show_problems = true;
            }
            // The first file of the user's own replaces the built-in story on the map; it
            // can be switched back on in the Layers menu.
            if self.layers.len() == 1
                && let Some(builtin) = self.layers.first_mut()
            {
                builtin.visible = false;
            }
            self.layers.push(Layer {
                name,
                dataset: Arc::new(dataset),
                report: Some(report),
                visible: true,
                color: None,
                path: Some(path.clone()),
                id: self.next_layer_id,
            });
            self.next_layer_id += 1;
            self.show_visible_layers();
        }
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

    /// Hands the view the colours of the layers on show, in the order of the dataset's parts.
    fn refresh_layer_colors(&mut self) {
        self.view.layer_colors = self
            .on_show
            .iter()
            .map(|id| {
                self.layers
                    .iter()
                    .find(|layer| layer.id == *id)
                    .and_then(|layer| layer.color)
            })
            .collect();
    }

    /// Recomputes the events on show: binary searches for time, then one lookup per event
    /// in the filter's result. The result itself is worked out again only when the filter
    /// or the dataset changed: in this frame for a small dataset, else on a background
    /// thread, while the map keeps what it showed (nothing, if the dataset is new).
    fn refresh_visible(&mut self) {
        if !self.filtered.is_for(&self.dataset, &self.view.filter) {
            let key = (self.dataset.generation(), self.view.filter.clone());
            let under_way = self.filtering.as_ref().is_some_and(|job| *job.key() == key);
            // A first search over more than a few thousand events builds the word index,
            // which is work for the background thread too.
            let first_search = !self.view.filter.words.is_empty()
                && !self.dataset.has_word_index()
                && self.dataset.len() > INDEX_IN_FRAME;
            let light = self.dataset.len() < FILTER_IN_FRAME && !first_search;
            if self.view.filter.is_empty() || light {
                self.filtering = None;
                self.filtered = Arc::new(FilterResult::compute(&self.dataset, &self.view.filter));
            } else if !under_way {
                let (dataset, filter) = (Arc::clone(&self.dataset), self.view.filter.clone());
                let work = move || FilterResult::compute(&dataset, &filter);
                match Job::spawn("filter", &self.ctx, key, work) {
                    Ok(job) => self.filtering = Some(job),
                    Err(result) => self.filtered = Arc::new(result),
                }
            }
        }
        if self.filtered.generation() != self.dataset.generation() {
            // A new dataset whose filter result is not ready: the old indices mean nothing.
            if !self.visible.is_empty() {
                self.set_visible(Vec::new());
            }
            return;
        }
        let (from, to) = self.view.time.visible_span();
        let mut visible = Vec::new();
        self.filtered
            .collect_visible(&self.dataset, from, to, &mut visible);
        self.set_visible(visible);
    }

    /// Puts a new set of events on show. A new list each time: the map's cluster builder
    /// may still hold the old one.
    fn set_visible(&mut self, visible: Vec<EventIndex>) {
        self.visible = Arc::new(visible);
        self.visible_version += 1;
    }

    /// Takes in a filter result worked out in the background, if it is ready and still
    /// wanted, and shows its events.
    fn receive_filtered(&mut self) {
        let Some(job) = &self.filtering else {
            return;
        };
        match job.poll() {
            Poll::Ready(result) => {
                self.filtering = None;
                if result.is_for(&self.dataset, &self.view.filter) {
                    self.filtered = Arc::new(result);
                    self.refresh_visible();
                }
            }
            Poll::Pending => {}
            Poll::Lost => self.filtering = None,
        }
    }

    /// Writes the events on show to `path` (chronomap GeoJSON or CSV) on a background
    /// thread, as **Export…** does once its dialog has answered.
    pub fn export_shown_to(&mut self, path: PathBuf) {
        let ctx = self.ctx.clone();
        self.export.write(&ctx, &self.dataset, &self.visible, path);
    }

    /// What the last export did: "Wrote N events to F", or why it failed.
    pub fn export_outcome(&self) -> Option<&Result<String, String>> {
        self.export.outcome.as_ref()
    }

    /// Whether an export is under way.
    pub fn is_exporting(&self) -> bool {
        self.export.is_busy()
    }

    /// Shows or hides the filter panel.
    pub fn show_filter_panel(&mut self, open: bool) {
        self.filter_panel_open = open;
    }

    /// Shows or hides the event table.
    pub fn show_table(&mut self, open: bool) {
        self.table_open = open;
    }

    /// Whether the events on show are being worked out in the background.
    pub fn is_filtering(&self) -> bool {
        self.filtering.is_some()
    }

    /// Whether the filter panel's counts are being made in the background.
    pub fn is_counting(&self) -> bool {
        self.filter_panel.is_counting()
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
                if let Some(position) = self.dataset.position(index) {
                    self.map.fly_to(position);
                }
            }
            Command::SetSourceVisible(source, visible) => {
                self.view.filter.set_source_visible(source, visible);
            }
            Command::SetColorBy(color_by) => self.view.color_by = color_by,
            Command::SetFilter(filter) => {
                // The selected event stays selected while the new filters still show it.
                if let Some(selected) = self.view.selected
                    && !filter.admits(&self.dataset, selected)
                {
                    self.view.selected = None;
                }
                self.view.filter = filter;
            }
            Command::SetLayerVisible(index, visible) => {
                if let Some(layer) = self.layers.get_mut(index)
                    && layer.visible != visible
                {
                    layer.visible = visible;
                    self.show_visible_layers();
                }
            }
            Command::SetLayerColor(index, color) => {
                if let Some(layer) = self.layers.get_mut(index) {
                    layer.color = color;
                    self.refresh_layer_colors();
                }
            }
            Command::RemoveLayer(index) => {
                // The built-in events stay, so they can always be shown again.
                if index > 0 && index < self.layers.len() {
                    self.layers.remove(index);
                    if !self.layers.iter().any(|layer| layer.visible)
                        && let Some(builtin) = self.layers.first_mut()
                    {
                        builtin.visible = true;
                    }
                    self.show_visible_layers();
                }
            }
            Command::CancelLoad(index) => {
                if let Some(loading) = self.loads.get(index) {
                    loading.progress.cancel();
                }
            }
            Command::Present(on) => self.present(on),
            Command::ShowStep(step) => self.show_step(step),
            // Need the egui context: handled in `ui`.
            Command::OpenFileDialog
            | Command::ExportShown
            | Command::SaveViewDialog
            | Command::OpenViewDialog => {}
        }
        if before != self.visible_key() {
            self.refresh_visible();
        }
    }
}

impl ChronomapApp {
    /// Opens the native file dialog on its own thread, so the window keeps drawing.
    fn open_file_dialog(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let pick = || {
            rfd::FileDialog::new()
                .set_title("Open events")
                .add_filter(
                    "Events (GeoJSON, ACLED, GDELT, CSV)",
                    &["geojson", "json", "csv", "tsv", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default()
        };
        match Job::spawn("file-dialog", ctx, (), pick) {
            Ok(job) => self.dialog = Some(job),
            // No thread to spare: the dialog was shown here and has answered.
            Err(paths) => self.open_files(ctx, paths),
        }
    }

    /// Starts loading files dropped on the window or chosen in the file dialog.
    fn receive_dropped_and_chosen_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        let chosen = match self.dialog.as_ref().map(Job::poll) {
            Some(Poll::Ready(paths)) => {
                self.dialog = None;
                paths
            }
            Some(Poll::Lost) => {
                self.dialog = None;
                Vec::new()
            }
            Some(Poll::Pending) | None => Vec::new(),
        };
        let paths: Vec<PathBuf> = dropped.into_iter().chain(chosen).collect();
        if !paths.is_empty() {
            self.open_files(ctx, paths);
        }
    }
}

/// The problems of an import, for the problems window: the file-level error, then each
/// rejected row with its row, line, column and reason.
fn problems_of(report: &ImportReport) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(error) = &report.error {
        problems.push(Problem::in_file(
            &report.file,
            format!("{error}; nothing from it was loaded"),
        ));
    }
    if report.cancelled {
        problems.push(Problem::in_file(
            &report.file,
            "loading was cancelled; nothing from it was loaded",
        ));
    }
    for rejection in &report.rejections {
        let place = format!("row {} (line {})", rejection.row, rejection.line);
        problems.push(Problem::in_field(
            &report.file,
            place,
            rejection.column.as_deref().unwrap_or("(record)"),
            format!("{}; the row was skipped", rejection.reason),
        ));
    }
    let listed = report.rejections.len() as u64;
    if report.rejected > listed {
        problems.push(Problem::in_file(
            &report.file,
            format!(
                "{} more rows were rejected ({} in all)",
                report.rejected - listed,
                report.rejected
            ),
        ));
    }
    problems.extend(
        report
            .notes
            .iter()
            .map(|note| Problem::in_file(&report.file, note.clone())),
    );
    problems
}

/// The key under which the chosen online layer is saved between runs.
const ONLINE_LAYER_KEY: &str = "chronomap.online_layer";

impl eframe::App for ChronomapApp {
    fn persist_egui_memory(&self) -> bool {
        // Nor does it keep its own panel sizes and theme for the next run.
        self.screenshot.is_none() && self.steps_export.is_none() && !self.rendering_only
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // A screenshot run leaves the user's settings as they were.
        if self.screenshot.is_some() || self.steps_export.is_some() || self.rendering_only {
            return;
        }
        eframe::set_value(storage, ONLINE_LAYER_KEY, &self.map.online().layer());
        self.keep_view(storage, theme_name(&self.ctx));
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut commands = Vec::new();
        self.receive_loads();
        self.receive_combined();
        self.receive_filtered();
        self.continue_view();
        self.receive_view_dialogs(theme_name(ui.ctx()));
        self.export.poll(ui.ctx(), &self.dataset, &self.visible);
        self.receive_dropped_and_chosen_files(ui.ctx());
        if !self.loads.is_empty()
            || self.combining.is_some()
            || self.filtering.is_some()
            || self.export.is_busy()
        {
            // The progress bars move while files load, without a busy loop.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.is_exporting_video() && !ui.ctx().embed_viewports() {
            // The recording plays on its own: a click or key would change what it records.
            // (The progress and Cancel are in a window of their own.)
            ui.ctx().input_mut(|input| {
                input.events.clear();
                input.keys_down.clear();
                input.pointer = Default::default();
            });
        }
        // Playback: advance the clock by this frame's time (one frame's time while
        // recording); nothing runs while paused.
        let dt = self.frame_dt(ui);
        let before = self.visible_key();
        if self.view.time.update(dt, self.dataset.starts()) {
            ui.ctx().request_repaint();
        }
        let presenting = self.presenter.is_active();
        let recording = self.is_exporting_video();
        if presenting {
            self.glide_time(dt);
            // No control takes keys while presenting: the clicker's keys are the presenter's.
            self.presenter.keys(ui.ctx(), &mut commands);
        }
        if before != self.visible_key() {
            self.refresh_visible();
        }
        let cx = ViewContext {
            dataset: &self.dataset,
            view: &self.view,
            visible: &self.visible,
            visible_version: self.visible_version,
            filtered: &self.filtered,
        };

        // The top bar and the source panel slide away while presenting.
        let mut panels_shown = !presenting;
        egui::Panel::top("top_bar").show_collapsible(ui, &mut panels_shown, |ui| {
            ui::top_bar_ui(
                ui,
                cx.dataset,
                cx.visible.len(),
                &self.problems,
                &mut commands,
            );
            ui::files_ui(
                ui,
                &self.layers,
                self.combining.is_some(),
                &self.loads,
                &mut commands,
            );
            ui.horizontal(|ui| {
                ui.toggle_value(&mut self.filter_panel_open, ui::FILTERS_LABEL)
                    .on_hover_text("Filter by actor, type, country and precision, with counts");
                self.filter_box
                    .ui(ui, &cx.view.filter, self.filtering.is_some(), &mut commands);
                ui.separator();
                ui.toggle_value(&mut self.table_open, ui::TABLE_LABEL)
                    .on_hover_text("The events on show as a table");
                let export = ui
                    .add_enabled(
                        !self.export.is_busy(),
                        egui::Button::new(crate::export_shown::EXPORT_LABEL),
                    )
                    .on_hover_text("Write the events on show to chronomap GeoJSON or CSV");
                if export.clicked() {
                    commands.push(Command::ExportShown);
                }
                if self.export.is_busy() {
                    ui.spinner();
                }
                ui.menu_button(VIEW_MENU_LABEL, |ui| {
                    if ui.button(SAVE_VIEW_LABEL).clicked() {
                        commands.push(Command::SaveViewDialog);
                        ui.close();
                    }
                    if ui.button(OPEN_VIEW_LABEL).clicked() {
                        commands.push(Command::OpenViewDialog);
                        ui.close();
                    }
                    if ui.button(crate::export_image::EXPORT_IMAGE_LABEL).clicked() {
                        self.export_image.ask();
                        ui.close();
                    }
                    if ui
                        .add_enabled(!recording, egui::Button::new(ui::EXPORT_VIDEO_LABEL))
                        .on_hover_text("Record the story, or the playback, as MP4, GIF or PNGs")
                        .clicked()
                    {
                        self.video_dialog.ask();
                        ui.close();
                    }
                    ui.separator();
                    if ui.button(ui::PRESENT_LABEL).clicked() {
                        commands.push(Command::Present(true));
                        ui.close();
                    }
                    if ui.button(ui::EDIT_STORY_LABEL).clicked() {
                        self.story_files.editor_open = true;
                        ui.close();
                    }
                });
                match &self.video_outcome {
                    Some(Ok(message)) => {
                        ui.label(egui::RichText::new(message).weak());
                    }
                    Some(Err(message)) => {
                        ui.label(
                            egui::RichText::new(format!("Video: {message}"))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    None => {}
                }
                match &self.export_image.outcome {
                    Some(Ok(message)) => {
                        ui.label(egui::RichText::new(message).weak());
                    }
                    Some(Err(message)) => {
                        ui.label(
                            egui::RichText::new(format!("Image: {message}"))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    None => {}
                }
                if let Some(message) = &self.presenter.message {
                    ui.label(
                        egui::RichText::new(format!("Story: {message}"))
                            .color(ui.visuals().error_fg_color),
                    );
                }
                match &self.view_dialogs.outcome {
                    Some(Ok(message)) => {
                        ui.label(egui::RichText::new(message).weak());
                    }
                    Some(Err(message)) => {
                        ui.label(
                            egui::RichText::new(format!("View: {message}"))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    None => {}
                }
                match &self.export.outcome {
                    Some(Ok(message)) => {
                        ui.label(egui::RichText::new(message).weak());
                    }
                    Some(Err(message)) => {
                        ui.label(
                            egui::RichText::new(format!("Export failed: {message}"))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    None => {}
                }
            });
            self.filter_box.error_ui(ui);
            ui::chips_ui(ui, &cx.view.filter, &mut commands);
        });
        // The source panel runs the full height, so that an event's details and the reader
        // both have room; the timeline sits under the map.
        egui::Panel::right("source_panel")
            .resizable(true)
            .default_size(400.0)
            .size_range(300.0..=640.0)
            .drag_to_open(false)
            .show_collapsible(ui, &mut !presenting, |ui| {
                self.source_panel.ui(ui, &cx, &mut commands);
            });
        egui::Panel::bottom("timeline")
            .resizable(false)
            .show(ui, |ui| {
                // While presenting, only the strip with the cursor, so the map has the room.
                if !presenting {
                    self.timeline.ui(ui, &cx, &mut commands);
                }
                ui::time_slider_ui(ui, &cx, &mut commands);
            });
        if self.filter_panel_open && !presenting {
            egui::Panel::left("filter_panel")
                .resizable(true)
                .default_size(270.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| self.filter_panel.ui(ui, &cx, &mut commands));
        }
        if self.table_open && !presenting {
            egui::Panel::bottom("event_table")
                .resizable(true)
                .default_size(260.0)
                .size_range(120.0..=600.0)
                .show(ui, |ui| self.table.ui(ui, &cx, &mut commands));
        }
        let map_rect = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.map.ui(ui, &cx, &mut commands);
            })
            .response
            .rect;
        if presenting {
            self.presenter.overlay_ui(ui, map_rect, &cx, &mut commands);
        }

        if let Some(chooser) = &mut self.column_chooser {
            match chooser.window(ui.ctx()) {
                Some(ui::ChooserAction::Load(path, mapping)) => {
                    let ctx = ui.ctx().clone();
                    self.loads
                        .push(Loading::start_mapped(path, mapping, move || {
                            ctx.request_repaint();
                        }));
                    self.column_chooser = None;
                }
                Some(ui::ChooserAction::Close) => self.column_chooser = None,
                None => {}
            }
        }

        if self.show_problems {
            ui::problems_window(ui.ctx(), &self.problems, &mut commands);
        }

        // After the panels, so that a focused widget has had its keys first.
        if !presenting {
            if ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::F5)) {
                commands.push(Command::Present(true));
            }
            ui::time_shortcuts(ui.ctx(), &mut commands);
        }
        if !commands.is_empty() {
            // The panels drew the state before these commands: draw the new one.
            ui.ctx().request_repaint();
        }
        for command in commands {
            if command == Command::OpenFileDialog {
                self.open_file_dialog(ui.ctx());
            }
            if command == Command::ExportShown {
                self.export.ask(ui.ctx());
            }
            if command == Command::SaveViewDialog {
                self.ask_save_view(ui.ctx());
            }
            if command == Command::OpenViewDialog {
                self.ask_open_view(ui.ctx());
            }
            self.apply(command);
        }

        self.continue_steps_export(ui.ctx());
        self.video_ui(ui.ctx());
        self.export_image.ui(ui.ctx(), self.map.tiles_settled());
        self.story_editor_ui(ui.ctx());
        // A screenshot waits until every file given has loaded.
        if let Some(job) = &mut self.screenshot {
            if self.loads.is_empty()
                && self.combining.is_none()
                && self.filtering.is_none()
                && self.pending_view.is_none()
            {
                job.update(ui.ctx(), self.map.tiles_settled());
            } else {
                ui.ctx().request_repaint();
            }
        }
    }
}
