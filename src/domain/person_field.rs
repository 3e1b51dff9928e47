//! The fields of a person as people type them (a CSV cell, `person set ID FIELD VALUE`, a
//! form in the People pane): the one place that says which words name a field, how its text
//! is read and checked, and how its value is written back as text.
//!
//! CSV import, the command line and the desk's form all go through [`LearnerField::apply`] and
//! [`MentorField::apply`], so a value one of them accepts the others accept too.
//! Owns: field names and their rules. May use: the rest of `domain`.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::availability::Availability;
use super::error::DomainError;
use super::ids::{LearnerId, MentorId};
use super::person::{
    Experience, Expertise, Learner, LearnerStatus, Mentor, MentorStatus, ModeSet, Tag, Track,
    join_list, parse_capacity, parse_email, parse_flag, parse_name, word_enum,
};
use super::preference::{Preferred, parse_avoid};
use super::text::optional_multiline;
use super::zone::parse_zone;

word_enum!(
    /// A learner's field, named as in `learners.csv`.
    LearnerField, "learner field", {
        Id => "id", Name => "name", Email => "email", Timezone => "timezone",
        Languages => "languages", Goals => "goals", Interests => "interests", Track => "track",
        Modes => "modes", Availability => "availability", Needs => "needs", Status => "status",
        Prefer => "prefer", Avoid => "avoid", MentorExperience => "mentor_experience",
    }
);

word_enum!(
    /// A mentor's field, named as in `mentors.csv`.
    MentorField, "mentor field", {
        Id => "id", Name => "name", Email => "email", Timezone => "timezone",
        Languages => "languages", Expertise => "expertise", Experience => "experience",
        Modes => "modes", Capacity => "capacity", Availability => "availability", Bio => "bio",
        Verified => "verified", Recognition => "recognition",
    }
);

/// Empty text is unknown (`None`); anything else must parse.
fn optional<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, DomainError>,
) -> Result<Option<T>, DomainError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

impl Learner {
    /// A learner to be filled in field by field (a CSV row, a person added by hand): every
    /// field unknown, waiting, joined at `joined_at`. Its id and name are empty until
    /// [`LearnerField::Id`] and [`LearnerField::Name`] are applied, which both require.
    pub fn draft(joined_at: DateTime<Utc>) -> Learner {
        Learner {
            id: LearnerId::unset(),
            name: String::new(),
            email: None,
            timezone: None,
            languages: Vec::new(),
            goals: None,
            interests: Vec::new(),
            track: None,
            modes: ModeSet::default(),
            availability: Availability::default(),
            needs: None,
            status: LearnerStatus::Waiting,
            prefer: Vec::new(),
            avoid: Vec::new(),
            mentor_experience: None,
            joined_at,
        }
    }
}

impl Mentor {
    /// A mentor to be filled in field by field, like [`Learner::draft`]: active, capacity 0
    /// until [`MentorField::Capacity`] is applied (a required field).
    pub fn draft(joined_at: DateTime<Utc>) -> Mentor {
        Mentor {
            id: MentorId::unset(),
            name: String::new(),
            email: None,
            timezone: None,
            languages: Vec::new(),
            expertise: Vec::new(),
            experience: None,
            modes: ModeSet::default(),
            capacity: 0,
            availability: Availability::default(),
            bio: None,
            verified: false,
            recognition: false,
            status: MentorStatus::Active,
            paused_until: None,
            joined_at,
        }
    }
}

impl LearnerField {
    /// Fields a new learner must be given.
    pub const REQUIRED: &'static [LearnerField] = &[LearnerField::Id, LearnerField::Name];

    /// Reads `raw` as this field's value and sets it on `learner`; on error `learner` is left
    /// as it was. An empty `raw` makes an optional field unknown.
    pub fn apply(self, learner: &mut Learner, raw: &str) -> Result<(), DomainError> {
        match self {
            LearnerField::Id => learner.id = LearnerId::parse(raw)?,
            LearnerField::Name => learner.name = parse_name(raw)?,
            LearnerField::Email => learner.email = parse_email(raw)?,
            LearnerField::Timezone => learner.timezone = optional(raw, parse_zone)?,
            LearnerField::Languages => learner.languages = Tag::parse_list(raw)?,
            LearnerField::Goals => learner.goals = optional_multiline(raw),
            LearnerField::Interests => learner.interests = Tag::parse_list(raw)?,
            LearnerField::Track => learner.track = optional(raw, Track::from_str)?,
            LearnerField::Modes => learner.modes = ModeSet::parse_list(raw)?,
            LearnerField::Availability => learner.availability = Availability::parse_list(raw)?,
            LearnerField::Needs => learner.needs = optional_multiline(raw),
            LearnerField::Status => {
                learner.status = optional(raw, LearnerStatus::from_str)?.unwrap_or_default();
            }
            LearnerField::Prefer => learner.prefer = Preferred::parse_list(raw)?,
            LearnerField::Avoid => learner.avoid = parse_avoid(raw)?,
            LearnerField::MentorExperience => {
                learner.mentor_experience = optional(raw, Experience::from_str)?;
            }
        }
        Ok(())
    }

    /// The field's value as text, the way `learners.csv` writes it (empty when unknown).
    pub fn text_of(self, learner: &Learner) -> String {
        match self {
            LearnerField::Id => learner.id.to_string(),
            LearnerField::Name => learner.name.clone(),
            LearnerField::Email => learner.email.clone().unwrap_or_default(),
            LearnerField::Timezone => zone_text(learner.timezone),
            LearnerField::Languages => join_list(&learner.languages),
            LearnerField::Goals => learner.goals.clone().unwrap_or_default(),
            LearnerField::Interests => join_list(&learner.interests),
            LearnerField::Track => learner.track.map(|t| t.to_string()).unwrap_or_default(),
            LearnerField::Modes => learner.modes.to_list(),
            LearnerField::Availability => learner.availability.to_list(),
            LearnerField::Needs => learner.needs.clone().unwrap_or_default(),
            LearnerField::Status => learner.status.to_string(),
            LearnerField::Prefer => join_list(&learner.prefer),
            LearnerField::Avoid => join_list(&learner.avoid),
            LearnerField::MentorExperience => learner
                .mentor_experience
                .map(|e| e.to_string())
                .unwrap_or_default(),
        }
    }

    /// Free text that may span lines.
    pub fn is_multiline(self) -> bool {
        matches!(self, LearnerField::Goals | LearnerField::Needs)
    }
}

impl MentorField {
    /// Fields a new mentor must be given.
    pub const REQUIRED: &'static [MentorField] =
        &[MentorField::Id, MentorField::Name, MentorField::Capacity];

    /// Reads `raw` as this field's value and sets it on `mentor`; on error `mentor` is left
    /// as it was. An empty `raw` makes an optional field unknown.
    pub fn apply(self, mentor: &mut Mentor, raw: &str) -> Result<(), DomainError> {
        match self {
            MentorField::Id => mentor.id = MentorId::parse(raw)?,
            MentorField::Name => mentor.name = parse_name(raw)?,
            MentorField::Email => mentor.email = parse_email(raw)?,
            MentorField::Timezone => mentor.timezone = optional(raw, parse_zone)?,
            MentorField::Languages => mentor.languages = Tag::parse_list(raw)?,
            MentorField::Expertise => mentor.expertise = Expertise::parse_list(raw)?,
            MentorField::Experience => mentor.experience = optional(raw, Experience::from_str)?,
            MentorField::Modes => mentor.modes = ModeSet::parse_list(raw)?,
            MentorField::Capacity => mentor.capacity = parse_capacity(raw)?,
            MentorField::Availability => mentor.availability = Availability::parse_list(raw)?,
            MentorField::Bio => mentor.bio = optional_multiline(raw),
            MentorField::Verified => mentor.verified = parse_flag("verified", raw)?,
            MentorField::Recognition => mentor.recognition = parse_flag("recognition", raw)?,
        }
        Ok(())
    }

    /// The field's value as text, the way `mentors.csv` writes it (empty when unknown).
    pub fn text_of(self, mentor: &Mentor) -> String {
        match self {
            MentorField::Id => mentor.id.to_string(),
            MentorField::Name => mentor.name.clone(),
            MentorField::Email => mentor.email.clone().unwrap_or_default(),
            MentorField::Timezone => zone_text(mentor.timezone),
            MentorField::Languages => join_list(&mentor.languages),
            MentorField::Expertise => join_list(&mentor.expertise),
            MentorField::Experience => mentor.experience.map(|e| e.to_string()).unwrap_or_default(),
            MentorField::Modes => mentor.modes.to_list(),
            MentorField::Capacity => mentor.capacity.to_string(),
            MentorField::Availability => mentor.availability.to_list(),
            MentorField::Bio => mentor.bio.clone().unwrap_or_default(),
            MentorField::Verified => mentor.verified.to_string(),
            MentorField::Recognition => if mentor.recognition { "yes" } else { "" }.to_string(),
        }
    }

    /// Free text that may span lines.
    pub fn is_multiline(self) -> bool {
        matches!(self, MentorField::Bio)
    }
}

fn zone_text(zone: Option<chrono_tz::Tz>) -> String {
    zone.map(|z| z.name().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    #[test]
    fn a_learner_is_filled_field_by_field_and_written_back_the_same() {
        let mut learner = Learner::draft(now());
        let cells = [
            (LearnerField::Id, "L7"),
            (LearnerField::Name, "Ana Ruiz"),
            (LearnerField::Email, "ana@example.org"),
            (LearnerField::Timezone, "America/Bogota"),
            (LearnerField::Languages, "es;en"),
            (LearnerField::Track, "beginner"),
            (LearnerField::Modes, "video;chat"),
            (LearnerField::Availability, "Mon 18:00-20:00"),
            (LearnerField::Goals, "Land a first job"),
            (LearnerField::Prefer, "rust;M-3"),
            (LearnerField::Avoid, "M-9;M-2"),
            (LearnerField::MentorExperience, "Senior"),
        ];
        for (field, raw) in cells {
            field.apply(&mut learner, raw).unwrap();
        }
        assert_eq!(LearnerField::Languages.text_of(&learner), "en;es");
        assert_eq!(LearnerField::Timezone.text_of(&learner), "America/Bogota");
        assert_eq!(LearnerField::Prefer.text_of(&learner), "M-3;rust");
        assert_eq!(LearnerField::Avoid.text_of(&learner), "M-2;M-9");
        assert_eq!(LearnerField::MentorExperience.text_of(&learner), "senior");
        for field in LearnerField::ALL {
            let mut again = learner.clone();
            field
                .apply(&mut again, &field.text_of(&learner))
                .unwrap_or_else(|e| panic!("{field}: {e}"));
            assert_eq!(again, learner, "{field}");
        }
    }

    #[test]
    fn a_bad_value_leaves_the_person_as_it_was() {
        let mut mentor = Mentor::draft(now());
        MentorField::Capacity.apply(&mut mentor, "3").unwrap();
        let before = mentor.clone();
        for (field, raw) in [
            (MentorField::Capacity, "51"),
            (MentorField::Timezone, "Mars/Olympus"),
            (MentorField::Name, "   "),
            (MentorField::Id, "has space"),
            (MentorField::Verified, "maybe"),
        ] {
            assert!(field.apply(&mut mentor, raw).is_err(), "{field} {raw}");
            assert_eq!(mentor, before);
        }
    }

    #[test]
    fn field_names_are_the_csv_columns() {
        assert_eq!(
            "Capacity".parse::<MentorField>().unwrap(),
            MentorField::Capacity
        );
        let err = "capacity".parse::<LearnerField>().unwrap_err().to_string();
        assert!(err.contains("unknown learner field"), "{err}");
        assert!(MentorField::REQUIRED.contains(&MentorField::Capacity));
    }
}
