//! The library a desk shows (built in, then a pack's guides, then the person's folder), the
//! stage of a pairing, and which guides suit a pair: the one rule the check-in form's picker,
//! introductions and mentor packs share.

use chrono::{DateTime, Utc};

use super::{BUILT_IN, FIRST_SESSION, Guide, GuideName, GuideSource};
use crate::domain::error::DomainError;
use crate::domain::person::Track;

/// How far a pairing has come, as far as guides care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// No session logged yet.
    FirstSession,
    /// Sessions logged, not near the middle or the end.
    UnderWay,
    /// Within a week of half the planned weeks.
    MidPoint,
    /// The last two planned weeks, or past them.
    Closing,
}

impl Stage {
    /// The stage of a pairing `started` (`None`: not started, as a proposal) and planned for
    /// `planned_weeks`, with `sessions` check-ins logged, at `now`.
    pub fn of(
        started: Option<DateTime<Utc>>,
        planned_weeks: u32,
        sessions: usize,
        now: DateTime<Utc>,
    ) -> Stage {
        if sessions == 0 {
            return Stage::FirstSession;
        }
        let weeks = started.map_or(0, |s| (now - s).num_days().max(0) / 7);
        let planned = i64::from(planned_weeks);
        if weeks >= planned - 2 {
            Stage::Closing
        } else if (weeks - planned / 2).abs() <= 1 {
            Stage::MidPoint
        } else {
            Stage::UnderWay
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Stage::FirstSession => "first session",
            Stage::UnderWay => "under way",
            Stage::MidPoint => "mid-point",
            Stage::Closing => "closing",
        }
    }
}

/// The guides a desk shows: built in, replaced or added to by a pack's and a folder's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideLibrary {
    guides: Vec<Guide>,
}

impl Default for GuideLibrary {
    fn default() -> Self {
        GuideLibrary::built_in()
    }
}

impl GuideLibrary {
    /// The guides shipped in the binary.
    pub fn built_in() -> GuideLibrary {
        let guides = BUILT_IN
            .iter()
            .filter_map(|(name, text)| {
                // Each is checked by a test; one that failed would be left out, not panic.
                let name = GuideName::parse(name).ok()?;
                Guide::parse(name, text, GuideSource::BuiltIn).ok()
            })
            .collect();
        GuideLibrary { guides }
    }

    /// This library with `others` laid over it: a guide of the same name is replaced in its
    /// place (unless its words are the same: a pack's copy of a built-in guide still says
    /// "built in"); a new one joins the end, in name order.
    pub fn overlaid(mut self, others: Vec<Guide>) -> GuideLibrary {
        for guide in others {
            if let Some(slot) = self.guides.iter_mut().find(|g| g.name == guide.name) {
                let same = (&slot.title, &slot.when, &slot.body)
                    == (&guide.title, &guide.when, &guide.body);
                if !same {
                    *slot = guide;
                }
            } else {
                self.guides.push(guide);
            }
        }
        let shipped = |name: &GuideName| {
            BUILT_IN
                .iter()
                .position(|(n, _)| *n == name.as_str())
                .unwrap_or(usize::MAX)
        };
        self.guides
            .sort_by(|a, b| (shipped(&a.name), &a.name).cmp(&(shipped(&b.name), &b.name)));
        self
    }

    pub fn all(&self) -> &[Guide] {
        &self.guides
    }

    pub fn get(&self, name: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.name.as_str() == name)
    }

    /// The guide named `raw`; an unknown name is refused with every name the desk knows.
    pub fn find(&self, raw: &str) -> Result<&Guide, DomainError> {
        let name = GuideName::parse(raw)?;
        self.get(name.as_str()).ok_or_else(|| DomainError::Invalid {
            what: "guide",
            value: name.to_string(),
            problem: format!("no such guide (known: {})", self.names().join(", ")),
        })
    }

    pub fn names(&self) -> Vec<&str> {
        self.guides.iter().map(|g| g.name.as_str()).collect()
    }

    /// The guides that suit a pair with a learner on `track` (`None`: not known, so every
    /// track's questions) at `stage`, most useful first: the stage's agenda, the track's
    /// questions, then what the stage calls for (a project brief early on, feedback prompts
    /// once work is under way).
    pub fn relevant(&self, track: Option<Track>, stage: Stage) -> Vec<&Guide> {
        relevant_names(track, stage)
            .into_iter()
            .filter_map(|name| self.get(name))
            .collect()
    }

    /// Every guide, those that suit the pair first (see [`GuideLibrary::relevant`]), then the
    /// rest in library order; with how many lead as relevant.
    pub fn ordered_for(&self, track: Option<Track>, stage: Stage) -> (Vec<&Guide>, usize) {
        let mut out = self.relevant(track, stage);
        let lead = out.len();
        for guide in &self.guides {
            if !out.iter().any(|g| g.name == guide.name) {
                out.push(guide);
            }
        }
        (out, lead)
    }

    /// The guides a mentor with learners on `tracks` may need in any stage (every stage's
    /// agenda, those tracks' questions, the brief and the feedback prompts), and every guide
    /// not built in (the coordinator's own and overrides): what a mentor pack carries.
    pub fn for_tracks(&self, tracks: &[Option<Track>]) -> Vec<&Guide> {
        let stages = [
            Stage::FirstSession,
            Stage::UnderWay,
            Stage::MidPoint,
            Stage::Closing,
        ];
        self.guides
            .iter()
            .filter(|g| {
                g.source != GuideSource::BuiltIn
                    || tracks.iter().any(|track| {
                        stages
                            .iter()
                            .any(|stage| relevant_names(*track, *stage).contains(&g.name.as_str()))
                    })
            })
            .collect()
    }
}

/// The rule behind [`GuideLibrary::relevant`], by name.
fn relevant_names(track: Option<Track>, stage: Stage) -> Vec<&'static str> {
    let mut names = match stage {
        Stage::FirstSession => vec![FIRST_SESSION],
        Stage::MidPoint => vec!["mid-point"],
        Stage::Closing => vec!["closing"],
        Stage::UnderWay => vec![],
    };
    names.extend(match track {
        Some(Track::Beginner) => vec!["questions-beginner"],
        Some(Track::Intermediate) => vec!["questions-intermediate"],
        Some(Track::Advanced) => vec!["questions-advanced"],
        None => vec![
            "questions-beginner",
            "questions-intermediate",
            "questions-advanced",
        ],
    });
    match stage {
        Stage::FirstSession => names.push("project-brief"),
        Stage::UnderWay | Stage::MidPoint => names.extend([
            "feedback-questioning",
            "feedback-critique",
            "feedback-listening",
            "project-brief",
        ]),
        Stage::Closing => names.push("feedback-listening"),
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn name(raw: &str) -> GuideName {
        GuideName::parse(raw).unwrap()
    }

    fn names<'a>(guides: &[&'a Guide]) -> Vec<&'a str> {
        guides.iter().map(|g| g.name.as_str()).collect()
    }
    #[test]
    fn a_folder_guide_overrides_a_pack_guide_which_overrides_the_built_in() {
        let guide = |n: &str, title: &str, source| Guide {
            name: name(n),
            title: title.into(),
            when: "w".into(),
            body: "- b".into(),
            source,
        };
        let library = GuideLibrary::built_in()
            .overlaid(vec![
                guide("first-session", "Program's own", GuideSource::Pack),
                guide("zz-welcome", "Program welcome", GuideSource::Pack),
            ])
            .overlaid(vec![
                guide("first-session", "Mine", GuideSource::Folder),
                guide("a-extra", "Extra", GuideSource::Folder),
            ]);
        let first = library.get("first-session").unwrap();
        assert_eq!(
            (first.title.as_str(), first.source),
            ("Mine", GuideSource::Folder)
        );
        // An override keeps its place; additions follow the built-ins, by name.
        assert_eq!(library.names()[0], "first-session");
        let n = library.names();
        assert_eq!(&n[n.len() - 2..], ["a-extra", "zz-welcome"]);
        assert_eq!(library.all().len(), BUILT_IN.len() + 2);
        // A copy with the same words keeps its source.
        let copy = Guide {
            source: GuideSource::Pack,
            ..library.get("closing").unwrap().clone()
        };
        let library = library.overlaid(vec![copy]);
        assert_eq!(library.get("closing").unwrap().source, GuideSource::BuiltIn);
    }

    #[test]
    fn an_unknown_guide_is_refused_with_the_names() {
        let library = GuideLibrary::built_in();
        let err = library.find("agenda").unwrap_err().to_string();
        assert!(
            err.contains("\"agenda\"") && err.contains("no such guide"),
            "{err}"
        );
        assert!(err.contains("first-session, questions-beginner"), "{err}");
        assert!(library.find("Bad Name").is_err());
        assert_eq!(library.find("closing").unwrap().name.as_str(), "closing");
    }

    #[test]
    fn the_stage_follows_sessions_and_weeks() {
        let start = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let at = |weeks: i64| start + chrono::Duration::weeks(weeks);
        assert_eq!(Stage::of(Some(start), 12, 0, at(8)), Stage::FirstSession);
        assert_eq!(Stage::of(Some(start), 12, 2, at(2)), Stage::UnderWay);
        assert_eq!(Stage::of(Some(start), 12, 4, at(5)), Stage::MidPoint);
        assert_eq!(Stage::of(Some(start), 12, 4, at(7)), Stage::MidPoint);
        assert_eq!(Stage::of(Some(start), 12, 5, at(8)), Stage::UnderWay);
        assert_eq!(Stage::of(Some(start), 12, 8, at(10)), Stage::Closing);
        assert_eq!(Stage::of(Some(start), 12, 8, at(30)), Stage::Closing);
        assert_eq!(Stage::of(None, 12, 1, at(30)), Stage::UnderWay);
    }

    #[test]
    fn the_guides_that_suit_a_pair_follow_track_and_stage() {
        let library = GuideLibrary::built_in();
        assert_eq!(
            names(&library.relevant(Some(Track::Beginner), Stage::FirstSession)),
            ["first-session", "questions-beginner", "project-brief"]
        );
        assert_eq!(
            names(&library.relevant(Some(Track::Advanced), Stage::MidPoint))[..2],
            ["mid-point", "questions-advanced"]
        );
        assert_eq!(
            names(&library.relevant(Some(Track::Intermediate), Stage::Closing)),
            ["closing", "questions-intermediate", "feedback-listening"]
        );
        // An unknown track is neutral: every track's questions.
        let unknown = library.relevant(None, Stage::UnderWay);
        assert_eq!(
            names(&unknown)[..3],
            [
                "questions-beginner",
                "questions-intermediate",
                "questions-advanced"
            ]
        );
        // The picker: the relevant ones lead, every guide is there once.
        let (all, lead) = library.ordered_for(Some(Track::Beginner), Stage::FirstSession);
        assert_eq!(lead, 3);
        assert_eq!(
            names(&all)[..3],
            ["first-session", "questions-beginner", "project-brief"]
        );
        assert_eq!(all.len(), library.all().len());
    }

    #[test]
    fn a_pack_carries_its_tracks_guides_and_every_coordinator_guide() {
        let library = GuideLibrary::built_in().overlaid(vec![Guide {
            name: name("welcome"),
            title: "Welcome".into(),
            when: "w".into(),
            body: "- b".into(),
            source: GuideSource::Folder,
        }]);
        let carried = names(&library.for_tracks(&[Some(Track::Beginner)]));
        assert!(carried.contains(&"questions-beginner") && carried.contains(&"welcome"));
        assert!(carried.contains(&"mid-point") && carried.contains(&"closing"));
        assert!(!carried.contains(&"questions-advanced"), "{carried:?}");
        assert!(
            library
                .for_tracks(&[])
                .iter()
                .all(|g| g.name.as_str() == "welcome")
        );
    }
}
