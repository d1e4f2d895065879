//! Work for the window done on a background thread: filtering, counting, sorting, writing
//! files. The window asks each frame whether the answer has come and keeps drawing what it
//! had meanwhile; the thread wakes the window when it is done.

use std::sync::mpsc::{Receiver, TryRecvError};

/// One piece of work under way, and the key it was started for (what the caller compares
/// to tell whether the answer is still wanted).
pub struct Job<K, T> {
    key: K,
    receiver: Receiver<T>,
}

/// What [`Job::poll`] found.
pub enum Poll<T> {
    /// The answer.
    Ready(T),
    /// Not yet.
    Pending,
    /// The thread ended without an answer (it panicked).
    Lost,
}

impl<K, T: Send + 'static> Job<K, T> {
    /// Runs `work` on a thread named `name`, waking `ctx` when it ends. When no thread can
    /// be started, runs it here and gives the answer back as the error.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        key: K,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<Job<K, T>, T> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        // `work` is only run by one side: shared through a slot the thread takes it from.
        let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
        let theirs = std::sync::Arc::clone(&slot);
        let spawned = std::thread::Builder::new()
            .name(format!("chronomap-{name}"))
            .spawn(move || {
                let work = theirs.lock().ok().and_then(|mut slot| slot.take());
                if let Some(work) = work {
                    let _ = sender.send(work());
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => Ok(Job { key, receiver }),
            Err(_) => {
                let work = slot.lock().ok().and_then(|mut slot| slot.take());
                match work {
                    Some(work) => Err(work()),
                    // Unreachable in practice: the thread never started, so never took it.
                    None => Ok(Job { key, receiver }),
                }
            }
        }
    }

    /// A job whose answer is already here (work that had to be done on this thread).
    pub fn ready(key: K, answer: T) -> Job<K, T> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let _ = sender.send(answer);
        Job { key, receiver }
    }

    /// The key the job was started for.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// Whether the answer has come.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(answer) => Poll::Ready(answer),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}
