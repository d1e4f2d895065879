//! A story: an ordered list of steps that a presenter walks through, each a view of the
//! events (time, filters, camera, selection) with a short sourced caption. The built-in
//! story tells the escalation of January 2024 as the five articles report it; a story can
//! also be read from a file (the format is documented in the README).
//!
//! This module is pure data: it reads and checks stories and knows nothing of the window.
//! Every message names the file, the step and the field at fault, because a story file is
//! written by hand.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{Dataset, SECONDS_PER_DAY, TimePoint};
use crate::time::TimeMode;
use crate::view_file::ViewTime;

/// The version of the story format this build reads and writes.
pub const STORY_VERSION: u32 = 1;

/// The built-in story, compiled in like the built-in events.
const BUILTIN_STORY: &str = include_str!("../assets/story.json");

/// The most steps a story may have: a talk, not a dataset.
const MAX_STEPS: usize = 500;

/// A story (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Story {
    /// The format's version, [`STORY_VERSION`].
    pub chronomap_story: u32,
    /// What the story is called.
    pub title: String,
    /// The steps, in the order they are shown.
    pub steps: Vec<Step>,
}

/// One step of a story: a view and what to say about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// A short heading ("The Al-Asad attack").
    pub title: String,
    /// The date as the presenter says it ("20 or 21 January 2024"), shown over the caption.
    pub date: String,
    /// The time control: cursor, mode and window.
    pub time: StepTime,
    /// The filters, as an expression (empty for none).
    pub filter: String,
    /// Where the map looks.
    pub camera: StepCamera,
    /// The selected event's id, shown in the source panel when the presenter leaves.
    pub selected: Option<String>,
    /// One or two sentences, each with the articles it rests on.
    pub caption: Vec<Sentence>,
}

/// The time of a step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepTime {
    /// The cursor, as an RFC 3339 instant (`2024-01-22T00:00:00Z`).
    pub cursor: String,
    /// Cumulative, window or step.
    pub mode: TimeMode,
    /// The window's length in seconds (window mode).
    pub window_secs: i64,
}

/// Where the map of a step looks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StepCamera {
    /// A centre and zoom.
    At {
        /// Longitude of the centre, in degrees.
        lon: f64,
        /// Latitude of the centre, in degrees.
        lat: f64,
        /// The map's zoom (0–26).
        zoom: f64,
    },
    /// Whatever centre and zoom fit these events (by id) in the window.
    Fit {
        /// The ids of the events to fit.
        fit: Vec<String>,
    },
}

/// A sentence of a caption and the articles (source ids) it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    /// The sentence, in the story's own words.
    pub text: String,
    /// The ids of the articles that say what it says.
    pub sources: Vec<String>,
}

impl StepTime {
    /// The cursor as a time point.
    pub fn cursor_time(&self) -> Result<TimePoint, String> {
        ViewTime {
            cursor: self.cursor.clone(),
            mode: self.mode,
            window_secs: self.window_secs,
            speed: 1.0,
            loop_mode: crate::time::LoopMode::Off,
        }
        .cursor_time()
        .map_err(|_| format!("'{}' is not an RFC 3339 instant", self.cursor))
    }
}

impl Step {
    /// The ids of every event the step names: the selected one and those the camera fits.
    pub fn event_ids(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let fit = match &self.camera {
            StepCamera::Fit { fit } => fit.as_slice(),
            StepCamera::At { .. } => &[],
        };
        self.selected
            .iter()
            .map(|id| ("selected", id.as_str()))
            .chain(fit.iter().map(|id| ("camera.fit", id.as_str())))
    }

    /// The step's name in messages: its number from 1 and its title.
    pub fn name(number: usize, title: &str) -> String {
        if title.is_empty() {
            format!("step {number}")
        } else {
            format!("step {number} ('{title}')")
        }
    }
}

impl Story {
    /// The built-in story of the escalation of January 2024.
    pub fn builtin() -> Result<Story, String> {
        Story::parse(BUILTIN_STORY).map_err(|err| format!("the built-in story: {err}"))
    }

    /// Reads a story file; the message names the file, and the step and field at fault.
    pub fn read(path: &Path) -> Result<Story, String> {
        let name = path.display();
        // A story is some kilobytes; a huge file is not one.
        let text = crate::io::read_small_text(path, 8 << 20, "story file")?;
        Story::parse(&text).map_err(|err| format!("{name}: {err}"))
    }

    /// Reads and checks the text of a story file.
    pub fn parse(text: &str) -> Result<Story, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|err| format!("not a story file: {err}"))?;
        let Value::Object(mut top) = value else {
            return Err("not a story file: it is not a JSON object".into());
        };
        match top
            .remove("chronomap_story")
            .as_ref()
            .and_then(Value::as_u64)
        {
            Some(version) if version == u64::from(STORY_VERSION) => {}
            Some(version) => {
                return Err(format!(
                    "a story file of version {version}; this chronomap reads version {STORY_VERSION}"
                ));
            }
            None => {
                return Err("not a story file: it has no \"chronomap_story\" version".into());
            }
        }
        let title = match top.remove("title") {
            None => String::new(),
            Some(value) => field(value, "title")?,
        };
        let steps = match top.remove("steps") {
            Some(Value::Array(steps)) => steps,
            Some(_) => return Err("field 'steps' must be a list of steps".into()),
            None => return Err("field 'steps' is missing".into()),
        };
        if let Some(unknown) = top.keys().next() {
            return Err(format!("unknown field '{unknown}'"));
        }
        if steps.len() > MAX_STEPS {
            return Err(format!(
                "{} steps are more than the {MAX_STEPS} a story may have",
                steps.len()
            ));
        }
        let steps = steps
            .into_iter()
            .enumerate()
            .map(|(n, step)| parse_step(n + 1, step))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Story {
            chronomap_story: STORY_VERSION,
            title,
            steps,
        })
    }

    /// What in the story does not fit `dataset`: events it names that the dataset does not
    /// have, and articles its captions cite that are not among the dataset's sources. Each
    /// message names the step and the field.
    pub fn problems_with(&self, dataset: &Dataset) -> Vec<String> {
        let mut problems = Vec::new();
        for (n, step) in self.steps.iter().enumerate() {
            let name = Step::name(n + 1, &step.title);
            for (field, id) in step.event_ids() {
                if dataset.index_of(id).is_none() {
                    problems.push(format!("{name}, field '{field}': there is no event '{id}'"));
                }
            }
            for (s, sentence) in step.caption.iter().enumerate() {
                for source in &sentence.sources {
                    if dataset.sources().id_of(source).is_none() {
                        problems.push(format!(
                            "{name}, field 'caption[{s}].sources': there is no article '{source}'"
                        ));
                    }
                }
            }
        }
        problems
    }

    /// Writes the story like [`Story::write`], but only if it would read back: a story
    /// edited into one that breaks the format (a sentence that cites no article) is not
    /// written, and the message names the step and field.
    pub fn write_checked(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|err| err.to_string())?;
        Story::parse(&text)?;
        self.write(path)
    }

    /// Writes the story as JSON through a temporary file and a rename, so that a failure
    /// never leaves half a file.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        crate::io::write_atomically(path, &text)
    }
}

/// Reads one field's value, naming the field when it has the wrong type.
fn field<T: serde::de::DeserializeOwned>(value: Value, name: &str) -> Result<T, String> {
    serde_json::from_value(value).map_err(|err| format!("field '{name}': {err}"))
}

/// Reads step `number` (from 1), naming the step and the field at fault.
fn parse_step(number: usize, value: Value) -> Result<Step, String> {
    let Value::Object(mut fields) = value else {
        return Err(format!("step {number}: is not a JSON object"));
    };
    let title: String = match fields.remove("title") {
        None => String::new(),
        Some(value) => field(value, "title").map_err(|err| format!("step {number}: {err}"))?,
    };
    let name = Step::name(number, &title);
    let at = |err: String| format!("{name}, {err}");
    let mut take = |key: &str| fields.remove(key);
    let date: String = match take("date") {
        None => String::new(),
        Some(value) => field(value, "date").map_err(at)?,
    };
    let time = parse_time(take("time").ok_or_else(|| at("field 'time': is missing".into()))?)
        .map_err(at)?;
    let filter: String = match take("filter") {
        None | Some(Value::Null) => String::new(),
        Some(value) => field(value, "filter").map_err(at)?,
    };
    crate::model::parse_filter(&filter).map_err(|err| at(format!("field 'filter': {err}")))?;
    let camera =
        parse_camera(take("camera").ok_or_else(|| at("field 'camera': is missing".into()))?)
            .map_err(at)?;
    let selected: Option<String> = match take("selected") {
        None => None,
        Some(value) => field(value, "selected").map_err(at)?,
    };
    let caption: Vec<Sentence> = field(
        take("caption").ok_or_else(|| at("field 'caption': is missing".into()))?,
        "caption",
    )
    .map_err(at)?;
    for (s, sentence) in caption.iter().enumerate() {
        if sentence.text.trim().is_empty() {
            return Err(at(format!("field 'caption[{s}].text': is empty")));
        }
        if sentence.sources.is_empty() {
            return Err(at(format!(
                "field 'caption[{s}].sources': a sentence must cite at least one article"
            )));
        }
    }
    if let Some(unknown) = fields.keys().next() {
        return Err(at(format!("unknown field '{unknown}'")));
    }
    Ok(Step {
        title,
        date,
        time,
        filter,
        camera,
        selected,
        caption,
    })
}

/// Reads a step's `time`: a cursor, and optionally a mode and a window.
fn parse_time(value: Value) -> Result<StepTime, String> {
    let Value::Object(mut fields) = value else {
        return Err("field 'time': must be an object with a \"cursor\"".into());
    };
    let cursor: String = field(
        fields
            .remove("cursor")
            .ok_or_else(|| "field 'time.cursor': is missing".to_owned())?,
        "time.cursor",
    )?;
    let mode: TimeMode = match fields.remove("mode") {
        None => TimeMode::Cumulative,
        Some(value) => field(value, "time.mode")?,
    };
    let window_secs: i64 = match fields.remove("window_secs") {
        None => 3 * SECONDS_PER_DAY,
        Some(value) => field(value, "time.window_secs")?,
    };
    if let Some(unknown) = fields.keys().next() {
        return Err(format!("field 'time': unknown field '{unknown}'"));
    }
    let time = StepTime {
        cursor,
        mode,
        window_secs,
    };
    time.cursor_time()
        .map_err(|err| format!("field 'time.cursor': {err}"))?;
    if window_secs <= 0 {
        return Err(format!(
            "field 'time.window_secs': must be positive, not {window_secs}"
        ));
    }
    Ok(time)
}

/// Reads a step's `camera`: `{ "lon", "lat", "zoom" }` or `{ "fit": [ids] }`.
fn parse_camera(value: Value) -> Result<StepCamera, String> {
    let Value::Object(fields) = value else {
        return Err(
            "field 'camera': must be { \"lon\", \"lat\", \"zoom\" } or { \"fit\": [event ids] }"
                .into(),
        );
    };
    if fields.contains_key("fit") {
        return parse_fit(fields);
    }
    let number = |key: &str| -> Result<f64, String> {
        fields
            .get(key)
            .ok_or_else(|| format!("field 'camera.{key}': is missing"))?
            .as_f64()
            .ok_or_else(|| format!("field 'camera.{key}': must be a number"))
    };
    let (lon, lat, zoom) = (number("lon")?, number("lat")?, number("zoom")?);
    if let Some(unknown) = fields
        .keys()
        .find(|key| !matches!(key.as_str(), "lon" | "lat" | "zoom"))
    {
        return Err(format!("field 'camera': unknown field '{unknown}'"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "field 'camera.lon': {lon} is not a longitude (−180–180)"
        ));
    }
    if !(-85.0..=85.0).contains(&lat) {
        return Err(format!("field 'camera.lat': {lat} is off the map (−85–85)"));
    }
    if !(0.0..=19.0).contains(&zoom) {
        return Err(format!(
            "field 'camera.zoom': {zoom} is not a zoom from 0 to 19"
        ));
    }
    Ok(StepCamera::At { lon, lat, zoom })
}

/// Reads `{ "fit": [ids] }`.
fn parse_fit(mut fields: Map<String, Value>) -> Result<StepCamera, String> {
    let fit: Vec<String> = field(fields.remove("fit").unwrap_or(Value::Null), "camera.fit")?;
    if fit.is_empty() {
        return Err("field 'camera.fit': names no events".into());
    }
    if let Some(unknown) = fields.keys().next() {
        return Err(format!(
            "field 'camera': unknown field '{unknown}' next to \"fit\""
        ));
    }
    Ok(StepCamera::Fit { fit })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_STEP: &str = r#"{
        "chronomap_story": 1,
        "title": "t",
        "steps": [{
            "title": "Al-Asad",
            "date": "20 January 2024",
            "time": { "cursor": "2024-01-22T00:00:00Z" },
            "camera": { "lon": 42.4, "lat": 33.8, "zoom": 7 },
            "selected": "al-asad-missile-attack",
            "caption": [{ "text": "Missiles hit the base.", "sources": ["003_bd3a18fcea3420ed"] }]
        }]
    }"#;

    #[test]
    fn a_story_reads_with_defaults_and_back_as_written() {
        let story = Story::parse(ONE_STEP).expect("a story");
        let step = &story.steps[0];
        assert_eq!(step.time.mode, TimeMode::Cumulative);
        assert_eq!(step.filter, "");
        assert_eq!(
            step.camera,
            StepCamera::At {
                lon: 42.4,
                lat: 33.8,
                zoom: 7.0
            }
        );
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("s.json");
        story.write(&path).expect("written");
        assert_eq!(Story::read(&path).expect("read back"), story);
    }

    #[test]
    fn a_bad_story_names_the_step_and_the_field() {
        let cases = [
            ("{", "not a story file"),
            (r#"{"steps": []}"#, "no \"chronomap_story\""),
            (r#"{"chronomap_story": 2, "steps": []}"#, "version 2"),
            (r#"{"chronomap_story": 1}"#, "field 'steps' is missing"),
            (
                &ONE_STEP.replace("2024-01-22T00:00:00Z", "Monday"),
                "step 1 ('Al-Asad'), field 'time.cursor'",
            ),
            (
                &ONE_STEP.replace("\"zoom\": 7", "\"zoom\": 70"),
                "step 1 ('Al-Asad'), field 'camera.zoom'",
            ),
            (
                &ONE_STEP.replace("\"lat\": 33.8, ", ""),
                "field 'camera.lat': is missing",
            ),
            (
                &ONE_STEP.replace("\"sources\": [\"003_bd3a18fcea3420ed\"]", "\"sources\": []"),
                "field 'caption[0].sources'",
            ),
            (
                &ONE_STEP.replace("\"date\"", "\"when\""),
                "step 1 ('Al-Asad'), unknown field 'when'",
            ),
            (
                &ONE_STEP.replace(
                    "\"selected\": \"al-asad-missile-attack\"",
                    "\"selected\": 3",
                ),
                "field 'selected'",
            ),
            (
                &ONE_STEP.replace("\"time\": {", "\"filter\": \"colour:red\", \"time\": {"),
                "field 'filter'",
            ),
            (
                &ONE_STEP.replace(
                    "\"time\": { \"cursor\"",
                    "\"time\": { \"mode\": \"Sideways\", \"cursor\"",
                ),
                "field 'time.mode'",
            ),
        ];
        for (bad, expected) in cases {
            let error = Story::parse(bad).expect_err(expected);
            assert!(
                error.contains(expected),
                "{error} should mention {expected}"
            );
        }
    }

    #[test]
    fn a_story_that_would_not_read_back_is_not_written() {
        let mut story = Story::parse(ONE_STEP).expect("a story");
        story.steps[0].caption.push(Sentence {
            text: "Unsourced.".into(),
            sources: Vec::new(),
        });
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("s.json");
        let error = story.write_checked(&path).expect_err("refused");
        assert!(
            error.contains("step 1 ('Al-Asad'), field 'caption[1].sources'"),
            "{error}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_missing_file_is_named() {
        let error = Story::read(Path::new("no-such-story.json")).expect_err("missing");
        assert!(error.starts_with("no-such-story.json: "), "{error}");
    }

    #[test]
    fn the_built_in_story_loads() {
        let story = Story::builtin().expect("the built-in story");
        assert!(story.steps.len() >= 7);
    }
}
