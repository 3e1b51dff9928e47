//! Pairings state: proposals waiting for review (from a cohort plan), and the pairings under
//! way with their health, worst first. Keys and flows are in `update.rs` (pairings under way in
//! `lifecycle.rs`, the health thresholds editor in `thresholds*.rs`), drawing in `view.rs`,
//! a pairing opened on one screen in `detail.rs`.

pub(crate) mod concerns;
pub(crate) mod detail;
pub(crate) mod lifecycle;
pub(crate) mod thresholds;
pub(crate) mod thresholds_update;
pub(crate) mod update;
pub(crate) mod view;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::desk::{FollowUp, MatchBoard, PairingHealth, current_checkins};
use crate::domain::{Health, HealthReport, Learner, LearnerId, Pairing, PairingId, PairingStatus};
use crate::tui::action::Action;
use crate::tui::panes::roster::Roster;
use crate::tui::runtime::jobs::StrategyResult;
use crate::tui::widgets::filter;
use crate::tui::widgets::selection::Selection;

/// Which list the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// The open concerns, above the proposals (shown only while any is open).
    Concerns,
    #[default]
    Proposals,
    Active,
}

/// A pairing with the names to show and, for proposals, the learner's best score now.
#[derive(Debug, Clone)]
pub struct PairingRow {
    pub pairing: Pairing,
    pub learner_name: String,
    pub mentor_name: String,
    pub best: Best,
}

/// A proposal's learner's best score now: worked out for the rows near the screen only,
/// since ranking every proposal's learner on each reload grows with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Best {
    NotYet,
    /// No mentor is allowed for the learner now.
    NoneAllowed,
    Score(u32),
}

/// Rows either side of the cursor whose best score is worked out, at least.
const BEST_AROUND: usize = 40;

/// A pairing under way (active or paused) with what the coordinator watches.
#[derive(Debug, Clone)]
pub struct UnderWayRow {
    pub row: PairingRow,
    /// Health of an active pairing; `None` while paused.
    pub report: Option<HealthReport>,
    pub(crate) last_checkin: Option<DateTime<Utc>>,
    /// Confidence of the current check-ins, oldest first.
    pub(crate) trend: Vec<u8>,
}

impl UnderWayRow {
    /// Sort rank: at risk first, then needs check-in, on track, too early, paused last.
    fn rank(&self) -> u8 {
        match self.report.as_ref().map(|r| r.health) {
            Some(Health::AtRisk) => 0,
            Some(Health::NeedsCheckIn) => 1,
            Some(Health::OnTrack) => 2,
            Some(Health::TooEarly) => 3,
            None => 4,
        }
    }

    fn days_quiet(&self) -> i64 {
        self.report.as_ref().map_or(0, |r| r.days_quiet)
    }
}

#[derive(Debug, Default)]
pub struct PairingsState {
    pub proposals: Vec<PairingRow>,
    pub active: Vec<UnderWayRow>,
    pub(crate) filter: String,
    pub visible: Vec<usize>,
    pub(crate) proposal_sel: Selection,
    pub active_sel: Selection,
    pub section: Section,
    pub comparison: Option<Vec<StrategyResult>>,
    /// What the lists were built from, kept to judge them again under other thresholds.
    pub(crate) follow_up: Arc<FollowUp>,
    /// Everyone, by id, for working out best scores.
    learners: Arc<Vec<Learner>>,
    /// The match board the best scores rank against.
    board: Option<Arc<MatchBoard>>,
    /// A pairing another pane asked to show (Enter on the Dashboard's at-risk list), kept
    /// until the lists have been read.
    wanted: Option<PairingId>,
    /// The open concerns, high and newest first (read with every reload; see
    /// `tui::concerns`).
    pub concerns: Arc<Vec<crate::desk::ConcernRow>>,
    pub(crate) concern_sel: Selection,
    /// When the queue was read: its ages are counted to then.
    pub(crate) concerns_read_at: Option<DateTime<Utc>>,
}

impl PairingsState {
    /// Shows the proposals and pairings under way of `follow_up`; `board` gives the best
    /// score of the proposals on screen (see [`PairingsState::fill_best`]).
    pub(crate) fn take(
        &mut self,
        board: Option<Arc<MatchBoard>>,
        roster: &Roster,
        follow_up: Arc<FollowUp>,
    ) {
        let learners: HashMap<&LearnerId, &crate::domain::Learner> =
            roster.learners.iter().map(|l| (&l.id, l)).collect();
        let mentors: HashMap<_, String> = roster
            .mentors
            .iter()
            .map(|r| (r.mentor.id.clone(), r.mentor.name.clone()))
            .collect();
        let row = |p: Pairing| PairingRow {
            learner_name: learners
                .get(&p.learner)
                .map_or(p.learner.to_string(), |l| l.name.clone()),
            mentor_name: mentors
                .get(&p.mentor)
                .cloned()
                .unwrap_or_else(|| p.mentor.to_string()),
            pairing: p,
            best: Best::NotYet,
        };
        let mut proposals = Vec::new();
        let proposed = follow_up
            .pairings
            .iter()
            .filter(|h| h.pairing.status == PairingStatus::Proposed);
        for p in proposed.map(|h| h.pairing.clone()) {
            proposals.push(row(p));
        }
        proposals.sort_by(|a, b| {
            b.pairing
                .score
                .cmp(&a.pairing.score)
                .then_with(|| a.pairing.id.cmp(&b.pairing.id))
        });
        let mut trends: HashMap<PairingId, (Vec<u8>, Option<DateTime<Utc>>)> = HashMap::new();
        for c in current_checkins(follow_up.checkins.iter().map(|r| &r.checkin)) {
            let entry = trends.entry(c.pairing).or_default();
            if let Some(v) = c.confidence {
                entry.0.push(v.get());
            }
            entry.1 = entry.1.max(Some(c.at));
        }
        let wanted = self.wanted.take();
        let keep = wanted.or_else(|| self.selected_active().map(|r| r.row.pairing.id));
        let active: Vec<UnderWayRow> = follow_up
            .pairings
            .iter()
            .filter(|h| h.pairing.status.holds_seat())
            .map(|h| {
                let (trend, last) = trends.remove(&h.pairing.id).unwrap_or_default();
                UnderWayRow {
                    row: row(h.pairing.clone()),
                    report: h.report.clone(),
                    last_checkin: last,
                    trend,
                }
            })
            .collect();
        self.proposals = proposals;
        self.active = active;
        self.follow_up = follow_up;
        self.learners = Arc::clone(&roster.learners);
        self.board = board;
        self.sort_active(keep);
        self.refilter();
        self.active_sel.clamp(self.active.len());
        if self.proposals.is_empty() && !self.active.is_empty() && self.section != Section::Concerns
        {
            self.section = Section::Active;
        }
        if wanted.is_some_and(|id| self.selected_active_id() == Some(id)) {
            self.section = Section::Active;
        }
        self.fill_best();
    }

    /// Puts the cursor on pairing `id` in the list under way; when the lists have not been
    /// read yet, it goes there once they are. False when it is read and not under way.
    pub(crate) fn show_pairing(&mut self, id: PairingId, read: bool) -> bool {
        if !read {
            self.wanted = Some(id);
            return true;
        }
        match self.active.iter().position(|r| r.row.pairing.id == id) {
            Some(pos) => {
                self.section = Section::Active;
                self.active_sel.selected = pos;
                self.active_sel.keep_visible();
                true
            }
            None => false,
        }
    }

    fn selected_active_id(&self) -> Option<PairingId> {
        self.active
            .get(self.active_sel.selected)
            .map(|r| r.row.pairing.id)
    }

    /// Worst first: at risk, needs check-in, on track, too early, paused; then the longest
    /// silence. The cursor stays on pairing `keep`.
    fn sort_active(&mut self, keep: Option<PairingId>) {
        self.active.sort_by(|a, b| {
            a.rank()
                .cmp(&b.rank())
                .then(b.days_quiet().cmp(&a.days_quiet()))
                .then(a.row.pairing.id.cmp(&b.row.pairing.id))
        });
        if let Some(id) = keep
            && let Some(pos) = self.active.iter().position(|r| r.row.pairing.id == id)
        {
            self.active_sel.selected = pos;
            self.active_sel.keep_visible();
        }
    }

    /// Takes the pairings under way judged again (under thresholds being tried) and sorts
    /// them again, the cursor staying on the same pairing.
    pub fn take_judged(&mut self, judged: Vec<PairingHealth>) {
        let mut reports: HashMap<PairingId, Option<HealthReport>> = judged
            .into_iter()
            .map(|h| (h.pairing.id, h.report))
            .collect();
        let keep = self
            .active
            .get(self.active_sel.selected)
            .map(|r| r.row.pairing.id);
        for row in &mut self.active {
            if let Some(report) = reports.remove(&row.row.pairing.id) {
                row.report = report;
            }
        }
        self.sort_active(keep);
    }

    /// How many pairings under way are in each health state, worst first.
    pub fn health_counts(&self) -> [(Health, usize); 4] {
        [
            Health::AtRisk,
            Health::NeedsCheckIn,
            Health::OnTrack,
            Health::TooEarly,
        ]
        .map(|h| {
            let n = self
                .active
                .iter()
                .filter(|r| r.report.as_ref().is_some_and(|x| x.health == h))
                .count();
            (h, n)
        })
    }

    /// Works out the best score of the proposals around the cursor (a page either side)
    /// that do not have it yet.
    pub(crate) fn fill_best(&mut self) {
        let Some(board) = self.board.as_deref() else {
            return;
        };
        let around = self.proposal_sel.page.get().max(BEST_AROUND);
        let selected = self.proposal_sel.selected;
        let to = (selected + around + 1).min(self.visible.len());
        let from = selected.saturating_sub(around).min(to);
        let learners = &self.learners;
        for &i in &self.visible[from..to] {
            let Some(row) = self.proposals.get_mut(i) else {
                continue;
            };
            if row.best != Best::NotYet {
                continue;
            }
            let id = &row.pairing.learner;
            // People are read in id order; the scan only guards against any other order.
            let learner = learners
                .binary_search_by(|l| l.id.cmp(id))
                .ok()
                .or_else(|| learners.iter().position(|l| &l.id == id))
                .and_then(|at| learners.get(at));
            row.best = match learner.and_then(|l| board.best_score(l)) {
                Some(score) => Best::Score(score),
                None => Best::NoneAllowed,
            };
        }
    }

    fn refilter(&mut self) {
        let haystacks: Vec<String> = self
            .proposals
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r.pairing.learner, r.learner_name, r.pairing.mentor, r.mentor_name
                )
            })
            .collect();
        self.visible = filter::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.proposal_sel.clamp(self.visible.len());
    }

    pub(crate) fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.proposal_sel.selected = 0;
        self.proposal_sel.offset = 0;
        self.refilter();
    }

    pub(crate) fn selected_proposal(&self) -> Option<&PairingRow> {
        self.visible
            .get(self.proposal_sel.selected)
            .and_then(|i| self.proposals.get(*i))
    }

    /// The pairing under way the cursor is on (only while that list has the focus).
    pub fn selected_active(&self) -> Option<&UnderWayRow> {
        if self.section != Section::Active {
            return None;
        }
        self.active.get(self.active_sel.selected)
    }

    /// The learner's goals as they stand now, for the agreement form.
    pub(crate) fn goals_of(&self, learner: &LearnerId) -> Option<String> {
        self.learners
            .iter()
            .find(|l| &l.id == learner)
            .and_then(|l| l.goals.clone())
    }

    /// Proposals shown (after the filter) scoring at least `threshold` (0–1000).
    pub(crate) fn shown_at_least(&self, threshold: u32) -> Vec<&PairingRow> {
        self.visible
            .iter()
            .filter_map(|i| self.proposals.get(*i))
            .filter(|r| r.pairing.score.unwrap_or(0) >= threshold)
            .collect()
    }

    /// Moves the cursor; moves between the two lists at their ends.
    pub(crate) fn navigate(&mut self, action: Action) {
        if self.navigate_concerns(action) {
            return;
        }
        match action {
            Action::FocusLeft | Action::Up
                if self.section == Section::Active
                    && self.active_sel.selected == 0
                    && !self.visible.is_empty() =>
            {
                self.section = Section::Proposals;
            }
            Action::FocusRight if !self.active.is_empty() => self.section = Section::Active,
            Action::FocusLeft => self.section = Section::Proposals,
            _ => match self.section {
                Section::Proposals => {
                    let at_end = self.proposal_sel.selected + 1 >= self.visible.len();
                    if action == Action::Down && at_end && !self.active.is_empty() {
                        self.section = Section::Active;
                    } else {
                        self.proposal_sel.apply(action, self.visible.len());
                    }
                }
                Section::Active => {
                    self.active_sel.apply(action, self.active.len());
                }
                Section::Concerns => {
                    self.concern_sel.apply(action, self.concerns.len());
                }
            },
        }
    }
}
