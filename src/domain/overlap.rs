//! The weekly times two people share, as real instants of one reference week, and how each of
//! them reads those times on their own clock (an introduction shows both).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::availability::Availability;

/// One shared stretch of the reference week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedTime {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl SharedTime {
    /// `Mon 18:00–19:30` on the clock of `zone` (an end at midnight reads `24:00`).
    pub fn on_clock(&self, zone: Tz) -> String {
        let start = self.start.with_timezone(&zone);
        let end = self.end.with_timezone(&zone);
        let end_text = if end.date_naive() != start.date_naive()
            && end.format("%H:%M").to_string() == "00:00"
        {
            "24:00".to_string()
        } else if end.date_naive() != start.date_naive() {
            end.format("%a %H:%M").to_string()
        } else {
            end.format("%H:%M").to_string()
        };
        format!("{}–{end_text}", start.format("%a %H:%M"))
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// The times both availabilities cover in the week starting on `monday` (UTC), in order.
pub fn shared_times(
    a: &Availability,
    a_zone: Tz,
    b: &Availability,
    b_zone: Tz,
    monday: NaiveDate,
) -> Vec<SharedTime> {
    let week_start = monday.and_time(chrono::NaiveTime::MIN).and_utc();
    let both = a
        .utc_slots(a_zone, monday)
        .intersection(&b.utc_slots(b_zone, monday));
    both.runs()
        .into_iter()
        .map(|(start, end)| SharedTime {
            start: week_start + Duration::minutes(start.into()),
            end: week_start + Duration::minutes(end.into()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Europe};

    #[test]
    fn shared_times_read_on_each_clock() {
        let learner = Availability::parse_list("Mon 18:00-20:00").unwrap();
        let mentor = Availability::parse_list("Tue 00:30-03:00").unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let shared = shared_times(&learner, America::Bogota, &mentor, Europe::Madrid, monday);
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].minutes(), 90);
        assert_eq!(shared[0].on_clock(America::Bogota), "Mon 18:30–20:00");
        assert_eq!(shared[0].on_clock(Europe::Madrid), "Tue 00:30–02:00");
        let none = Availability::parse_list("Wed 10:00-11:00").unwrap();
        assert!(shared_times(&learner, America::Bogota, &none, Europe::Madrid, monday).is_empty());
    }
}
