//! The work queue and texture cache shared by the tile sources that draw or fetch tiles on
//! background threads (the embedded basemap and the online layers).
//!
//! The UI thread asks for tiles; worker threads take the newest request first (the tiles
//! the user is looking at now), and requests beyond a limit are dropped oldest first
//! (they have scrolled away). Finished tiles wait until the UI thread picks them up.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard};

use egui::TextureHandle;
use walkers::TileId;

struct State<T> {
    /// Tiles to work on; the newest request is at the back.
    wanted: VecDeque<TileId>,
    /// Requested and not yet delivered.
    pending: HashSet<TileId>,
    /// Finished, waiting for the UI thread.
    done: Vec<(TileId, T)>,
    shutdown: bool,
}

/// Tiles requested by the UI thread and delivered by workers.
pub struct TileQueue<T> {
    state: Mutex<State<T>>,
    wake: Condvar,
    limit: usize,
}

impl<T> TileQueue<T> {
    /// A queue that keeps at most `limit` requests waiting.
    pub fn new(limit: usize) -> Self {
        TileQueue {
            state: Mutex::new(State {
                wanted: VecDeque::new(),
                pending: HashSet::new(),
                done: Vec::new(),
                shutdown: false,
            }),
            wake: Condvar::new(),
            limit: limit.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A worker that panicked mid-update leaves nothing inconsistent worth refusing.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Asks for a tile, unless it is already asked for.
    pub fn request(&self, tile: TileId) {
        let mut state = self.lock();
        if state.pending.insert(tile) {
            state.wanted.push_back(tile);
            while state.wanted.len() > self.limit {
                if let Some(old) = state.wanted.pop_front() {
                    state.pending.remove(&old);
                }
            }
            drop(state);
            self.wake.notify_one();
        }
    }

    /// For a worker: the newest request, waiting for one; `None` once the queue shuts down.
    pub fn next(&self) -> Option<TileId> {
        let mut state = self.lock();
        loop {
            if state.shutdown {
                return None;
            }
            if let Some(tile) = state.wanted.pop_back() {
                return Some(tile);
            }
            state = self
                .wake
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// For a worker: the tile is finished, with a result or with none (it failed).
    /// Returns `false` once the queue has shut down, so the worker can stop.
    pub fn finish(&self, tile: TileId, result: Option<T>) -> bool {
        let mut state = self.lock();
        // Delivered even if the request was dropped meanwhile: the work is done already.
        state.pending.remove(&tile);
        if let Some(result) = result {
            state.done.push((tile, result));
        }
        !state.shutdown
    }

    /// For the UI thread: the finished tiles, taken out of the queue.
    pub fn take_done(&self) -> Vec<(TileId, T)> {
        std::mem::take(&mut self.lock().done)
    }

    /// Whether any finished tile is waiting for the UI thread.
    pub fn has_done(&self) -> bool {
        !self.lock().done.is_empty()
    }

    /// Whether nothing is waiting to be worked on or picked up.
    pub fn is_idle(&self) -> bool {
        let state = self.lock();
        state.pending.is_empty() && state.done.is_empty()
    }

    /// How many tiles are asked for and not yet delivered.
    pub fn in_progress(&self) -> usize {
        self.lock().pending.len()
    }

    /// Tells every worker to stop when it next looks at the queue.
    pub fn shut_down(&self) {
        self.lock().shutdown = true;
        self.wake.notify_all();
    }
}

/// Textures of finished tiles, the least recently used dropped first.
pub struct TextureCache {
    textures: HashMap<TileId, (TextureHandle, u64)>,
    clock: u64,
    capacity: usize,
}

impl TextureCache {
    /// A cache of at most `capacity` textures.
    pub fn new(capacity: usize) -> Self {
        TextureCache {
            textures: HashMap::new(),
            clock: 0,
            capacity: capacity.max(1),
        }
    }

    /// Counts a frame's use of the cache (for "least recently used").
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Adds textures, then drops the least recently used beyond the capacity.
    pub fn insert_all(&mut self, textures: impl IntoIterator<Item = (TileId, TextureHandle)>) {
        for (tile, texture) in textures {
            self.textures.insert(tile, (texture, self.clock));
        }
        if self.textures.len() > self.capacity {
            let mut ages: Vec<(u64, TileId)> = self
                .textures
                .iter()
                .map(|(tile, (_, used))| (*used, *tile))
                .collect();
            ages.sort_unstable_by_key(|(used, _)| *used);
            let excess = self.textures.len() - self.capacity;
            for (_, tile) in ages.into_iter().take(excess) {
                self.textures.remove(&tile);
            }
        }
    }

    /// The texture of a tile, marking it as used.
    pub fn get(&mut self, tile: TileId) -> Option<TextureHandle> {
        let clock = self.clock;
        self.textures.get_mut(&tile).map(|(texture, used)| {
            *used = clock;
            texture.clone()
        })
    }
}
