//! Checking that each event's point lies in the country it names, or in the sea it names,
//! against the borders of the embedded basemap.

use std::sync::{Arc, OnceLock};

use crate::basemap::Basemap;
use crate::model::{Dataset, Problem};

/// How far a point may lie outside its country's border before it is reported, in degrees
/// (about 10 km): the borders are generalised, and a town on a border river or an air base
/// at a frontier may fall a little the wrong side of the drawn line.
const BORDER_TOLERANCE_DEG: f64 = 0.09;

/// The embedded basemap, parsed once per run and shared by the map and the checks.
pub fn shared_basemap() -> Result<Arc<Basemap>, String> {
    static BASEMAP: OnceLock<Result<Arc<Basemap>, String>> = OnceLock::new();
    BASEMAP
        .get_or_init(|| Basemap::embedded().map_err(|err| err.to_string()))
        .clone()
}

/// Problems for events whose point is not in the country (or sea) they name.
pub fn check_places(dataset: &Dataset, file: &str, basemap: &Basemap) -> Vec<Problem> {
    let mut problems = Vec::new();
    for index in dataset.indices() {
        let Some(position) = dataset.position(index) else {
            continue;
        };
        let (lon, lat) = (position.x(), position.y());
        let id = dataset.id(index);
        let nearby = |matches: &dyn Fn(f64, f64) -> bool| {
            let d = BORDER_TOLERANCE_DEG;
            [
                (0.0, 0.0),
                (d, 0.0),
                (-d, 0.0),
                (0.0, d),
                (0.0, -d),
                (d, d),
                (d, -d),
                (-d, d),
                (-d, -d),
            ]
            .iter()
            .any(|(dx, dy)| matches(lon + dx, lat + dy))
        };
        if let Some(country) = dataset.country(index) {
            if !nearby(&|x, y| basemap.country_at(x, y) == Some(country)) {
                let found = basemap
                    .country_at(lon, lat)
                    .map_or_else(|| "the sea".to_owned(), str::to_owned);
                problems.push(Problem::in_field(
                    file,
                    id,
                    "country",
                    format!("the point ({lon:.4}, {lat:.4}) lies in {found}, not in {country}"),
                ));
            }
        } else if let Some(sea) = dataset.sea(index) {
            let named = |x: f64, y: f64| {
                basemap
                    .seas_at(x, y)
                    .iter()
                    .any(|name| name.eq_ignore_ascii_case(sea))
            };
            if !nearby(&named) {
                let found = match basemap.country_at(lon, lat) {
                    Some(country) => format!("on land, in {country}"),
                    None => {
                        let seas = basemap.seas_at(lon, lat);
                        if seas.is_empty() {
                            "at sea, but not in a named sea".to_owned()
                        } else {
                            format!("in {}", seas.join(" / "))
                        }
                    }
                };
                problems.push(Problem::in_field(
                    file,
                    id,
                    "sea",
                    format!("the point ({lon:.4}, {lat:.4}) lies {found}, not in the {sea}"),
                ));
            }
        }
    }
    problems
}
