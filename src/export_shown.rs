//! **Export…**: the events on show written to chronomap GeoJSON or CSV. The native save
//! dialog and the writing each run on their own thread, so the window keeps drawing; the
//! file is written through a temporary file and a rename (see `io::export`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::io;
use crate::model::{Dataset, EventIndex};

/// The label of the button that exports the events on show.
pub const EXPORT_LABEL: &str = "Export…";

/// The save dialog or the writing under way, and the outcome of the last export.
#[derive(Default)]
pub struct ExportShown {
    dialog: Option<Receiver<Option<PathBuf>>>,
    writing: Option<Receiver<Result<String, String>>>,
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
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("chronomap-save-dialog".to_owned())
            .spawn(move || {
                let path = rfd::FileDialog::new()
                    .set_title("Export the events on show")
                    .add_filter("chronomap GeoJSON", &["geojson"])
                    .add_filter("CSV", &["csv"])
                    .set_file_name("events.geojson")
                    .save_file();
                let _ = sender.send(path);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.dialog = Some(receiver),
            Err(err) => self.outcome = Some(Err(format!("the save dialog could not open: {err}"))),
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
        if let Some(receiver) = &self.dialog {
            match receiver.try_recv() {
                Ok(Some(path)) => {
                    self.dialog = None;
                    self.write(ctx, dataset, shown, path);
                }
                Ok(None) | Err(TryRecvError::Disconnected) => self.dialog = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(receiver) = &self.writing {
            match receiver.try_recv() {
                Ok(outcome) => {
                    self.writing = None;
                    self.outcome = Some(outcome);
                }
                Err(TryRecvError::Disconnected) => self.writing = None,
                Err(TryRecvError::Empty) => {}
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
        let (sender, receiver) = std::sync::mpsc::channel();
        let (dataset, shown, ctx) = (Arc::clone(dataset), Arc::clone(shown), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("chronomap-export".to_owned())
            .spawn(move || {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let outcome = io::export(&dataset, &shown, &path)
                    .map(|()| format!("Wrote {} events to {name}", shown.len()))
                    .map_err(|err| err.to_string());
                let _ = sender.send(outcome);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.writing = Some(receiver),
            Err(err) => self.outcome = Some(Err(format!("could not start writing: {err}"))),
        }
    }
}
