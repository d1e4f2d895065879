//! The built-in story says only what the built-in dataset holds: every article a caption
//! cites exists, every event a step names exists, and each step shows the event it selects.

use chronomap::model::Dataset;
use chronomap::story::{Step, Story};

fn builtin() -> (Story, Dataset) {
    let story = Story::builtin().expect("the built-in story loads");
    let loaded = chronomap::io::load_builtin();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    (story, loaded.dataset)
}

#[test]
fn every_cited_article_and_every_named_event_exists() {
    let (story, dataset) = builtin();
    let problems = story.problems_with(&dataset);
    assert!(problems.is_empty(), "{problems:#?}");
    for (n, step) in story.steps.iter().enumerate() {
        let name = Step::name(n + 1, &step.title);
        assert!(!step.caption.is_empty(), "{name} has no caption");
        assert!(step.caption.len() <= 2, "{name}: one or two sentences");
        assert!(step.selected.is_some(), "{name} selects no event");
        assert!(!step.date.is_empty(), "{name} has no date");
    }
}

#[test]
fn each_step_shows_the_event_it_selects() {
    let (story, dataset) = builtin();
    for (n, step) in story.steps.iter().enumerate() {
        let name = Step::name(n + 1, &step.title);
        let Some(id) = &step.selected else { continue };
        let index = dataset.index_of(id).expect("checked above");
        let (start, end) = dataset.span_of(index).expect("a time");
        let cursor = step.time.cursor_time().expect("a cursor");
        let from = match step.time.mode {
            chronomap::time::TimeMode::Window => Some(cursor.plus_seconds(-step.time.window_secs)),
            _ => None,
        };
        assert!(
            start <= cursor,
            "{name}: '{id}' has not begun by the cursor"
        );
        assert!(
            from.is_none_or(|from| end > from),
            "{name}: '{id}' ended before the window"
        );
    }
}

#[test]
fn the_steps_go_forward_in_time() {
    let (story, _) = builtin();
    let cursors: Vec<_> = story
        .steps
        .iter()
        .map(|step| step.time.cursor_time().expect("a cursor"))
        .collect();
    assert!(
        cursors.windows(2).all(|pair| pair[0] <= pair[1]),
        "{cursors:?}"
    );
}

#[test]
fn a_story_naming_a_missing_event_or_article_says_which_step_and_field() {
    let (mut story, dataset) = builtin();
    story.steps[2].selected = Some("no-such-event".into());
    story.steps[4].caption[0].sources.push("999_missing".into());
    let problems = story.problems_with(&dataset);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("step 3 ("), "{}", problems[0]);
    assert!(problems[0].contains("field 'selected': there is no event 'no-such-event'"));
    assert!(problems[1].starts_with("step 5 ("), "{}", problems[1]);
    assert!(problems[1].contains("field 'caption[0].sources': there is no article '999_missing'"));
}
