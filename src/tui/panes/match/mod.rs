//! Match: waiting learners (longest wait first), the ranked candidates of the selected
//! learner, and why each scores what it does. This file holds the pane's state; keys and
//! flows are in `update.rs`, drawing in `view.rs`.

pub(crate) mod update;
pub(crate) mod view;

use std::sync::Arc;

use crate::desk::{MatchBoard, WaitingLearner};
use crate::domain::{Learner, LearnerId};
use crate::matching::{Candidate, Ranking, Weights};
use crate::tui::action::Action;
use crate::tui::widgets::filter;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// Which box the cursor keys move in: `l` goes right (learners, candidates, then the box
/// about the candidate, then the learner's brief above it), `h` back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Learners,
    Candidates,
    /// Why this score, the ruled-out mentors, or the weights (the lower right box).
    Detail,
    /// The learner's brief (the upper right box).
    Brief,
}

/// A weight set being tried before it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightsDraft {
    pub(crate) weights: Weights,
    pub(crate) selected: usize,
}

/// How much one key press moves a weight.
pub const WEIGHT_STEP: u32 = 5;

#[derive(Debug, Default)]
pub struct MatchState {
    pub(crate) board: Option<Arc<MatchBoard>>,
    pub waiting: Arc<Vec<WaitingLearner>>,
    pub(crate) filter: String,
    pub visible: Vec<usize>,
    pub(crate) learners: Selection,
    pub candidates: Selection,
    pub ranking: Option<Ranking>,
    pub(crate) ranked_for: Option<LearnerId>,
    pub(crate) focus: Column,
    /// The learner's brief and the box about the candidate, each scrolled on its own.
    pub(crate) brief_scroll: Scroll,
    pub(crate) detail_scroll: Scroll,
    pub(crate) show_rejected: bool,
    pub(crate) draft: Option<WeightsDraft>,
}

impl MatchState {
    /// Shows the waiting learners and the board read, keeping the cursor on the same
    /// learner when they are still waiting.
    pub(crate) fn take(
        &mut self,
        waiting: Arc<Vec<WaitingLearner>>,
        board: Option<Arc<MatchBoard>>,
    ) {
        let keep = self.selected_learner().map(|w| w.learner.id.clone());
        self.waiting = waiting;
        self.board = board;
        self.refilter();
        if let Some(id) = keep
            && let Some(pos) = self
                .visible
                .iter()
                .position(|i| self.waiting[*i].learner.id == id)
        {
            self.learners.selected = pos;
            self.learners.keep_visible();
        }
        self.ranked_for = None;
        self.rerank();
    }

    fn refilter(&mut self) {
        let haystacks: Vec<String> = self
            .waiting
            .iter()
            .map(|w| {
                format!(
                    "{} {} {}",
                    w.learner.id,
                    w.learner.name,
                    crate::domain::person::join_list(&w.learner.interests)
                )
            })
            .collect();
        self.visible = filter::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.learners.clamp(self.visible.len());
    }

    pub(crate) fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.learners.selected = 0;
        self.learners.offset = 0;
        self.refilter();
        self.rerank();
    }

    pub fn selected_learner(&self) -> Option<&WaitingLearner> {
        self.visible
            .get(self.learners.selected)
            .and_then(|i| self.waiting.get(*i))
    }

    /// Puts the cursor on `learner` (clearing a filter that hides them) and ranks their
    /// candidates; false when they are not waiting.
    pub(crate) fn select_learner(&mut self, learner: &LearnerId) -> bool {
        let find = |s: &MatchState| {
            s.visible
                .iter()
                .position(|i| s.waiting.get(*i).is_some_and(|w| &w.learner.id == learner))
        };
        if find(self).is_none() && !self.filter.is_empty() {
            self.set_filter("");
        }
        let Some(pos) = find(self) else {
            return false;
        };
        self.learners.selected = pos;
        self.learners.keep_visible();
        self.focus = Column::Candidates;
        self.rerank();
        true
    }

    pub fn selected_candidate(&self) -> Option<&Candidate> {
        self.ranking
            .as_ref()?
            .candidates
            .get(self.candidates.selected)
    }

    /// The weights rankings are shown under: the draft while one is open.
    pub(crate) fn weights(&self) -> Option<Weights> {
        self.draft
            .map(|d| d.weights)
            .or(self.board.as_ref().map(|b| b.weights))
    }

    /// Ranks the selected learner again (after a move, a weight change or a reload).
    pub(crate) fn rerank(&mut self) {
        let learner: Option<Learner> = self.selected_learner().map(|w| w.learner.clone());
        let (Some(learner), Some(board), Some(weights)) =
            (learner, self.board.as_ref(), self.weights())
        else {
            self.ranking = None;
            self.ranked_for = None;
            return;
        };
        if self.ranked_for.as_ref() != Some(&learner.id) {
            self.candidates.selected = 0;
            self.candidates.offset = 0;
            self.brief_scroll.reset();
            self.detail_scroll.reset();
        }
        let ranking = board.rank_with(&learner, &weights);
        self.candidates.clamp(ranking.candidates.len());
        self.ranking = Some(ranking);
        self.ranked_for = Some(learner.id);
    }

    /// Moves the cursor in the focused box, scrolls it, or moves to the next box.
    pub(crate) fn navigate(&mut self, action: Action) {
        let has_candidates = self
            .ranking
            .as_ref()
            .is_some_and(|r| !r.candidates.is_empty());
        let has_learner = self.selected_learner().is_some();
        match action {
            Action::FocusLeft => {
                self.focus = match self.focus {
                    Column::Brief => Column::Detail,
                    Column::Detail if has_candidates => Column::Candidates,
                    Column::Detail | Column::Candidates | Column::Learners => Column::Learners,
                }
            }
            Action::FocusRight => {
                self.focus = match self.focus {
                    Column::Learners if has_candidates => Column::Candidates,
                    Column::Learners | Column::Candidates if has_learner => Column::Detail,
                    Column::Detail | Column::Brief if has_learner => Column::Brief,
                    other => other,
                }
            }
            Action::Open if self.focus == Column::Learners => {
                if has_candidates {
                    self.focus = Column::Candidates;
                }
            }
            Action::ToggleRejected => {
                self.show_rejected = !self.show_rejected;
                self.detail_scroll.reset();
            }
            _ => match self.focus {
                Column::Learners => {
                    let before = self.learners.selected;
                    self.learners.apply(action, self.visible.len());
                    if self.learners.selected != before {
                        self.rerank();
                    }
                }
                Column::Candidates => {
                    let len = self.ranking.as_ref().map_or(0, |r| r.candidates.len());
                    let before = self.candidates.selected;
                    self.candidates.apply(action, len);
                    if self.candidates.selected != before && !self.show_rejected {
                        self.detail_scroll.reset();
                    }
                }
                Column::Detail => {
                    self.detail_scroll.apply(action);
                }
                Column::Brief => {
                    self.brief_scroll.apply(action);
                }
            },
        }
    }

    /// The mouse wheel over the pane: scrolls the box under the pointer, or moves the
    /// cursor of the list under it. False when nothing of this pane is there.
    pub(crate) fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        if self.brief_scroll.contains(column, row) {
            self.brief_scroll.by(delta);
        } else if self.detail_scroll.contains(column, row) {
            self.detail_scroll.by(delta);
        } else if self.learners.covers(column, row) {
            let before = self.learners.selected;
            self.learners.scroll(delta, self.visible.len());
            if self.learners.selected != before {
                self.rerank();
            }
        } else if self.candidates.covers(column, row) {
            let len = self.ranking.as_ref().map_or(0, |r| r.candidates.len());
            let before = self.candidates.selected;
            self.candidates.scroll(delta, len);
            if self.candidates.selected != before && !self.show_rejected {
                self.detail_scroll.reset();
            }
        } else {
            return false;
        }
        true
    }

    /// Opens the weight editor on the weights in force.
    pub(crate) fn open_weights(&mut self) {
        if let Some(board) = &self.board {
            self.draft = Some(WeightsDraft {
                weights: board.weights,
                selected: 0,
            });
        }
    }

    /// Applies an editor key; returns false when the key is not the editor's.
    pub(crate) fn edit_weights(&mut self, action: Action) -> bool {
        let Some(draft) = &mut self.draft else {
            return false;
        };
        let names = Weights::names();
        let name = names.get(draft.selected).copied().unwrap_or("topic");
        let value = draft.weights.get(name).unwrap_or(0);
        match action {
            Action::Down => draft.selected = (draft.selected + 1) % names.len(),
            Action::Up => draft.selected = (draft.selected + names.len() - 1) % names.len(),
            Action::Increase => {
                let _ = draft
                    .weights
                    .set(name, (value + WEIGHT_STEP).min(crate::matching::MAX_WEIGHT));
            }
            Action::Decrease => {
                let _ = draft.weights.set(name, value.saturating_sub(WEIGHT_STEP));
            }
            _ => return false,
        }
        self.rerank();
        true
    }
}
