//! Words the generator writes with: a tag vocabulary grouped into coherent fields, goals,
//! needs, bios, check-in note templates, milestone titles and reasons.

/// A field of interest: tags that belong together, so a person's interests make sense.
pub struct Field {
    pub tags: &'static [&'static str],
    pub goals: &'static [&'static str],
    pub role: &'static str,
}

pub const FIELDS: &[Field] = &[
    Field {
        tags: &["rust", "python", "sql", "testing", "open-source"],
        goals: &[
            "Ship a first open-source contribution",
            "Write a small command-line tool end to end",
            "Get comfortable reading a large codebase",
        ],
        role: "Backend engineer",
    },
    Field {
        tags: &[
            "python",
            "data-analysis",
            "machine-learning",
            "sql",
            "statistics",
        ],
        goals: &[
            "Move from spreadsheets to Python notebooks",
            "Build a portfolio project on public data",
            "Prepare for a junior data analyst role",
        ],
        role: "Data scientist",
    },
    Field {
        tags: &["web", "javascript", "ux-design", "accessibility", "testing"],
        goals: &[
            "Build and deploy a personal website",
            "Learn to design accessible interfaces",
            "Land a first front-end internship",
        ],
        role: "Front-end developer",
    },
    Field {
        tags: &["cloud", "devops", "security", "linux", "python"],
        goals: &[
            "Pass an entry-level cloud certification",
            "Automate a deployment pipeline",
            "Understand the basics of securing a service",
        ],
        role: "Site reliability engineer",
    },
    Field {
        tags: &["ux-design", "product-management", "writing", "research"],
        goals: &[
            "Run a first round of user interviews",
            "Switch careers into product design",
            "Write clear product specs",
        ],
        role: "Product designer",
    },
];

/// Tags anyone may add on top of their field: the career side of mentoring.
pub const CAREER_TAGS: &[&str] = &[
    "career",
    "public-speaking",
    "interviewing",
    "leadership",
    "writing",
];

pub const CAREER_GOALS: &[&str] = &[
    "Gain confidence speaking in meetings",
    "Negotiate a first salary offer",
    "Plan the next two years of my career",
];

/// Accessibility and life needs a learner may state.
pub const NEEDS: &[&str] = &[
    "captions on video calls",
    "prefers a written summary after each session",
    "screen reader user; please share documents as text",
    "evenings only because of caring duties",
    "dyslexia: avoid timed exercises",
    "unstable connection; voice or chat preferred over video",
];

pub const BIO_LINES: &[&str] = &[
    "Enjoys helping people find their first role.",
    "Has mentored through three cohorts before.",
    "Came into tech from teaching and likes explaining things twice.",
    "Happy to review code and CVs alike.",
    "Believes small weekly wins beat big plans.",
    "Organises a local meetup.",
];

/// First sentence of a check-in note, by how the session went (falling, steady, rising).
pub const NOTE_OPENINGS_LOW: &[&str] = &[
    "Felt stuck on {topic} this week and we spent the session untangling it.",
    "Energy was low; work and {topic} practice are competing for the same evenings.",
    "The {topic} exercise did not go as planned and confidence took a hit.",
];
pub const NOTE_OPENINGS_STEADY: &[&str] = &[
    "Reviewed the {topic} exercise from last time; most of it clicked.",
    "Spent the session pairing on a small {topic} task.",
    "Went through questions collected during the week, mostly about {topic}.",
];
pub const NOTE_OPENINGS_HIGH: &[&str] = &[
    "Great progress on {topic}: finished the exercise without help.",
    "Presented the {topic} work so far and it was clear and well structured.",
    "Solved a real problem at work using what we covered on {topic}.",
];
/// Second sentence, whatever the mood.
pub const NOTE_FOLLOW_UPS: &[&str] = &[
    "We agreed to keep the next step small.",
    "Shared two articles and a practice repository.",
    "Talked briefly about balancing study with a full-time job.",
    "Next session will start with a short recap.",
    "We adjusted the plan to fit a busy month.",
];
pub const NEXT_STEPS: &[&str] = &[
    "Read the chapter on {topic} and try the exercises",
    "Draft a short write-up of what was learned about {topic}",
    "Finish the open {topic} task and push it for review",
    "Collect questions on {topic} for next time",
];

pub const MILESTONE_TITLES: &[(&str, &str)] = &[
    ("project", "Ship a small {topic} project"),
    ("skill", "Comfortable with {topic} fundamentals"),
    ("badge", "{topic} fundamentals badge"),
    ("endorsement", "Mentor endorsement for {topic}"),
    ("custom", "Give a five-minute lightning talk"),
    ("custom", "Update CV and portfolio"),
];

pub const DROP_REASONS: &[&str] = &[
    "no longer relevant after a job change",
    "replaced by a smaller step",
    "learner chose a different focus",
];

pub const EXCLUSION_REASONS: &[&str] = &[
    "conflict of interest: same team at work",
    "learner asked not to be paired again",
];
