//! The filter expression language, shared by the app's filter box and `chronomap export
//! --filter`, so that what a user clicks can be copied and run again:
//!
//! ```text
//! initiator:kataib_hezbollah type:missile_attack after:2024-01-01 country:IRQ "air base"
//! ```
//!
//! Terms are separated by spaces; every term must hold (several `initiator:` terms, or
//! several `type:` terms, may each match). A value with spaces is quoted (`"Kataib
//! Hezbollah"`), with `\"` and `\\` inside quotes for a quote and a backslash. A term
//! without a key is a word or phrase to search for. The README lists every key.

use std::fmt;
use std::ops::Range;

use jiff::civil::Date;

use super::filter::{ActorChoice, ActorRole, EventFilter};
use super::time::TimePoint;

/// The keys an expression may use, for the error that names an unknown one.
const KEYS: &str = "initiator, target, actor, members, type, country, after, before, is, precise";

/// A mistake in an expression, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpressionError {
    /// The bytes of the expression that are wrong.
    pub span: Range<usize>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for ExpressionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.span.start + 1)
    }
}

impl std::error::Error for ExpressionError {}

impl ExpressionError {
    fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        ExpressionError {
            span,
            message: message.into(),
        }
    }

    /// The expression with a line of `^` under the wrong part, for a terminal.
    pub fn pointer(&self, expression: &str) -> String {
        let before = expression.get(..self.span.start).unwrap_or("");
        let wrong = expression.get(self.span.clone()).unwrap_or("");
        let pad = " ".repeat(before.chars().count());
        let marks = "^".repeat(wrong.chars().count().max(1));
        format!("{expression}\n{pad}{marks}")
    }
}

/// One term: its key (if any) and value, each with where it is.
struct Term {
    key: Option<(String, Range<usize>)>,
    value: String,
    value_span: Range<usize>,
}

/// Splits an expression into terms.
fn terms(expression: &str) -> Result<Vec<Term>, ExpressionError> {
    let mut terms = Vec::new();
    let mut chars = expression.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut key = None;
        let mut value = String::new();
        let mut value_start = start;
        let mut quoted = false;
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            if c == '"' {
                chars.next();
                let close = read_quoted(&mut chars, &mut value);
                if !close {
                    return Err(ExpressionError::new(
                        at..expression.len(),
                        "this quote is never closed",
                    ));
                }
                quoted = true;
                continue;
            }
            if c == ':' && key.is_none() && !quoted && is_key_like(&value) {
                chars.next();
                key = Some((std::mem::take(&mut value), start..at));
                value_start = at + 1;
                continue;
            }
            value.push(c);
            chars.next();
        }
        let end = chars.peek().map_or(expression.len(), |&(at, _)| at);
        terms.push(Term {
            key,
            value,
            value_span: value_start..end,
        });
    }
    Ok(terms)
}

/// Reads a quoted value after its opening quote; returns whether the quote was closed.
fn read_quoted(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    value: &mut String,
) -> bool {
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => return true,
            '\\' => {
                if let Some((_, next)) = chars.next() {
                    value.push(next);
                }
            }
            c => value.push(c),
        }
    }
    false
}

/// Whether `text` may be a key: letters, digits, `-` and `_`, starting with a letter.
fn is_key_like(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Reads an expression into a filter.
pub fn parse_filter(expression: &str) -> Result<EventFilter, ExpressionError> {
    let mut filter = EventFilter::default();
    for term in terms(expression)? {
        let Some((key, key_span)) = term.key else {
            if term.value.trim().is_empty() {
                continue;
            }
            filter.words.push(term.value);
            continue;
        };
        let span = term.value_span.clone();
        let value = term.value.trim().to_owned();
        if value.is_empty() {
            return Err(ExpressionError::new(
                key_span.start..span.end,
                format!("'{key}:' needs a value"),
            ));
        }
        let actor = |role| ActorChoice {
            actor: value.clone(),
            role,
        };
        match key.to_ascii_lowercase().as_str() {
            "initiator" | "by" => {
                filter.actors.insert(actor(ActorRole::Initiator));
            }
            "target" | "against" => {
                filter.actors.insert(actor(ActorRole::Target));
            }
            "actor" => {
                filter.actors.insert(actor(ActorRole::Any));
            }
            "members" => match value.to_ascii_lowercase().as_str() {
                "on" | "yes" => filter.without_members = false,
                "off" | "no" => filter.without_members = true,
                _ => return Err(ExpressionError::new(span, "members is 'on' or 'off'")),
            },
            "type" => {
                filter.types.insert(value);
            }
            "country" => {
                filter.countries.insert(value);
            }
            "after" => filter.after = Some(TimePoint::from_date(date(&value, span)?)),
            "before" => filter.before = Some(TimePoint::from_date(date(&value, span)?)),
            "is" => match value.to_ascii_lowercase().as_str() {
                "disputed" => filter.disputed = true,
                "single-source" | "single_source" => filter.single_source = true,
                _ => {
                    return Err(ExpressionError::new(
                        span,
                        format!("unknown 'is:{value}'; use is:disputed or is:single-source"),
                    ));
                }
            },
            "precise" => match value.to_ascii_lowercase().as_str() {
                "place" => filter.precise_places = true,
                "time" | "date" => filter.precise_times = true,
                _ => {
                    return Err(ExpressionError::new(
                        span,
                        format!("unknown 'precise:{value}'; use precise:place or precise:time"),
                    ));
                }
            },
            other => {
                return Err(ExpressionError::new(
                    key_span,
                    format!("unknown filter '{other}:'; the filters are {KEYS}"),
                ));
            }
        }
    }
    Ok(filter)
}

/// A calendar day written `YYYY-MM-DD`.
fn date(value: &str, span: Range<usize>) -> Result<Date, ExpressionError> {
    value.parse::<Date>().map_err(|_| {
        ExpressionError::new(
            span,
            format!("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-12"),
        )
    })
}

/// `value`, quoted when it holds a space, a quote, a colon or a backslash.
fn quote(value: &str) -> String {
    if !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | ':' | '\\'))
    {
        return value.to_owned();
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

impl EventFilter {
    /// The filter as an expression that [`parse_filter`] reads back to the same filter
    /// (articles switched off are not part of the language: they belong to one dataset).
    pub fn to_expression(&self) -> String {
        let mut terms: Vec<String> = Vec::new();
        for choice in &self.actors {
            let key = match choice.role {
                ActorRole::Initiator => "initiator",
                ActorRole::Target => "target",
                ActorRole::Any => "actor",
            };
            terms.push(format!("{key}:{}", quote(&choice.actor)));
        }
        if self.without_members {
            terms.push("members:off".to_owned());
        }
        terms.extend(self.types.iter().map(|t| format!("type:{}", quote(t))));
        terms.extend(
            self.countries
                .iter()
                .map(|c| format!("country:{}", quote(c))),
        );
        // The language speaks of days: a time within a day is written as its day.
        let day = |point: TimePoint| point.date().to_string();
        if let Some(after) = self.after {
            terms.push(format!("after:{}", day(after)));
        }
        if let Some(before) = self.before {
            terms.push(format!("before:{}", day(before)));
        }
        if self.disputed {
            terms.push("is:disputed".to_owned());
        }
        if self.single_source {
            terms.push("is:single-source".to_owned());
        }
        if self.precise_places {
            terms.push("precise:place".to_owned());
        }
        if self.precise_times {
            terms.push("precise:time".to_owned());
        }
        for word in &self.words {
            let needs_quotes = word.contains(':') || word.contains(' ') || word.contains('"');
            terms.push(if needs_quotes {
                quote(word)
            } else {
                word.clone()
            });
        }
        terms.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expression_reads_into_every_kind_of_filter() {
        let filter = parse_filter(
            r#"initiator:kataib_hezbollah target:"US forces" actor:Houthis members:off
               type:missile_attack type:"Air/drone strike" country:IRQ after:2024-01-01
               before:2024-02-01 is:disputed is:single-source precise:place precise:time
               "air base" Qaim"#,
        )
        .expect("valid");
        assert_eq!(filter.actors.len(), 3);
        assert!(filter.actors.contains(&ActorChoice {
            actor: "US forces".to_owned(),
            role: ActorRole::Target
        }));
        assert!(filter.without_members);
        assert_eq!(filter.types.len(), 2);
        assert!(filter.countries.contains("IRQ"));
        let day = |s: &str| TimePoint::from_date(s.parse().expect("a date"));
        assert_eq!(filter.after, Some(day("2024-01-01")));
        assert_eq!(filter.before, Some(day("2024-02-01")));
        assert!(filter.disputed && filter.single_source);
        assert!(filter.precise_places && filter.precise_times);
        assert_eq!(filter.words, ["air base", "Qaim"]);
        // And back: the expression of a filter reads into the same filter.
        let again = parse_filter(&filter.to_expression()).expect("valid");
        assert_eq!(again, filter);
    }

    #[test]
    fn quotes_and_backslashes_survive_the_round_trip() {
        let mut filter = EventFilter::default();
        filter.words.push(r#"the "so-called" spy HQ\"#.to_owned());
        filter.types.insert("Armed clash: heavy".to_owned());
        let expression = filter.to_expression();
        assert_eq!(parse_filter(&expression).expect("valid"), filter);
    }

    #[test]
    fn mistakes_point_at_the_wrong_part() {
        let error = parse_filter("type:airstrike colour:red").expect_err("unknown key");
        assert_eq!(&"type:airstrike colour:red"[error.span.clone()], "colour");
        assert!(
            error.message.contains("unknown filter 'colour:'"),
            "{error}"
        );
        assert!(
            error.message.contains("initiator"),
            "names the keys: {error}"
        );
        assert_eq!(
            error.pointer("type:airstrike colour:red"),
            "type:airstrike colour:red\n               ^^^^^^"
        );

        let error = parse_filter("after:12/01/2024").expect_err("bad date");
        assert_eq!(error.span, 6..16);
        assert!(error.message.contains("YYYY-MM-DD"));

        let error = parse_filter("initiator: x").expect_err("no value");
        assert!(error.message.contains("needs a value"), "{error}");

        let error = parse_filter(r#"type:airstrike "unclosed"#).expect_err("open quote");
        assert_eq!(error.span.start, 15);
        assert!(error.message.contains("never closed"));

        let error = parse_filter("is:important").expect_err("bad is");
        assert!(error.message.contains("is:disputed"));
        assert!(parse_filter("after:2024-02-30").is_err(), "no 30 February");
    }

    #[test]
    fn an_empty_expression_is_the_empty_filter() {
        assert!(parse_filter("   ").expect("valid").is_empty());
        assert_eq!(EventFilter::default().to_expression(), "");
    }
}
