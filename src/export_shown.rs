//! **Export…**: the events on show written to chronomap GeoJSON or CSV. The native save
//! dialog and the writing each run on their own thread, so the window keeps drawing; the
//! file is written through a temporary file and a rename (see `io::export`).

use std::path::PathBuf;
use std::sync::Arc;

use crate::background::{Job, Poll};
use crate::io;
use crate::model::{Dataset, EventIndex};

/// The label of the button that exports the events on show.
pub const EXPORT_LABEL: &str = "Export…";

/// The save dialog or the writing under way, and the outcome of the last export.
#[derive(Default)]
pub struct ExportShown {
    dialog: Option<Job<(), Option<PathBuf>>>,
    writing: Option<Job<(), Result<String, String>>>,
    /// A file chosen in a dialog that ran on the UI thread, to be written next frame.
    chosen: Option<PathBuf>,
    /// "Wrote 12 events to kh.geojson", or why it failed.
    pub outcome: Option<Result<String, String>>,
}

impl ExportShown {
    /// Whether a dialog is open or a file is being written.
    pub fn is_busy(&self) -> bool {
        self.dialog.is_some() || self.writing.is_some()
    }

    /// Opens the save dialog on its own thread.
    pub fn ask(&mut self, ctx: &egui::Context) {
        if self.is_busy() {
            return;
        }
        let ask = || {
            rfd::FileDialog::new()
                .set_title("Export the events on show")
                .add_filter("chronomap GeoJSON", &["geojson"])
                .add_filter("CSV", &["csv"])
                .set_file_name("events.geojson")
                .save_file()
        };
        match Job::spawn("save-dialog", ctx, (), ask) {
            Ok(job) => self.dialog = Some(job),
            // No thread to spare: the dialog was shown here and has answered.
            Err(Some(path)) => self.chosen = Some(path),
            Err(None) => {}
        }
    }

    /// Takes in the chosen file (and starts writing `shown` of `dataset` to it) and the
    /// outcome of the writing.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        dataset: &Arc<Dataset>,
        shown: &Arc<Vec<EventIndex>>,
    ) {
        if let Some(job) = &self.dialog {
            match job.poll() {
                Poll::Ready(path) => {
                    self.dialog = None;
                    self.chosen = path;
                }
                Poll::Lost => self.dialog = None,
                Poll::Pending => {}
            }
        }
        if let Some(path) = self.chosen.take() {
            self.write(ctx, dataset, shown, path);
        }
        if let Some(job) = &self.writing {
            match job.poll() {
                Poll::Ready(outcome) => {
                    self.writing = None;
                    self.outcome = Some(outcome);
                }
                Poll::Lost => self.writing = None,
                Poll::Pending => {}
            }
        }
    }

    /// Writes `shown` to `path` on a background thread.
    pub fn write(
        &mut self,
        ctx: &egui::Context,
        dataset: &Arc<Dataset>,
        shown: &Arc<Vec<EventIndex>>,
        path: PathBuf,
    ) {
        let (dataset, shown) = (Arc::clone(dataset), Arc::clone(shown));
        let work = move || {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            io::export(&dataset, &shown, &path)
                .map(|()| format!("Wrote {} events to {name}", shown.len()))
                .map_err(|err| err.to_string())
        };
        match Job::spawn("export", ctx, (), work) {
            Ok(job) => self.writing = Some(job),
            Err(outcome) => self.outcome = Some(outcome),
        }
    }
}
