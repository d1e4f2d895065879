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
}
