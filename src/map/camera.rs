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
    fit_within(positions, view_size, margin, (0.0, 0.0))
}

/// Like [`fit`], but keeps the positions clear of `insets` (top, bottom) pixels that controls
/// cover, such as the zoom buttons at the top of the map and the credits at the bottom.
/// The positions are centred in the view in Web Mercator, as the map draws them.
pub fn fit_within(
    positions: impl IntoIterator<Item = Position>,
    view_size: (f32, f32),
    margin: f32,
    (top, bottom): (f32, f32),
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
    let usable_w = f64::from(view_size.0 * (1.0 - 2.0 * margin)).max(1.0);
    let usable_h = f64::from(view_size.1 * (1.0 - 2.0 * margin) - top - bottom).max(1.0);
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
    let zoom = zoom.max(MIN_FIT_ZOOM);
    // The middle of the box as drawn, moved so that it sits in the middle of the free area
    // between the insets rather than of the whole view.
    let a = projection.project(walkers::lon_lat(west, north), zoom);
    let b = projection.project(walkers::lon_lat(east, south), zoom);
    let shift = f64::from(top - bottom) / 2.0;
    let middle = walkers::Pixels::new((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0 - shift);
    Some((projection.unproject(middle, zoom), zoom))
}

/// The centre that puts `center` `dx_points` to the left of the middle of the view at
/// `zoom`: the map's middle moved east, so that a caption over the right of the map leaves
/// the place in the middle of what is free.
pub fn shift_east(center: Position, zoom: f64, dx_points: f64) -> Position {
    let projection = MercatorProjection;
    let at = projection.project(center, zoom);
    projection.unproject(walkers::Pixels::new(at.x() + dx_points, at.y()), zoom)
}

/// The deepest a click on a cluster zooms: street level, where clusters that still do not
/// split are stacks of events at one place.
const MAX_CLUSTER_ZOOM: f64 = 19.0;

/// The centre and zoom at which the box between `a` and `b` fills most of a view of
/// `view_size` points, and at least one level deeper than `current` (so that zooming into
/// a cluster always gets closer), at most [`MAX_CLUSTER_ZOOM`].
pub fn zoom_to_box(
    a: Position,
    b: Position,
    view_size: (f32, f32),
    current: f64,
) -> (Position, f64) {
    let projection = MercatorProjection;
    let (pa, pb) = (projection.project(a, 0.0), projection.project(b, 0.0));
    let width = (pb.x() - pa.x()).abs().max(1e-9);
    let height = (pb.y() - pa.y()).abs().max(1e-9);
    // Leave a fifth of the view free around the box.
    let fits = |size: f32, extent: f64| (f64::from(size) * 0.8 / extent).max(1.0).log2();
    let zoom = fits(view_size.0, width).min(fits(view_size.1, height));
    let zoom = zoom
        .max(current + 1.0)
        .min(MAX_CLUSTER_ZOOM)
        .max(current.min(MAX_CLUSTER_ZOOM));
    let middle = walkers::Pixels::new((pa.x() + pb.x()) / 2.0, (pa.y() + pb.y()) / 2.0);
    (projection.unproject(middle, 0.0), zoom)
}

/// The zoom a flight to an event ends at, at least: close enough to see the event's
/// surroundings (a few hundred kilometres across) without losing the region.
const FLY_MIN_ZOOM: f64 = 6.0;
/// The shortest and longest flights, in seconds.
const FLY_MIN_SECS: f64 = 0.45;
const FLY_MAX_SECS: f64 = 1.4;
/// The lowest zoom a flight passes through: the whole world.
const MIN_FLIGHT_ZOOM: f64 = 0.0;
/// The width of a Web Mercator tile at zoom 0, in points, as walkers draws it.
const TILE_SIZE: f64 = 256.0;

/// A smooth camera move from one view to another: the map centre glides in Web Mercator space
/// with an ease-in-out curve, and on long moves the zoom dips out in the middle so that both
/// ends are in view on the way, as a person would look up from the map and find the place.
///
/// walkers has no animated fly-to, so the map asks the flight for a centre and zoom each
/// frame while it runs, and repaints only then.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// Where the centre starts and ends, in Web Mercator units (0..1 across the world).
    from: (f64, f64),
    to: (f64, f64),
    from_zoom: f64,
    to_zoom: f64,
    /// Where the flight ends, exactly as asked for (the Mercator round trip is not exact).
    target: (Position, f64),
    /// How far the zoom falls below the straight path at the middle of the flight.
    dip: f64,
    duration_secs: f64,
    elapsed_secs: f64,
}

impl Flight {
    /// A flight from the view `from` (centre and zoom) to `to`, for a map of `view_size`
    /// points. Its duration grows with the distance, within half a second to 1.4 s.
    pub fn new(from: (Position, f64), to: (Position, f64), view_size: (f32, f32)) -> Self {
        let start = mercator(from.0);
        let end = mercator(to.0);
        let (from_zoom, to_zoom) = (from.1, to.1);
        let distance = ((end.0 - start.0).powi(2) + (end.1 - start.1).powi(2)).sqrt();
        // The zoom at which both ends fit in four fifths of the view's shorter side.
        let shorter = f64::from(view_size.0.min(view_size.1).max(1.0));
        let both_in_view = if distance > 0.0 {
            (0.8 * shorter / (distance * TILE_SIZE)).log2()
        } else {
            f64::MAX
        };
        let middle = (from_zoom + to_zoom) / 2.0;
        let dip = (middle - both_in_view).max(0.0);
        // Distance on screen at the lower of the two zooms, in points.
        let on_screen = distance * TILE_SIZE * 2f64.powf(from_zoom.min(to_zoom));
        // A move to where the map already is ends at once.
        let no_move = distance == 0.0 && (to_zoom - from_zoom).abs() < 1e-9;
        let duration_secs = if no_move {
            0.0
        } else {
            (FLY_MIN_SECS
                + 0.12 * (1.0 + on_screen / 60.0).log2()
                + 0.1 * (to_zoom - from_zoom).abs()
                + 0.1 * dip)
                .clamp(FLY_MIN_SECS, FLY_MAX_SECS)
        };
        Flight {
            from: start,
            to: end,
            from_zoom,
            to_zoom,
            target: to,
            dip,
            duration_secs,
            elapsed_secs: 0.0,
        }
    }

    /// How long the whole flight takes.
    pub fn duration_secs(&self) -> f64 {
        self.duration_secs
    }

    /// Whether the flight has arrived.
    pub fn is_finished(&self) -> bool {
        self.elapsed_secs >= self.duration_secs
    }

    /// Moves the flight on by `dt_secs` (clamped, so that a stalled frame does not make it
    /// jump) and returns the centre and zoom to show now.
    pub fn advance(&mut self, dt_secs: f64) -> (Position, f64) {
        self.elapsed_secs = (self.elapsed_secs + dt_secs.clamp(0.0, 0.1)).min(self.duration_secs);
        if self.is_finished() {
            return self.target;
        }
        self.view_at(self.elapsed_secs / self.duration_secs)
    }

    /// The centre and zoom at a fraction `t` (0 to 1) of the flight's time. At the end it is
    /// exactly the view asked for, and on the way the zoom stays within the map's range.
    pub fn view_at(&self, t: f64) -> (Position, f64) {
        if t >= 1.0 || self.duration_secs <= 0.0 {
            return self.target;
        }
        let eased = ease_in_out(t.clamp(0.0, 1.0));
        let x = lerp(self.from.0, self.to.0, eased);
        let y = lerp(self.from.1, self.to.1, eased);
        let zoom =
            lerp(self.from_zoom, self.to_zoom, eased) - self.dip * 4.0 * eased * (1.0 - eased);
        // Over a very long move in a small view, the dip would take the zoom below the
        // whole world; the map cannot show less than that.
        let lowest = self.from_zoom.min(self.to_zoom).min(MIN_FLIGHT_ZOOM);
        (from_mercator((x, y)), zoom.max(lowest))
    }
}

/// The zoom to fly to an event at: the current one, but at least [`FLY_MIN_ZOOM`] so that
/// the event stands out from its neighbours.
pub fn fly_zoom(current: f64) -> f64 {
    current.max(FLY_MIN_ZOOM)
}

/// Slow in, slow out (a cubic), for `t` from 0 to 1.
fn ease_in_out(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

/// Web Mercator coordinates of a position, from 0 to 1 across and down the world.
fn mercator(position: Position) -> (f64, f64) {
    let x = (position.x() + 180.0) / 360.0;
    let lat = position.y().clamp(-85.05, 85.05).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The position at Web Mercator coordinates.
fn from_mercator((x, y): (f64, f64)) -> Position {
    let lon = x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    walkers::lon_lat(lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_into_a_cluster_centres_it_and_always_goes_deeper() {
        let (a, b) = (walkers::lon_lat(44.0, 33.0), walkers::lon_lat(44.5, 33.4));
        let (center, zoom) = zoom_to_box(a, b, (1000.0, 600.0), 5.0);
        assert!((center.x() - 44.25).abs() < 1e-6);
        assert!(center.y() > 33.0 && center.y() < 33.4);
        // 0.4 degrees of latitude fill 80% of 600 points at about zoom 10.5.
        assert!((10.0..11.0).contains(&zoom), "{zoom}");
        // A box wider than the view still zooms in one level, and never past street level.
        let (_, wide) = zoom_to_box(walkers::lon_lat(0.0, 0.0), b, (1000.0, 600.0), 5.0);
        assert_eq!(wide, 6.0);
        let (_, deep) = zoom_to_box(a, a, (1000.0, 600.0), 12.0);
        assert_eq!(deep, MAX_CLUSTER_ZOOM);
    }

    #[test]
    fn a_wider_area_needs_a_lower_zoom() {
        let iraq = [walkers::lon_lat(42.4, 33.8), walkers::lon_lat(44.1, 32.9)];
        let region = [walkers::lon_lat(42.4, 33.8), walkers::lon_lat(42.5, 14.5)];
        let (_, near) = fit(iraq, (800.0, 600.0), 0.1).expect("positions");
        let (center, far) = fit(region, (800.0, 600.0), 0.1).expect("positions");
        assert!(far < near, "{far} should be below {near}");
        // Centred as drawn: between the two latitudes in Web Mercator, a little north of
        // their arithmetic mean.
        assert!(center.y() > 24.15 && center.y() < 24.6, "{}", center.y());
        assert!((center.x() - 42.45).abs() < 1e-6);
    }

    #[test]
    fn one_place_is_not_zoomed_in_too_far_and_none_gives_nothing() {
        let (_, zoom) = fit([walkers::lon_lat(44.0, 36.2)], (800.0, 600.0), 0.1).expect("one");
        assert!(zoom <= MAX_FIT_ZOOM);
        assert!(fit(std::iter::empty(), (800.0, 600.0), 0.1).is_none());
    }

    fn close(a: Position, b: Position) -> bool {
        (a.x() - b.x()).abs() < 1e-6 && (a.y() - b.y()).abs() < 1e-6
    }

    #[test]
    fn a_flight_starts_where_the_map_is_and_ends_at_the_event() {
        let erbil = walkers::lon_lat(43.96, 36.24);
        let al_asad = walkers::lon_lat(42.44, 33.79);
        let mut flight = Flight::new((erbil, 5.0), (al_asad, 6.0), (800.0, 600.0));
        let (start, start_zoom) = flight.view_at(0.0);
        assert!(close(start, erbil) && (start_zoom - 5.0).abs() < 1e-9);
        // Sixty frames of a sixtieth of a second each, then a few more: it has arrived.
        let mut frames = 0;
        let mut last = (start, start_zoom);
        while !flight.is_finished() {
            last = flight.advance(1.0 / 60.0);
            frames += 1;
            assert!(frames < 200, "the flight never ends");
        }
        assert!(close(last.0, al_asad), "{:?}", last.0);
        assert!((last.1 - 6.0).abs() < 1e-9);
        assert!((0.45..=1.4).contains(&flight.duration_secs()));
    }

    #[test]
    fn the_camera_moves_smoothly_not_in_a_jump() {
        let from = walkers::lon_lat(42.44, 33.79);
        let to = walkers::lon_lat(44.2, 15.35);
        let mut flight = Flight::new((from, 6.0), (to, 6.0), (800.0, 600.0));
        let mut previous = mercator(from);
        let mut steps = Vec::new();
        while !flight.is_finished() {
            let (now, _) = flight.advance(1.0 / 60.0);
            let now = mercator(now);
            steps.push(((now.0 - previous.0).powi(2) + (now.1 - previous.1).powi(2)).sqrt());
            previous = now;
        }
        let total: f64 = steps.iter().sum();
        let largest = steps.iter().copied().fold(0.0, f64::max);
        assert!(steps.len() > 20, "{} frames", steps.len());
        assert!(largest < total / 10.0, "no frame covers a tenth of the way");
        // Slow in and slow out: the first and last frames are the shortest moves.
        assert!(steps[0] < largest / 4.0 && steps[steps.len() - 1] < largest / 4.0);
    }

    #[test]
    fn a_long_flight_zooms_out_on_the_way_and_a_short_one_does_not() {
        let al_asad = walkers::lon_lat(42.44, 33.79);
        let yemen = walkers::lon_lat(44.2, 15.35);
        let long = Flight::new((al_asad, 7.0), (yemen, 7.0), (800.0, 600.0));
        let (_, middle_zoom) = long.view_at(0.5);
        assert!(
            middle_zoom < 5.5,
            "zoomed out to {middle_zoom} to show both ends"
        );
        let nearby = walkers::lon_lat(42.6, 33.9);
        let short = Flight::new((al_asad, 7.0), (nearby, 7.0), (800.0, 600.0));
        assert!((short.view_at(0.5).1 - 7.0).abs() < 1e-9);
    }

    #[test]
    fn a_stalled_frame_does_not_make_the_flight_jump() {
        let mut flight = Flight::new(
            (walkers::lon_lat(40.0, 30.0), 5.0),
            (walkers::lon_lat(45.0, 20.0), 6.0),
            (800.0, 600.0),
        );
        flight.advance(5.0);
        assert!(!flight.is_finished() || flight.duration_secs() <= 0.1);
    }

    #[test]
    fn a_flight_arrives_exactly_where_it_was_sent() {
        let to = (walkers::lon_lat(44.123_456_789, 15.987_654_321), 6.3);
        let mut flight = Flight::new((walkers::lon_lat(-70.0, 40.0), 3.0), to, (800.0, 600.0));
        let mut last = flight.view_at(0.0);
        while !flight.is_finished() {
            last = flight.advance(1.0 / 30.0);
        }
        assert_eq!(last, to);
        assert_eq!(flight.view_at(1.0), to);
    }

    #[test]
    fn a_flight_never_leaves_the_zoom_range() {
        // Half way round the world in a small view: the dip wants to go below zoom 0.
        for (from, to) in [
            (
                (walkers::lon_lat(-170.0, 60.0), 2.0),
                (walkers::lon_lat(170.0, -60.0), 18.0),
            ),
            (
                (walkers::lon_lat(-120.0, 40.0), 0.5),
                (walkers::lon_lat(140.0, -30.0), 0.5),
            ),
            (
                (walkers::lon_lat(42.4, 33.8), 7.0),
                (walkers::lon_lat(43.6, 15.3), 6.0),
            ),
        ] {
            let (low, high): (f64, f64) = (f64::min(from.1, to.1).min(0.0), f64::max(from.1, to.1));
            let flight = Flight::new(from, to, (220.0, 200.0));
            for step in 0..=200 {
                let (_, zoom) = flight.view_at(f64::from(step) / 200.0);
                assert!(
                    (low..=high).contains(&zoom),
                    "zoom {zoom} outside {low}–{high}"
                );
            }
        }
    }

    #[test]
    fn a_move_to_where_the_map_is_ends_at_once() {
        let here = (walkers::lon_lat(44.4, 33.3), 7.0);
        let mut flight = Flight::new(here, here, (800.0, 600.0));
        assert!(flight.is_finished());
        assert_eq!(flight.duration_secs(), 0.0);
        assert_eq!(flight.advance(0.0), here);
    }

    #[test]
    fn a_place_shifted_for_a_caption_keeps_its_latitude_and_moves_east() {
        let place = walkers::lon_lat(42.44, 33.79);
        let shifted = shift_east(place, 7.0, 200.0);
        assert!((shifted.y() - place.y()).abs() < 1e-9);
        // 200 points at zoom 7 (256 × 2⁷ points around the world) is about 2.2 degrees.
        assert!((shifted.x() - place.x() - 200.0 * 360.0 / 32_768.0).abs() < 1e-6);
        assert!(close(shift_east(place, 7.0, 0.0), place));
    }

    #[test]
    fn mercator_round_trips_and_flights_zoom_in_to_a_useful_level() {
        let place = walkers::lon_lat(42.44, 33.79);
        assert!(close(from_mercator(mercator(place)), place));
        assert!((fly_zoom(4.5) - 6.0).abs() < 1e-9 && (fly_zoom(8.0) - 8.0).abs() < 1e-9);
    }
}
