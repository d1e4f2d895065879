//! The commands that need no window: `inspect`, `convert` and `export`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chronomap::io;
use chronomap::io::import::{Progress, import_file_with};
use chronomap::model::{Dataset, EventIndex, SECONDS_PER_DAY, TimePoint, parse_filter};
use jiff::civil::Date;

/// `chronomap inspect`: exit status 0 when the file loaded (wholly or in part), 1 when it
/// was rejected.
pub fn inspect(file: &Path, json: bool) -> ExitCode {
    let base = io::builtin_base();
    let imported = import_file_with(file, &Progress::default(), Some(&base));
    let summary = io::summarise(&imported.dataset, &imported.report);
    if json {
        match serde_json::to_string(&summary) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("chronomap: could not write the summary: {err}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", summary.to_text());
    }
    if summary.outcome == "rejected" {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `chronomap convert`: exit status 0 on success, 1 when the input cannot be read or the
/// output cannot be written, 2 for an output name with no known format.
pub fn convert(input: &Path, output: &Path) -> ExitCode {
    if io::ExportFormat::for_path(output).is_none() {
        eprintln!(
            "chronomap: {}: the output must end in .geojson or .csv",
            output.display()
        );
        return ExitCode::from(2);
    }
    let base = io::builtin_base();
    let imported = import_file_with(input, &Progress::default(), Some(&base));
    if let Some(error) = &imported.report.error {
        eprintln!("chronomap: {}: {error}", input.display());
        return ExitCode::from(1);
    }
    let indices: Vec<usize> = imported.dataset.indices().collect();
    match io::export(&imported.dataset, &indices, output) {
        Ok(()) => {
            println!(
                "wrote {} events to {} ({} rows rejected)",
                indices.len(),
                output.display(),
                imported.report.rejected
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("chronomap: {err}");
            ExitCode::from(1)
        }
    }
}

/// `chronomap export`: exit status 0 on success, 1 when an input cannot be read or the
/// output cannot be written, 2 for a mistake in the command (a bad expression, an actor no
/// file names, an output with no known format).
pub fn export(
    expression: Option<&str>,
    (from, to): (Option<Date>, Option<Date>),
    files: &[PathBuf],
) -> ExitCode {
    let Some((output, inputs)) = files.split_last() else {
        eprintln!("chronomap export: name the file to write, OUT.geojson or OUT.csv");
        return ExitCode::from(2);
    };
    if io::ExportFormat::for_path(output).is_none() {
        eprintln!(
            "chronomap export: {}: the output must end in .geojson or .csv",
            output.display()
        );
        return ExitCode::from(2);
    }
    let expression = expression.unwrap_or("");
    let mut filter = match parse_filter(expression) {
        Ok(filter) => filter,
        Err(err) => {
            eprintln!("chronomap export: {err}\n{}", err.pointer(expression));
            return ExitCode::from(2);
        }
    };
    if let Some(from) = from {
        let from = TimePoint::from_date(from);
        filter.after = Some(filter.after.map_or(from, |after| after.max(from)));
    }
    if let Some(to) = to {
        let before = TimePoint::from_date(to).plus_seconds(SECONDS_PER_DAY);
        filter.before = Some(filter.before.map_or(before, |b| b.min(before)));
    }
    let dataset = match read_inputs(inputs) {
        Ok(dataset) => dataset,
        Err(code) => return code,
    };
    let unknown = filter.unknown_actors(&dataset);
    if !unknown.is_empty() {
        eprintln!(
            "chronomap export: no actor in the data is called {} (by id, name or alias)",
            unknown
                .iter()
                .map(|name| format!("'{name}'"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return ExitCode::from(2);
    }
    // The same filter result the app computes (on both cores).
    let result = chronomap::model::FilterResult::compute(&dataset, &filter);
    let indices: Vec<EventIndex> = dataset.indices().filter(|&i| result.admits(i)).collect();
    match io::export(&dataset, &indices, output) {
        Ok(()) => {
            println!(
                "wrote {} of {} events to {}",
                indices.len(),
                dataset.len(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("chronomap export: {err}");
            ExitCode::from(1)
        }
    }
}

/// The events of `inputs` in one dataset (the built-in events when there are none); on a
/// file that cannot be read, its message is printed and the exit status returned.
fn read_inputs(inputs: &[PathBuf]) -> Result<Dataset, ExitCode> {
    if inputs.is_empty() {
        return Ok(io::load_builtin().dataset);
    }
    let base = io::builtin_base();
    let mut parts = Vec::with_capacity(inputs.len());
    for input in inputs {
        let imported = import_file_with(input, &Progress::default(), Some(&base));
        if let Some(error) = &imported.report.error {
            eprintln!("chronomap export: {}: {error}", input.display());
            return Err(ExitCode::from(1));
        }
        if imported.report.rejected > 0 {
            eprintln!(
                "chronomap export: {}: {} rows could not be read and were left out \
                 (`chronomap inspect` lists them)",
                input.display(),
                imported.report.rejected
            );
        }
        parts.push(imported.dataset);
    }
    if parts.len() == 1 {
        return Ok(parts.remove(0));
    }
    let refs: Vec<&Dataset> = parts.iter().collect();
    Dataset::combine(&refs).map_err(|err| {
        eprintln!("chronomap export: the files do not fit in one store: {err}");
        ExitCode::from(1)
    })
}
