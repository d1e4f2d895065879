//! Choosing where the map looks: a centre and zoom that fit a set of places.

use walkers::{MercatorProjection, Position, Projection as _};

/// The most a fitted view zooms in, so that a single event still shows its surroundings.
const MAX_FIT_ZOOM: f64 = 9.0;
/// The least a fitted view zooms in.
const MIN_FIT_ZOOM: f64 = 2.0;

/// The centre and zoom at which every position fits in a view of `view_size` pixels, with a
/// margin of `margin` (a fraction of the view) on each side. `None` when there are no positions.
pub fn fit(
    positions: impl IntoIterator<Item = Position>,
    view_size: (f32, f32),
    margin: f32,
) -> Option<(Position, f64)> {
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for position in positions {
        west = west.min(position.x());
        east = east.max(position.x());
        south = south.min(position.y());
        north = north.max(position.y());
    }
    if west > east {
        return None;
    }
    let center = walkers::lon_lat((west + east) / 2.0, (south + north) / 2.0);
    let usable_w = f64::from(view_size.0 * (1.0 - 2.0 * margin)).max(1.0);
    let usable_h = f64::from(view_size.1 * (1.0 - 2.0 * margin)).max(1.0);
    let projection = MercatorProjection;
    let mut zoom = MAX_FIT_ZOOM;
    while zoom > MIN_FIT_ZOOM {
        let a = projection.project(walkers::lon_lat(west, north), zoom);
        let b = projection.project(walkers::lon_lat(east, south), zoom);
        if (b.x() - a.x()).abs() <= usable_w && (b.y() - a.y()).abs() <= usable_h {
            break;
        }
        zoom -= 0.25;
    }
    Some((center, zoom.max(MIN_FIT_ZOOM)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wider_area_needs_a_lower_zoom() {
        let iraq = [walkers::lon_lat(42.4, 33.8), walkers::lon_lat(44.1, 32.9)];
        let region = [walkers::lon_lat(42.4, 33.8), walkers::lon_lat(42.5, 14.5)];
        let (_, near) = fit(iraq, (800.0, 600.0), 0.1).expect("positions");
        let (center, far) = fit(region, (800.0, 600.0), 0.1).expect("positions");
        assert!(far < near, "{far} should be below {near}");
        assert!((center.y() - 24.15).abs() < 1e-9);
    }

    #[test]
    fn one_place_is_not_zoomed_in_too_far_and_none_gives_nothing() {
        let (_, zoom) = fit([walkers::lon_lat(44.0, 36.2)], (800.0, 600.0), 0.1).expect("one");
        assert!(zoom <= MAX_FIT_ZOOM);
        assert!(fit(std::iter::empty(), (800.0, 600.0), 0.1).is_none());
    }
}
