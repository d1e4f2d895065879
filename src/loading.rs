//! Files being loaded on background threads: the window stays responsive while a million
//! rows are read, shows their progress, and can cancel them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::io::import::{
    CsvMapping, ImportReport, Imported, Progress, import_file_mapped, import_file_with,
};
use crate::model::Dataset;

/// One file being read.
pub struct Loading {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Bytes and rows read so far, and the user's Cancel.
    pub progress: Arc<Progress>,
    /// When it started, to show how long it has taken.
    pub started: Instant,
    receiver: Receiver<Imported>,
}

impl Loading {
    /// Starts reading `path` on a new thread. `base` is the built-in dataset, whose actors
    /// and articles a chronomap GeoJSON file may cite; `done` is called on the thread when
    /// the file has been read (to wake the window).
    pub fn start(
        path: PathBuf,
        base: Option<Arc<Dataset>>,
        done: impl FnOnce() + Send + 'static,
    ) -> Self {
        Self::spawn(path, done, move |path, progress| {
            import_file_with(path, progress, base.as_deref())
        })
    }

    /// Starts reading a generic CSV file at `path` with the columns the user chose.
    pub fn start_mapped(
        path: PathBuf,
        mapping: CsvMapping,
        done: impl FnOnce() + Send + 'static,
    ) -> Self {
        Self::spawn(path, done, move |path, progress| {
            import_file_mapped(path, progress, &mapping)
        })
    }

    fn spawn(
        path: PathBuf,
        done: impl FnOnce() + Send + 'static,
        import: impl FnOnce(&Path, &Progress) -> Imported + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = mpsc::channel();
        let thread_progress = Arc::clone(&progress);
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("chronomap-load".to_owned())
            .spawn(move || {
                let imported = import(&thread_path, &thread_progress);
                // The window may have closed; then nobody needs the result.
                let _ = sender.send(imported);
                done();
            });
        if let Err(err) = spawned {
            let (sender, failed) = mpsc::channel();
            let _ = sender.send(Imported {
                dataset: Dataset::default(),
                report: ImportReport::failed(
                    path.display().to_string(),
                    None,
                    format!("could not start reading it: {err}"),
                ),
            });
            return Loading {
                path,
                progress,
                started: Instant::now(),
                receiver: failed,
            };
        }
        Loading {
            path,
            progress,
            started: Instant::now(),
            receiver,
        }
    }

    /// The result, once the file has been read.
    pub fn poll(&self) -> Option<Imported> {
        match self.receiver.try_recv() {
            Ok(imported) => Some(imported),
            Err(TryRecvError::Empty) => None,
            // The thread ended without a result: it panicked. Say so rather than wait forever.
            Err(TryRecvError::Disconnected) => Some(Imported {
                dataset: Dataset::default(),
                report: ImportReport::failed(
                    self.path.display().to_string(),
                    None,
                    "reading it stopped unexpectedly",
                ),
            }),
        }
    }

    /// The file name to show.
    pub fn name(&self) -> String {
        file_name(&self.path)
    }
}

/// The last part of a path, for labels.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
