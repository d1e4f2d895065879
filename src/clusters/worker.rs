//! Builds clusters on a background thread, so that a million events never hold up a frame:
//! the map asks for the clusters it needs and draws the last ones built until the new ones
//! arrive. Only the newest request is built; older ones waiting are dropped.

use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crate::model::{Dataset, EventIndex};

use super::grid::{ClusterInput, ClusterKey, Clusters};
use super::index::SpatialIndex;

/// Up to this many visible events, clusters are built in the frame that needs them: that
/// takes well under a millisecond and the map never shows clusters of an older view.
pub const BUILD_IN_FRAME: usize = 20_000;

/// One request: the clusters for `key` of `dataset`'s `visible` events.
struct Job {
    dataset: Arc<Dataset>,
    visible: Arc<Vec<EventIndex>>,
    key: ClusterKey,
}

/// What the worker hands back: the clusters, and the dataset's spatial index once built.
pub struct Built {
    /// The clusters asked for.
    pub clusters: Arc<Clusters>,
    /// The index of the dataset they were built from.
    pub index: Arc<SpatialIndex>,
}

/// The newest request, shared with the worker thread, and whether the map has gone.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    wake: Condvar,
}

#[derive(Default)]
struct SlotState {
    job: Option<Job>,
    closed: bool,
}

/// The background cluster builder (see the module docs).
pub struct ClusterWorker {
    slot: Arc<Slot>,
    results: Receiver<Built>,
    /// The key last asked for, so the same request is not sent twice.
    asked: Option<ClusterKey>,
}

impl ClusterWorker {
    /// Starts the worker thread; `done` is called whenever a build finishes (to repaint).
    /// Returns `None` when no thread can be started; the map then builds in the frame.
    pub fn start(done: impl Fn() + Send + 'static) -> Option<Self> {
        let slot = Arc::new(Slot::default());
        let (sender, results) = std::sync::mpsc::channel();
        let shared = Arc::clone(&slot);
        std::thread::Builder::new()
            .name("chronomap-clusters".to_owned())
            .spawn(move || run(&shared, &sender, &done))
            .ok()?;
        Some(ClusterWorker {
            slot,
            results,
            asked: None,
        })
    }

    /// Asks for the clusters of `key`, unless they were the last asked for.
    pub fn request(
        &mut self,
        dataset: &Arc<Dataset>,
        visible: &Arc<Vec<EventIndex>>,
        key: ClusterKey,
    ) {
        if self.asked.as_ref() == Some(&key) {
            return;
        }
        self.asked = Some(key.clone());
        let job = Job {
            dataset: Arc::clone(dataset),
            visible: Arc::clone(visible),
            key,
        };
        self.slot
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .job = Some(job);
        self.slot.wake.notify_one();
    }

    /// The key last asked for.
    pub fn asked(&self) -> Option<&ClusterKey> {
        self.asked.as_ref()
    }

    /// The newest clusters built since the last call, if any.
    pub fn poll(&self) -> Option<Built> {
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(built) => newest = Some(built),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }
}

impl Drop for ClusterWorker {
    fn drop(&mut self) {
        self.slot
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closed = true;
        self.slot.wake.notify_one();
    }
}

/// The worker thread: waits for a job, builds it (and the dataset's index when it is new),
/// sends the result, and ends when the app has gone.
fn run(slot: &Slot, sender: &Sender<Built>, done: &dyn Fn()) {
    let mut index: Option<Arc<SpatialIndex>> = None;
    loop {
        let job = {
            let mut state = slot.state.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if state.closed {
                    return;
                }
                if let Some(job) = state.job.take() {
                    break job;
                }
                state = slot
                    .wake
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let generation = job.dataset.generation();
        let current = match &index {
            Some(built) if built.generation() == generation => Arc::clone(built),
            _ => {
                let built = Arc::new(SpatialIndex::build(&job.dataset));
                index = Some(Arc::clone(&built));
                built
            }
        };
        let input = ClusterInput {
            dataset: &job.dataset,
            visible: &job.visible,
            index: Some(&current),
        };
        let clusters = Arc::new(Clusters::build(&input, job.key));
        if sender
            .send(Built {
                clusters,
                index: current,
            })
            .is_err()
        {
            return;
        }
        done();
    }
}
