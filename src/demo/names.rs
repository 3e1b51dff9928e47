//! Where people live and what they are called: regions with their IANA zones, the local
//! language spoken there besides English, and given and family names; plus [`Vocabulary`],
//! the static words turned into domain values once.
//!
//! The names are fictional combinations of common given names and family names, so no
//! generated person is a real one.

use chrono_tz::Tz;

use super::tag;
use super::templates::{CAREER_TAGS, FIELDS};
use crate::domain::{Language, Tag};

/// A part of the world people come from: where they live and what they are called.
pub struct Region {
    /// Relative share of people from this region.
    pub weight: u32,
    /// IANA zones with the local language spoken there besides English (`None`: English only).
    pub zones: &'static [(&'static str, Option<&'static str>)],
    pub given_names: &'static [&'static str],
    pub family_names: &'static [&'static str],
}

/// Regions for learners and mentors; the weights differ per role because mentors in real
/// programs cluster where the sponsoring companies are.
pub const REGIONS: &[Region] = &[
    Region {
        weight: 20,
        zones: &[
            ("America/New_York", None),
            ("America/Chicago", None),
            ("America/Denver", None),
            ("America/Los_Angeles", Some("es")),
            ("America/Toronto", Some("fr")),
        ],
        given_names: &[
            "Avery", "Jordan", "Maya", "Ethan", "Chloe", "Marcus", "Olivia", "Tyler", "Hannah",
            "Dylan", "Grace", "Caleb", "Riley", "Naomi",
        ],
        family_names: &[
            "Whitaker",
            "Brennan",
            "Caldwell",
            "Hollis",
            "Mercer",
            "Sutton",
            "Langley",
            "Prescott",
            "Donnelly",
            "Fairbanks",
            "Lowell",
            "Harmon",
            "Brooks",
        ],
    },
    Region {
        weight: 18,
        zones: &[
            ("America/Bogota", Some("es")),
            ("America/Mexico_City", Some("es")),
            ("America/Sao_Paulo", Some("pt")),
            ("America/Argentina/Buenos_Aires", Some("es")),
            ("America/Lima", Some("es")),
            ("America/Santiago", Some("es")),
        ],
        given_names: &[
            "Valentina",
            "Mateo",
            "Camila",
            "Santiago",
            "Lucía",
            "Joaquín",
            "Renata",
            "Tomás",
            "Isabela",
            "Diego",
            "Ximena",
            "Gabriel",
            "João",
            "Mariana",
        ],
        family_names: &[
            "Restrepo",
            "Quintero",
            "Albuquerque",
            "Villalobos",
            "Cardona",
            "Peralta",
            "Mendonça",
            "Arriaga",
            "Ocampo",
            "Salcedo",
            "Figueroa",
            "Benítez",
            "Carvalho",
        ],
    },
    Region {
        weight: 20,
        zones: &[
            ("Europe/London", None),
            ("Europe/Dublin", Some("ga")),
            ("Europe/Madrid", Some("es")),
            ("Europe/Paris", Some("fr")),
            ("Europe/Berlin", Some("de")),
            ("Europe/Lisbon", Some("pt")),
            ("Europe/Amsterdam", Some("nl")),
        ],
        given_names: &[
            "Élodie", "Lukas", "Ingrid", "Matteo", "Sofía", "Niamh", "Henrik", "Clara", "Bastien",
            "Freya", "Jonas", "Amélie", "Pieter", "Inês",
        ],
        family_names: &[
            "Lindqvist",
            "Moreau",
            "Van der Berg",
            "O'Callaghan",
            "Ferreira",
            "Hartmann",
            "Castellano",
            "Bergström",
            "Rinaldi",
            "Fontaine",
            "Ó Briain",
            "Jansen",
            "Weber",
        ],
    },
    Region {
        weight: 9,
        zones: &[
            ("Europe/Warsaw", Some("pl")),
            ("Europe/Kyiv", Some("uk")),
            ("Europe/Bucharest", Some("ro")),
            ("Europe/Istanbul", Some("tr")),
            ("Europe/Athens", Some("el")),
        ],
        given_names: &[
            "Zofia",
            "Mikołaj",
            "Oksana",
            "Andrei",
            "Elif",
            "Dimitris",
            "Katarzyna",
            "Bogdan",
            "Aylin",
            "Nikos",
            "Ioana",
            "Taras",
        ],
        family_names: &[
            "Kowalczyk",
            "Nowak",
            "Shevchenko",
            "Popescu",
            "Yılmaz",
            "Papadakis",
            "Wiśniewski",
            "Bondarenko",
            "Ionescu",
            "Demir",
            "Georgiou",
            "Lewandowski",
        ],
    },
    Region {
        weight: 14,
        zones: &[
            ("Africa/Lagos", Some("yo")),
            ("Africa/Nairobi", Some("sw")),
            ("Africa/Johannesburg", Some("zu")),
            ("Africa/Cairo", Some("ar")),
            ("Africa/Accra", Some("ak")),
            ("Africa/Casablanca", Some("fr")),
        ],
        given_names: &[
            "Chiamaka",
            "Kwame",
            "Amina",
            "Tendai",
            "Wanjiru",
            "Oluwaseun",
            "Zanele",
            "Kofi",
            "Nia",
            "Youssef",
            "Abena",
            "Thabo",
            "Salma",
            "Emeka",
        ],
        family_names: &[
            "Okonkwo", "Mensah", "Njoroge", "Adeyemi", "Dlamini", "Mwangi", "Boateng", "El-Sayed",
            "Nkosi", "Achieng", "Owusu", "Haddad", "Bello",
        ],
    },
    Region {
        weight: 10,
        zones: &[
            ("Asia/Kolkata", Some("hi")),
            ("Asia/Kolkata", Some("ta")),
            ("Asia/Kathmandu", Some("ne")),
            ("Asia/Karachi", Some("ur")),
            ("Asia/Dhaka", Some("bn")),
            ("Asia/Colombo", Some("si")),
        ],
        given_names: &[
            "Aarav", "Priya", "Ananya", "Rohan", "Sita", "Bikash", "Fatima", "Imran", "Kavya",
            "Arjun", "Nisha", "Tenzing", "Meera", "Farhan",
        ],
        family_names: &[
            "Sharma",
            "Iyer",
            "Thapa",
            "Rahman",
            "Banerjee",
            "Gurung",
            "Qureshi",
            "Perera",
            "Chatterjee",
            "Shrestha",
            "Nair",
            "Siddiqui",
            "Kulkarni",
        ],
    },
    Region {
        weight: 6,
        zones: &[
            ("Asia/Tokyo", Some("ja")),
            ("Asia/Seoul", Some("ko")),
            ("Asia/Singapore", Some("zh")),
            ("Asia/Manila", Some("tl")),
            ("Asia/Jakarta", Some("id")),
            ("Asia/Ho_Chi_Minh", Some("vi")),
        ],
        given_names: &[
            "Haruto", "Mei", "Ji-woo", "Linh", "Rizal", "Yuki", "Minh", "Siti", "Daiki", "Hana",
            "Wei", "Andrea", "Seo-yeon", "Bayani",
        ],
        family_names: &[
            "Tanaka",
            "Nakamura",
            "Park",
            "Nguyen",
            "Santos",
            "Wijaya",
            "Lim",
            "Tran",
            "Reyes",
            "Kobayashi",
            "Choi",
            "Halim",
            "Villanueva",
        ],
    },
    Region {
        weight: 3,
        zones: &[
            ("Australia/Adelaide", None),
            ("Australia/Sydney", None),
            ("Australia/Perth", None),
            ("Pacific/Auckland", Some("mi")),
        ],
        given_names: &[
            "Mia", "Lachlan", "Aroha", "Isla", "Tane", "Harper", "Callum", "Ruby", "Wiremu",
            "Matilda", "Archie", "Kaia",
        ],
        family_names: &[
            "Fitzgerald",
            "Te Rangi",
            "McAllister",
            "Ngata",
            "Whitfield",
            "Kershaw",
            "Tapsell",
            "Doherty",
            "Parata",
            "Ainsworth",
            "Haddon",
            "Beaumont",
        ],
    },
];

/// Mentor weights per region, in the order of [`REGIONS`].
pub const MENTOR_REGION_WEIGHTS: [u32; 8] = [26, 12, 26, 9, 9, 9, 5, 4];

/// The static vocabularies turned into domain values once, so each person only clones them.
pub(super) struct Vocabulary {
    /// Per region: its zones with their local language.
    pub(super) zones: Vec<Vec<(Tz, Option<Language>)>>,
    /// Per field: its tags.
    pub(super) field_tags: Vec<Vec<Tag>>,
    pub(super) career_tags: Vec<Tag>,
    pub(super) english: Option<Language>,
}

impl Vocabulary {
    pub(super) fn new() -> Self {
        let tags = |words: &[&str]| words.iter().filter_map(|w| tag(w)).collect::<Vec<_>>();
        Vocabulary {
            zones: REGIONS
                .iter()
                .map(|region| {
                    region
                        .zones
                        .iter()
                        .filter_map(|(zone, local)| {
                            let zone = zone.parse::<Tz>().ok()?;
                            Some((zone, local.and_then(tag)))
                        })
                        .collect()
                })
                .collect(),
            field_tags: FIELDS.iter().map(|f| tags(f.tags)).collect(),
            career_tags: tags(CAREER_TAGS),
            english: tag("en"),
        }
    }

    /// How many words failed to become domain values (zero unless the vocabulary is broken).
    #[cfg(test)]
    pub(super) fn rejected_words(&self) -> usize {
        let zones: usize = REGIONS.iter().map(|r| r.zones.len()).sum();
        let parsed: usize = self.zones.iter().map(Vec::len).sum();
        let field_words: usize = FIELDS.iter().map(|f| f.tags.len()).sum();
        let field_tags: usize = self.field_tags.iter().map(Vec::len).sum();
        (zones - parsed)
            + (field_words - field_tags)
            + (CAREER_TAGS.len() - self.career_tags.len())
            + usize::from(self.english.is_none())
    }
}
