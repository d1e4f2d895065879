//! Online tile layers drawn over the embedded basemap: OpenStreetMap and OpenTopoMap.
//!
//! They are never needed: the embedded basemap is always drawn underneath, so a tile that
//! has not arrived, has failed or cannot be fetched simply lets the basemap show through.
//! walkers' own HTTP tiles remember a failed tile as empty for good and have no timeout, so
//! chronomap fetches tiles itself: a few worker threads (the provider's limit on parallel
//! downloads), timeouts, a disk cache, retries with exponential back-off, and a log that
//! says a layer is failing once a minute rather than once per tile.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use egui::{ColorImage, Context, TextureOptions};
use walkers::sources::Attribution;
use walkers::{TileId, TilePiece, Tiles};

use crate::tile_queue::{TextureCache, TileQueue};

/// The layer switcher's label.
pub const LAYER_LABEL: &str = "Map layer";

/// How long to wait to connect, and for a whole tile.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TILE_TIMEOUT: Duration = Duration::from_secs(15);
/// The first retry waits this long; each failure doubles it, up to the maximum.
const FIRST_RETRY: Duration = Duration::from_secs(5);
const MAX_RETRY: Duration = Duration::from_secs(600);
/// At most one warning per layer in this time.
const LOG_EVERY: Duration = Duration::from_secs(60);
/// Textures kept in memory.
const CACHE_CAPACITY: usize = 256;
/// Requests beyond this many are dropped, oldest first (they have scrolled away).
const QUEUE_LIMIT: usize = 64;

/// The optional online layer, chosen in the layer switcher and remembered between runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OnlineLayer {
    /// Only the embedded basemap.
    #[default]
    Off,
    /// OpenStreetMap's standard tiles.
    OpenStreetMap,
    /// OpenTopoMap's topographic tiles.
    OpenTopoMap,
}

impl OnlineLayer {
    /// Every choice, in menu order.
    pub const ALL: [OnlineLayer; 3] = [
        OnlineLayer::Off,
        OnlineLayer::OpenStreetMap,
        OnlineLayer::OpenTopoMap,
    ];

    /// A label for the layer switcher.
    pub fn label(self) -> &'static str {
        match self {
            OnlineLayer::Off => "Offline map only",
            OnlineLayer::OpenStreetMap => "OpenStreetMap (online)",
            OnlineLayer::OpenTopoMap => "OpenTopoMap (online)",
        }
    }

    /// The tile server, or `None` when the layer is off.
    pub fn provider(self) -> Option<Provider> {
        match self {
            OnlineLayer::Off => None,
            OnlineLayer::OpenStreetMap => Some(Provider {
                name: "openstreetmap",
                url_template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                attribution: "© OpenStreetMap contributors",
                attribution_url: "https://www.openstreetmap.org/copyright",
                // The OpenStreetMap tile usage policy asks for at most two connections.
                max_parallel: 2,
                max_zoom: 19,
            }),
            OnlineLayer::OpenTopoMap => Some(Provider {
                name: "opentopomap",
                url_template: "https://tile.opentopomap.org/{z}/{x}/{y}.png",
                attribution: "© OpenStreetMap contributors, SRTM · style © OpenTopoMap (CC-BY-SA)",
                attribution_url: "https://opentopomap.org/about",
                max_parallel: 2,
                max_zoom: 17,
            }),
        }
    }
}

/// A tile server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provider {
    /// A short name, used for the cache folder.
    pub name: &'static str,
    /// The tile URL with `{z}`, `{x}` and `{y}`.
    pub url_template: &'static str,
    /// The attribution the provider requires.
    pub attribution: &'static str,
    /// Where the attribution links to.
    pub attribution_url: &'static str,
    /// How many tiles may be downloaded at once.
    pub max_parallel: usize,
    /// The deepest zoom the server has.
    pub max_zoom: u8,
}

impl Provider {
    /// The URL of one tile.
    pub fn tile_url(&self, tile: TileId) -> String {
        self.url_template
            .replace("{z}", &tile.zoom.to_string())
            .replace("{x}", &tile.x.to_string())
            .replace("{y}", &tile.y.to_string())
    }
}

/// The User-Agent sent with every request, naming chronomap and its version, as tile
/// servers' policies ask.
pub fn user_agent() -> String {
    format!(
        "chronomap/{} (desktop news map viewer)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Where downloaded tiles are kept: the platform's cache folder.
pub fn default_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("chronomap").join("tiles"))
}

/// A tile that failed, and when it may be tried again.
#[derive(Clone, Copy, Debug)]
struct Failure {
    attempts: u32,
    retry_at: Instant,
}

/// Tiles that failed, and how often the failures have been told in the log.
#[derive(Default)]
struct Failures {
    tiles: HashMap<TileId, Failure>,
    last_warning: Option<Instant>,
    unreported: u32,
}

/// What the UI thread and the download threads share.
struct Shared {
    queue: TileQueue<ColorImage>,
    failures: Mutex<Failures>,
}

impl Shared {
    fn failures(&self) -> MutexGuard<'_, Failures> {
        // A worker that panicked mid-update leaves nothing inconsistent worth refusing.
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Tiles from an online provider, as a walkers tile source.
pub struct OnlineTiles {
    provider: Provider,
    shared: Arc<Shared>,
    ctx: Context,
    cache: TextureCache,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl OnlineTiles {
    /// Starts fetching from `provider`, caching tiles under `cache_dir` (none: memory only).
    pub fn new(provider: Provider, cache_dir: Option<PathBuf>, ctx: Context) -> Self {
        let shared = Arc::new(Shared {
            queue: TileQueue::new(QUEUE_LIMIT),
            failures: Mutex::new(Failures::default()),
        });
        let client = reqwest::blocking::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TILE_TIMEOUT)
            .build();
        let mut workers = Vec::new();
        match client {
            Ok(client) => {
                let cache_dir = cache_dir.map(|dir| dir.join(provider.name));
                for i in 0..provider.max_parallel.max(1) {
                    let fetcher = Fetcher {
                        provider: provider.clone(),
                        client: client.clone(),
                        cache_dir: cache_dir.clone(),
                        shared: Arc::clone(&shared),
                        ctx: ctx.clone(),
                    };
                    let spawned = std::thread::Builder::new()
                        .name(format!("tiles-{}-{i}", provider.name))
                        .spawn(move || fetcher.run());
                    match spawned {
                        Ok(handle) => workers.push(handle),
                        Err(err) => log::error!("cannot start a tile download thread: {err}"),
                    }
                }
            }
            Err(err) => log::error!("cannot set up downloads for {}: {err}", provider.name),
        }
        OnlineTiles {
            provider,
            shared,
            ctx,
            cache: TextureCache::new(CACHE_CAPACITY),
            workers,
        }
    }

    /// The provider.
    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    /// How many tiles have failed and wait for a retry.
    pub fn failing(&self) -> usize {
        self.shared.failures().tiles.len()
    }

    /// Whether nothing is waiting to be downloaded or picked up.
    pub fn is_idle(&self) -> bool {
        self.shared.queue.is_idle()
    }

    /// Asks for a tile, unless it failed and its retry is not due yet.
    fn request(&self, tile: TileId) {
        let waiting = self
            .shared
            .failures()
            .tiles
            .get(&tile)
            .is_some_and(|failure| Instant::now() < failure.retry_at);
        if !waiting {
            self.shared.queue.request(tile);
        }
    }
}

impl Drop for OnlineTiles {
    fn drop(&mut self) {
        // Workers may be inside a download; they stop on their own when it ends, and are
        // not joined so that closing the app never waits on the network.
        self.shared.queue.shut_down();
        self.workers.clear();
    }
}

impl Tiles for OnlineTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        self.cache.tick();
        if self.shared.queue.has_done() {
            let name = self.provider.name;
            let ctx = &self.ctx;
            let textures = self
                .shared
                .queue
                .take_done()
                .into_iter()
                .map(|(tile, image)| {
                    let key = format!("{name}-{}-{}-{}", tile.zoom, tile.x, tile.y);
                    (tile, ctx.load_texture(key, image, TextureOptions::LINEAR))
                });
            self.cache.insert_all(textures);
        }
        if tile.zoom > self.provider.max_zoom {
            return None;
        }
        if let Some(texture) = self.cache.get(tile) {
            return Some(TilePiece::new(
                walkers::Tile::Raster(texture),
                egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            ));
        }
        self.request(tile);
        None
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.provider.attribution,
            url: self.provider.attribution_url,
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        256
    }
}

/// One download thread.
struct Fetcher {
    provider: Provider,
    client: reqwest::blocking::Client,
    cache_dir: Option<PathBuf>,
    shared: Arc<Shared>,
    ctx: Context,
}

impl Fetcher {
    fn run(self) {
        while let Some(tile) = self.shared.queue.next() {
            let image = match self.fetch(tile) {
                Ok(image) => {
                    self.shared.failures().tiles.remove(&tile);
                    Some(image)
                }
                Err(message) => {
                    self.record_failure(tile, &message);
                    None
                }
            };
            let ok = image.is_some();
            if !self.shared.queue.finish(tile, image) {
                return;
            }
            if ok {
                self.ctx.request_repaint();
            }
        }
    }

    /// Remembers a failed tile for a later retry, and says so in the log at most once a
    /// minute for the whole layer.
    fn record_failure(&self, tile: TileId, message: &str) {
        let mut failures = self.shared.failures();
        let attempts = failures.tiles.get(&tile).map_or(1, |f| f.attempts + 1);
        let now = Instant::now();
        failures.tiles.insert(
            tile,
            Failure {
                attempts,
                retry_at: now + retry_delay(attempts),
            },
        );
        if failures
            .last_warning
            .is_none_or(|last| now - last >= LOG_EVERY)
        {
            let more = std::mem::take(&mut failures.unreported);
            let since = if more > 0 {
                format!(" ({more} more failures since the last warning)")
            } else {
                String::new()
            };
            log::warn!(
                "{} tiles are not loading ({message}); the offline map shows instead{since}",
                self.provider.name
            );
            failures.last_warning = Some(now);
        } else {
            failures.unreported += 1;
        }
    }

    /// The tile from the disk cache, or from the server (then stored in the cache).
    fn fetch(&self, tile: TileId) -> Result<ColorImage, String> {
        let cached = self.cache_path(tile);
        if let Some(path) = &cached
            && let Ok(bytes) = std::fs::read(path)
            && let Ok(image) = decode(&bytes)
        {
            return Ok(image);
        }
        let url = self.provider.tile_url(tile);
        let response = self
            .client
            .get(&url)
            .send()
            .map_err(|err| err.to_string())?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the server answered {status} for {url}"));
        }
        let bytes = response.bytes().map_err(|err| err.to_string())?;
        let image = decode(&bytes)?;
        if let Some(path) = cached {
            store(&path, &bytes);
        }
        Ok(image)
    }

    fn cache_path(&self, tile: TileId) -> Option<PathBuf> {
        let dir = self.cache_dir.as_ref()?;
        Some(
            dir.join(tile.zoom.to_string())
                .join(tile.x.to_string())
                .join(format!("{}.png", tile.y)),
        )
    }
}

/// How long to wait before trying a tile again after `attempts` failures: 5 s, doubling
/// each time, at most 10 minutes.
pub fn retry_delay(attempts: u32) -> Duration {
    FIRST_RETRY
        .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1).min(16)))
        .min(MAX_RETRY)
}

/// Decodes a PNG tile.
fn decode(bytes: &[u8]) -> Result<ColorImage, String> {
    let image = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .map_err(|err| format!("not a PNG tile: {err}"))?
        .to_rgba8();
    let size = [image.width() as usize, image.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, image.as_raw()))
}

/// Writes a tile to the disk cache through a temporary file; a failure only costs a future
/// download, so it is logged at debug level.
fn store(path: &std::path::Path, bytes: &[u8]) {
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let temporary = path.with_extension("png.part");
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(&temporary, path)
    };
    if let Err(err) = write() {
        log::debug!("could not cache {}: {err}", path.display());
    }
}

/// The layer switcher's state: which online layer is on, and its tiles.
pub struct OnlineState {
    layer: OnlineLayer,
    /// A tile server to use instead of the layer's own (tests use an unreachable one).
    provider_override: Option<Provider>,
    tiles: Option<OnlineTiles>,
    cache_dir: Option<PathBuf>,
}

impl OnlineState {
    /// Starts with `layer`, caching downloads in the platform's cache folder.
    pub fn new(layer: OnlineLayer) -> Self {
        OnlineState {
            layer,
            provider_override: None,
            tiles: None,
            cache_dir: default_cache_dir(),
        }
    }

    /// The layer that is on.
    pub fn layer(&self) -> OnlineLayer {
        self.layer
    }

    /// Switches layers; the tiles of the old layer are dropped.
    pub fn set_layer(&mut self, layer: OnlineLayer) {
        if layer != self.layer {
            self.layer = layer;
            self.tiles = None;
        }
    }

    /// Uses `provider` for every online layer, with no disk cache. For tests and for tile
    /// servers of one's own.
    pub fn set_provider_override(&mut self, provider: Option<Provider>) {
        self.provider_override = provider;
        self.cache_dir = if self.provider_override.is_some() {
            None
        } else {
            default_cache_dir()
        };
        self.tiles = None;
    }

    /// The tiles of the layer that is on, started on first use.
    pub fn tiles(&mut self, ctx: &Context) -> Option<&mut OnlineTiles> {
        let provider = match &self.provider_override {
            Some(provider) if self.layer != OnlineLayer::Off => Some(provider.clone()),
            _ => self.layer.provider(),
        }?;
        if self.tiles.is_none() {
            self.tiles = Some(OnlineTiles::new(
                provider,
                self.cache_dir.clone(),
                ctx.clone(),
            ));
        }
        self.tiles.as_mut()
    }

    /// Tiles that failed and wait for a retry.
    pub fn failing(&self) -> usize {
        self.tiles.as_ref().map_or(0, OnlineTiles::failing)
    }

    /// The attribution of the layer that is on.
    pub fn attribution(&self) -> Option<&'static str> {
        self.layer.provider().map(|provider| provider.attribution)
    }

    /// The layer switcher: a menu of the layers. Returns whether the layer changed.
    pub fn switcher_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let before = self.layer;
        egui::ComboBox::from_label(LAYER_LABEL)
            .selected_text(self.layer.label())
            .show_ui(ui, |ui| {
                for layer in OnlineLayer::ALL {
                    if ui.selectable_label(self.layer == layer, layer.label()).clicked() {
                        self.set_layer(layer);
                    }
                }
            })
            .response
            .on_hover_text("Online tiles are drawn over the offline map; where they cannot load, the offline map shows");
        before != self.layer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_are_capped() {
        assert_eq!(retry_delay(1), Duration::from_secs(5));
        assert_eq!(retry_delay(2), Duration::from_secs(10));
        assert_eq!(retry_delay(4), Duration::from_secs(40));
        assert_eq!(retry_delay(30), MAX_RETRY);
        assert_eq!(retry_delay(u32::MAX), MAX_RETRY);
    }

    #[test]
    fn tile_urls_and_the_user_agent_are_well_formed() {
        let osm = OnlineLayer::OpenStreetMap.provider().expect("a provider");
        let tile = TileId {
            x: 3,
            y: 5,
            zoom: 4,
        };
        assert_eq!(
            osm.tile_url(tile),
            "https://tile.openstreetmap.org/4/3/5.png"
        );
        assert!(osm.max_parallel <= 2, "OpenStreetMap's policy");
        assert!(user_agent().starts_with("chronomap/"));
        assert!(OnlineLayer::Off.provider().is_none());
    }

    #[test]
    fn garbage_is_not_a_tile() {
        assert!(decode(b"<html>rate limited</html>").is_err());
    }
}
