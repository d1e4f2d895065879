//! Reading datasets from files and from the built-in assets.

mod builtin;
mod events_geojson;
mod export;
pub mod import;
mod places;
mod properties;
mod summary;

use std::borrow::Cow;

pub use builtin::{
    ACTORS_FILE, EVENTS_FILE, SOURCES_FILE, article, builtin_base, files as builtin_files,
    load_builtin, load_events_file,
};
pub use events_geojson::read_events;
pub(crate) use events_geojson::read_origin;
pub use export::{CSV_COLUMNS, ExportError, ExportFormat, export};
pub use places::{check_places, shared_basemap};
pub use summary::{ActorCount, FileSummary, INSPECT_REJECTIONS, TOP_ACTORS, summarise};

use crate::model::{ActorRecord, DatasetBuilder, Loaded, Problem, SourceRecord};

/// The three files of a dataset, as text, with the names messages should cite.
#[derive(Clone, Debug)]
pub struct DatasetFiles<'a> {
    /// Name of the events file.
    pub events_file: Cow<'a, str>,
    /// GeoJSON FeatureCollection of events.
    pub events: Cow<'a, str>,
    /// Name of the actors file.
    pub actors_file: Cow<'a, str>,
    /// JSON list of actors.
    pub actors: Cow<'a, str>,
    /// Name of the sources file.
    pub sources_file: Cow<'a, str>,
    /// JSON list of sources.
    pub sources: Cow<'a, str>,
}

/// Loads a dataset from its files; `article_text` gives the text of an article by the path
/// its source record names.
pub fn load(
    files: &DatasetFiles<'_>,
    article_text: &dyn Fn(&str) -> Result<String, String>,
) -> Loaded {
    let mut loaded = load_unchecked(files, article_text);
    // Points are checked against the same borders the map draws. Without the basemap the
    // check cannot run, and the app says so on the map itself.
    if let Ok(basemap) = shared_basemap() {
        let problems = check_places(&loaded.dataset, &files.events_file, &basemap);
        loaded.problems.extend(problems);
    }
    loaded
}

/// Like [`load`], without checking points against the basemap: for the command line, where
/// the built-in events only lend their actors and articles to a user's file.
pub fn load_unchecked(
    files: &DatasetFiles<'_>,
    article_text: &dyn Fn(&str) -> Result<String, String>,
) -> Loaded {
    let mut builder = DatasetBuilder::new(files.events_file.as_ref());
    match serde_json::from_str::<Vec<ActorRecord>>(&files.actors) {
        Ok(actors) => builder.add_actors(&files.actors_file, actors),
        Err(err) => builder.push_problem(Problem::in_file(
            files.actors_file.as_ref(),
            format!("could not be read as a list of actors: {err}"),
        )),
    }
    match serde_json::from_str::<Vec<SourceRecord>>(&files.sources) {
        Ok(sources) => {
            for record in sources {
                match article_text(&record.file) {
                    Ok(text) => builder.add_source(&files.sources_file, record, text),
                    Err(message) => builder.push_problem(Problem::in_field(
                        files.sources_file.as_ref(),
                        record.id,
                        "file",
                        message,
                    )),
                }
            }
        }
        Err(err) => builder.push_problem(Problem::in_file(
            files.sources_file.as_ref(),
            format!("could not be read as a list of sources: {err}"),
        )),
    }
    read_events(&files.events, &mut builder);
    builder.finish()
}

/// Reads a small text file (a view, a story) whole, refusing one larger than `limit` bytes;
/// `what` names the kind of file in the message, which names the file too. At most
/// `limit + 1` bytes are read, so a huge file, or a device that never ends, costs nothing.
pub fn read_small_text(path: &std::path::Path, limit: u64, what: &str) -> Result<String, String> {
    use std::io::Read as _;
    let name = path.display();
    let file = std::fs::File::open(path).map_err(|err| format!("{name}: {err}"))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| format!("{name}: {err}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name}: more than {} KB is far too large for a {what}",
            limit >> 10
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        format!("{name}: not a {what}: byte {at} is not UTF-8 text")
    })
}

/// Writes `text` to `path` through a temporary file beside it and a rename, so that a
/// failure never leaves half a file and never harms the file already there. The message
/// names the file.
pub fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), String> {
    let name = path.display();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let mut file =
        tempfile::NamedTempFile::new_in(folder).map_err(|err| format!("{name}: {err}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|err| format!("{name}: {err}"))?;
    file.persist(path)
        .map_err(|err| format!("{name}: {}", err.error))?;
    Ok(())
}

#[cfg(test)]
mod small_text_tests {
    use super::read_small_text;

    #[test]
    fn a_small_file_is_read_and_a_large_or_binary_one_refused_by_name() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("v.json");
        std::fs::write(&path, "{}").expect("written");
        assert_eq!(
            read_small_text(&path, 2048, "view file").as_deref(),
            Ok("{}")
        );
        std::fs::write(&path, vec![b' '; 2049]).expect("written");
        let large = read_small_text(&path, 2048, "view file").expect_err("too large");
        assert!(
            large.contains("v.json") && large.contains("view file"),
            "{large}"
        );
        std::fs::write(&path, b"{\"a\": \xff}").expect("written");
        let binary = read_small_text(&path, 2048, "story file").expect_err("not text");
        assert!(binary.contains("byte 6"), "{binary}");
        let missing = read_small_text(&folder.path().join("gone.json"), 2048, "view file");
        assert!(missing.expect_err("missing").contains("gone.json"));
    }
}
