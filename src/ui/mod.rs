//! The panels around the map. Each reads the model and the view state and returns commands;
//! none keeps a copy of either.

mod articles;
mod columns;
mod disputes;
mod escalation_chart;
mod event_table;
mod files;
mod filter_box;
mod filter_panel;
pub mod palette;
mod presenter;
mod problems;
mod reader;
mod source_panel;
mod story_editor;
mod time_slider;
mod time_words;
mod timeline;
mod timeline_marks;
mod top_bar;
mod video_export;

pub use articles::{SHOW_ALL_ARTICLES_LABEL, article_facts, article_title, short_source_name};
pub use columns::{CHOOSE_COLUMNS_TITLE, ChooserAction, ColumnChooser, LOAD_WITH_COLUMNS_LABEL};
pub use disputes::{claim_label, claim_sources_text, dispute_title};
pub use event_table::{EventTable, TABLE_LABEL, TableColumn, sorted as sorted_events};
pub use files::{
    BY_ACTOR_LABEL, CANCEL_LOAD_LABEL, LAYERS_LABEL, OPEN_LABEL, files_ui, layer_color_label,
    thousands,
};
pub use filter_box::{CLEAR_FILTER_LABEL, FILTER_LABEL, FilterBox, chip_label, chips_ui};
pub use filter_panel::{FILTERS_LABEL, FIND_ACTOR_LABEL, FilterPanel, facet_label};
pub use presenter::{
    ESCALATION_CHART_LABEL, ESCALATION_CHART_TITLE, FULL_SCREEN_LABEL, LEAVE_PRESENTER_LABEL,
    PRESENT_LABEL, Presenter, TimeGlide, article_number, caption_inset, step_dot_label,
};
pub use problems::{PROBLEMS_TITLE, problems_window};
pub use reader::{CLOSE_READER_LABEL, is_web_link, passage_label};
pub use source_panel::{
    ARTICLES_TAB, BACK_LABEL, DISPUTES_TAB, EVENTS_TAB, HIDDEN_BY_FILTER_NOTE,
    HIDDEN_BY_FILTERS_NOTE, READ_IN_CONTEXT_LABEL, SourcePanel, origin_words,
};
pub use story_editor::{
    ADD_VIEW_AS_STEP_LABEL, EDIT_STORY_LABEL, EditorAction, OPEN_STORY_LABEL, SAVE_STORY_LABEL,
    step_button_label, story_editor_window,
};
pub use time_slider::{SLIDER_LABEL, time_shortcuts, time_slider_ui};
pub use timeline::{CHART_SUMMARY, Timeline, labels as timeline_labels};
pub use top_bar::top_bar_ui;
pub use video_export::{
    CANCEL_VIDEO_LABEL, EXPORT_VIDEO_LABEL, EXPORT_VIDEO_TITLE, Recording, SAVE_VIDEO_LABEL,
    VIDEO_PROGRESS_TITLE, VideoChoices, VideoDialog, VideoFormat, VideoRequest, video_progress_ui,
};
