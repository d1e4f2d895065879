//! Presenting a story: each step puts back its time, filters, camera and selection, as a
//! view file does, but the camera flies there and the time cursor glides.

use super::ChronomapApp;
use crate::model::{Problem, parse_filter};
use crate::story::{StepCamera, Story};

impl ChronomapApp {
    /// The presenter: the open story, the step shown, and whether presenting is on.
    pub fn presenter(&self) -> &crate::ui::Presenter {
        &self.presenter
    }

    /// Opens `story` for presenting, if it fits the events on show; otherwise says which
    /// step and field do not, and keeps the story already open.
    pub fn open_story(&mut self, story: Story, name: &str) -> Result<(), String> {
        let problems = story.problems_with(&self.dataset);
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let message = format!("{name}: {first}{more}; the open story is kept");
            for problem in &problems {
                self.problems.push(Problem::in_file(name, problem.clone()));
            }
            self.presenter.message = Some(message.clone());
            return Err(message);
        }
        self.presenter.message = None;
        let presenting = self.presenter.is_active();
        self.presenter.set_story(story);
        if presenting {
            self.show_step(0);
        }
        Ok(())
    }

    /// Starts presenting at the step last shown, or stops.
    pub(super) fn present(&mut self, on: bool) {
        if !on {
            self.presenter.set_active(false);
            self.presenter.leave_fullscreen(&self.ctx);
            return;
        }
        if self.presenter.story().steps.is_empty() {
            self.presenter.message = Some("the story has no steps to present".into());
            return;
        }
        let problems = self.presenter.story().problems_with(&self.dataset);
        if let Some(first) = problems.first() {
            // The story names events that the layers on show do not have.
            self.presenter.message = Some(format!(
                "the story does not fit the events on show: {first}"
            ));
            return;
        }
        self.presenter.message = None;
        self.presenter.set_active(true);
        // A control keeping keyboard focus would take the clicker's keys.
        self.ctx.memory_mut(|memory| {
            if let Some(id) = memory.focused() {
                memory.surrender_focus(id);
            }
        });
        let step = self.presenter.step();
        self.show_step(step);
    }

    /// Shows step `n` of the open story: its filters and selection at once, the camera
    /// flying and the time cursor gliding to it.
    pub(super) fn show_step(&mut self, n: usize) {
        let Some(step) = self.presenter.story().steps.get(n).cloned() else {
            return;
        };
        let time = &mut self.view.time;
        time.pause();
        time.set_mode(step.time.mode);
        time.set_window_secs(step.time.window_secs);
        let from = time.time();
        // Checked when the story was read.
        let to = step.time.cursor_time().unwrap_or(from);
        self.presenter.go_to(n, from, to);
        // Checked when the story was read, too.
        if let Ok(filter) = parse_filter(&step.filter) {
            self.view.filter = filter;
        }
        self.view.selected = step
            .selected
            .as_deref()
            .and_then(|id| self.dataset.index_of(id));
        match &step.camera {
            StepCamera::At { lon, lat, zoom } => {
                let caption = crate::ui::caption_inset;
                self.map
                    .fly_to_view(walkers::lon_lat(*lon, *lat), *zoom, caption);
            }
            StepCamera::Fit { fit } => {
                let positions = fit
                    .iter()
                    .filter_map(|id| self.dataset.index_of(id))
                    .filter_map(|index| self.dataset.position(index))
                    .collect();
                self.map.fly_to_fit(positions, crate::ui::caption_inset);
            }
        }
        self.refresh_visible();
    }

    /// Moves the time cursor along its glide to the step's time.
    pub(super) fn glide_time(&mut self, dt_secs: f32) {
        if let Some(time) = self.presenter.advance(dt_secs) {
            self.view.time.set_time(time);
            self.ctx.request_repaint();
        }
    }
}

/// The presenter on the built-in story; if that could not be read (a broken build), an
/// empty story and the reason.
pub(super) fn builtin_presenter() -> crate::ui::Presenter {
    match Story::builtin() {
        Ok(story) => crate::ui::Presenter::new(story),
        Err(message) => {
            log::error!("{message}");
            let mut presenter = crate::ui::Presenter::new(Story {
                chronomap_story: crate::story::STORY_VERSION,
                title: String::new(),
                steps: Vec::new(),
            });
            presenter.message = Some(message);
            presenter
        }
    }
}

impl ChronomapApp {
    /// Makes the app present its story and write an image of every step once each is fully
    /// drawn, then close (`--export-steps`).
    #[must_use]
    pub fn with_steps_export(mut self, export: crate::export_steps::StepsExport) -> Self {
        self.steps_export = Some(export);
        self.present(true);
        self
    }

    /// Moves `--export-steps` along: once the step on show is reached and every tile of it
    /// drawn, its image is taken; once that is written, the next step is shown.
    pub(super) fn continue_steps_export(&mut self, ctx: &egui::Context) {
        if self.steps_export.is_none() {
            return;
        }
        let settled = self.loads.is_empty()
            && self.combining.is_none()
            && self.filtering.is_none()
            && self.pending_view.is_none()
            && self.presenter.is_active()
            && !self.presenter.is_gliding()
            && self.map.tiles_settled();
        let next = self
            .steps_export
            .as_mut()
            .and_then(|export| export.update(ctx, settled));
        if let Some(step) = next {
            self.show_step(step);
        }
    }
}

/// A story file's name and what reading it gave.
type StoryRead = (String, Result<Story, String>);

/// A story file being chosen and read, or chosen and written, each on its own thread.
#[derive(Default)]
pub(super) struct StoryFiles {
    /// Whether the story editor is open.
    pub editor_open: bool,
    /// A story being read: the file's name and what reading it gave.
    reading: Option<crate::background::Job<(), Option<StoryRead>>>,
    /// A story being written: what writing it gave.
    writing: Option<crate::background::Job<(), Option<Result<String, String>>>>,
    /// "Saved the story to s.json", or why not.
    outcome: Option<Result<String, String>>,
}

/// The name of a file, for messages.
fn file_label(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Writes `story` to `path` if it reads back (every sentence cites an article, ...);
/// otherwise says which step and field would not.
fn write_checked(story: &Story, path: &std::path::Path) -> Result<String, String> {
    let name = file_label(path);
    story
        .write_checked(path)
        .map(|()| format!("Saved the story to {name}"))
        .map_err(|err| format!("{name} was not saved: {err}"))
}

impl ChronomapApp {
    /// The current view as a story step: its time, filters, camera and selection, with no
    /// caption yet.
    pub fn current_view_as_step(&self) -> crate::story::Step {
        let time = &self.view.time;
        let camera = match self.map.camera() {
            Some((center, zoom)) => StepCamera::At {
                lon: center.x(),
                lat: center.y(),
                zoom,
            },
            // Not placed yet: fit the selected event, or every event of the dataset's first.
            None => StepCamera::Fit {
                fit: self
                    .view
                    .selected
                    .or_else(|| self.visible.first().copied())
                    .map(|index| vec![self.dataset.id(index).to_owned()])
                    .unwrap_or_default(),
            },
        };
        let selected = self
            .view
            .selected
            .map(|index| self.dataset.id(index).to_owned());
        crate::story::Step {
            title: selected
                .as_deref()
                .and_then(|id| self.dataset.index_of(id))
                .map(|index| self.dataset.title(index).into_owned())
                .unwrap_or_else(|| "New step".to_owned()),
            date: String::new(),
            time: crate::story::StepTime {
                cursor: crate::view_file::ViewTime::cursor_text(time.time()),
                mode: time.mode(),
                window_secs: time.window_secs(),
            },
            filter: self.view.filter.to_expression(),
            camera,
            selected,
            caption: Vec::new(),
        }
    }

    /// Whether the story editor is open.
    pub fn is_editing_story(&self) -> bool {
        self.story_files.editor_open
    }

    /// Opens or closes the story editor.
    pub fn show_story_editor(&mut self, open: bool) {
        self.story_files.editor_open = open;
    }

    /// What the last save or open of a story did.
    pub fn story_outcome(&self) -> Option<&Result<String, String>> {
        self.story_files.outcome.as_ref()
    }

    /// Whether a story file is being read or written.
    pub fn is_busy_with_story_file(&self) -> bool {
        self.story_files.reading.is_some() || self.story_files.writing.is_some()
    }

    /// Reads the story at `path` on a background thread and opens it once read, if it fits
    /// the events on show; otherwise the story already open is kept and the message says
    /// which file, step and field are at fault.
    pub fn open_story_file(&mut self, path: std::path::PathBuf) {
        let read = move || Some((file_label(&path), Story::read(&path)));
        self.story_files.reading = Some(
            crate::background::Job::spawn("story-read", &self.ctx, (), read)
                .unwrap_or_else(|answer| crate::background::Job::ready((), answer)),
        );
    }

    /// Writes the open story to `path` on a background thread, through a temporary file and
    /// a rename. A story that would not read back (a sentence citing no article) is not
    /// written, and the message says which step and field.
    pub fn save_story_to(&mut self, path: std::path::PathBuf) {
        let story = self.presenter.story().clone();
        let write = move || Some(write_checked(&story, &path));
        self.story_files.writing = Some(
            crate::background::Job::spawn("story-write", &self.ctx, (), write)
                .unwrap_or_else(|answer| crate::background::Job::ready((), answer)),
        );
    }

    /// Asks where to save the story (a native dialog on its own thread), then writes it.
    fn ask_save_story(&mut self) {
        let story = self.presenter.story().clone();
        let ask = move || {
            let path = rfd::FileDialog::new()
                .set_title("Save the story")
                .add_filter("chronomap story", &["json"])
                .set_file_name("story.json")
                .save_file()?;
            Some(write_checked(&story, &path))
        };
        self.story_files.writing = Some(
            crate::background::Job::spawn("story-save-dialog", &self.ctx, (), ask)
                .unwrap_or_else(|answer| crate::background::Job::ready((), answer)),
        );
    }

    /// Asks for a story file (a native dialog on its own thread), then reads it.
    fn ask_open_story(&mut self) {
        let ask = || {
            let path = rfd::FileDialog::new()
                .set_title("Open a story")
                .add_filter("chronomap story", &["json"])
                .pick_file()?;
            Some((file_label(&path), Story::read(&path)))
        };
        self.story_files.reading = Some(
            crate::background::Job::spawn("story-open-dialog", &self.ctx, (), ask)
                .unwrap_or_else(|answer| crate::background::Job::ready((), answer)),
        );
    }

    /// Takes in stories read and written, and shows the editor while it is open.
    pub(super) fn story_editor_ui(&mut self, ctx: &egui::Context) {
        use crate::background::Poll;
        if let Some(job) = &self.story_files.reading {
            match job.poll() {
                Poll::Ready(answer) => {
                    self.story_files.reading = None;
                    match answer {
                        Some((name, Ok(story))) => {
                            let opened = self
                                .open_story(story, &name)
                                .map(|()| format!("Opened {name}"));
                            self.story_files.outcome = Some(opened);
                        }
                        Some((_, Err(message))) => {
                            self.problems
                                .push(Problem::in_file("story", message.clone()));
                            self.story_files.outcome =
                                Some(Err(format!("{message}; the open story is kept")));
                        }
                        None => {}
                    }
                }
                Poll::Pending => {}
                Poll::Lost => self.story_files.reading = None,
            }
        }
        if let Some(job) = &self.story_files.writing {
            match job.poll() {
                Poll::Ready(answer) => {
                    self.story_files.writing = None;
                    if answer.is_some() {
                        self.story_files.outcome = answer;
                    }
                }
                Poll::Pending => {}
                Poll::Lost => self.story_files.writing = None,
            }
        }
        if !self.story_files.editor_open || self.presenter.is_active() {
            return;
        }
        let mut open = true;
        let action = crate::ui::story_editor_window(
            ctx,
            self.presenter.story_mut(),
            &mut open,
            self.story_files.outcome.as_ref(),
        );
        self.story_files.editor_open = open;
        match action {
            Some(crate::ui::EditorAction::AddCurrentView) => {
                let step = self.current_view_as_step();
                self.presenter.story_mut().steps.push(step);
            }
            Some(crate::ui::EditorAction::Save) => self.ask_save_story(),
            Some(crate::ui::EditorAction::Open) => self.ask_open_story(),
            Some(crate::ui::EditorAction::PresentFrom(step)) => {
                self.presenter.set_step(step);
                self.present(true);
            }
            None => {}
        }
    }
}
