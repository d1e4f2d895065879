//! Named seas of the region, for checking that a reported place "in the Red Sea" is in
//! the Red Sea. Each sea is a coarse hand-drawn outline (longitude, latitude) that may
//! spill onto land: it is only consulted for points the borders already put at sea.

/// A named body of water and the larger ones it belongs to.
struct Sea {
    name: &'static str,
    /// Also inside these (a strait is in both waters it joins).
    part_of: &'static [&'static str],
    outline: &'static [(f64, f64)],
}

/// Most specific first: the first match and its `part_of` are the answer.
const SEAS: &[Sea] = &[
    Sea {
        name: "Bab-el-Mandeb",
        part_of: &["Red Sea", "Gulf of Aden"],
        outline: &[(42.9, 13.1), (43.7, 13.1), (43.8, 12.2), (43.0, 12.2)],
    },
    Sea {
        name: "Strait of Hormuz",
        part_of: &["Persian Gulf", "Gulf of Oman"],
        outline: &[(55.8, 27.2), (57.0, 27.2), (57.0, 25.9), (55.8, 25.9)],
    },
    Sea {
        name: "Gulf of Suez",
        part_of: &["Red Sea"],
        outline: &[
            (31.9, 30.2),
            (33.2, 30.2),
            (34.3, 27.7),
            (33.5, 27.2),
            (32.2, 29.0),
        ],
    },
    Sea {
        name: "Gulf of Aqaba",
        part_of: &["Red Sea"],
        outline: &[(34.5, 29.8), (35.3, 29.8), (35.0, 27.9), (34.2, 27.9)],
    },
    Sea {
        name: "Red Sea",
        part_of: &[],
        outline: &[
            (32.0, 30.5),
            (35.6, 30.0),
            (36.0, 27.0),
            (38.0, 24.6),
            (39.6, 21.8),
            (41.2, 18.8),
            (42.7, 17.0),
            (43.4, 15.0),
            (43.9, 13.0),
            (43.4, 12.2),
            (42.6, 12.6),
            (40.5, 14.4),
            (38.8, 15.9),
            (37.3, 18.0),
            (36.3, 21.0),
            (35.0, 23.6),
            (33.2, 26.5),
            (32.0, 28.5),
        ],
    },
    Sea {
        name: "Gulf of Aden",
        part_of: &["Arabian Sea"],
        outline: &[
            (43.3, 12.0),
            (44.0, 13.4),
            (49.0, 15.4),
            (52.5, 16.3),
            (52.5, 10.5),
            (44.5, 10.2),
        ],
    },
    Sea {
        name: "Persian Gulf",
        part_of: &[],
        outline: &[
            (47.5, 30.7),
            (50.3, 30.7),
            (54.5, 28.2),
            (56.2, 27.4),
            (56.4, 26.0),
            (56.1, 23.9),
            (51.0, 23.4),
            (47.9, 27.6),
        ],
    },
    Sea {
        name: "Gulf of Oman",
        part_of: &["Arabian Sea"],
        outline: &[
            (56.3, 26.8),
            (57.8, 26.2),
            (61.9, 25.3),
            (62.0, 22.4),
            (59.9, 22.2),
            (56.1, 24.0),
        ],
    },
    Sea {
        name: "Arabian Sea",
        part_of: &[],
        outline: &[(51.0, 25.5), (77.5, 25.5), (77.5, 0.0), (51.0, 0.0)],
    },
    Sea {
        name: "Sea of Marmara",
        part_of: &[],
        outline: &[(26.5, 41.2), (29.9, 41.2), (29.9, 40.2), (26.5, 40.2)],
    },
    Sea {
        name: "Black Sea",
        part_of: &[],
        outline: &[(27.0, 47.5), (42.5, 47.5), (42.5, 40.8), (27.0, 40.8)],
    },
    Sea {
        name: "Caspian Sea",
        part_of: &[],
        outline: &[(46.0, 47.5), (55.5, 47.5), (55.5, 36.3), (46.0, 36.3)],
    },
    Sea {
        name: "Mediterranean Sea",
        part_of: &[],
        outline: &[(-5.6, 46.5), (37.0, 46.5), (37.0, 30.0), (-5.6, 30.0)],
    },
];

fn inside(outline: &[(f64, f64)], lon: f64, lat: f64) -> bool {
    let mut inside = false;
    let n = outline.len();
    for i in 0..n {
        let (xi, yi) = outline[i];
        let (xj, yj) = outline[(i + n - 1) % n];
        if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// The names of the region's seas whose outline contains the point, most specific first
/// (e.g. `["Bab-el-Mandeb", "Red Sea", "Gulf of Aden"]`). The caller checks the point is
/// at sea.
pub fn names_at(lon: f64, lat: f64) -> Vec<&'static str> {
    SEAS.iter()
        .find(|s| inside(s.outline, lon, lat))
        .map(|s| {
            std::iter::once(s.name)
                .chain(s.part_of.iter().copied())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_seas() {
        assert_eq!(names_at(42.3, 14.5), vec!["Red Sea"]);
        assert_eq!(names_at(38.6, 20.0), vec!["Red Sea"]);
        assert_eq!(names_at(43.36, 12.56)[0], "Bab-el-Mandeb");
        assert_eq!(names_at(48.0, 12.6), vec!["Gulf of Aden", "Arabian Sea"]);
        assert_eq!(names_at(51.6, 27.1), vec!["Persian Gulf"]);
        assert_eq!(names_at(56.45, 26.57)[0], "Strait of Hormuz");
        assert_eq!(names_at(58.9, 24.5), vec!["Gulf of Oman", "Arabian Sea"]);
        assert_eq!(names_at(31.2, 33.0), vec!["Mediterranean Sea"]);
        assert_eq!(names_at(50.8, 41.6), vec!["Caspian Sea"]);
        assert!(names_at(-40.0, 30.0).is_empty());
    }
}
