//! The dataset chronomap ships with: the January 2024 escalation, drawn from the five
//! articles in `seeds/`. Everything is compiled into the binary, so it opens with no files
//! and no network.

use crate::model::{Loaded, Problem};

use super::{DatasetFiles, load, load_unchecked};

/// The name problems in the built-in events cite.
pub const EVENTS_FILE: &str = "assets/events.geojson";
/// The name problems in the built-in actors cite.
pub const ACTORS_FILE: &str = "assets/actors.json";
/// The name problems in the built-in sources cite.
pub const SOURCES_FILE: &str = "assets/sources.json";

const EVENTS: &str = include_str!("../../assets/events.geojson");
const ACTORS: &str = include_str!("../../assets/actors.json");
const SOURCES: &str = include_str!("../../assets/sources.json");

/// The articles, by their path in the project.
const ARTICLES: [(&str, &str); 5] = [
    (
        "seeds/000_96d07c357b66a4b0.txt",
        include_str!("../../seeds/000_96d07c357b66a4b0.txt"),
    ),
    (
        "seeds/001_50166f423c432255.txt",
        include_str!("../../seeds/001_50166f423c432255.txt"),
    ),
    (
        "seeds/002_778fc798d2b8a96f.txt",
        include_str!("../../seeds/002_778fc798d2b8a96f.txt"),
    ),
    (
        "seeds/003_bd3a18fcea3420ed.txt",
        include_str!("../../seeds/003_bd3a18fcea3420ed.txt"),
    ),
    (
        "seeds/004_55a844751e730994.txt",
        include_str!("../../seeds/004_55a844751e730994.txt"),
    ),
];

/// The text of a built-in article, by its path in the project.
pub fn article(file: &str) -> Result<String, String> {
    ARTICLES
        .iter()
        .find(|(path, _)| *path == file)
        .map(|(_, text)| (*text).to_owned())
        .ok_or_else(|| format!("no built-in article '{file}'"))
}

/// The built-in files, as text.
pub fn files() -> DatasetFiles<'static> {
    DatasetFiles {
        events_file: EVENTS_FILE.into(),
        events: EVENTS.into(),
        actors_file: ACTORS_FILE.into(),
        actors: ACTORS.into(),
        sources_file: SOURCES_FILE.into(),
        sources: SOURCES.into(),
    }
}

/// Loads the built-in dataset. It is checked like any other file; a problem in it is shown,
/// never a crash.
pub fn load_builtin() -> Loaded {
    load(&files(), &|file: &str| article(file))
}

/// The built-in dataset without the check of its points against the basemap (which the
/// tests run): what a user's chronomap GeoJSON file may cite.
pub fn builtin_base() -> crate::model::Dataset {
    load_unchecked(&files(), &|file: &str| article(file)).dataset
}

/// Loads a user's events file (chronomap's GeoJSON format) against the built-in actors and
/// articles. The file is read here, so call this off the UI thread.
pub fn load_events_file(path: &std::path::Path) -> Loaded {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut files = files();
            files.events_file = shown.into();
            files.events = text.into();
            load(&files, &|file: &str| article(file))
        }
        Err(err) => {
            let mut loaded = load_builtin();
            loaded.problems.insert(
                0,
                Problem::in_file(
                    shown,
                    format!("could not be read ({err}); showing the built-in events instead"),
                ),
            );
            loaded
        }
    }
}
