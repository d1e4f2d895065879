//! Recognising a file by its content: refusing what is not UTF-8 text (binary files, UTF-16,
//! Latin-1) with a reason, telling GeoJSON, ACLED, GDELT and other CSV apart, and for other
//! CSV finding the delimiter and the columns that hold latitude, longitude and date.

use csv::{ByteRecord, ReaderBuilder};

use super::driver::{Layout, read_header};

/// How much of the file the checks read.
const SAMPLE: usize = 64 * 1024;

/// The kinds of file the importers tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Geojson,
    Acled,
    Gdelt,
    Csv,
}

/// `bytes` without a UTF-8 byte order mark.
pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Binary formats people open by mistake, by their first bytes.
const MAGIC: [(&[u8], &str); 11] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"%PDF-", "a PDF document"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"\xFD7zXZ\x00", "an xz-compressed file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Microsoft Office document (.xls)",
    ),
];

/// The text of the file after its byte order mark, or why it is not UTF-8 text.
pub(super) fn check_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a [u8], String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_owned());
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        let mut message = format!("this is {what}, not an events file");
        let lower = file.to_ascii_lowercase();
        if *what == "a ZIP archive" && (lower.ends_with(".xlsx") || lower.ends_with(".ods")) {
            message.push_str(" (a spreadsheet workbook is one: save the sheet as CSV)");
        } else if *what == "a gzip-compressed file" {
            message.push_str("; decompress it first");
        }
        return Err(message);
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err("the file is UTF-32; save it as UTF-8".to_owned());
    }
    if let Some(endian) = utf16(bytes) {
        return Err(format!("the file is UTF-16 ({endian}); save it as UTF-8"));
    }
    let text = strip_bom(bytes);
    let sample = &text[..text.len().min(SAMPLE)];
    if memchr::memchr(0, sample).is_some() {
        return Err("this is a binary file (it contains NUL bytes), not an events file".to_owned());
    }
    if let Err(err) = std::str::from_utf8(sample) {
        // A character cut in two by the end of the sample is not an error.
        if err.error_len().is_some() {
            return Err(not_utf8(sample, err.valid_up_to()));
        }
    }
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".to_owned());
    }
    Ok(text)
}

/// "little-endian" or "big-endian" when the start of the file is UTF-16 (by its byte order
/// mark, or by NUL bytes in every other place, as ASCII text in UTF-16 has).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("little-endian");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("big-endian");
    }
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(1024)].chunks_exact(2).collect();
    if pairs.len() < 2 {
        return None;
    }
    let even = pairs.iter().filter(|pair| pair[0] == 0).count();
    let odd = pairs.iter().filter(|pair| pair[1] == 0).count();
    let most = pairs.len() * 6 / 10;
    let few = pairs.len() / 10;
    if odd >= most && even <= few {
        Some("little-endian")
    } else if even >= most && odd <= few {
        Some("big-endian")
    } else {
        None
    }
}

/// Why text is not UTF-8, with a guess at its encoding.
fn not_utf8(sample: &[u8], at: usize) -> String {
    let high = sample.iter().filter(|&&b| b >= 0x80).count();
    // Latin-1 and Windows-1252 put one high byte per accented letter, between ASCII letters;
    // GBK, Big5 and Shift-JIS put them in pairs.
    let lone = sample
        .windows(3)
        .filter(|w| w[1] >= 0x80 && w[0] < 0x80 && w[2] < 0x80)
        .count();
    let byte = sample.get(at).copied().unwrap_or(0);
    let guess = if lone * 2 >= high {
        "Latin-1 (ISO-8859-1) or Windows-1252"
    } else {
        "a legacy encoding such as GBK, Big5 or Shift-JIS"
    };
    format!(
        "the file is not UTF-8: byte 0x{byte:02X} at offset {at} is not valid UTF-8, and the \
         text looks like {guess}; save it as UTF-8"
    )
}

/// Recognises the file. Gives its kind and its text (after any byte order mark), or why it
/// cannot be read.
pub(super) fn sniff<'a>(file: &str, bytes: &'a [u8]) -> Result<(Kind, &'a [u8]), String> {
    let text = check_text(file, bytes)?;
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return Ok((Kind::Geojson, text));
    }
    let sample = &text[..text.len().min(SAMPLE)];
    let line_end = memchr::memchr2(b'\n', b'\r', sample).unwrap_or(sample.len());
    let line = &sample[..line_end];
    let has = |word: &[u8]| {
        line.windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if has(b"event_id_cnty") && has(b"event_date") {
        return Ok((Kind::Acled, text));
    }
    let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
    let dated = fields
        .get(1)
        .is_some_and(|f| f.len() == 8 && f.iter().all(u8::is_ascii_digit));
    if (57..=63).contains(&fields.len()) && dated {
        return Ok((Kind::Gdelt, text));
    }
    Ok((Kind::Csv, text))
}

/// The delimiter of a CSV text (comma, semicolon, tab or `|`): the one that splits the
/// header into more than one field and gives every record of the sample the same count.
/// The flag is false when no candidate did that.
pub(super) fn detect_delimiter(text: &[u8]) -> (u8, bool) {
    let sample = &text[..text.len().min(SAMPLE)];
    let cut = sample.len() < text.len();
    let mut best: Option<(u8, bool, usize, usize)> = None;
    for delimiter in [b',', b';', b'\t', b'|'] {
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(sample);
        let mut record = ByteRecord::new();
        let mut counts = Vec::new();
        while counts.len() < 50 && matches!(reader.read_byte_record(&mut record), Ok(true)) {
            let last_in_cut_sample = cut && reader.position().byte() >= sample.len() as u64;
            if last_in_cut_sample && !counts.is_empty() {
                break;
            }
            if !record.as_slice().iter().all(u8::is_ascii_whitespace) {
                counts.push(record.len());
            }
        }
        let Some(&header) = counts.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let agree = counts.iter().filter(|&&n| n == header).count();
        let consistent = agree == counts.len();
        let candidate = (delimiter, consistent, agree * 100 / counts.len(), header);
        let better = best.is_none_or(|(_, c, share, fields)| {
            (consistent, candidate.2, header) > (c, share, fields)
        });
        if better {
            best = Some(candidate);
        }
    }
    best.map_or((b',', false), |(delimiter, consistent, _, _)| {
        (delimiter, consistent)
    })
}

/// Which columns of a generic CSV file hold what. Indices count from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvMapping {
    /// The field separator: `b','`, `b';'`, `b'\t'` or `b'|'`.
    pub delimiter: u8,
    /// Latitude in degrees, −90 to 90.
    pub lat: usize,
    /// Longitude in degrees, −180 to 180.
    pub lon: usize,
    /// The date (or date-time) the event began.
    pub date: usize,
    /// The date it ended, for spans.
    pub end: Option<usize>,
    /// A short title.
    pub title: Option<usize>,
    /// A unique id; without one, rows are named `row-1`, `row-2`…
    pub id: Option<usize>,
    /// The place name.
    pub place: Option<usize>,
    /// The country.
    pub country: Option<usize>,
    /// The event type.
    pub event_type: Option<usize>,
    /// A description.
    pub summary: Option<usize>,
    /// A web address.
    pub url: Option<usize>,
}

impl CsvMapping {
    /// Every mapped column with what it holds.
    pub fn roles(&self) -> Vec<(&'static str, usize)> {
        let mut roles = vec![
            ("latitude", self.lat),
            ("longitude", self.lon),
            ("date", self.date),
        ];
        let optional = [
            ("end", self.end),
            ("title", self.title),
            ("id", self.id),
            ("place", self.place),
            ("country", self.country),
            ("type", self.event_type),
            ("summary", self.summary),
            ("url", self.url),
        ];
        roles.extend(
            optional
                .iter()
                .filter_map(|(role, column)| column.map(|c| (*role, c))),
        );
        roles
    }
}

/// Header names for each role, best first; names after the `|` are weak guesses.
const LAT: &[&str] = &[
    "latitude",
    "lat",
    "lat_dd",
    "decimal_latitude",
    "decimallatitude",
    "|",
    "y",
];
const LON: &[&str] = &[
    "longitude",
    "lon",
    "lng",
    "long",
    "lon_dd",
    "decimal_longitude",
    "decimallongitude",
    "|",
    "x",
];
const DATE: &[&str] = &[
    "event_date",
    "date",
    "start_date",
    "start",
    "datetime",
    "date_time",
    "timestamp",
    "|",
    "time",
    "day",
    "when",
];
const END: &[&str] = &["end_date", "end", "enddate", "until"];
const TITLE: &[&str] = &["title", "headline", "name", "event_name", "event"];
const ID: &[&str] = &["id", "event_id", "uid", "uuid", "identifier", "fid"];
const PLACE: &[&str] = &[
    "place",
    "location",
    "place_name",
    "city",
    "town",
    "locality",
];
const COUNTRY: &[&str] = &["country", "country_code", "iso3", "iso"];
const TYPE: &[&str] = &["event_type", "type", "category", "kind"];
const SUMMARY: &[&str] = &["summary", "description", "notes", "details"];
const URL: &[&str] = &["url", "link", "source_url", "href"];

/// A header in the form the role names use: lower case, `_` for spaces, dots and dashes.
fn normal(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            ' ' | '-' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The best unused column for a role, and whether the choice is weak (a weak name, or
/// another column that could also be meant).
fn pick(headers: &[String], used: &[usize], names: &[&str]) -> Option<(usize, bool)> {
    let mut found = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .filter_map(|(i, h)| {
            let h = normal(h);
            names.iter().position(|n| *n == h).map(|rank| (rank, i))
        });
    let mut all: Vec<(usize, usize)> = found.by_ref().collect();
    all.sort_unstable();
    let (rank, column) = *all.first()?;
    let weak_at = names.iter().position(|n| *n == "|").unwrap_or(names.len());
    Some((column, rank > weak_at || all.len() > 1))
}

/// Finds the columns of a generic CSV file from its header names (see [`CsvMapping`]).
pub(super) fn mapping_from_headers(
    headers: &[String],
    delimiter: u8,
) -> Result<(CsvMapping, bool), String> {
    let mut used = Vec::new();
    let mut unsure = false;
    let mut required = |names: &[&str], used: &mut Vec<usize>| {
        let found = pick(headers, used, names);
        if let Some((column, weak)) = found {
            used.push(column);
            unsure |= weak;
        }
        found.map(|(column, _)| column)
    };
    let lat = required(LAT, &mut used);
    let lon = required(LON, &mut used);
    let date = required(DATE, &mut used);
    let (Some(lat), Some(lon), Some(date)) = (lat, lon, date) else {
        let missing: Vec<String> = [
            ("latitude", lat, LAT),
            ("longitude", lon, LON),
            ("date", date, DATE),
        ]
        .iter()
        .filter(|(_, found, _)| found.is_none())
        .map(|(role, _, names)| {
            let names: Vec<&str> = names.iter().copied().filter(|n| *n != "|").collect();
            format!("no {role} column (looked for {})", names.join(", "))
        })
        .collect();
        return Err(format!(
            "could not find the columns: {}; the header has: {}",
            missing.join("; "),
            headers.join(", ")
        ));
    };
    let mut optional = |names: &[&str]| {
        let found = pick(headers, &used, names).map(|(column, _)| column);
        used.extend(found);
        found
    };
    let mapping = CsvMapping {
        delimiter,
        lat,
        lon,
        date,
        end: optional(END),
        title: optional(TITLE),
        id: optional(ID),
        place: optional(PLACE),
        country: optional(COUNTRY),
        event_type: optional(TYPE),
        summary: optional(SUMMARY),
        url: optional(URL),
    };
    Ok((mapping, unsure))
}

/// Reads the header of a generic CSV file and proposes a column mapping: the headers, the
/// mapping, and whether it is unsure (a guessed delimiter, a weak name such as `x` or `time`,
/// or several candidates for latitude, longitude or date), in which case the app should let
/// the user check it. Fails, listing the headers, when latitude, longitude or date is missing.
pub fn detect_csv_mapping(bytes: &[u8]) -> Result<(Vec<String>, CsvMapping, bool), String> {
    let text = check_text("", bytes)?;
    let (delimiter, sure) = detect_delimiter(text);
    let layout = Layout {
        delimiter,
        quoting: true,
    };
    let (headers, _) = read_header(text, layout)?;
    let (mapping, unsure) = mapping_from_headers(&headers, delimiter)?;
    Ok((headers, mapping, unsure || !sure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_foreign_text_is_refused_by_name() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert_eq!(
            check_text("a.csv", png),
            Err("this is a PNG image, not an events file".to_owned())
        );
        let zip = check_text("a.csv", b"PK\x03\x04rest").expect_err("zip");
        assert!(
            zip.contains("this is a ZIP archive, not an events file"),
            "{zip}"
        );
        assert!(
            check_text("a.xlsx", b"PK\x03\x04rest")
                .expect_err("zip")
                .contains("CSV")
        );
        assert!(
            check_text("a", b"\x1f\x8b\x08")
                .expect_err("gz")
                .contains("gzip")
        );
        assert!(
            check_text("a", b"%PDF-1.7")
                .expect_err("pdf")
                .contains("PDF")
        );
        assert!(
            check_text("a", b"id,x\n1,\x00\x01")
                .expect_err("nul")
                .contains("NUL")
        );
        let le: Vec<u8> = "lat,lon\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "lat,lon\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            check_text("a", &le),
            Err("the file is UTF-16 (little-endian); save it as UTF-8".to_owned())
        );
        assert_eq!(
            check_text("a", &be),
            Err("the file is UTF-16 (big-endian); save it as UTF-8".to_owned())
        );
        let with_bom = [b"\xFF\xFE".as_slice(), &le].concat();
        assert!(
            check_text("a", &with_bom)
                .expect_err("bom")
                .contains("little-endian")
        );
        let latin1 = b"id,place\n1,Sana\xe1'a\n";
        let err = check_text("a", latin1).expect_err("latin-1");
        assert!(
            err.contains("Latin-1") && err.contains("save it as UTF-8"),
            "{err}"
        );
        assert_eq!(check_text("a", b""), Err("the file is empty".to_owned()));
        assert_eq!(
            check_text("a", b" \r\n\t\n"),
            Err("the file is empty".to_owned())
        );
    }

    #[test]
    fn a_character_cut_by_the_sample_is_not_an_error() {
        let mut text = b"id,place\n".to_vec();
        while text.len() < SAMPLE - 1 {
            text.extend_from_slice("1,القائم\n".as_bytes());
        }
        text.truncate(SAMPLE - 1);
        // Make the sample end in the middle of a two-byte letter.
        text.extend_from_slice("ق\n".as_bytes());
        assert_eq!(text[SAMPLE - 1], 0xD9);
        assert!(check_text("a", &text).is_ok());
    }

    #[test]
    fn formats_are_told_apart_by_content() {
        assert_eq!(
            sniff("x.csv", b"\xEF\xBB\xBF  {\"type\":1}")
                .expect("json")
                .0,
            Kind::Geojson
        );
        assert_eq!(
            sniff("x.json", b"event_id_cnty,event_date\n")
                .expect("acled")
                .0,
            Kind::Acled
        );
        let gdelt = format!("1\t20240120{}\n", "\tx".repeat(59));
        assert_eq!(
            sniff("x.csv", gdelt.as_bytes()).expect("gdelt").0,
            Kind::Gdelt
        );
        assert_eq!(
            sniff("x.tsv", b"lat\tlon\tdate\n").expect("csv").0,
            Kind::Csv
        );
        let (_, text) = sniff("x.csv", b"\xEF\xBB\xBFlat,lon\n").expect("bom");
        assert_eq!(text, b"lat,lon\n");
    }

    #[test]
    fn delimiters_are_found_quote_aware() {
        assert_eq!(detect_delimiter(b"a;b;c\n1;\"x,y,z\";3\n"), (b';', true));
        assert_eq!(
            detect_delimiter(b"a,b,c\n1,\"x;y\",3\n4,5,6\n"),
            (b',', true)
        );
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n"), (b'\t', true));
        assert!(!detect_delimiter(b"abc\n").1);
    }

    #[test]
    fn columns_are_found_by_name_in_any_case() {
        let text = b"ID;Event Date;Latitude;Longitude;Headline;Notes\n1;2024-01-20;33.1;44.2;t;n\n";
        let (headers, mapping, unsure) = detect_csv_mapping(text).expect("mapped");
        assert_eq!(headers.len(), 6);
        assert!(!unsure);
        assert_eq!(
            (mapping.delimiter, mapping.lat, mapping.lon, mapping.date),
            (b';', 2, 3, 1)
        );
        assert_eq!(
            (mapping.id, mapping.title, mapping.summary),
            (Some(0), Some(4), Some(5))
        );
        let (_, weak, unsure) = detect_csv_mapping(b"x,y,time\n1,2,2024-01-01\n").expect("weak");
        assert_eq!((weak.lon, weak.lat, weak.date), (0, 1, 2));
        assert!(unsure);
    }

    #[test]
    fn missing_columns_are_named_with_the_headers_seen() {
        let err = detect_csv_mapping(b"name,lat,lng\nx,1,2\n").expect_err("no date");
        assert!(err.contains("no date column"), "{err}");
        assert!(!err.contains("no latitude"), "{err}");
        assert!(err.contains("the header has: name, lat, lng"), "{err}");
    }
}
