//! Events: what happened, where, when, who did it to whom, and who says so.

use std::fmt;

use geo::Point;

use super::actor::ActorId;
use super::source::SourceId;
use super::time::EventTime;

/// How precisely an event's place is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoPrecision {
    /// The exact site: an air base, an oil field.
    Site,
    /// Somewhere in or near a town.
    Town,
    /// Somewhere in a region ("western Iraq", "the southern Red Sea").
    Region,
    /// Somewhere in a country.
    Country,
}

impl GeoPrecision {
    /// The name used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            GeoPrecision::Site => "site",
            GeoPrecision::Town => "town",
            GeoPrecision::Region => "region",
            GeoPrecision::Country => "country",
        }
    }

    /// Every precision, finest first.
    pub const ALL: [GeoPrecision; 4] = [
        GeoPrecision::Site,
        GeoPrecision::Town,
        GeoPrecision::Region,
        GeoPrecision::Country,
    ];

    /// The precision named in a data file.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The radius, in metres, of the area an event of this precision may lie in; `0` for a site.
    /// The map draws it as a ring around the marker.
    pub fn uncertainty_radius_m(self) -> f64 {
        match self {
            GeoPrecision::Site => 0.0,
            GeoPrecision::Town => 8_000.0,
            GeoPrecision::Region => 120_000.0,
            GeoPrecision::Country => 300_000.0,
        }
    }
}

/// The kind of event, from a small fixed vocabulary (documented in the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// Strikes from the air on targets on the ground.
    Airstrike,
    /// An attack with ballistic or cruise missiles.
    MissileAttack,
    /// An attack with drones (one-way attack UAVs).
    DroneAttack,
    /// An attack with rockets.
    RocketAttack,
    /// An attack on merchant or naval vessels.
    AttackOnShipping,
    /// An attack whose means the articles do not give, or by mixed means.
    Attack,
    /// Missiles, drones or aircraft shot down or destroyed before use.
    Interception,
    /// A public statement, claim or warning.
    Statement,
    /// An official order or demand.
    Order,
}

impl EventType {
    /// Every type, in the order the README lists them.
    pub const ALL: [EventType; 9] = [
        EventType::Airstrike,
        EventType::MissileAttack,
        EventType::DroneAttack,
        EventType::RocketAttack,
        EventType::AttackOnShipping,
        EventType::Attack,
        EventType::Interception,
        EventType::Statement,
        EventType::Order,
    ];

    /// The name used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Airstrike => "airstrike",
            EventType::MissileAttack => "missile_attack",
            EventType::DroneAttack => "drone_attack",
            EventType::RocketAttack => "rocket_attack",
            EventType::AttackOnShipping => "attack_on_shipping",
            EventType::Attack => "attack",
            EventType::Interception => "interception",
            EventType::Statement => "statement",
            EventType::Order => "order",
        }
    }

    /// The type named in a data file.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The type whose label is `label`.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.label() == label)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            EventType::Airstrike => "Airstrike",
            EventType::MissileAttack => "Missile attack",
            EventType::DroneAttack => "Drone attack",
            EventType::RocketAttack => "Rocket attack",
            EventType::AttackOnShipping => "Attack on shipping",
            EventType::Attack => "Attack",
            EventType::Interception => "Interception",
            EventType::Statement => "Statement",
            EventType::Order => "Order",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A sentence (or several) of an article that reports an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The article.
    pub source: SourceId,
    /// The words, verbatim from the article.
    pub quote: String,
}

/// One side of a disagreement: a value and the articles that give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claimed value, as text.
    pub value: String,
    /// The articles that make this claim.
    pub sources: Vec<SourceId>,
    /// How the value was read from the articles' words.
    pub note: Option<String>,
}

/// A field of an event on which the articles disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispute {
    /// The property in dispute, e.g. `start`.
    pub field: String,
    /// Every claimed value, each with its sources.
    pub claims: Vec<Claim>,
}

/// Where an attack came from, for an event the articles give two places for: the launch
/// site (or the region it lies somewhere in) and, as the event's own position, the target.
/// The map draws an arc from here to the event.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    /// The place name as the articles give it ("Iraq" for "launched from within Iraq").
    pub place: String,
    /// Where it is drawn (x = longitude, y = latitude): the place itself, or a representative
    /// point of the region or country when that is all the articles say.
    pub position: Point<f64>,
    /// How precisely the launch place is known; a region or a country is drawn as a spread,
    /// not a point.
    pub geo_precision: GeoPrecision,
    /// The sentences that say where the attack came from.
    pub sources: Vec<Citation>,
    /// How the place was read from the articles' words.
    pub notes: Option<String>,
}

/// The attribute under which an event keeps the qualifier of its `killed` figure ("over"
/// for "over 130").
pub const KILLED_QUALIFIER: &str = "killed_qualifier";
/// The attribute under which an event keeps the qualifier of its `injured` figure.
pub const INJURED_QUALIFIER: &str = "injured_qualifier";

/// One geocoded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable, unique id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// When it happened.
    pub time: EventTime,
    /// The place name as the articles spell it.
    pub place: String,
    /// ISO 3166-1 alpha-3 code of the country, if on land.
    pub country: Option<String>,
    /// The sea, for events at sea.
    pub sea: Option<String>,
    /// Where it is drawn (x = longitude, y = latitude); `None` when the file gives no
    /// usable location.
    pub position: Option<Point<f64>>,
    /// How precisely the place is known.
    pub geo_precision: GeoPrecision,
    /// What kind of event it is: a label from the dataset's type vocabulary.
    pub event_type: String,
    /// Who did it.
    pub initiators: Vec<ActorId>,
    /// To whom.
    pub targets: Vec<ActorId>,
    /// Who supported the action without carrying it out.
    pub supporters: Vec<ActorId>,
    /// People killed, where an article gives a figure.
    pub killed: Option<u32>,
    /// People injured, where an article gives a figure.
    pub injured: Option<u32>,
    /// The article sentences that report it.
    pub sources: Vec<Citation>,
    /// Where the articles disagree about it.
    pub disputes: Vec<Dispute>,
    /// Where the attack came from, when the articles say.
    pub origin: Option<Origin>,
    /// How the place, time or figures were determined.
    pub notes: Option<String>,
    /// A web address the file gives for the event. Shown as text, opened only on a click
    /// and only when it is `http` or `https`.
    pub url: Option<String>,
    /// Other fields of the record, by name, for display.
    pub attributes: Vec<(String, String)>,
}

impl Event {
    /// The actor whose colour the event is drawn in: its first initiator.
    pub fn lead_initiator(&self) -> Option<ActorId> {
        self.initiators.first().copied()
    }

    /// The distinct articles that report this event, in citation order.
    pub fn reporting_sources(&self) -> Vec<SourceId> {
        let mut seen = Vec::new();
        for citation in &self.sources {
            if !seen.contains(&citation.source) {
                seen.push(citation.source);
            }
        }
        seen
    }

    /// The word a figure carries before its number ("over" in "over 130"), kept under the
    /// attribute [`KILLED_QUALIFIER`] or [`INJURED_QUALIFIER`]; `None` for an exact figure.
    pub fn qualifier(&self, attribute: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == attribute)
            .map(|(_, value)| value.as_str())
    }

    /// A figure in words, with its qualifier: "over 130", "4", or "no figure reported".
    pub fn figure_words(&self, figure: Option<u32>, attribute: &str) -> String {
        match (figure, self.qualifier(attribute)) {
            (None, _) => "no figure reported".to_owned(),
            (Some(n), Some(qualifier)) => format!("{qualifier} {n}"),
            (Some(n), None) => n.to_string(),
        }
    }

    /// Whether the articles disagree about any of this event's fields. The map and the
    /// timeline mark such events.
    pub fn is_disputed(&self) -> bool {
        !self.disputes.is_empty()
    }

    /// Whether exactly one article reports this event, so nothing corroborates it.
    pub fn is_single_source(&self) -> bool {
        match self.sources.split_first() {
            Some((first, rest)) => rest.iter().all(|citation| citation.source == first.source),
            None => false,
        }
    }
}
