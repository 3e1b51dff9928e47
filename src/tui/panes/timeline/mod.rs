//! Timeline state: the learners to pick from (`/` filter by words) and the chosen learner's story
//! from `desk.timeline` (read by the desk, asked for as the cursor moves), one entry
//! selected. Keys and flows are in `update.rs`, drawing in `view.rs`, an entry opened on one
//! screen in `detail.rs`, the reflection form (`r`) in `reflection.rs` and
//! `reflection_view.rs`.

pub(crate) mod detail;
pub mod reflection;
pub(crate) mod reflection_view;
pub(crate) mod update;
pub(crate) mod view;

use std::collections::HashMap;

use crate::desk::{Timeline, TimelineEvent, TimelineKind};
use crate::domain::{LearnerId, LearnerStatus, MentorId};
use crate::matching::score_text;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::widgets::filter;
use crate::tui::widgets::selection::Selection;

/// Which list the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Learners,
    Events,
}

#[derive(Debug, Clone)]
pub struct LearnerEntry {
    pub id: LearnerId,
    pub(crate) name: String,
    pub(crate) status: LearnerStatus,
}

#[derive(Debug, Default)]
pub struct TimelineState {
    pub(crate) learners: Vec<LearnerEntry>,
    pub(crate) mentor_names: HashMap<MentorId, String>,
    pub(crate) filter: String,
    pub visible: Vec<usize>,
    pub(crate) learner_sel: Selection,
    pub(crate) event_sel: Selection,
    pub(crate) focus: Column,
    pub timeline: Option<Timeline>,
    /// The learner whose story has been asked for and not yet come.
    pub(crate) asked: Option<LearnerId>,
    /// The learner in view in the pane the person came from, to select once the learners
    /// are read.
    pub(crate) following: Option<LearnerId>,
    /// A reflection being written (kept when its form is closed with words in it).
    pub reflection: Option<reflection::ReflectionDraft>,
    /// True while the reflection form is on screen.
    pub reflection_open: bool,
}

impl TimelineState {
    /// Reads the learners (matched ones first, then by name) and the selected one's story.
    pub(crate) fn take(&mut self, roster: &Roster) -> Vec<Effect> {
        let keep = self
            .following
            .take()
            .or_else(|| self.selected_learner().map(|l| l.id.clone()));
        let mut learners: Vec<LearnerEntry> = roster
            .learners
            .iter()
            .map(|l| LearnerEntry {
                id: l.id.clone(),
                name: l.name.clone(),
                status: l.status,
            })
            .collect();
        learners.sort_by(|a, b| {
            (a.status == LearnerStatus::Waiting)
                .cmp(&(b.status == LearnerStatus::Waiting))
                .then_with(|| a.name.cmp(&b.name))
        });
        self.learners = learners;
        self.mentor_names = roster
            .mentors
            .iter()
            .map(|r| (r.mentor.id.clone(), r.mentor.name.clone()))
            .collect();
        self.refilter();
        if let Some(id) = keep {
            self.select(&id);
        }
        self.timeline = None;
        self.asked = None;
        self.story_wanted()
    }

    /// Opens on `learner`, the one in view in the pane the person came from: selected
    /// (a filter hiding them is cleared) and their story asked for. Before the learners are
    /// read, remembered for [`TimelineState::take`].
    pub(crate) fn follow(&mut self, learner: LearnerId) -> Vec<Effect> {
        if self.learners.is_empty() {
            self.following = Some(learner);
            return Vec::new();
        }
        self.select(&learner);
        self.story_wanted()
    }

    /// Puts the cursor on `id` in the learner list, clearing a filter that hides them.
    fn select(&mut self, id: &LearnerId) {
        let Some(index) = self.learners.iter().position(|l| &l.id == id) else {
            return;
        };
        if !self.visible.contains(&index) {
            self.filter.clear();
            self.refilter();
        }
        if let Some(pos) = self.visible.iter().position(|i| *i == index) {
            self.learner_sel.selected = pos;
            self.learner_sel.keep_visible();
            self.focus = Column::Learners;
        }
    }

    fn refilter(&mut self) {
        let haystacks: Vec<String> = self
            .learners
            .iter()
            .map(|l| format!("{} {}", l.id, l.name))
            .collect();
        self.visible = filter::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.learner_sel.clamp(self.visible.len());
    }

    pub(crate) fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.learner_sel.selected = 0;
        self.learner_sel.offset = 0;
        self.refilter();
    }

    pub fn selected_learner(&self) -> Option<&LearnerEntry> {
        self.visible
            .get(self.learner_sel.selected)
            .and_then(|i| self.learners.get(*i))
    }

    /// Asks for the selected learner's time line when it is neither shown nor asked for.
    pub(crate) fn story_wanted(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_learner().map(|l| l.id.clone()) else {
            self.timeline = None;
            return Vec::new();
        };
        if self.timeline.as_ref().is_some_and(|t| t.learner == id)
            || self.asked.as_ref() == Some(&id)
        {
            return Vec::new();
        }
        // The old story goes at once: it belongs to another learner.
        self.timeline = None;
        self.asked = Some(id.clone());
        vec![Effect::ReadStory(id)]
    }

    /// A learner's story has been read; it shows when they are still the one selected.
    pub(crate) fn take_story(&mut self, learner: &LearnerId, timeline: Timeline) {
        if self.asked.as_ref() == Some(learner) {
            self.asked = None;
        }
        if self.selected_learner().is_some_and(|l| &l.id == learner) {
            self.timeline = Some(timeline);
            self.event_sel = Selection::default();
        }
    }

    pub(crate) fn selected_event(&self) -> Option<&TimelineEvent> {
        self.timeline.as_ref()?.events.get(self.event_sel.selected)
    }

    /// The mentor's name for an id, or the id.
    pub fn mentor_name(&self, id: &str) -> String {
        self.mentor_names
            .iter()
            .find(|(m, _)| m.as_str() == id)
            .map_or_else(|| id.to_string(), |(_, name)| name.clone())
    }

    /// Moves the cursor (the caller asks for the story afterwards).
    pub(crate) fn navigate(&mut self, action: Action) {
        match (action, self.focus) {
            (Action::FocusLeft | Action::Back, _) => self.focus = Column::Learners,
            (Action::FocusRight | Action::Open, Column::Learners) => self.focus = Column::Events,
            (_, Column::Learners) => {
                self.learner_sel.apply(action, self.visible.len());
            }
            (_, Column::Events) => {
                let len = self.timeline.as_ref().map_or(0, |t| t.events.len());
                self.event_sel.apply(action, len);
            }
        }
    }
}

/// A time-line entry's symbol and words (the CLI's words, [`TimelineKind::label`]), so its
/// kind reads without colour; an overdue milestone gets ⚠ (its line says by how much).
pub(crate) fn kind_words(event: &TimelineEvent) -> String {
    let symbol = match event.kind {
        TimelineKind::Joined => "○",
        TimelineKind::Matched => "◆",
        TimelineKind::Checkin => "●",
        TimelineKind::MilestonePlanned if event.detail["days_overdue"].as_i64().is_some() => "⚠",
        TimelineKind::MilestonePlanned => "◇",
        TimelineKind::MilestoneAchieved => "★",
        TimelineKind::MilestoneDropped => "✗",
        TimelineKind::Paused => "‖",
        TimelineKind::Resumed => "▶",
        TimelineKind::Ended => "■",
        TimelineKind::Note => "✎",
        TimelineKind::Reflection => "❝",
        TimelineKind::ConcernRaised => "⚑",
        TimelineKind::ConcernResolved => "✓",
    };
    format!("{symbol} {}", event.kind.label())
}

/// Who wrote a reflection down: `coordinator`, or the mentor by name.
pub(crate) fn reflection_author(state: &TimelineState, d: &serde_json::Value) -> String {
    let author = d["author"].as_str().unwrap_or_default();
    match author.strip_prefix("mentor:") {
        Some(id) => state.mentor_name(id),
        None => author.to_string(),
    }
}

/// One line for an entry: mentors by name, check-ins by confidence and first line of notes.
pub(crate) fn describe(state: &TimelineState, event: &TimelineEvent) -> String {
    let d = &event.detail;
    let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
    match event.kind {
        TimelineKind::Matched => format!(
            "with {} ({}){}",
            state.mentor_name(&text("mentor")),
            text("mentor"),
            d["score"]
                .as_f64()
                .map(|s| format!(", score {}", score_text(s)))
                .unwrap_or_default()
        ),
        TimelineKind::Checkin if d["before_this_desk"].as_bool() == Some(true) => format!(
            "confidence {} · before this desk · next {}",
            d["confidence"]
                .as_u64()
                .map_or("-".into(), |v| v.to_string()),
            text("next_steps")
        ),
        TimelineKind::Checkin => format!(
            "confidence {} · {} min · {}",
            d["confidence"]
                .as_u64()
                .map_or("-".into(), |v| v.to_string()),
            d["minutes"].as_u64().unwrap_or(0),
            text("notes")
        ),
        TimelineKind::MilestonePlanned => format!(
            "{}{}{}",
            text("title"),
            d["due"]
                .as_str()
                .map(|due| format!(" · due {due}"))
                .unwrap_or_default(),
            d["days_overdue"]
                .as_i64()
                .map(|n| {
                    let n = usize::try_from(n).unwrap_or(0);
                    format!(
                        " · overdue by {}",
                        crate::domain::text::counted(n, "day", "days")
                    )
                })
                .unwrap_or_default()
        ),
        TimelineKind::MilestoneAchieved => text("title"),
        TimelineKind::Reflection => format!(
            "“{}”{} · by {}",
            text("text").lines().next().unwrap_or_default(),
            d["confidence"]
                .as_u64()
                .map(|v| format!(" · confidence {v} (self-reported)"))
                .unwrap_or_default(),
            reflection_author(state, d),
        ),
        _ => event.summary.clone(),
    }
}
