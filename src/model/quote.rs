//! Finding a quote in an article's text when line breaks and spacing differ.

use std::ops::Range;

/// Text with every run of white space folded to one space, remembering where each byte of
/// the folded text came from in the original, so that a match can be mapped back.
#[derive(Clone, Debug, Default)]
pub struct FoldedText {
    folded: String,
    /// For each byte of `folded`, the byte offset in the original text it came from.
    origin: Vec<usize>,
    original_len: usize,
}

impl FoldedText {
    /// Folds `text`; leading and trailing white space is dropped.
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut pending_space: Option<usize> = None;
        for (offset, ch) in text.char_indices() {
            if ch.is_whitespace() {
                if !folded.is_empty() && pending_space.is_none() {
                    pending_space = Some(offset);
                }
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                folded.push(' ');
                origin.push(space_at);
            }
            folded.push(ch);
            origin.extend(std::iter::repeat_n(offset, ch.len_utf8()));
        }
        FoldedText {
            folded,
            origin,
            original_len: text.len(),
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Every byte range of the original text where `quote` occurs, ignoring differences in
    /// white space. An empty quote occurs nowhere.
    pub fn find_all(&self, quote: &str) -> Vec<Range<usize>> {
        let needle = FoldedText::new(quote).folded;
        if needle.is_empty() {
            return Vec::new();
        }
        self.folded
            .match_indices(needle.as_str())
            .map(|(start, matched)| self.original_range(start..start + matched.len()))
            .collect()
    }

    /// The first byte range of the original text where `quote` occurs.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        self.find_all(quote).into_iter().next()
    }

    fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self
            .origin
            .get(folded.start)
            .copied()
            .unwrap_or(self.original_len);
        // The end is just past the last matched character in the original.
        let end = match folded
            .end
            .checked_sub(1)
            .and_then(|last| self.origin.get(last))
        {
            Some(&last_origin) => {
                let width = self.folded[..folded.end]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8);
                last_origin + width
            }
            None => start,
        };
        start..end.min(self.original_len)
    }
}

/// A cited passage located in an article: its byte range in the article's text and the key
/// of the citation that quotes it (for the app, the event and the quote's position in it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage<K> {
    /// Where the quote is in the original text, in bytes.
    pub range: Range<usize>,
    /// Which citation this is.
    pub key: K,
}

/// Finds each quote in `text`, ignoring differences in white space, and returns the passages
/// in reading order (by start, then by end). A quote that occurs more than once is placed at
/// its first occurrence, since that is where a reader meets it; a quote that does not occur
/// is left out (validation reports it when the data is loaded).
pub fn locate_passages<'q, K>(
    text: &str,
    quotes: impl IntoIterator<Item = (K, &'q str)>,
) -> Vec<Passage<K>> {
    let folded = FoldedText::new(text);
    let mut passages: Vec<Passage<K>> = quotes
        .into_iter()
        .filter_map(|(key, quote)| folded.find(quote).map(|range| Passage { range, key }))
        .collect();
    passages.sort_by_key(|passage| (passage.range.start, passage.range.end));
    passages
}

/// A stretch of text that the same passages cover: where passages overlap, the text is cut
/// at every passage boundary so that each stretch can be drawn in the colours of all the
/// passages over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// The stretch, in bytes of the original text.
    pub range: Range<usize>,
    /// The indices (into the slice given to [`stretches`]) of the passages that cover it, in
    /// ascending order; never empty.
    pub passages: Vec<usize>,
}

/// Cuts the covered parts of a text into [`Stretch`]es. Text that no passage covers gets no
/// stretch; stretches come in reading order and do not overlap.
pub fn stretches(passages: &[Range<usize>]) -> Vec<Stretch> {
    let mut cuts: Vec<usize> = passages
        .iter()
        .filter(|range| !range.is_empty())
        .flat_map(|range| [range.start, range.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|pair| {
            let range = pair[0]..pair[1];
            let covering: Vec<usize> = passages
                .iter()
                .enumerate()
                .filter(|(_, passage)| passage.start <= range.start && range.end <= passage.end)
                .map(|(index, _)| index)
                .collect();
            (!covering.is_empty()).then_some(Stretch {
                range,
                passages: covering,
            })
        })
        .collect()
}

/// The character range (counted in Unicode scalar values, as text cursors count) of a byte
/// range of `text`. Bytes past the end are clamped to it.
pub fn char_range(text: &str, bytes: Range<usize>) -> Range<usize> {
    let count = |end: usize| {
        let end = end.min(text.len());
        // A byte offset inside a character counts that character as begun.
        text.char_indices()
            .take_while(|(offset, _)| *offset < end)
            .count()
    };
    count(bytes.start)..count(bytes.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_line_breaks_and_spacing() {
        let text = "First line.\nThe strikes  targeted\nthree sites.\r\n\r\nNext.";
        let folded = FoldedText::new(text);
        let range = folded
            .find("The strikes targeted three sites.")
            .expect("found");
        assert_eq!(&text[range], "The strikes  targeted\nthree sites.");
    }

    #[test]
    fn multibyte_characters_map_back_exactly() {
        let text = "Al-Qa’im near the “Syrian” border.";
        let folded = FoldedText::new(text);
        let range = folded.find("“Syrian”").expect("found");
        assert_eq!(&text[range], "“Syrian”");
    }

    #[test]
    fn missing_and_empty_quotes_are_not_found() {
        let folded = FoldedText::new("A short text.");
        assert!(folded.find("a short text.").is_none(), "case matters");
        assert!(folded.find("   ").is_none());
        assert!(folded.find("").is_none());
    }

    #[test]
    fn every_occurrence_is_found() {
        let text = "On Saturday. And on\nSaturday.";
        let folded = FoldedText::new(text);
        let ranges = folded.find_all("on Saturday.");
        assert_eq!(ranges.len(), 1);
        assert_eq!(folded.find_all("Saturday.").len(), 2);
    }

    #[test]
    fn a_quote_with_different_spacing_maps_to_its_characters() {
        let text = "Intro.  The  base was\ttargeted on Saturday. After.";
        let passages = locate_passages(text, [(1, "The base was targeted on Saturday.")]);
        assert_eq!(passages.len(), 1);
        let range = passages[0].range.clone();
        assert_eq!(&text[range.clone()], "The  base was\ttargeted on Saturday.");
        assert_eq!(char_range(text, range), 8..43);
    }

    #[test]
    fn a_quote_that_spans_a_line_break_maps_across_it() {
        // The quote joins two paragraphs with one space; the article has a line break and
        // a non-ASCII apostrophe before it, so bytes and characters differ.
        let text = "Al-Qa’im was hit.\nThe strikes targeted\r\nthree sites.\nEnd.";
        let passages = locate_passages(text, [("q", "hit. The strikes targeted three sites.")]);
        let range = passages[0].range.clone();
        assert_eq!(
            &text[range.clone()],
            "hit.\nThe strikes targeted\r\nthree sites."
        );
        let chars = char_range(text, range);
        let as_chars: String = text.chars().skip(chars.start).take(chars.len()).collect();
        assert_eq!(as_chars, "hit.\nThe strikes targeted\r\nthree sites.");
        assert_eq!(
            chars.start, 13,
            "the apostrophe is one character but three bytes"
        );
    }

    #[test]
    fn overlapping_quotes_of_two_events_are_cut_into_stretches() {
        let text = "One. The strikes hit Jurf al-Sakhar and al-Qaim. Two.";
        // Event 7 cites the whole sentence, event 9 only its end; a missing quote is dropped.
        let passages = locate_passages(
            text,
            [
                (9, "Jurf al-Sakhar and al-Qaim. Two."),
                (7, "The strikes hit Jurf al-Sakhar and al-Qaim."),
                (8, "not in the text"),
            ],
        );
        let keys: Vec<i32> = passages.iter().map(|passage| passage.key).collect();
        assert_eq!(keys, [7, 9], "in reading order");
        let ranges: Vec<Range<usize>> = passages.iter().map(|p| p.range.clone()).collect();
        let cut = stretches(&ranges);
        let described: Vec<(&str, Vec<usize>)> = cut
            .iter()
            .map(|stretch| (&text[stretch.range.clone()], stretch.passages.clone()))
            .collect();
        assert_eq!(
            described,
            [
                ("The strikes hit ", vec![0]),
                ("Jurf al-Sakhar and al-Qaim.", vec![0, 1]),
                (" Two.", vec![1]),
            ]
        );
    }

    #[test]
    fn identical_and_nested_quotes_share_stretches_and_gaps_get_none() {
        let ranges = [2..6, 2..6, 3..4, 10..12];
        let cut = stretches(&ranges);
        let simple: Vec<(Range<usize>, Vec<usize>)> =
            cut.into_iter().map(|s| (s.range, s.passages)).collect();
        assert_eq!(
            simple,
            [
                (2..3, vec![0, 1]),
                (3..4, vec![0, 1, 2]),
                (4..6, vec![0, 1]),
                (10..12, vec![3]),
            ]
        );
        assert!(stretches(&[]).is_empty());
    }
}
