//! Text as search compares it: case, accents and transliteration marks folded away, so
//! that "Qaim" finds "al-Qa'im" and "al-Qa’im", "Sanaa" finds "Sana'a", and "Sana" finds
//! "Ṣanʿāʾ" too.
//! Scripts other than Latin (Arabic, for one) are left as they are.

use unicode_normalization::char::decompose_canonical;

use super::dataset::{Dataset, EventIndex};

/// Appends the folded text that search looks in for event `index`: its title, summary,
/// place, notes, type and quotes, one space between each.
pub fn searchable_text(dataset: &Dataset, index: EventIndex, out: &mut String) {
    for text in [
        dataset.stored_title(index),
        dataset.summary(index),
        dataset.place(index),
        dataset.notes(index),
        dataset.type_label(index),
    ] {
        fold_into(text, out);
        out.push(' ');
    }
    for (_, quote) in dataset.citations(index) {
        fold_into(quote, out);
        out.push(' ');
    }
}

/// Whether `c` only marks a transliteration (an apostrophe, an ʿayn or a hamza) and is
/// dropped when folding.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʽ' | 'ʾ' | 'ʿ' | '`' | '´' | 'ˈ' | '′'
    )
}

/// Appends the folded form of `text` to `out`: lower case, Latin letters without their
/// accents, transliteration marks dropped, and hyphens, underscores and runs of white space
/// as one space.
pub fn fold_into(text: &str, out: &mut String) {
    // Most text is ASCII: runs of it are folded a byte at a time, the rest a character at a
    // time (a search folds every event's text, so this is the hot loop).
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        for byte in run.bytes() {
            match byte {
                b'\'' | b'`' => {}
                b'-' | b'_' | b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => space(out),
                _ => out.push(char::from(byte.to_ascii_lowercase())),
            }
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
        }
        rest = chars.as_str();
    }
}

/// One space, unless the text so far is empty or ends with one.
fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Folds one character that is not ASCII.
fn fold_char(c: char, out: &mut String) {
    if is_mark(c) {
        return;
    }
    if c == '‐' || c == '–' || c.is_whitespace() {
        space(out);
        return;
    }
    // Latin letters lose their accents (é → e, ṣ → s); other scripts stay whole.
    if u32::from(c) < 0x2500 && is_latin(c) {
        let mut base = None;
        decompose_canonical(c, |part| {
            if base.is_none() {
                base = Some(part);
            }
        });
        out.extend(base.unwrap_or(c).to_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether `c` is in one of the Latin blocks (with its accented and extended letters).
fn is_latin(c: char) -> bool {
    matches!(u32::from(c), 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The folded form of `text` (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_accents_and_case_fold_together() {
        assert!(fold("al-Qa'im").contains(&fold("Qaim")));
        assert!(fold("al-Qa’im").contains(&fold("qaim")));
        assert_eq!(fold("Sana'a"), fold("Sanaa"));
        // A scholarly transliteration loses its dots, macrons, ʿayn and hamza.
        assert_eq!(fold("Ṣanʿāʾ"), "sana");
        assert_eq!(fold("Ain al-Asad"), "ain al asad");
        assert_eq!(fold("Hodeïda  Port"), "hodeida port");
        assert_eq!(fold("KATAIB_HEZBOLLAH"), "kataib hezbollah");
    }

    #[test]
    fn arabic_is_left_as_it_is() {
        assert_eq!(fold("القائم"), "القائم");
        assert!(fold("Clashes in القائم today").contains("القائم"));
    }
}
