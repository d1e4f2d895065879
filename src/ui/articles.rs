//! The list of articles: what each one is, how long, how many events it supports, a switch
//! that shows or hides the events only it reports, and a button that opens it in the reader.

use egui::{RichText, Ui};

use crate::model::{Dataset, EventIndex, Source, SourceId};
use crate::state::{Command, ViewState};

/// The label of the button that switches every article back on.
pub const SHOW_ALL_ARTICLES_LABEL: &str = "Show all articles";

/// Titles longer than this many characters are cut, so that list rows stay short.
const MAX_TITLE_CHARS: usize = 90;

/// An article's title for lists: its headline, or its first line when it has none, cut to a
/// readable length. The switch that shows or hides the article's events carries this label.
pub fn article_title(source: &Source) -> String {
    let title = source.title().trim();
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_owned();
    }
    let mut cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The outlet, the wire agency credited with the reporting (if any), the date and the length
/// of an article, with "unknown" where its text does not support them.
pub fn article_facts(source: &Source) -> String {
    let mut outlet = source
        .outlet
        .as_deref()
        .unwrap_or("outlet unknown")
        .to_owned();
    if let Some(wire) = &source.wire {
        outlet.push_str(&format!(" · reporting by {wire} (wire)"));
    }
    let published = source.published.map_or_else(
        || "date unknown".to_owned(),
        |date| date.strftime("%-d %B %Y").to_string(),
    );
    let words = source.text.split_whitespace().count();
    format!("{outlet} · {published} · {} words", thousands(words))
}

/// A short name for an article in tables: its outlet, the wire agency credited with it
/// ("via Reuters"), or the start of its title.
pub fn short_source_name(source: &Source) -> String {
    if let Some(outlet) = &source.outlet {
        return outlet.clone();
    }
    if let Some(wire) = &source.wire {
        return format!("via {wire}");
    }
    let title = source.title().trim();
    let mut short: String = title.chars().take(30).collect();
    if short.chars().count() < title.chars().count() {
        short.truncate(short.trim_end().len());
        short.push('…');
    }
    format!("“{short}”")
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Which events each article supports, found once for the dataset.
#[derive(Clone, Debug, Default)]
pub struct ArticleSupport {
    /// For each source (by id), the events that cite it, in time order.
    events: Vec<Vec<EventIndex>>,
    /// For each source, how many of its events no other article reports.
    only_here: Vec<usize>,
}

impl ArticleSupport {
    /// Counts, for every article, the events that cite it.
    pub fn new(dataset: &Dataset) -> Self {
        let n = dataset.sources().len();
        let mut events = vec![Vec::new(); n];
        let mut only_here = vec![0; n];
        // Only articles are listed, so a dataset without any needs no walk of its events.
        if dataset
            .sources()
            .iter()
            .all(|(_, source)| source.text.is_empty())
        {
            return ArticleSupport { events, only_here };
        }
        for index in dataset.indices() {
            let reporting = dataset.reporting_sources(index);
            for source in &reporting {
                if let Some(list) = events.get_mut(source.0 as usize) {
                    list.push(index);
                }
            }
            if let [single] = reporting.as_slice()
                && let Some(count) = only_here.get_mut(single.0 as usize)
            {
                *count += 1;
            }
        }
        ArticleSupport { events, only_here }
    }

    /// The events that cite an article.
    pub fn events_of(&self, source: SourceId) -> &[EventIndex] {
        self.events
            .get(source.0 as usize)
            .map_or(&[], |list| list.as_slice())
    }

    /// How many of an article's events no other article reports.
    pub fn only_in(&self, source: SourceId) -> usize {
        self.only_here.get(source.0 as usize).copied().unwrap_or(0)
    }
}

/// Shows the article list. Returns the article to open in the reader, if one was chosen.
pub fn articles_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    visible: &[EventIndex],
    support: &ArticleSupport,
    reading: Option<SourceId>,
    commands: &mut Vec<Command>,
) -> Option<SourceId> {
    let total = dataset
        .sources()
        .iter()
        .filter(|(_, source)| !source.text.is_empty())
        .count();
    let hidden = view.filter.hidden_sources.len();
    ui.label(
        RichText::new(format!(
            "{} of {total} articles on · {} events on the map",
            total - hidden.min(total),
            visible.len()
        ))
        .strong(),
    );
    ui.label(
        RichText::new(
            "Untick an article to hide the events that only it reports; events that another \
             article also reports stay.",
        )
        .small()
        .weak(),
    );
    if hidden > 0 && ui.button(SHOW_ALL_ARTICLES_LABEL).clicked() {
        for &source in &view.filter.hidden_sources {
            commands.push(Command::SetSourceVisible(source, true));
        }
    }
    ui.add_space(6.0);

    let mut open = None;
    // Only articles (sources with their text) are listed: the sources of an imported file
    // are records (an ACLED `source` field) and are shown with each event instead.
    for (id, source) in dataset
        .sources()
        .iter()
        .filter(|(_, source)| !source.text.is_empty())
    {
        let events = support.events_of(id);
        let on_map = events
            .iter()
            .filter(|index| visible.binary_search(index).is_ok())
            .count();
        let frame = egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(8, 6))
            .corner_radius(4.0)
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .fill(if reading == Some(id) {
                ui.visuals().selection.bg_fill.gamma_multiply(0.25)
            } else {
                ui.visuals().panel_fill
            });
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut on = view.filter.shows_source(id);
            let title = article_title(source);
            if ui
                .checkbox(&mut on, RichText::new(&title).strong())
                .on_hover_text(if on {
                    "Shown: untick to hide the events only this article reports"
                } else {
                    "Hidden: tick to show its events again"
                })
                .changed()
            {
                commands.push(Command::SetSourceVisible(id, on));
            }
            ui.label(RichText::new(article_facts(source)).small().weak());
            ui.horizontal_wrapped(|ui| {
                let only = support.only_in(id);
                let mut counts = format!(
                    "Supports {} {}",
                    events.len(),
                    if events.len() == 1 { "event" } else { "events" }
                );
                if only > 0 && on {
                    counts.push_str(&format!(" ({only} only here)"));
                } else if only > 0 {
                    counts.push_str(&format!(" ({only} only here, hidden)"));
                }
                counts.push_str(&format!(" · {on_map} on the map"));
                ui.label(RichText::new(counts).small());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Read")
                        .on_hover_text(format!("Open “{title}” in the reader"))
                        .clicked()
                    {
                        open = Some(id);
                    }
                });
            });
        });
        ui.add_space(4.0);
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(headline: Option<&str>, outlet: Option<&str>, text: &str) -> Source {
        Source {
            key: "k".into(),
            file: "seeds/k.txt".into(),
            headline: headline.map(str::to_owned),
            outlet: outlet.map(str::to_owned),
            wire: None,
            published: None,
            notes: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn unknown_outlet_and_date_are_said_in_words() {
        let s = source(None, None, "One two\nthree.");
        assert_eq!(article_facts(&s), "outlet unknown · date unknown · 3 words");
        let long = source(None, Some("Reuters"), &"word ".repeat(1234));
        assert_eq!(article_facts(&long), "Reuters · date unknown · 1,234 words");
    }

    #[test]
    fn long_first_lines_are_cut_and_short_names_prefer_the_outlet() {
        let text = "THE US launched a wave of airstrikes at Iran-backed militia groups in Iraq \
                    following a brutal attack on American military over the weekend.\nMore.";
        let s = source(None, None, text);
        let title = article_title(&s);
        assert!(title.ends_with('…') && title.chars().count() <= MAX_TITLE_CHARS);
        assert_eq!(short_source_name(&s), "“THE US launched a wave of airs…”");
        let reuters = source(Some("US Hits Back"), Some("Reuters"), "x");
        assert_eq!(short_source_name(&reuters), "Reuters");
        assert_eq!(article_title(&reuters), "US Hits Back");
        let mut wire = source(Some("US Hits Back"), None, "one two");
        wire.wire = Some("Reuters".into());
        assert_eq!(short_source_name(&wire), "via Reuters");
        assert_eq!(
            article_facts(&wire),
            "outlet unknown · reporting by Reuters (wire) · date unknown · 2 words"
        );
    }
}
