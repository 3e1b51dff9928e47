//! Time zones: IANA names through chrono-tz.

use chrono_tz::Tz;

use super::error::DomainError;

/// Parses an IANA zone name such as `America/Bogota`.
pub fn parse_zone(raw: &str) -> Result<Tz, DomainError> {
    let trimmed = raw.trim();
    trimmed
        .parse::<Tz>()
        .map_err(|_| DomainError::UnknownZone(trimmed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iana_names_only() {
        assert_eq!(
            parse_zone("Asia/Kolkata").unwrap(),
            chrono_tz::Asia::Kolkata
        );
        assert!(parse_zone("Mars/Olympus").is_err());
        assert!(parse_zone("").is_err());
    }
}
