//! Arcs for two-place events: where the articles say where an attack came from, a great-circle
//! arc runs from that origin to the event, with an arrowhead at the target, in the event's
//! colour.
//!
//! An origin known only as a region or a country ("launched from within Iraq") has no launch
//! point, so none is drawn: the origin is a soft disc as wide as the precision's uncertainty,
//! and several faint arcs fan out from across it and converge on the target.
//!
//! A frame draws the arcs of the visible events that have an origin, found through
//! [`Dataset::events_with_origin`] without walking the other events. Their geometry, in
//! longitude and latitude, is worked out the first time an event is drawn and kept
//! ([`ArcCache`]), so a dataset with a million origins costs nothing until its arcs are on
//! screen. Beyond [`MAX_ARCS`] arcs the map would be a tangle that hides its markers, and a
//! frame's work would grow with the data, so then only the selected event's arc is drawn.

use std::collections::HashMap;

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, Vec2};
use geo::{Bearing as _, Destination as _, Distance as _, Haversine, InterpolatePoint as _, Point};
use walkers::Projector;

use crate::model::{Dataset, EventIndex, GeoPrecision};
use crate::state::ViewState;
use crate::ui::palette;

/// The longest a straight piece of an arc may be, in metres: short enough that the
/// projected polyline follows the great circle's curve.
const MAX_SEGMENT_M: f64 = 25_000.0;
/// How many arcs fan out from a spread origin. None starts at its centre: the centre is a
/// representative point, not a launch site, and other events may be drawn there.
const FAN_STRANDS: usize = 8;
/// Where on the disc the fanned arcs start, as a share of its radius: inside the edge, so
/// they read as coming from the area, not from its rim.
const FAN_RADIUS_SHARE: f64 = 0.65;
/// Fanned arcs that would start closer than this share of the radius to the target are left
/// out: they would be stubs pointing every which way.
const MIN_STRAND_SHARE: f64 = 0.35;
/// How far before the target's centre the arrowhead's tip stops, in points: just outside the
/// marker and its outline.
const TIP_GAP: f32 = 15.0;
/// The arrowhead's length and half-width, in points.
const ARROW_LENGTH: f32 = 15.0;
const ARROW_HALF_WIDTH: f32 = 7.5;

/// The most arcs a frame draws. With more visible events that have an origin, only the
/// selected event's arc is drawn.
pub const MAX_ARCS: usize = 1_000;
/// The longest list a frame walks to find the visible events with an origin: the shorter of
/// the visible events and the events with an origin, each looked up in the other. Past
/// this, finding them would cost the frame more than a millisecond.
const MAX_ARC_CANDIDATES: usize = 20_000;

/// One arc from a start point to the target, in longitude and latitude.
#[derive(Clone, Debug, PartialEq)]
pub struct Strand {
    /// Points along the great circle, the start first and the target last.
    pub points: Vec<Point<f64>>,
}

/// Where an attack came from and how it reached its target, ready to project.
#[derive(Clone, Debug, PartialEq)]
pub struct ArcGeometry {
    /// The origin's point (a representative point when it is a region or a country).
    pub origin: Point<f64>,
    /// The event's position.
    pub target: Point<f64>,
    /// For a region or a country, the radius of the area the attack came from, in metres;
    /// `None` for a site or a town, drawn as a point.
    pub spread_radius_m: Option<f64>,
    /// The arcs: one for a point origin, a fan for a spread.
    pub strands: Vec<Strand>,
}

/// Points along the great circle from `from` to `to`, both included, no piece longer than
/// [`MAX_SEGMENT_M`].
pub fn great_circle(from: Point<f64>, to: Point<f64>) -> Vec<Point<f64>> {
    let distance_m = Haversine.distance(from, to);
    let segments = (distance_m / MAX_SEGMENT_M).ceil().clamp(1.0, 256.0) as usize;
    let mut previous_lon = from.x();
    (0..=segments)
        .map(|step| {
            let point = Haversine.point_at_ratio_between(from, to, step as f64 / segments as f64);
            // Across the antimeridian the longitude runs on past ±180 instead of jumping
            // back, so the projected line continues off the map's edge rather than crossing
            // the whole world.
            let mut lon = point.x();
            while lon - previous_lon > 180.0 {
                lon -= 360.0;
            }
            while lon - previous_lon < -180.0 {
                lon += 360.0;
            }
            previous_lon = lon;
            Point::new(lon, point.y())
        })
        .collect()
}

impl ArcGeometry {
    /// The arcs from `origin`, known to `precision`, to `target`.
    pub fn new(origin: Point<f64>, precision: GeoPrecision, target: Point<f64>) -> Self {
        let spread = matches!(precision, GeoPrecision::Region | GeoPrecision::Country);
        if !spread {
            return ArcGeometry {
                origin,
                target,
                spread_radius_m: None,
                strands: vec![Strand {
                    points: great_circle(origin, target),
                }],
            };
        }
        let radius_m = precision.uncertainty_radius_m();
        let bearing_to_target = Haversine.bearing(origin, target);
        // The fan is turned so that no strand starts straight behind or in front of the
        // target, where it would hide under the central one.
        let starts = (0..FAN_STRANDS).map(|n| {
            let bearing = bearing_to_target + 360.0 * (n as f64 + 0.5) / FAN_STRANDS as f64;
            Haversine.destination(origin, bearing, radius_m * FAN_RADIUS_SHARE)
        });
        let strands = starts
            .filter(|&start| Haversine.distance(start, target) >= radius_m * MIN_STRAND_SHARE)
            .map(|start| Strand {
                points: great_circle(start, target),
            })
            .collect();
        ArcGeometry {
            origin,
            target,
            spread_radius_m: Some(radius_m),
            strands,
        }
    }
}

/// The arcs a frame draws, with the geometry of every arc drawn so far.
#[derive(Default)]
pub struct ArcCache {
    /// The dataset the geometry belongs to.
    generation: Option<u64>,
    /// By event: its arcs, or `None` when it has no position or no origin. Only events that
    /// have been drawn are here; forgotten when it outgrows a few frames' worth.
    geometry: HashMap<EventIndex, Option<ArcGeometry>>,
    /// The events whose arcs this frame draws, in time order.
    drawn: Vec<EventIndex>,
}

impl ArcCache {
    /// Finds the arcs to draw among `visible` (in time order, as the app keeps it) and works
    /// out the geometry of those not drawn before. A dataset without origins costs one
    /// comparison; any other at most [`MAX_ARC_CANDIDATES`] binary searches.
    pub fn update(
        &mut self,
        dataset: &Dataset,
        visible: &[EventIndex],
        selected: Option<EventIndex>,
    ) {
        if self.generation != Some(dataset.generation()) {
            self.generation = Some(dataset.generation());
            self.geometry.clear();
        }
        self.drawn.clear();
        let with_origin = dataset.events_with_origin();
        if with_origin.is_empty() {
            return;
        }
        arcs_to_draw(with_origin, visible, selected, &mut self.drawn);
        if self.geometry.len() + self.drawn.len() > 4 * MAX_ARCS {
            self.geometry.clear();
        }
        for &index in &self.drawn {
            self.geometry.entry(index).or_insert_with(|| {
                let target = dataset.position(index)?;
                let origin = dataset.origin(index)?;
                Some(ArcGeometry::new(
                    origin.position,
                    origin.geo_precision,
                    target,
                ))
            });
        }
    }

    /// Whether this frame has no arc to draw.
    pub fn is_empty(&self) -> bool {
        self.drawn.is_empty()
    }

    /// The arcs this frame draws, by event.
    fn arcs(&self) -> impl Iterator<Item = (EventIndex, &ArcGeometry)> {
        self.drawn.iter().filter_map(|&index| {
            let arc = self.geometry.get(&index)?.as_ref()?;
            Some((index, arc))
        })
    }
}

/// Puts in `out` the events of `visible` that are in `with_origin` (both in time order), or,
/// when there are more than [`MAX_ARCS`] of them or they would take too long to find, only
/// `selected`, if it is one of them.
fn arcs_to_draw(
    with_origin: &[EventIndex],
    visible: &[EventIndex],
    selected: Option<EventIndex>,
    out: &mut Vec<EventIndex>,
) {
    let (shorter, longer) = if with_origin.len() <= visible.len() {
        (with_origin, visible)
    } else {
        (visible, with_origin)
    };
    if shorter.len() <= MAX_ARC_CANDIDATES {
        out.extend(
            shorter
                .iter()
                .filter(|index| longer.binary_search(index).is_ok())
                .take(MAX_ARCS + 1),
        );
        if out.len() <= MAX_ARCS {
            return;
        }
        out.clear();
    }
    out.extend(selected.filter(|index| {
        visible.binary_search(index).is_ok() && with_origin.binary_search(index).is_ok()
    }));
}

/// Draws the arcs [`ArcCache::update`] found for this frame. Drawn under the markers, so
/// that every marker stays on top and clickable.
pub fn arcs_ui(
    painter: &Painter,
    projector: &Projector<'_>,
    cache: &ArcCache,
    dataset: &Dataset,
    view: &ViewState,
    dark: bool,
) {
    if cache.is_empty() {
        return;
    }
    let clip = projector.clip_rect();
    let halo = palette::marker_outline(dark);
    for (index, arc) in cache.arcs() {
        let look = Look {
            color: palette::event_color(dataset, view, index),
            halo,
            strength: if view.selected == Some(index) {
                1.0
            } else {
                0.75
            },
            dark,
        };
        draw_arc(painter, projector, clip, arc, look);
    }
}

/// How one event's arcs are coloured.
#[derive(Clone, Copy)]
struct Look {
    /// The event's colour, as its marker has it.
    color: Color32,
    /// The outline under the colour that keeps it legible on any basemap.
    halo: Color32,
    /// 1 for the selected event, less for the others.
    strength: f32,
    dark: bool,
}

/// One event's arcs: the spread (if any), the strands, the arrowhead.
fn draw_arc(
    painter: &Painter,
    projector: &Projector<'_>,
    clip: Rect,
    arc: &ArcGeometry,
    look: Look,
) {
    let Look {
        color,
        halo,
        strength,
        dark,
    } = look;
    let project = |point: Point<f64>| projector.project(point).to_pos2();
    let strands: Vec<Vec<Pos2>> = arc
        .strands
        .iter()
        .map(|strand| strand.points.iter().map(|&p| project(p)).collect())
        .collect();
    // The strands' own end: across the antimeridian it lies past ±180 with the rest of the
    // strand, where the target's own longitude would not.
    let target = strands
        .first()
        .and_then(|strand| strand.last())
        .copied()
        .unwrap_or_else(|| project(arc.target));
    let origin = project(arc.origin);
    let spread_px = arc
        .spread_radius_m
        .map(|radius_m| radius_m as f32 * projector.scale_pixel_per_meter(arc.origin));
    let mut bounds = Rect::from_two_pos(origin, target);
    for strand in &strands {
        for &point in strand {
            bounds.extend_with(point);
        }
    }
    if let Some(radius) = spread_px {
        bounds = bounds.union(Rect::from_center_size(origin, Vec2::splat(radius * 2.0)));
    }
    if !bounds.intersects(clip) {
        return;
    }
    // Too short to show a direction: the marker says enough.
    if strands
        .iter()
        .all(|strand| strand_length(strand) < TIP_GAP + ARROW_LENGTH * 1.5)
    {
        return;
    }

    if let Some(radius) = spread_px {
        draw_spread(painter, origin, radius.min(4_000.0), color, strength, dark);
    }

    // Every strand stops at the arrowhead's base, so the fan closes into one arrow.
    let base_gap = TIP_GAP + ARROW_LENGTH * 0.8;
    let mut ends = Vec::with_capacity(strands.len());
    let spread = spread_px.is_some();
    // A spread's strands fade in from nothing and thicken towards the target, so that they
    // say "from somewhere over there" without a start point; a point origin's one strand is
    // solid from its dot.
    let taper = if spread {
        Taper {
            from_width: 0.8,
            to_width: 3.0,
            from_alpha: 0.0,
            to_alpha: 0.9,
        }
    } else {
        Taper {
            from_width: 2.0,
            to_width: 2.8,
            from_alpha: 0.9,
            to_alpha: 1.0,
        }
    };
    let trimmed: Vec<Vec<Pos2>> = strands
        .iter()
        .map(|strand| trim_end(strand, target, base_gap))
        .filter(|strand| strand.len() >= 2)
        .collect();
    // Halos first, then the colour, so that crossing strands do not cut each other.
    for strand in &trimmed {
        taper.draw(painter, strand, |t| {
            Stroke::new(
                taper.width(t) + 2.0,
                halo.gamma_multiply(0.55 * taper.alpha(t) * strength),
            )
        });
    }
    for strand in &trimmed {
        taper.draw(painter, strand, |t| {
            Stroke::new(
                taper.width(t),
                color.gamma_multiply(taper.alpha(t) * strength),
            )
        });
        if let [.., before, last] = strand.as_slice() {
            ends.push((*last - *before).normalized());
        }
    }
    if !spread {
        painter.circle(origin, 3.5, color, Stroke::new(1.5, halo));
    }

    // The arrow points along the strands' mean direction as they arrive.
    let direction = ends.iter().fold(Vec2::ZERO, |sum, &d| sum + d);
    if direction.length() < 1e-3 {
        return;
    }
    let direction = direction.normalized();
    let tip = target - direction * TIP_GAP;
    let base = tip - direction * ARROW_LENGTH;
    let side = direction.rot90() * ARROW_HALF_WIDTH;
    let arrow = vec![tip, base + side, base - side];
    painter.add(Shape::convex_polygon(
        arrow,
        color.gamma_multiply(strength.max(0.9)),
        Stroke::new(1.5, halo),
    ));
}

/// How a strand's width and opacity change from its start (`t = 0`) to its end (`t = 1`).
#[derive(Clone, Copy)]
struct Taper {
    from_width: f32,
    to_width: f32,
    from_alpha: f32,
    to_alpha: f32,
}

/// The longest piece a tapered strand is drawn in, in points: short enough that the steps
/// in width and opacity do not show.
const TAPER_PIECE: f32 = 5.0;

impl Taper {
    fn width(self, t: f32) -> f32 {
        self.from_width + (self.to_width - self.from_width) * t
    }

    fn alpha(self, t: f32) -> f32 {
        // Eased, so that a faded strand stays faint for its first part and firms up late.
        self.from_alpha + (self.to_alpha - self.from_alpha) * t.powf(0.8)
    }

    /// Draws `points` in short pieces, each with the stroke `stroke_at` gives for its place
    /// along the strand.
    fn draw(self, painter: &Painter, points: &[Pos2], stroke_at: impl Fn(f32) -> Stroke) {
        let total = strand_length(points);
        if total <= 0.0 {
            return;
        }
        let mut walked = 0.0;
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let length = a.distance(b);
            let pieces = (length / TAPER_PIECE).ceil().max(1.0) as usize;
            for piece in 0..pieces {
                let (from, to) = (
                    piece as f32 / pieces as f32,
                    (piece + 1) as f32 / pieces as f32,
                );
                let middle = walked + length * (from + to) / 2.0;
                painter.line_segment([a.lerp(b, from), a.lerp(b, to)], stroke_at(middle / total));
            }
            walked += length;
        }
    }
}

/// A soft disc for the area an attack came from: denser towards the middle, with a dashed
/// edge, so that it reads as "somewhere in here" rather than as a place.
fn draw_spread(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    color: Color32,
    strength: f32,
    dark: bool,
) {
    if radius < 4.0 {
        return;
    }
    // Stacked discs: each adds a little colour, so the middle is densest and the edge soft.
    let fill = if dark { 0.042 } else { 0.04 };
    let rings = 6;
    for ring in 1..=rings {
        let share = ring as f32 / rings as f32;
        painter.circle_filled(
            center,
            radius * share,
            color.gamma_multiply(fill * strength),
        );
    }
    let steps = 96;
    let edge: Vec<Pos2> = (0..=steps)
        .map(|step| {
            let angle = std::f32::consts::TAU * step as f32 / steps as f32;
            center + Vec2::angled(angle) * radius
        })
        .collect();
    painter.extend(Shape::dashed_line(
        &edge,
        Stroke::new(1.8, color.gamma_multiply(0.8 * strength)),
        7.0,
        6.0,
    ));
}

/// The length of a polyline, in points.
fn strand_length(points: &[Pos2]) -> f32 {
    points
        .windows(2)
        .map(|pair| pair[0].distance(pair[1]))
        .sum()
}

/// The polyline cut where it first comes within `gap` of `target`, so that it stops short of
/// the target's marker.
fn trim_end(points: &[Pos2], target: Pos2, gap: f32) -> Vec<Pos2> {
    let mut kept = Vec::with_capacity(points.len());
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if kept.is_empty() {
            if a.distance(target) <= gap {
                return Vec::new();
            }
            kept.push(a);
        }
        if b.distance(target) > gap {
            kept.push(b);
            continue;
        }
        // The point between a (outside) and b (inside) at `gap` from the target, by
        // bisection: a few steps are finer than a pixel.
        let (mut outside, mut inside) = (a, b);
        for _ in 0..16 {
            let middle = outside.lerp(inside, 0.5);
            if middle.distance(target) > gap {
                outside = middle;
            } else {
                inside = middle;
            }
        }
        kept.push(outside);
        break;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn al_asad() -> Point<f64> {
        Point::new(42.4412, 33.7856)
    }

    fn iraq() -> Point<f64> {
        Point::new(44.5, 34.3)
    }

    #[test]
    fn a_great_circle_runs_from_origin_to_target_along_the_circle() {
        // Sanaa to Erbil: long enough for the great circle to bend away from a straight line
        // in longitude and latitude.
        let from = Point::new(44.2, 15.35);
        let to = Point::new(44.0, 36.19);
        let points = great_circle(from, to);
        assert_eq!(points.first(), Some(&from));
        assert_eq!(points.last(), Some(&to));
        assert!(points.len() > 10, "{} points", points.len());
        let total = Haversine.distance(from, to);
        for &point in &points {
            let via = Haversine.distance(from, point) + Haversine.distance(point, to);
            // On the great circle, the way through the point is no longer than the direct one.
            assert!(
                (via - total).abs() < 1.0,
                "{point:?} is {} m off",
                via - total
            );
        }
        let steps: Vec<f64> = points
            .windows(2)
            .map(|pair| Haversine.distance(pair[0], pair[1]))
            .collect();
        assert!(steps.iter().all(|&step| step <= MAX_SEGMENT_M + 1.0));
    }

    #[test]
    fn an_arc_across_the_antimeridian_does_not_jump_back_across_the_world() {
        let points = great_circle(Point::new(170.0, -10.0), Point::new(-170.0, -12.0));
        assert!(
            points
                .iter()
                .all(|p| (170.0..=190.0 + 1e-9).contains(&p.x())),
            "{points:?}"
        );
    }

    #[test]
    fn a_point_origin_has_one_strand_and_no_spread() {
        let launch = Point::new(44.2, 15.35);
        let target = Point::new(42.3, 14.5);
        for precision in [GeoPrecision::Site, GeoPrecision::Town] {
            let arc = ArcGeometry::new(launch, precision, target);
            assert_eq!(arc.spread_radius_m, None);
            assert_eq!(arc.strands.len(), 1);
            assert_eq!(arc.strands[0].points.first(), Some(&launch));
            assert_eq!(arc.strands[0].points.last(), Some(&target));
        }
    }

    #[test]
    fn a_country_origin_fans_out_from_across_its_spread() {
        let arc = ArcGeometry::new(iraq(), GeoPrecision::Country, al_asad());
        let radius_m = GeoPrecision::Country.uncertainty_radius_m();
        assert_eq!(arc.spread_radius_m, Some(radius_m));
        assert!(arc.strands.len() >= 4, "{} strands", arc.strands.len());
        let mut starts = Vec::new();
        for strand in &arc.strands {
            let start = *strand.points.first().expect("a start");
            assert!(
                Haversine.distance(iraq(), start) <= radius_m + 1.0,
                "every strand starts within the spread"
            );
            assert_eq!(
                strand.points.last(),
                Some(&al_asad()),
                "and ends at the target"
            );
            starts.push(start);
        }
        // Not one false point: the strands start at different places.
        let far_apart = starts
            .iter()
            .flat_map(|a| starts.iter().map(move |b| Haversine.distance(*a, *b)))
            .fold(0.0, f64::max);
        assert!(far_apart > radius_m * 0.5, "{far_apart} m");
    }

    #[test]
    fn strands_stop_short_of_the_target() {
        let points: Vec<Pos2> = (0..=10).map(|x| Pos2::new(x as f32 * 10.0, 0.0)).collect();
        let target = Pos2::new(100.0, 0.0);
        let trimmed = trim_end(&points, target, 25.0);
        let last = *trimmed.last().expect("a point");
        assert!((last.distance(target) - 25.0).abs() < 0.01, "{last:?}");
        assert_eq!(trimmed.first(), Some(&Pos2::ZERO));
        assert!(trim_end(&points[9..], target, 25.0).is_empty());
    }

    #[test]
    fn the_cache_draws_the_built_in_arcs_of_visible_events_and_nothing_without_origins() {
        let builtin = crate::io::load_builtin().dataset;
        let all: Vec<EventIndex> = (0..builtin.len()).collect();
        let index = builtin.index_of("al-asad-missile-attack").expect("present");
        let mut cache = ArcCache::default();
        cache.update(&builtin, &all, None);
        assert!(cache.arcs().any(|(i, _)| i == index));
        let others: Vec<EventIndex> = all.iter().copied().filter(|&i| i != index).collect();
        cache.update(&builtin, &others, None);
        assert!(
            cache.arcs().all(|(i, _)| i != index),
            "hidden, so not drawn"
        );
        let synthetic = crate::model::synthetic::dataset(1_000, 10, 1);
        let all: Vec<EventIndex> = (0..synthetic.len()).collect();
        cache.update(&synthetic, &all, Some(3));
        assert!(cache.is_empty());
        // Every event with an origin, too many to draw: the selected one's arc alone.
        let crowded = crate::model::synthetic::with_origins(10_000, 10, 1);
        let all: Vec<EventIndex> = (0..crowded.len()).collect();
        cache.update(&crowded, &all, Some(3));
        assert_eq!(cache.arcs().map(|(i, _)| i).collect::<Vec<_>>(), [3]);
        cache.update(&crowded, &all[..50], None);
        assert_eq!(cache.arcs().count(), 50);
        assert!(
            cache.geometry.len() <= 51,
            "only what was drawn is worked out"
        );
    }

    #[test]
    fn past_the_limit_only_the_selected_events_arc_is_drawn() {
        let mut out = Vec::new();
        let visible: Vec<EventIndex> = (0..1_000_000).collect();
        let with_origin: Vec<EventIndex> = (0..1_000_000).step_by(3).collect();
        // Few enough on show: every visible one with an origin, in time order.
        arcs_to_draw(&with_origin, &visible[..30], None, &mut out);
        assert_eq!(out, [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
        // Many with an origin, few of them on show: the short list is walked.
        out.clear();
        arcs_to_draw(&with_origin, &visible[10_000..10_007], None, &mut out);
        assert_eq!(out, [10_002, 10_005]);
        // Too many to draw: the selected one alone, if it has an origin and is on show.
        for (selected, expected) in [(Some(300), vec![300]), (Some(301), vec![]), (None, vec![])] {
            out.clear();
            arcs_to_draw(&with_origin, &visible[..6_000], selected, &mut out);
            assert_eq!(out, expected, "selected {selected:?}");
        }
        // Too many to look for: the same.
        out.clear();
        arcs_to_draw(&with_origin, &visible, Some(999_999), &mut out);
        assert_eq!(out, [999_999]);
        out.clear();
        arcs_to_draw(&with_origin, &visible[..100], Some(999_999), &mut out);
        assert!(
            out.iter().all(|&i| i < 100),
            "an event off show is not drawn"
        );
    }
}
