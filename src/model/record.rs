//! Records as read from files, before they are checked and turned into the model.
//!
//! Readers in `io` fill these from JSON, GeoJSON or CSV; [`super::DatasetBuilder`] checks
//! them and interns their ids. Keeping the two steps apart means every format gets the same
//! checks and the same messages.

/// An article's metadata as written in `sources.json`.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The file name without `.txt`.
    pub id: String,
    /// The article's file, relative to the project.
    pub file: String,
    /// The headline as printed, if any.
    #[serde(default)]
    pub headline: Option<String>,
    /// The outlet, where the text supports it.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The news agency credited with the reporting ("Reporting by Reuters"), where the
    /// text names one; not the publisher.
    #[serde(default)]
    pub wire: Option<String>,
    /// The publication date (`YYYY-MM-DD`), where the text supports it.
    #[serde(default)]
    pub published: Option<String>,
    /// How anything was inferred.
    #[serde(default)]
    pub notes: String,
}

/// An actor as written in `actors.json`.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    /// Stable id, e.g. `kataib_hezbollah`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The id of the actor this one belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// The sentence that states the nesting under `parent`.
    #[serde(default)]
    pub basis: Option<BasisRecord>,
    /// Dated background about the actor (its founding, a designation), each with the
    /// sentence that states it.
    #[serde(default)]
    pub facts: Vec<BasisRecord>,
    /// Display colour, `#rrggbb`.
    pub color: String,
}

/// A sentence of an article that an actor's nesting or fact rests on, as written in
/// `actors.json`: `{ "source": <source id>, "quote": <verbatim text> }`.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisRecord {
    /// The source id.
    pub source: String,
    /// The verbatim quote.
    pub quote: String,
}

/// A citation as written in a feature's `sources`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CitationRecord {
    /// The source id.
    pub source: String,
    /// The verbatim quote.
    pub quote: String,
}

/// One claimed value of a dispute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimRecord {
    /// The value, as text.
    pub value: String,
    /// The source ids that make the claim.
    pub sources: Vec<String>,
    /// How the value was read.
    pub note: Option<String>,
}

/// A dispute as written in a feature's `disputes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisputeRecord {
    /// The disputed property.
    pub field: String,
    /// The claims.
    pub claims: Vec<ClaimRecord>,
}

/// An event's `origin` as written in a feature: where the attack came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OriginRecord {
    /// `place`
    pub place: String,
    /// `coordinates`: longitude, latitude.
    pub lon_lat: (f64, f64),
    /// `geo_precision`
    pub geo_precision: String,
    /// `sources`: the sentences that say where it came from.
    pub sources: Vec<CitationRecord>,
    /// `notes`
    pub notes: Option<String>,
    /// Fields the reader could not read, as (`origin.<field>`, message): they cost the event
    /// its origin, not the event itself.
    pub unreadable: Vec<(String, String)>,
}

/// An event feature's properties and point, as text and numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventRecord {
    /// `id`
    pub id: String,
    /// `title`
    pub title: String,
    /// `summary`
    pub summary: String,
    /// `start`
    pub start: String,
    /// `end`
    pub end: Option<String>,
    /// `time_precision`
    pub time_precision: String,
    /// `place`
    pub place: String,
    /// `country`
    pub country: Option<String>,
    /// `sea`
    pub sea: Option<String>,
    /// The point: longitude, latitude.
    pub lon_lat: (f64, f64),
    /// `geo_precision`
    pub geo_precision: String,
    /// `event_type`
    pub event_type: String,
    /// `initiators`
    pub initiators: Vec<String>,
    /// `targets`
    pub targets: Vec<String>,
    /// `supporters`
    pub supporters: Vec<String>,
    /// `killed`
    pub killed: Option<f64>,
    /// `killed_qualifier`: the article's word for how exact the figure is ("over").
    pub killed_qualifier: Option<String>,
    /// `injured`
    pub injured: Option<f64>,
    /// `injured_qualifier`
    pub injured_qualifier: Option<String>,
    /// `sources`
    pub sources: Vec<CitationRecord>,
    /// `disputes`
    pub disputes: Vec<DisputeRecord>,
    /// `origin`
    pub origin: Option<OriginRecord>,
    /// `notes`
    pub notes: Option<String>,
}

/// Problems with an origin's fields, as (`origin.<field>`, message).
pub type OriginProblems = Vec<(String, String)>;

impl OriginRecord {
    /// The place, point and precision, checked: a place name, a longitude in -180..180, a
    /// latitude in -90..90, a known precision and at least one quote. Otherwise every
    /// problem, as (`origin.<field>`, message). Quotes are checked by the caller, which
    /// knows the articles.
    pub fn check(&self) -> Result<(geo::Point<f64>, super::event::GeoPrecision), OriginProblems> {
        let mut problems = self.unreadable.clone();
        let mut problem = |field: &str, message: String| {
            problems.push((format!("origin.{field}"), message));
        };
        if self.place.trim().is_empty() {
            problem("place", "must not be empty".to_owned());
        }
        let (lon, lat) = self.lon_lat;
        // NaN marks coordinates that could not be read, reported in `unreadable`.
        let readable = !(lon.is_nan() || lat.is_nan());
        if readable && !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            problem(
                "coordinates",
                format!("longitude {lon} is outside -180..180"),
            );
        }
        if readable && !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            problem("coordinates", format!("latitude {lat} is outside -90..90"));
        }
        let precision = super::event::GeoPrecision::parse(&self.geo_precision);
        if precision.is_none() && !self.geo_precision.is_empty() {
            problem(
                "geo_precision",
                format!(
                    "'{}' is not one of site, town, region, country",
                    self.geo_precision
                ),
            );
        }
        if self.sources.is_empty() {
            problem(
                "sources",
                "needs a quote that says where the attack came from".to_owned(),
            );
        }
        match precision {
            Some(precision) if problems.is_empty() => Ok((geo::Point::new(lon, lat), precision)),
            _ => Err(problems),
        }
    }
}
