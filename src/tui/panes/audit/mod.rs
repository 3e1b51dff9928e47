//! Audit: the trail of every change a person made, newest first, filterable with `/`; Enter
//! shows an entry's before and after. Reached with Ctrl-a from any pane (it has no tab).
//! This file holds the pane's state; keys are in `update.rs`, drawing in `view.rs`.
//!
//! May use: `desk`, `domain`, the rest of `tui`.

pub mod update;
pub mod view;

use std::sync::Arc;

use crate::desk::AuditLine;
use crate::tui::action::Action;
use crate::tui::widgets::filter;
use crate::tui::widgets::selection::Selection;

/// How many of the newest entries the pane reads (the CLI's `audit --limit` reaches further).
pub const SHOWN: u32 = 2_000;

#[derive(Debug, Default)]
pub struct AuditState {
    /// The newest entries first; `None` until read.
    pub lines: Option<Arc<Vec<AuditLine>>>,
    pub filter: String,
    /// What the filter matches in each line: id, day (in the desk's zone, as shown), actor,
    /// action, subject and change; made once per read.
    haystacks: Vec<String>,
    /// Indices into `lines` that pass the filter, in display order.
    pub visible: Vec<usize>,
    pub selection: Selection,
}

impl AuditState {
    pub fn take(&mut self, lines: Vec<AuditLine>, zone: chrono_tz::Tz) {
        self.haystacks = lines
            .iter()
            .map(|l| {
                format!(
                    "#{} {} {} {} {} {}",
                    l.entry.id,
                    crate::domain::when::local_day(l.entry.at, zone),
                    l.entry.actor,
                    l.entry.action,
                    l.subject,
                    l.change
                )
            })
            .collect();
        self.lines = Some(Arc::new(lines));
        self.refilter();
    }

    fn refilter(&mut self) {
        self.visible = filter::filter(&self.filter, self.haystacks.iter().map(String::as_str));
        self.selection.clamp(self.visible.len());
    }

    pub fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.selection.selected = 0;
        self.selection.offset = 0;
        self.refilter();
    }

    pub fn navigate(&mut self, action: Action) {
        self.selection.apply(action, self.visible.len());
    }

    pub fn selected(&self) -> Option<&AuditLine> {
        let index = *self.visible.get(self.selection.selected)?;
        self.lines.as_ref()?.get(index)
    }

    pub fn total(&self) -> usize {
        self.lines.as_ref().map_or(0, |l| l.len())
    }
}
