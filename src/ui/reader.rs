//! The reader: one article's full text in a comfortable column, with every passage that an
//! event cites highlighted in the colour of that event's initiator. Hovering a passage names
//! its events; clicking it selects the event, brings the time cursor to it and flies the map
//! there.
//!
//! The text is shown as text only: nothing in it is interpreted as markup, and the only links
//! are web addresses listed under the article, opened on a click.

use std::ops::Range;

use egui::{Align, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, TextFormat, Ui, Vec2};

use crate::model::{Dataset, EventIndex, Passage, Source, SourceId, Stretch};
use crate::state::{Command, ViewState};
use crate::ui::palette;

/// The label of the button that closes the reader.
pub const CLOSE_READER_LABEL: &str = "Close";

/// The reading font size, in points.
const BODY_SIZE: f32 = 15.0;
/// Line height as a multiple of the font size: generous, for long reading.
const LINE_HEIGHT: f32 = 1.5;
/// The widest the text column gets, in multiples of the font size: about 70 characters a
/// line, the upper end of a comfortable line length.
const MAX_COLUMN_EMS: f32 = 36.0;
/// Space between paragraphs, in multiples of the font size.
const PARAGRAPH_GAP: f32 = 0.7;

/// The accessible name of a highlighted stretch of text: the events that cite it, in the
/// order in which a click selects them. Tests and screen readers find passages by it.
pub fn passage_label(titles: &[&str]) -> String {
    format!("Passage cited for {}", titles.join("; "))
}

/// Whether an address may be opened: only web addresses (`http` and `https`) are.
pub fn is_web_link(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace)
    })
}

/// Addresses written in an article's text (anything that looks like `scheme://…` or
/// `www.…`), in order, each once, with trailing punctuation removed.
pub fn addresses_in(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        let word = word.trim_start_matches(['(', '[', '<', '"', '“', '\'']);
        let word = word.trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | ')' | ']' | '>' | '"' | '”' | '\'' | '!' | '?'
            )
        });
        let looks_like_address = word.contains("://") || word.starts_with("www.");
        if looks_like_address && !found.contains(&word) {
            found.push(word);
        }
    }
    found
}

/// The cited passages of one article, found once when it is opened.
struct ArticlePassages {
    source: SourceId,
    /// Each passage with the event that cites it and the citation's place in that event.
    passages: Vec<Passage<(EventIndex, usize)>>,
    /// The text cut where passages begin and end, for drawing overlaps.
    stretches: Vec<Stretch>,
}

impl ArticlePassages {
    fn new(dataset: &Dataset, source: SourceId) -> Self {
        let text = dataset
            .sources()
            .get(source)
            .map_or("", |s| s.text.as_str());
        let quotes = dataset
            .citations_in(source)
            .map(|(index, n, quote)| ((index, n), quote));
        let passages = crate::model::locate_passages(text, quotes);
        let ranges: Vec<Range<usize>> = passages.iter().map(|p| p.range.clone()).collect();
        let stretches = crate::model::stretches(&ranges);
        ArticlePassages {
            source,
            passages,
            stretches,
        }
    }

    /// The distinct events that cite a stretch, in passage order.
    fn events_of(&self, stretch: &Stretch) -> Vec<EventIndex> {
        let mut events = Vec::new();
        for &passage in &stretch.passages {
            if let Some(p) = self.passages.get(passage)
                && !events.contains(&p.key.0)
            {
                events.push(p.key.0);
            }
        }
        events
    }
}

/// The reader's state between frames.
#[derive(Default)]
pub struct Reader {
    /// The open article.
    open: Option<SourceId>,
    /// A byte offset in the open article to bring into view on the next frame.
    scroll_to: Option<usize>,
    /// The open article's passages.
    passages: Option<ArticlePassages>,
    /// An event just selected by clicking one of its passages: its selection leaves the
    /// reader where it is rather than jumping to the event's first quote.
    selected_here: Option<EventIndex>,
}

impl Reader {
    /// The open article, if any.
    pub fn open_article(&self) -> Option<SourceId> {
        self.open
    }

    /// Opens an article at its beginning.
    pub fn open(&mut self, source: SourceId) {
        self.open = Some(source);
        self.scroll_to = Some(0);
    }

    /// Opens an article at a quote (the first place it occurs).
    pub fn open_at_quote(&mut self, dataset: &Dataset, source: SourceId, quote: &str) {
        self.open = Some(source);
        let text = dataset
            .sources()
            .get(source)
            .map_or("", |s| s.text.as_str());
        self.scroll_to = Some(
            crate::model::FoldedText::new(text)
                .find(quote)
                .map_or(0, |range| range.start),
        );
    }

    /// Opens the article of an event's first quote at that quote, unless the event was just
    /// selected from the reader itself.
    pub fn follow_selection(&mut self, dataset: &Dataset, index: EventIndex) {
        if self.selected_here.take() == Some(index) {
            return;
        }
        let Some((source, quote)) = dataset.citations(index).next() else {
            return;
        };
        let quote = quote.to_owned();
        self.open_at_quote(dataset, source, &quote);
    }

    /// Closes the reader.
    pub fn close(&mut self) {
        self.open = None;
        self.scroll_to = None;
    }

    /// Shows the open article in the whole of `ui`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        view: &ViewState,
        commands: &mut Vec<Command>,
    ) {
        let selected = view.selected;
        let Some(source_id) = self.open else {
            return;
        };
        let Some(source) = dataset.sources().get(source_id) else {
            self.close();
            return;
        };
        if self.passages.as_ref().is_none_or(|p| p.source != source_id) {
            self.passages = Some(ArticlePassages::new(dataset, source_id));
        }

        let mut close = false;
        header_ui(ui, source, self.passages.as_ref(), &mut close);
        if close {
            self.close();
            return;
        }
        if let Some((other, quote)) = event_articles_ui(ui, dataset, source_id, selected) {
            self.open_at_quote(dataset, other, &quote);
            return;
        }
        ui.separator();

        let scroll_to = self.scroll_to.take();
        let mut clicked = None;
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("reader", source_id.0))
            .auto_shrink([false, false]);
        if scroll_to == Some(0) {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            let Some(passages) = &self.passages else {
                return;
            };
            let width = ui.available_width().min(MAX_COLUMN_EMS * BODY_SIZE);
            let indent = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.add_space(4.0);
            for paragraph in paragraphs(&source.text) {
                let article = ArticleView {
                    dataset,
                    text: &source.text,
                    passages,
                    view,
                };
                if let Some(index) = paragraph_ui(ui, &article, paragraph, width, indent, scroll_to)
                {
                    clicked = Some(index);
                }
                ui.add_space(PARAGRAPH_GAP * BODY_SIZE);
            }
            links_ui(ui, &source.text);
            ui.add_space(8.0);
        });
        if let Some(index) = clicked {
            self.selected_here = Some(index);
            commands.push(Command::Select(Some(index)));
            commands.push(Command::FlyTo(index));
        }
    }
}

/// The article's title, what is known about it, and a close button.
fn header_ui(ui: &mut Ui, source: &Source, passages: Option<&ArticlePassages>, close: &mut bool) {
    ui.label(
        RichText::new(crate::ui::article_title(source))
            .strong()
            .size(14.5),
    );
    let cited_events = passages.map_or(0, |p| {
        let mut events: Vec<EventIndex> = p.passages.iter().map(|p| p.key.0).collect();
        events.sort_unstable();
        events.dedup();
        events.len()
    });
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} · cited by {cited_events} {}",
                crate::ui::article_facts(source),
                if cited_events == 1 { "event" } else { "events" },
            ))
            .small()
            .weak(),
        );
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            if ui
                .small_button(CLOSE_READER_LABEL)
                .on_hover_text("Close the reader")
                .clicked()
            {
                *close = true;
            }
        });
    });
    ui.label(
        RichText::new(
            "Highlights take the colour of who acted. Hover one for its event; click to \
             select it.",
        )
        .small()
        .weak(),
    );
}

/// For the selected event, the articles that quote it, to switch between them: the open
/// one is marked. Returns the article (and the event's first quote in it) to open instead.
fn event_articles_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    open: SourceId,
    selected: Option<EventIndex>,
) -> Option<(SourceId, String)> {
    let event = selected.and_then(|index| dataset.event(index))?;
    let reporting = event.reporting_sources();
    if reporting.is_empty() || reporting == [open] {
        return None;
    }
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Its quotes in:").small().weak());
        for source in reporting {
            let Some(article) = dataset.sources().get(source) else {
                continue;
            };
            let quotes: Vec<&str> = event
                .sources
                .iter()
                .filter(|citation| citation.source == source)
                .map(|citation| citation.quote.as_str())
                .collect();
            let text = format!("{} ({})", chip_name(article), quotes.len());
            let response = ui
                .selectable_label(source == open, RichText::new(text).small())
                .on_hover_text(crate::ui::article_title(article));
            if response.clicked()
                && source != open
                && let Some(first) = quotes.first()
            {
                chosen = Some((source, (*first).to_owned()));
            }
        }
    });
    chosen
}

/// A very short name for an article, for the row of switches: its outlet, the wire agency
/// credited with it ("via Reuters"), or the first words of its title.
fn chip_name(article: &Source) -> String {
    if let Some(outlet) = &article.outlet {
        return outlet.clone();
    }
    if let Some(wire) = &article.wire {
        return format!("via {wire}");
    }
    let title = article.title().trim();
    let mut name: String = title.chars().take(13).collect();
    if name.chars().count() < title.chars().count() {
        name.truncate(name.trim_end().len());
        name.push('…');
    }
    name
}

/// What a paragraph needs to draw its highlights.
struct ArticleView<'a> {
    dataset: &'a Dataset,
    text: &'a str,
    passages: &'a ArticlePassages,
    view: &'a ViewState,
}

/// The paragraphs of a text: its non-empty lines, as byte ranges without surrounding space.
fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let trimmed_start = line.len() - line.trim_start().len();
        let content = line.trim();
        (!content.is_empty()).then(|| start + trimmed_start..start + trimmed_start + content.len())
    })
}

/// Draws one paragraph with its highlights; returns the event a click on a passage selects.
fn paragraph_ui(
    ui: &mut Ui,
    article: &ArticleView<'_>,
    paragraph: Range<usize>,
    width: f32,
    indent: f32,
    scroll_to: Option<usize>,
) -> Option<EventIndex> {
    let text = &article.text[paragraph.clone()];
    let format = TextFormat {
        font_id: FontId::proportional(BODY_SIZE),
        line_height: Some(BODY_SIZE * LINE_HEIGHT),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::single_section(text.to_owned(), format);
    job.wrap = egui::text::TextWrapping::wrap_at_width(width);
    let galley = ui.painter().layout_job(job);
    let (whole, _) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), galley.size().y),
        Sense::hover(),
    );
    let origin = whole.min + Vec2::new(indent, 0.0);

    if let Some(offset) = scroll_to
        && paragraph.contains(&offset)
    {
        let chars = crate::model::char_range(text, offset - paragraph.start..text.len());
        let row = galley.pos_from_cursor(egui::text::CCursor::new(chars.start));
        let target = row.translate(origin.to_vec2());
        // Near the top, so that the quote is read with the sentences after it.
        ui.scroll_to_rect(target.expand2(Vec2::new(0.0, 60.0)), Some(Align::TOP));
    }

    let dark = ui.visuals().dark_mode;
    let mut clicked = None;
    let highlights = article
        .passages
        .stretches
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.start < paragraph.end && paragraph.start < s.range.end);
    for (number, stretch) in highlights {
        let events = article.passages.events_of(stretch);
        let colors = stretch_colors(article.dataset, article.view, &events);
        let start = stretch.range.start.max(paragraph.start) - paragraph.start;
        let end = stretch.range.end.min(paragraph.end) - paragraph.start;
        let chars = crate::model::char_range(text, start..end);
        let rects = row_rects(&galley, chars, origin);
        let is_selected = events.iter().any(|e| Some(*e) == article.view.selected);
        // The event a click selects: the first one not selected yet, so that clicking a passage
        // cited by several events steps through them.
        let target = events
            .iter()
            .copied()
            .find(|e| Some(*e) != article.view.selected)
            .or_else(|| events.first().copied());
        let mut hovered = false;
        let mut responses = Vec::new();
        for (row, rect) in rects.iter().enumerate() {
            let id = ui
                .scope_id()
                .with(("passage", paragraph.start, number, row));
            let response = ui.interact(*rect, id, Sense::click());
            hovered |= response.hovered();
            responses.push(response);
        }
        let emphasis = match (is_selected, hovered) {
            (_, true) => 2,
            (true, false) => 1,
            (false, false) => 0,
        };
        paint_highlight(ui, &rects, &colors, emphasis, dark);
        let titles: Vec<String> = order_for_click(&events, target)
            .into_iter()
            .map(|e| article.dataset.title(e).into_owned())
            .collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let label = passage_label(&titles);
        for (row, response) in responses.into_iter().enumerate() {
            if row == 0 {
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
            }
            let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
            let response = response.on_hover_ui(|ui| passage_tooltip_ui(ui, article, &events));
            if response.clicked() {
                clicked = target;
            }
        }
    }
    ui.painter()
        .galley(origin, galley, ui.visuals().text_color());
    clicked
}

/// The events of a stretch, starting with the one a click selects.
fn order_for_click(events: &[EventIndex], first: Option<EventIndex>) -> Vec<EventIndex> {
    let mut ordered: Vec<EventIndex> = first.into_iter().collect();
    ordered.extend(events.iter().copied().filter(|e| Some(*e) != first));
    ordered
}

/// The distinct colours of the events citing a stretch.
fn stretch_colors(dataset: &Dataset, view: &ViewState, events: &[EventIndex]) -> Vec<Color32> {
    let mut colors: Vec<Color32> = Vec::new();
    for &event in events {
        let color = palette::event_color(dataset, view, event);
        if !colors.contains(&color) {
            colors.push(color);
        }
    }
    colors
}

/// A light tint behind the text and an underline per colour, stacked, so that text cited
/// by two events shows both colours. `emphasis` is 0 for a plain passage, 1 for one of the
/// selected event and 2 under the pointer.
fn paint_highlight(ui: &Ui, rects: &[Rect], colors: &[Color32], emphasis: u8, dark: bool) {
    let painter = ui.painter();
    // Tints stay light, so that the text on them keeps its contrast.
    let tint = match emphasis {
        0 => 0.10,
        1 => 0.22,
        _ => 0.30,
    } * if dark { 1.4 } else { 1.0 };
    let underline = if emphasis == 0 { 1.5 } else { 2.5 };
    for rect in rects {
        // A little air between rows, as a highlighter pen leaves.
        let rect = rect.shrink2(Vec2::new(0.0, 1.5));
        for (layer, color) in colors.iter().enumerate() {
            painter.rect_filled(rect, 2.0, color.gamma_multiply(tint / colors.len() as f32));
            let y = rect.bottom() - 0.5 - 2.5 * layer as f32;
            painter.line_segment(
                [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
                Stroke::new(underline, *color),
            );
        }
    }
}

/// The screen rectangles, one per row, that a character range of a galley covers.
fn row_rects(galley: &egui::Galley, chars: Range<usize>, origin: Pos2) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for placed in &galley.rows {
        let row_chars = placed.char_count_including_newline().0;
        let row_end = row_start + row_chars;
        let from = chars.start.max(row_start);
        let to = chars.end.min(row_end);
        if from < to {
            let row = &placed.row;
            let left = placed.pos.x + row.x_offset(egui::text::CharIndex(from - row_start));
            let right = placed.pos.x + row.x_offset(egui::text::CharIndex(to - row_start));
            let rect = placed.rect();
            if right > left {
                rects.push(Rect::from_min_max(
                    origin + Vec2::new(left, rect.top()),
                    origin + Vec2::new(right, rect.bottom()),
                ));
            }
        }
        row_start = row_end;
    }
    rects
}

/// Names the events that cite a passage, each with its colour.
fn passage_tooltip_ui(ui: &mut Ui, article: &ArticleView<'_>, events: &[EventIndex]) {
    ui.label(RichText::new("Cited for").small().weak());
    let dataset = article.dataset;
    for &event in events {
        ui.horizontal(|ui| {
            let color = palette::event_color(dataset, article.view, event);
            let (dot, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5, color);
            ui.label(RichText::new(dataset.title(event).as_ref()).strong());
        });
        let time = dataset
            .time(event)
            .map(|t| t.to_string())
            .unwrap_or_default();
        ui.label(RichText::new(format!("{time} · {}", dataset.place(event))).small());
    }
    let hint = if events.len() > 1 {
        "Click to select; click again for the next event."
    } else {
        "Click to select it and fly the map there."
    };
    ui.label(RichText::new(hint).small().weak());
}

/// Web addresses written in the article, listed under it: web links open on a click, anything
/// else is shown as plain text and never opened.
fn links_ui(ui: &mut Ui, text: &str) {
    let addresses = addresses_in(text);
    if addresses.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Addresses in this article").small().strong());
    for address in addresses {
        address_ui(ui, address);
    }
}

/// One address from a file or an article: a web link (`http`, `https`) opens only when
/// clicked; anything else (`javascript:`, `file:`…) is plain text and never opened.
pub fn address_ui(ui: &mut Ui, address: &str) {
    if is_web_link(address) {
        ui.hyperlink_to(RichText::new(address).small(), address);
    } else {
        ui.label(RichText::new(format!("{address} (not a web link; not opened)")).small());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_may_be_opened() {
        assert!(is_web_link("https://www.reuters.com/world/"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("ftp://example.org"));
        assert!(!is_web_link("https://"));
        assert!(!is_web_link("https:///path"));
        assert!(
            !is_web_link("www.example.org"),
            "no scheme: shown, not opened"
        );
    }

    #[test]
    fn addresses_are_found_once_without_punctuation() {
        let text = "See (https://a.example/x), file:///etc/passwd and https://a.example/x. \
                    Also www.b.example.";
        assert_eq!(
            addresses_in(text),
            ["https://a.example/x", "file:///etc/passwd", "www.b.example"]
        );
        assert!(addresses_in("No links: 2:30 a.m. GMT").is_empty());
    }

    #[test]
    fn paragraphs_are_the_non_empty_lines() {
        let text = "  First line.\n\nSecond\r\n   \nThird";
        let found: Vec<&str> = paragraphs(text).map(|range| &text[range]).collect();
        assert_eq!(found, ["First line.", "Second", "Third"]);
    }

    #[test]
    fn a_click_on_shared_text_steps_through_its_events() {
        assert_eq!(order_for_click(&[3, 5, 9], Some(5)), [5, 3, 9]);
        assert_eq!(order_for_click(&[3], None), [3]);
    }
}
