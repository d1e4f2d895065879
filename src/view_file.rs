//! A view file: the exact state of what the user is looking at (the files on show, time,
//! filters, camera, selection, layer colours, what events are coloured by, table and
//! theme) as a small JSON document, so that an analyst can cite a picture and anyone can
//! reproduce it. Documented in the README; versioned by `chronomap_view`. Reading one
//! never changes the file, and a file that is not valid names what is wrong.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::{Rgb, TimePoint};
use crate::time::{LoopMode, TimeMode};

/// The version this build writes and reads.
pub const VIEW_VERSION: u32 = 1;

/// The time control of a view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewTime {
    /// The cursor, as an RFC 3339 instant (`2024-01-24T00:00:00Z`).
    pub cursor: String,
    /// Cumulative, window or step.
    pub mode: TimeMode,
    /// The window's length in seconds (window mode).
    pub window_secs: i64,
    /// Data seconds per second of playback.
    pub speed: f64,
    /// What happens at the end.
    #[serde(rename = "loop")]
    pub loop_mode: LoopMode,
}

/// Where the map looks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewCamera {
    /// Longitude of the centre, in degrees.
    pub lon: f64,
    /// Latitude of the centre, in degrees.
    pub lat: f64,
    /// The map's zoom (0–26).
    pub zoom: f64,
}

/// One layer of a view: a file (or the built-in events) and how it is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewLayer {
    /// The file's path, relative to the view file when it is not absolute; `null` for the
    /// built-in events.
    pub path: Option<String>,
    /// Whether it is on the map.
    pub visible: bool,
    /// Its own colour (`#rrggbb`), or `null` for colours by actor.
    pub color: Option<String>,
}

/// A view file (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFile {
    /// The format's version: 1.
    pub chronomap_view: u32,
    /// Every layer, the built-in events first.
    pub layers: Vec<ViewLayer>,
    /// The time control.
    pub time: ViewTime,
    /// The filters, as an expression (see the README).
    pub filter: String,
    /// Where the map looks; `null` to fit the events.
    pub camera: Option<ViewCamera>,
    /// The selected event's id.
    pub selected: Option<String>,
    /// Whether the event table is open.
    #[serde(default)]
    pub table: bool,
    /// What the events are coloured by: `initiator`, `target`, `type` or `layer`; missing
    /// or `null` for `initiator`.
    #[serde(default)]
    pub color_by: Option<String>,
    /// `light` or `dark`; `null` to follow the system.
    pub theme: Option<String>,
}

impl ViewTime {
    /// The cursor as a time point.
    pub fn cursor_time(&self) -> Result<TimePoint, String> {
        self.cursor
            .parse::<Timestamp>()
            .map(|t| TimePoint(t.as_second()))
            .map_err(|err| {
                format!(
                    "time.cursor '{}' is not an RFC 3339 instant: {err}",
                    self.cursor
                )
            })
    }

    /// The cursor written for a view file.
    pub fn cursor_text(time: TimePoint) -> String {
        Timestamp::from_second(time.0)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_string()
    }
}

/// A colour written `#rrggbb`.
pub fn color_text(rgb: Rgb) -> String {
    let [r, g, b] = rgb.0;
    format!("#{r:02x}{g:02x}{b:02x}")
}

impl ViewFile {
    /// Reads and checks a view file; the message names the file and what is wrong.
    pub fn read(path: &Path) -> Result<ViewFile, String> {
        let name = path.display();
        // A view is a few kilobytes; a huge file is not one.
        let text = crate::io::read_small_text(path, 4 << 20, "view file")?;
        Self::parse(&text).map_err(|err| format!("{name}: {err}"))
    }

    /// Reads and checks the text of a view file.
    pub fn parse(text: &str) -> Result<ViewFile, String> {
        // The version first, so that a file from another version says so rather than
        // failing on a field it does not know.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| format!("not a view file: {err}"))?;
        match value
            .get("chronomap_view")
            .and_then(serde_json::Value::as_u64)
        {
            Some(version) if version == u64::from(VIEW_VERSION) => {}
            Some(version) => {
                return Err(format!(
                    "a view file of version {version}; this chronomap reads version {VIEW_VERSION}"
                ));
            }
            None => return Err("not a view file: it has no \"chronomap_view\" version".into()),
        }
        let view: ViewFile =
            serde_json::from_value(value).map_err(|err| format!("not a valid view: {err}"))?;
        view.check()?;
        Ok(view)
    }

    /// Checks the values serde cannot: the cursor, the camera, colours, theme, filter.
    fn check(&self) -> Result<(), String> {
        self.time.cursor_time()?;
        if self.time.window_secs <= 0 {
            return Err(format!(
                "time.window_secs must be positive, not {}",
                self.time.window_secs
            ));
        }
        if !(self.time.speed.is_finite() && self.time.speed > 0.0) {
            return Err(format!(
                "time.speed must be a positive number, not {}",
                self.time.speed
            ));
        }
        if let Some(camera) = &self.camera {
            let valid = (-180.0..=180.0).contains(&camera.lon)
                && (-90.0..=90.0).contains(&camera.lat)
                && (0.0..=26.0).contains(&camera.zoom);
            if !valid {
                return Err(format!(
                    "camera {}, {} at zoom {} is off the map (longitude −180–180, latitude −90–90, zoom 0–26)",
                    camera.lon, camera.lat, camera.zoom
                ));
            }
        }
        for (n, layer) in self.layers.iter().enumerate() {
            if let Some(color) = &layer.color
                && Rgb::parse_hex(color).is_none()
            {
                return Err(format!(
                    "layers[{n}].color '{color}' is not a colour like #e69f00"
                ));
            }
        }
        if self.layers.first().is_none_or(|first| first.path.is_some()) {
            return Err("layers[0] must be the built-in events (\"path\": null)".into());
        }
        if let Some(theme) = &self.theme
            && theme != "light"
            && theme != "dark"
        {
            return Err(format!("theme '{theme}' is neither \"light\" nor \"dark\""));
        }
        crate::model::parse_filter(&self.filter).map_err(|err| format!("filter: {err}"))?;
        if let Some(key) = &self.color_by
            && crate::tint::ColorBy::from_key(key).is_none()
        {
            return Err(format!(
                "color_by '{key}' is none of \"initiator\", \"target\", \"type\", \"layer\""
            ));
        }
        Ok(())
    }

    /// The path of a layer's file, relative paths taken from `folder` (the view file's).
    pub fn layer_path(layer: &ViewLayer, folder: &Path) -> Option<PathBuf> {
        let path = PathBuf::from(layer.path.as_ref()?);
        Some(if path.is_absolute() {
            path
        } else {
            folder.join(path)
        })
    }

    /// Writes the view through a temporary file and a rename, so a failure never leaves
    /// half a file.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        crate::io::write_atomically(path, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> ViewFile {
        ViewFile {
            chronomap_view: VIEW_VERSION,
            layers: vec![ViewLayer {
                path: None,
                visible: true,
                color: None,
            }],
            time: ViewTime {
                cursor: "2024-01-13T00:00:00Z".into(),
                mode: TimeMode::Cumulative,
                window_secs: 259_200,
                speed: 86_400.0,
                loop_mode: LoopMode::Off,
            },
            filter: "initiator:houthis".into(),
            camera: Some(ViewCamera {
                lon: 44.0,
                lat: 15.0,
                zoom: 6.0,
            }),
            selected: Some("al-asad-missile-attack".into()),
            table: false,
            color_by: Some("type".into()),
            theme: Some("light".into()),
        }
    }

    #[test]
    fn a_view_reads_back_as_it_was_written() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("v.json");
        view().write(&path).expect("written");
        assert_eq!(ViewFile::read(&path).expect("read"), view());
    }

    #[test]
    fn a_bad_view_names_what_is_wrong() {
        let text = serde_json::to_string(&view()).expect("json");
        let cases = [
            ("{", "not a view file"),
            ("{\"x\": 1}", "no \"chronomap_view\""),
            (
                &text.replace("\"chronomap_view\":1", "\"chronomap_view\":7"),
                "version 7",
            ),
            (
                &text.replace("2024-01-13T00:00:00Z", "yesterday"),
                "time.cursor",
            ),
            (
                &text.replace("\"zoom\":6.0", "\"zoom\":60.0"),
                "off the map",
            ),
            (&text.replace("initiator:houthis", "colour:red"), "filter:"),
            (&text.replace("\"light\"", "\"sepia\""), "theme 'sepia'"),
            (
                &text.replace("\"color_by\":\"type\"", "\"color_by\":\"mood\""),
                "color_by 'mood'",
            ),
            (
                &text.replace("\"table\":false", "\"table\":false,\"extra\":1"),
                "unknown field",
            ),
        ];
        for (bad, expected) in cases {
            let error = ViewFile::parse(bad).expect_err(expected);
            assert!(
                error.contains(expected),
                "{error} should mention {expected}"
            );
        }
    }
}
