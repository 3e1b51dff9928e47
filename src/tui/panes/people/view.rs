//! The People pane's view: the list (learners or mentors) and the selected person's brief.

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Focus, PeopleState};
use crate::desk::trust::record_words;
use crate::desk::{LearnerBrief, MentorRow};
use crate::domain::Learner;
use crate::domain::person::join_list;
use crate::domain::text::counted;
use crate::domain::when::local_day;
use crate::tui::theme::Theme;
use crate::tui::widgets::brief::field;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::ScrollBox;
use crate::tui::widgets::table::DataTable;

pub struct PeopleView<'a> {
    pub state: &'a PeopleState,
    pub theme: &'a Theme,
    /// The desk's zone: dates are shown in it.
    pub zone: Tz,
}

fn unknown<'a>(value: Option<String>, theme: &Theme) -> Span<'a> {
    match value.filter(|v| !v.is_empty()) {
        Some(v) => Span::raw(safe(&v).into_owned()),
        None => Span::styled("unknown", theme.dim),
    }
}

impl Widget for PeopleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // A mentor desk lists a handful of learners and works from their briefs.
        let mentor_desk = self.state.pack.is_some();
        let list_share = if mentor_desk { 40 } else { 60 };
        let [list, brief] = Layout::horizontal([
            Constraint::Percentage(list_share),
            Constraint::Percentage(100 - list_share),
        ])
        .areas(area);
        let s = self.state;
        let t = self.theme;
        let filter_note = if s.filter.is_empty() {
            String::new()
        } else {
            format!(" · filter \"{}\"", safe(&s.filter))
        };
        let window = s.selection.window(s.visible.len());
        let shown = s.visible[window.clone()].iter();
        let (title, columns, rows, empty): (_, &[Col], Vec<_>, _) = if s.showing_mentors {
            (
                format!(
                    "Mentors {} of {}{filter_note} · m: learners",
                    s.visible.len(),
                    s.mentors.len()
                ),
                &[
                    Col::text("ID", 4, 6),
                    Col::text("NAME", 10, 9),
                    Col::text("STATUS", 6, 4).optional(),
                    Col::text("LOAD", 4, 5),
                    Col::text("EXPERIENCE", 6, 1).optional(),
                ],
                shown
                    .filter_map(|i| s.mentors.get(*i))
                    .map(|r| {
                        vec![
                            Span::raw(safe(r.mentor.id.as_str()).into_owned()),
                            Span::raw(safe(&r.mentor.name).into_owned()),
                            Span::raw(r.mentor.status.to_string()),
                            Span::raw(format!("{}/{}", r.load.seats_in_use, r.load.capacity)),
                            unknown(r.mentor.experience.map(|e| e.to_string()), t),
                        ]
                    })
                    .collect(),
                "No mentors yet. Import them with `mentordesk import mentors FILE`.",
            )
        } else {
            (
                format!(
                    "Learners {} of {}{filter_note} · m: mentors",
                    s.visible.len(),
                    s.learners.len()
                ),
                &[
                    Col::text("ID", 4, 6),
                    Col::text("NAME", 10, 9),
                    Col::text("STATUS", 7, 5),
                    Col::text("JOINED", 10, 2).optional(),
                    Col::text("TRACK", 6, 1).optional(),
                ],
                shown
                    .filter_map(|i| s.learners.get(*i))
                    .map(|l| {
                        vec![
                            Span::raw(safe(l.id.as_str()).into_owned()),
                            Span::raw(safe(&l.name).into_owned()),
                            Span::raw(l.status.to_string()),
                            Span::raw(local_day(l.joined_at, self.zone).to_string()),
                            unknown(l.track.map(|x| x.to_string()), t),
                        ]
                    })
                    .collect(),
                "No learners yet. Import them with `mentordesk import learners FILE`.",
            )
        };
        // A mentor desk lists a handful of its own learners: the brief beside says the rest.
        let columns = if mentor_desk && !s.showing_mentors && area.width < 120 {
            &columns[..2]
        } else {
            columns
        };
        DataTable {
            title,
            columns,
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.selection,
            theme: t,
            focused: s.focus == Focus::List,
            empty,
            footer: None,
        }
        .render(list, buf);
        // The person's pairings under the brief: as many rows as they have, up to half.
        let [brief, pairings] = if mentor_desk {
            [brief, Rect::default()]
        } else {
            let rows = s.pairing_rows().len().max(1);
            let want = u16::try_from(rows + 3).unwrap_or(u16::MAX);
            Layout::vertical([
                Constraint::Min(0),
                Constraint::Length(want.min(brief.height / 2)),
            ])
            .areas(brief)
        };
        if !pairings.is_empty() {
            pairings_table(s, t, self.zone).render(pairings, buf);
        }
        let width = brief.width.saturating_sub(2);
        let lines = match s.selected_index() {
            Some(i) if s.showing_mentors => s.mentors.get(i).map(|r| mentor_brief(r, width, t)),
            Some(i) => s.learners.get(i).map(|l| {
                match s
                    .pack
                    .as_ref()
                    .and_then(|p| p.briefs.iter().find(|b| b.learner.id == l.id))
                {
                    Some(brief) => mentor_desk_brief(l, brief, width, t, self.zone),
                    None => learner_brief(l, width, t),
                }
            }),
            None => None,
        }
        .unwrap_or_default();
        ScrollBox::new("Brief", lines, &s.brief_scroll, t)
            .focused(s.focus == Focus::Brief)
            .render(brief, buf);
    }
}

fn list(items: String) -> Option<String> {
    Some(items).filter(|s| !s.is_empty())
}

fn zone_text(zone: Option<chrono_tz::Tz>) -> String {
    zone.map(|z| z.name().to_string())
        .unwrap_or_else(|| "desk default".into())
}

/// The brief of a learner, wrapped to `width`.
pub fn learner_brief(l: &Learner, width: u16, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        safe(&l.name).into_owned(),
        t.title,
    ))];
    let fields: [(&str, Option<String>); 11] = [
        ("id", Some(l.id.to_string())),
        ("status", Some(l.status.to_string())),
        ("zone", Some(zone_text(l.timezone))),
        ("languages", list(join_list(&l.languages))),
        ("track", l.track.map(|x| x.to_string())),
        ("modes", list(l.modes.to_list())),
        ("interests", list(join_list(&l.interests))),
        ("availability", list(l.availability.to_list())),
        ("goals", l.goals.clone()),
        ("needs", l.needs.clone()),
        ("email", l.email.clone()),
    ];
    for (label, value) in fields {
        lines.extend(field(label, value.as_deref(), width, t));
        // The learner's wishes sit beside what they are matched on.
        if label == "interests" {
            lines.extend(wish_lines(l, width, t));
        }
    }
    lines
}

/// What the learner said about their match, only when they said something (a wish left
/// out is not unknown: there is nothing to ask).
fn wish_lines(l: &Learner, width: u16, t: &Theme) -> Vec<Line<'static>> {
    let wishes: [(&str, Option<String>); 3] = [
        ("prefers", list(join_list(&l.prefer).replace(';', ", "))),
        ("avoids", list(join_list(&l.avoid).replace(';', ", "))),
        (
            "wishes for",
            l.mentor_experience
                .map(|e| format!("a mentor of {e} experience")),
        ),
    ];
    wishes
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| field(label, Some(&v), width, t)))
        .flatten()
        .collect()
}

/// A learner's brief on a mentor desk: what the mentor works from first (goals, track,
/// needs, availability, the pairing, milestones, the last sessions), then the rest.
pub fn mentor_desk_brief(
    l: &Learner,
    b: &LearnerBrief,
    width: u16,
    t: &Theme,
    zone: Tz,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        safe(&l.name).into_owned(),
        t.title,
    ))];
    let first: [(&str, Option<String>); 4] = [
        ("goals", l.goals.clone()),
        ("track", l.track.map(|x| x.to_string())),
        ("needs", l.needs.clone()),
        ("availability", list(l.availability.to_list())),
    ];
    for (label, value) in first {
        lines.extend(field(label, value.as_deref(), width, t));
    }
    lines.extend(pack_brief(b, width, t, zone));
    lines.push(Line::from(Span::styled("More", t.title)));
    let rest: [(&str, Option<String>); 6] = [
        ("id", Some(l.id.to_string())),
        ("zone", Some(zone_text(l.timezone))),
        ("languages", list(join_list(&l.languages))),
        ("modes", list(l.modes.to_list())),
        ("interests", list(join_list(&l.interests))),
        ("email", l.email.clone()),
    ];
    for (label, value) in rest {
        lines.extend(field(label, value.as_deref(), width, t));
    }
    lines
}

/// What a mentor desk's pack says about a learner: the pairing's agreement, the
/// milestones, and what the last sessions (before this desk) left.
pub fn pack_brief(b: &LearnerBrief, width: u16, t: &Theme, zone: Tz) -> Vec<Line<'static>> {
    let p = &b.pairing;
    let a = &p.agreement;
    let mut lines = vec![Line::from(Span::styled("Your pairing", t.title))];
    let since = p.started_at.map(|at| local_day(at, zone).to_string());
    let cadence = format!(
        "every {}, {} min, {} planned",
        counted(a.cadence_days as usize, "day", "days"),
        a.session_minutes,
        counted(a.planned_weeks as usize, "week", "weeks")
    );
    for (label, value) in [
        ("status", Some(p.status.to_string())),
        ("since", since),
        ("sessions", Some(cadence)),
        ("agreed goals", a.goals.clone()),
    ] {
        lines.extend(field(label, value.as_deref(), width, t));
    }
    lines.push(Line::from(Span::styled(
        format!("Milestones {}", b.milestones.len()),
        t.title,
    )));
    if b.milestones.is_empty() {
        lines.push(Line::from(Span::styled("none planned", t.dim)));
    }
    for m in &b.milestones {
        let due = m.due.map_or(String::new(), |d| format!(", due {d}"));
        let text = format!("{} ({}{due})", m.title, m.status);
        lines.extend(field(m.kind.to_string().as_str(), Some(&text), width, t));
    }
    lines.push(Line::from(Span::styled(
        "Last sessions (before this desk)",
        t.title,
    )));
    if b.recent.is_empty() {
        lines.push(Line::from(Span::styled("none in the pack", t.dim)));
    }
    for c in b.recent.iter().rev() {
        let confidence = c.confidence.map_or("confidence not rated".into(), |v| {
            format!("confidence {} of 5", v.get())
        });
        let text = format!(
            "{confidence}; next: {}",
            c.next_steps.as_deref().unwrap_or("none")
        );
        lines.extend(field(
            &local_day(c.at, zone).to_string(),
            Some(&text),
            width,
            t,
        ));
    }
    lines
}

fn mentor_brief(r: &MentorRow, width: u16, t: &Theme) -> Vec<Line<'static>> {
    let m = &r.mentor;
    let mut lines = vec![Line::from(Span::styled(
        safe(&m.name).into_owned(),
        t.title,
    ))];
    let fields: [(&str, Option<String>); 12] = [
        ("id", Some(m.id.to_string())),
        (
            "status",
            Some(match m.paused_until {
                Some(day) => format!("{} until {day} (active again that day)", m.status),
                None => m.status.to_string(),
            }),
        ),
        (
            "load",
            Some(format!(
                "{} of {} seats",
                r.load.seats_in_use, r.load.capacity
            )),
        ),
        ("zone", Some(zone_text(m.timezone))),
        ("languages", list(join_list(&m.languages))),
        ("experience", m.experience.map(|x| x.to_string())),
        ("expertise", list(join_list(&m.expertise))),
        ("modes", list(m.modes.to_list())),
        ("availability", list(m.availability.to_list())),
        (
            "credential",
            Some(
                if m.verified {
                    "verified"
                } else {
                    "not verified"
                }
                .into(),
            ),
        ),
        ("record", Some(record_words(&r.record))),
        ("bio", m.bio.clone()),
    ];
    for (label, value) in fields {
        lines.extend(field(label, value.as_deref(), width, t));
    }
    lines
}

const PAIRING_COLUMNS: [Col; 5] = [
    Col::text("#", 2, 5),
    // The status whole ("completed"), the other person's name cut first.
    Col::text("STATUS", 9, 8),
    Col::text("WITH", 8, 6),
    Col::text("SINCE", 10, 4).optional(),
    Col::text("ENDED", 10, 3).optional(),
];

/// The selected person's pairings: a mentor's mentees or a learner's mentors, newest first,
/// with status and dates (Enter opens the chosen one).
fn pairings_table<'a>(s: &'a PeopleState, t: &'a Theme, zone: Tz) -> DataTable<'a> {
    let whom = if s.showing_mentors {
        "Mentees"
    } else {
        "Mentors"
    };
    let rows = s.pairing_rows();
    let day = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or(Span::styled("-", t.dim), |at| {
            Span::raw(local_day(at, zone).to_string())
        })
    };
    let window = s.pairing_sel.window(rows.len());
    let shown = rows[window.clone()]
        .iter()
        .map(|p| {
            vec![
                Span::raw(p.pairing.to_string()),
                Span::raw(p.status.to_string()),
                Span::raw(safe(&format!("{} {}", p.with_id, p.with_name)).into_owned()),
                day(p.started_at),
                day(p.ended_at),
            ]
        })
        .collect();
    let (title, empty) = match &s.pairings {
        Some(read) if s.shows_pairings_of(read) => match &read.rows {
            Ok(rows) => (
                match rows.len() {
                    0 => format!("{whom} 0"),
                    n => format!("{whom} {n} · Enter opens"),
                },
                if s.showing_mentors {
                    "No mentees yet"
                } else {
                    "No mentors yet"
                },
            ),
            Err(_) => (format!("{whom}: could not be read"), "Ctrl-r reads again"),
        },
        _ => (format!("{whom} …"), "reading…"),
    };
    DataTable {
        title,
        columns: &PAIRING_COLUMNS,
        rows: shown,
        first: window.start,
        total: rows.len(),
        selection: &s.pairing_sel,
        theme: t,
        focused: s.focus == Focus::Pairings,
        empty,
        footer: None,
    }
}
