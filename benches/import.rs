//! How fast files are imported: a synthetic one-million-row ACLED export (about 500 MB, see
//! `scripts/gen_acled.py`) and a GeoJSON FeatureCollection of 100,000 points built here.
//!
//! `cargo bench --bench import`
//!
//! The file is read into memory once; each iteration is one `import_bytes` call, including
//! dropping the dataset it returns. When `target/acled_1m.csv` is missing it is generated
//! first (`python3 scripts/gen_acled.py`, about half a minute); if that fails the ACLED case
//! is skipped with a message.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chronomap::io::import::{Progress, import_bytes};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

const ACLED_ROWS: usize = 1_000_000;
const GEOJSON_FEATURES: usize = 100_000;

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);

    if let Some(bytes) = acled_csv() {
        let imported = import_bytes("acled_1m.csv", &bytes, &Progress::default());
        let dataset = &imported.dataset;
        assert_eq!(
            dataset.len(),
            ACLED_ROWS,
            "every row of the synthetic file should load: {:?}",
            imported.report
        );
        let len = dataset.len().max(1);
        println!(
            "import/acled_csv: {} events from {} bytes; {} bytes per event of columns and \
             indexes, {} bytes per event of text",
            dataset.len(),
            bytes.len(),
            dataset.overhead_bytes() / len,
            dataset.text_bytes() / len,
        );
        drop(imported);

        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.measurement_time(Duration::from_secs(40));
        group.bench_with_input(
            BenchmarkId::new("acled_csv", ACLED_ROWS),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let imported = import_bytes("acled_1m.csv", bytes, &Progress::default());
                    black_box(imported.dataset.len())
                });
            },
        );
    }

    let geojson = synthetic_geojson(GEOJSON_FEATURES, 0x9e37_79b9_7f4a_7c15);
    let imported = import_bytes("synthetic.geojson", &geojson, &Progress::default());
    assert_eq!(
        imported.dataset.len(),
        GEOJSON_FEATURES,
        "every feature should load: {:?}",
        imported.report
    );
    drop(imported);
    group.throughput(Throughput::Bytes(geojson.len() as u64));
    group.measurement_time(Duration::from_secs(15));
    group.bench_with_input(
        BenchmarkId::new("geojson", GEOJSON_FEATURES),
        &geojson,
        |b, bytes| {
            b.iter(|| {
                let imported = import_bytes("synthetic.geojson", bytes, &Progress::default());
                black_box(imported.dataset.len())
            });
        },
    );
    group.finish();
}

/// The bytes of `target/acled_1m.csv`, generated first when missing; `None` (with a
/// message) when it cannot be generated or read.
fn acled_csv() -> Option<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path: PathBuf = root.join("target").join("acled_1m.csv");
    if !path.exists() {
        eprintln!(
            "import: {} is missing; generating it with scripts/gen_acled.py",
            path.display()
        );
        let status = Command::new("python3")
            .current_dir(root)
            .args([
                "scripts/gen_acled.py",
                "--rows",
                "1000000",
                "--out",
                "target/acled_1m.csv",
            ])
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("import: skipping import/acled_csv: gen_acled.py failed ({status})");
                return None;
            }
            Err(err) => {
                eprintln!("import: skipping import/acled_csv: cannot run python3: {err}");
                return None;
            }
        }
    }
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            eprintln!(
                "import: skipping import/acled_csv: cannot read {}: {err}",
                path.display()
            );
            None
        }
    }
}

/// A tiny deterministic generator (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A GeoJSON FeatureCollection of `n` points around a dozen towns of the Middle East, each
/// with the properties id, date, title, place, actor1, actor2 and notes.
fn synthetic_geojson(n: usize, seed: u64) -> Vec<u8> {
    const TOWNS: [(&str, f64, f64); 12] = [
        ("Baghdad", 33.3152, 44.3661),
        ("Mosul", 36.34, 43.13),
        ("القائم", 34.369, 41.0945),
        ("Deir-ez-Zor", 35.336, 40.14),
        ("Idleb", 35.93, 36.633),
        ("Aleppo", 36.202, 37.134),
        ("Sanaʽa", 15.3547, 44.2067),
        ("Marib", 15.462, 45.325),
        ("Al Hudaydah", 14.798, 42.954),
        ("Gaza City", 31.5017, 34.4668),
        ("Bint Jbeil", 33.121, 35.433),
        ("Şanlıurfa", 37.1591, 38.7969),
    ];
    const ACTORS: [&str; 12] = [
        "Military Forces of Syria (2000-)",
        "HTS: Hayat Tahrir al-Sham",
        "Islamic State (Iraq)",
        "Islamic Resistance in Iraq",
        "Military Forces of Yemen (2017-) Houthi",
        "Military Forces of Israel (2022-)",
        "Hezbollah",
        "QSD: Syrian Democratic Forces",
        "Military Forces of Turkey (2016-)",
        "Civilians (Syria)",
        "Protesters (Iraq)",
        "Unidentified Armed Group (Yemen)",
    ];
    const WHAT: [&str; 6] = [
        "Drone strike",
        "Armed clash",
        "Shelling",
        "Peaceful protest",
        "Arrests",
        "IED explosion",
    ];
    const NOTES: [&str; 4] = [
        "Local sources said the attack, the second this week, hit a checkpoint \"at dawn\".",
        "Residents reported heavy gunfire; no casualties were reported.",
        "Protesters demanded electricity and jobs — the governor promised \"quick solutions\".",
        "The strike targeted a weapons depot near the town, according to a statement.",
    ];

    let mut rng = XorShift(seed.max(1));
    let mut features = Vec::with_capacity(n);
    for i in 0..n {
        let (town, lat, lon) = TOWNS[rng.below(TOWNS.len())];
        // Roughly Gaussian spread (sum of three uniforms) of about 0.15 degrees.
        let spread = |rng: &mut XorShift| (rng.unit() + rng.unit() + rng.unit() - 1.5) * 0.3;
        let lat = lat + spread(&mut rng);
        let lon = lon + spread(&mut rng);
        // 2021-01-01 plus up to three years.
        let day = jiff::civil::date(2021, 1, 1)
            .checked_add(jiff::Span::new().days(rng.below(1095) as i64))
            .expect("in range");
        let what = rng.pick(&WHAT);
        features.push(serde_json::json!({
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [(lon * 1e4).round() / 1e4, (lat * 1e4).round() / 1e4],
            },
            "properties": {
                "id": format!("SYN{i:06}"),
                "date": day.to_string(),
                "title": format!("{what} in {town}"),
                "place": town,
                "actor1": rng.pick(&ACTORS),
                "actor2": rng.pick(&ACTORS),
                "notes": rng.pick(&NOTES),
            },
        }));
    }
    let collection = serde_json::json!({
        "type": "FeatureCollection",
        "features": features,
    });
    serde_json::to_vec(&collection).expect("JSON")
}

criterion_group!(benches, import);
criterion_main!(benches);
