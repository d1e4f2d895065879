//! [`BasemapTiles`]: the embedded basemap as a `walkers::Tiles` source. Tiles are drawn
//! on background threads; `at` only looks up a cache and returns at once.

use std::sync::Arc;
use std::thread::JoinHandle;

use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use walkers::sources::Attribution;
use walkers::{Stats, Tile, TileId, TilePiece, Tiles};

use super::render::{MAX_RATIO, TILE_SIZE, render_tile_scaled};
use super::{ATTRIBUTION, Basemap, MapStyle};
use crate::tile_queue::{TextureCache, TileQueue};

/// Textures kept in memory (256 KiB each).
const CACHE_CAPACITY: usize = 320;
/// Requests beyond this many are dropped, oldest first (they have scrolled away).
const QUEUE_LIMIT: usize = 96;
/// How many zoom levels up to look for a stand-in while a tile is drawn.
const MAX_FALLBACK: u8 = 8;

/// The embedded basemap as a tile source for `walkers::Map`.
pub struct BasemapTiles {
    style: MapStyle,
    basemap: Arc<Basemap>,
    ctx: Context,
    queue: Arc<TileQueue<TextureHandle>>,
    cache: TextureCache,
    workers: Vec<JoinHandle<()>>,
}

impl BasemapTiles {
    /// Start one or two drawing threads for `basemap` in `style`; `ctx` is repainted
    /// whenever a tile is ready.
    pub fn new(basemap: Arc<Basemap>, style: MapStyle, ctx: Context) -> BasemapTiles {
        let queue = Arc::new(TileQueue::new(QUEUE_LIMIT));
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().saturating_sub(1).clamp(1, 2))
            .unwrap_or(1);
        let mut workers = Vec::new();
        for i in 0..threads {
            let queue = Arc::clone(&queue);
            let basemap = Arc::clone(&basemap);
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("basemap-tiles-{i}"))
                .spawn(move || worker(&queue, &basemap, style, &ctx));
            match spawned {
                Ok(handle) => workers.push(handle),
                Err(e) => log::error!("cannot start a basemap drawing thread: {e}"),
            }
        }
        BasemapTiles {
            style,
            basemap,
            ctx,
            queue,
            cache: TextureCache::new(CACHE_CAPACITY),
            workers,
        }
    }

    /// The style the tiles are drawn in.
    pub fn style(&self) -> MapStyle {
        self.style
    }

    /// Whether no tile is waiting to be drawn or picked up (the view has settled).
    pub fn is_idle(&self) -> bool {
        self.queue.is_idle()
    }
}

/// The part of `ancestor` (a tile `dz` levels up) that covers `tile`.
fn uv_in_ancestor(tile: TileId, dz: u8) -> Rect {
    let n = (1u32 << dz) as f32;
    let mask = (1u32 << dz) - 1;
    let (fx, fy) = ((tile.x & mask) as f32 / n, (tile.y & mask) as f32 / n);
    Rect::from_min_max(pos2(fx, fy), pos2(fx + 1.0 / n, fy + 1.0 / n))
}

impl Tiles for BasemapTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        self.cache.tick();
        if self.queue.has_done() {
            self.cache.insert_all(self.queue.take_done());
        }
        if let Some(tex) = self.cache.get(tile) {
            return Some(TilePiece::new(
                Tile::Raster(tex),
                Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            ));
        }
        if self.workers.is_empty() {
            // No drawing thread could be started: draw here rather than never.
            let texture = draw_texture(&self.basemap, tile, self.style, &self.ctx);
            self.cache.insert_all([(tile, texture.clone())]);
            return Some(TilePiece::new(
                Tile::Raster(texture),
                Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            ));
        }
        self.queue.request(tile);
        // Meanwhile, stretch the nearest drawn ancestor.
        for dz in 1..=tile.zoom.min(MAX_FALLBACK) {
            let up = TileId {
                x: tile.x >> dz,
                y: tile.y >> dz,
                zoom: tile.zoom - dz,
            };
            if let Some(tex) = self.cache.get(up) {
                return Some(TilePiece::new(Tile::Raster(tex), uv_in_ancestor(tile, dz)));
            }
        }
        None
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: ATTRIBUTION,
            url: "https://www.naturalearthdata.com/",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        TILE_SIZE
    }

    fn stats(&self) -> Stats {
        Stats {
            in_progress: self.queue.in_progress(),
        }
    }
}

impl Drop for BasemapTiles {
    /// Tell the drawing threads to stop. They are not waited for: one may be finishing a
    /// tile (or placing a zoom level's labels) and the UI thread should not block on it;
    /// each exits as soon as it looks at the queue again.
    fn drop(&mut self) {
        self.queue.shut_down();
        self.workers.clear();
    }
}

fn worker(queue: &TileQueue<TextureHandle>, basemap: &Basemap, style: MapStyle, ctx: &Context) {
    while let Some(tile) = queue.next() {
        let texture = draw_texture(basemap, tile, style, ctx);
        if !queue.finish(tile, Some(texture)) {
            return;
        }
        ctx.request_repaint();
    }
}

/// Draw a tile and upload it as a texture (at 2x on high-density screens).
fn draw_texture(basemap: &Basemap, tile: TileId, style: MapStyle, ctx: &Context) -> TextureHandle {
    // Sharp on high-density screens: 512 px textures for 256 point tiles.
    let ratio = if ctx.pixels_per_point() > 1.25 {
        MAX_RATIO
    } else {
        1
    };
    let pixmap = render_tile_scaled(basemap, tile, style, ratio);
    let side = pixmap.width() as usize;
    let image = ColorImage::from_rgba_premultiplied([side, side], pixmap.data());
    let name = format!("basemap/{:?}/{}/{}/{}", style, tile.zoom, tile.x, tile.y);
    ctx.load_texture(name, image, TextureOptions::LINEAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestor_uv() {
        let uv = uv_in_ancestor(
            TileId {
                x: 5,
                y: 2,
                zoom: 3,
            },
            2,
        );
        assert_eq!(uv, Rect::from_min_max(pos2(0.25, 0.5), pos2(0.5, 0.75)));
    }
}
