//! Views: the app's state written to a view file, and a view file opened again (its files
//! loaded, then its layers, time, filters, camera, selection and table put back), from the
//! **View** menu, `--view FILE`, or the last session.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ChronomapApp;
use crate::background::{Job, Poll};
use crate::model::{Problem, Rgb, parse_filter};
use crate::view_file::{VIEW_VERSION, ViewCamera, ViewFile, ViewLayer, ViewTime, color_text};

/// Where eframe keeps the view of the last session.
pub const LAST_VIEW_KEY: &str = "chronomap.last_view";

/// A view being opened, and how far it has got.
pub(super) struct PendingView {
    view: ViewFile,
    /// The view file's folder, for relative paths.
    folder: PathBuf,
    /// The layers have been shown and coloured as the view has them; what is left waits
    /// for them to be put together.
    layers_set: bool,
}

/// The save and open dialogs of views, each on its own thread, and what the last save or
/// open did.
#[derive(Default)]
pub(super) struct ViewDialogs {
    save: Option<Dialog>,
    open: Option<Dialog>,
    /// "Saved the view to v.json", or why not.
    pub outcome: Option<Result<String, String>>,
}

/// A native file dialog open on its own thread.
type Dialog = Job<(), Option<PathBuf>>;

/// Opens a native file dialog on its own thread.
fn dialog(ctx: &egui::Context, save: bool) -> Dialog {
    let ask = move || {
        let dialog = rfd::FileDialog::new()
            .add_filter("chronomap view", &["json"])
            .add_filter("All files", &["*"]);
        if save {
            dialog
                .set_title("Save the view")
                .set_file_name("view.json")
                .save_file()
        } else {
            dialog.set_title("Open a view").pick_file()
        }
    };
    // With no thread to spare, the dialog has been shown here and answered.
    Job::spawn("view-dialog", ctx, (), ask).unwrap_or_else(|path| Job::ready((), path))
}

/// Takes an answer from a dialog, if there is one yet.
fn answer(dialog: &mut Option<Dialog>) -> Option<PathBuf> {
    match dialog.as_ref()?.poll() {
        Poll::Ready(path) => {
            *dialog = None;
            path
        }
        Poll::Pending => None,
        Poll::Lost => {
            *dialog = None;
            None
        }
    }
}

impl ChronomapApp {
    /// The state the user is looking at, as a view file. Files are named by their absolute
    /// paths, so the view opens the same files from anywhere.
    pub fn view_file(&self, theme: Option<&str>) -> ViewFile {
        let time = &self.view.time;
        ViewFile {
            chronomap_view: VIEW_VERSION,
            layers: self
                .layers
                .iter()
                .map(|layer| ViewLayer {
                    path: layer.path.as_ref().map(|p| {
                        std::path::absolute(p)
                            .unwrap_or_else(|_| p.clone())
                            .display()
                            .to_string()
                    }),
                    visible: layer.visible,
                    color: layer.color.map(color_text),
                })
                .collect(),
            time: ViewTime {
                cursor: ViewTime::cursor_text(time.time()),
                mode: time.mode(),
                window_secs: time.window_secs(),
                speed: time.speed(),
                loop_mode: time.loop_mode(),
            },
            filter: self.view.filter.to_expression(),
            camera: self.map.camera().map(|(center, zoom)| ViewCamera {
                lon: center.x(),
                lat: center.y(),
                zoom,
            }),
            selected: self
                .view
                .selected
                .map(|index| self.dataset.id(index).to_owned()),
            table: self.table_open,
            color_by: Some(self.view.color_by.key().to_owned()),
            theme: theme.map(str::to_owned),
        }
    }

    /// Opens a view: its files are read (the ones loaded now are let go), and once they have
    /// loaded, its layers, time, filters, camera, selection and table are put back. A file
    /// of the view that cannot be read is reported like any other; the rest is shown.
    pub fn open_view(&mut self, view: ViewFile, folder: &Path) {
        self.layers.truncate(1);
        let paths: Vec<PathBuf> = view
            .layers
            .iter()
            .filter_map(|layer| ViewFile::layer_path(layer, folder))
            .collect();
        let ctx = self.ctx.clone();
        self.open_files(&ctx, paths);
        self.pending_view = Some(PendingView {
            view,
            folder: folder.to_owned(),
            layers_set: false,
        });
    }

    /// Whether a view is still being put back.
    pub fn is_opening_view(&self) -> bool {
        self.pending_view.is_some()
    }

    /// Moves a view being opened along: once its files have loaded, shows and colours the
    /// layers as it has them; once those are put together, puts back the rest.
    pub(super) fn continue_view(&mut self) {
        if !self.loads.is_empty() || self.combining.is_some() {
            return;
        }
        let Some(pending) = &mut self.pending_view else {
            return;
        };
        if !pending.layers_set {
            pending.layers_set = true;
            let (view, folder) = (pending.view.clone(), pending.folder.clone());
            self.set_layers(&view, &folder);
            return;
        }
        let Some(pending) = self.pending_view.take() else {
            return;
        };
        self.set_view_state(&pending.view);
    }

    /// Shows, hides and colours the loaded layers as the view has them.
    fn set_layers(&mut self, view: &ViewFile, folder: &Path) {
        for (n, wanted) in view.layers.iter().enumerate() {
            let path = ViewFile::layer_path(wanted, folder);
            let layer = match &path {
                None => self.layers.first_mut(),
                Some(path) => self
                    .layers
                    .iter_mut()
                    .skip(1)
                    .find(|layer| layer.path.as_ref() == Some(path)),
            };
            let Some(layer) = layer else {
                // Its file could not be read: the problems window says why.
                log::warn!("view layer {n} was not loaded");
                continue;
            };
            layer.visible = wanted.visible;
            layer.color = wanted.color.as_deref().and_then(Rgb::parse_hex);
        }
        if !self.layers.iter().any(|layer| layer.visible)
            && let Some(builtin) = self.layers.first_mut()
        {
            builtin.visible = true;
        }
        // Shown anew even if the same layers were on show, so that their colours follow.
        self.dataset = Arc::new(crate::model::Dataset::default());
        self.show_visible_layers();
        self.refresh_layer_colors();
    }

    /// Puts back the view's time, filters, camera, selection, table and colours.
    fn set_view_state(&mut self, view: &ViewFile) {
        let time = &mut self.view.time;
        time.set_mode(view.time.mode);
        time.set_window_secs(view.time.window_secs);
        time.set_speed(view.time.speed);
        time.set_loop_mode(view.time.loop_mode);
        if let Ok(cursor) = view.time.cursor_time() {
            time.set_time(cursor);
        }
        if let Ok(filter) = parse_filter(&view.filter) {
            self.view.filter = filter;
        }
        self.view.selected = view
            .selected
            .as_deref()
            .and_then(|id| self.dataset.index_of(id));
        if let Some(id) = view.selected.as_deref()
            && self.view.selected.is_none()
        {
            self.problems.push(Problem::in_file(
                "view",
                format!("its selected event '{id}' is in none of its files; nothing is selected"),
            ));
            self.show_problems = true;
        }
        if let Some(camera) = view.camera {
            self.map
                .set_camera(walkers::lon_lat(camera.lon, camera.lat), camera.zoom);
        }
        self.table_open = view.table;
        self.view.color_by = view
            .color_by
            .as_deref()
            .and_then(crate::tint::ColorBy::from_key)
            .unwrap_or_default();
        self.refresh_visible();
    }

    /// Opens the dialog to save the view.
    pub(super) fn ask_save_view(&mut self, ctx: &egui::Context) {
        if self.view_dialogs.save.is_none() {
            self.view_dialogs.save = Some(dialog(ctx, true));
        }
    }

    /// Opens the dialog to open a view.
    pub(super) fn ask_open_view(&mut self, ctx: &egui::Context) {
        if self.view_dialogs.open.is_none() {
            self.view_dialogs.open = Some(dialog(ctx, false));
        }
    }

    /// Writes the view to `path` (the file is written whole or not at all).
    pub fn save_view(&mut self, path: &Path, theme: Option<&str>) {
        let outcome = self.view_file(theme).write(path).map(|()| {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            format!("Saved the view to {name}")
        });
        self.view_dialogs.outcome = Some(outcome);
    }

    /// Reads the view file at `path` and opens it; a file that is not a valid view is
    /// reported and changes nothing.
    pub fn open_view_file(&mut self, path: &Path) {
        match ViewFile::read(path) {
            Ok(view) => {
                let folder = path.parent().unwrap_or(Path::new(".")).to_owned();
                self.view_dialogs.outcome = None;
                self.open_view(view, &folder);
            }
            Err(message) => {
                self.problems.push(Problem::in_file(
                    "view",
                    format!("{message}; nothing changed"),
                ));
                self.view_dialogs.outcome = Some(Err(message));
                self.show_problems = true;
            }
        }
    }

    /// Takes the answers of the view dialogs.
    pub(super) fn receive_view_dialogs(&mut self, theme: Option<&str>) {
        if let Some(path) = answer(&mut self.view_dialogs.save) {
            self.save_view(&path, theme);
        }
        if let Some(path) = answer(&mut self.view_dialogs.open) {
            self.open_view_file(&path);
        }
    }

    /// Opens the view of the last session, kept by eframe under [`LAST_VIEW_KEY`]; one
    /// that cannot be read is reported and the app starts as usual.
    pub fn restore_last_view(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(text) = storage.and_then(|storage| storage.get_string(LAST_VIEW_KEY)) else {
            return;
        };
        match ViewFile::parse(&text) {
            Ok(view) => self.open_view(view, Path::new(".")),
            Err(message) => {
                self.problems.push(Problem::in_file(
                    "the last session",
                    format!("its view could not be restored ({message}); starting afresh"),
                ));
                self.show_problems = true;
            }
        }
    }

    /// Keeps the view for the next session.
    pub(super) fn keep_view(&self, storage: &mut dyn eframe::Storage, theme: Option<&str>) {
        if let Ok(text) = serde_json::to_string(&self.view_file(theme)) {
            storage.set_string(LAST_VIEW_KEY, text);
        }
    }

    /// What the last save or open of a view did.
    pub fn view_outcome(&self) -> Option<&Result<String, String>> {
        self.view_dialogs.outcome.as_ref()
    }
}
