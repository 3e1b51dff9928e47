//! Searching the program's words: check-ins (notes, topics, next steps), coordinator notes,
//! learners' goals and needs, agreements' goals and learners' reflections, through the
//! full-text index the store keeps in step. May use: `domain`, `store`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Desk, DeskError};
use crate::domain::search::{SearchQuery, SnippetPart, snippet_parts};
use crate::domain::{LearnerId, MentorId, PairingId};
use crate::store::{MATCH_END, MATCH_START, SearchRow};

/// Most matches returned for one query (the total is still counted).
pub const MAX_HITS: u32 = 200;

/// Where a match was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SearchKind {
    CheckIn,
    Note,
    Goals,
    Needs,
    Agreement,
    /// A learner's reflection (their own words).
    Reflection,
}

impl SearchKind {
    fn from_store(kind: &str) -> SearchKind {
        match kind {
            "checkin" => SearchKind::CheckIn,
            "note" => SearchKind::Note,
            "goals" => SearchKind::Goals,
            "needs" => SearchKind::Needs,
            "reflection" => SearchKind::Reflection,
            _ => SearchKind::Agreement,
        }
    }

    /// The word both faces show.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::CheckIn => "check-in",
            SearchKind::Note => "note",
            SearchKind::Goals => "goals",
            SearchKind::Needs => "needs",
            SearchKind::Agreement => "agreement",
            SearchKind::Reflection => "reflection",
        }
    }
}

/// One match, with who it is about and the matching words in context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The check-in id, note number, learner id or pairing number it was found in.
    pub key: String,
    /// The pairing to open (for goals and needs: the learner's latest, if any).
    pub pairing: Option<PairingId>,
    pub learner: Option<LearnerId>,
    pub learner_name: Option<String>,
    pub mentor: Option<MentorId>,
    pub mentor_name: Option<String>,
    pub at: Option<DateTime<Utc>>,
    pub snippet: Vec<SnippetPart>,
}

impl SearchHit {
    /// The snippet as plain text with matches between `[` and `]` (for a terminal or a
    /// screen reader).
    pub fn snippet_text(&self) -> String {
        self.snippet
            .iter()
            .map(|p| {
                if p.matched {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResults {
    pub words: Vec<String>,
    /// Every match in the program; `hits` holds the best [`MAX_HITS`].
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

impl Desk {
    /// Finds `raw`'s words (each word or a word it begins, all of them, in any order) across
    /// the whole program, best matches first. An empty or huge query is refused.
    pub fn search(&mut self, raw: &str) -> Result<SearchResults, DeskError> {
        let query = SearchQuery::parse(raw)?;
        self.store.read(|tx| {
            let (rows, total) = tx.search(&query.to_fts5(), MAX_HITS)?;
            let mut hits = Vec::with_capacity(rows.len());
            for SearchRow {
                kind,
                key,
                snippet,
                pairing,
                learner,
                at,
            } in rows
            {
                let paired = match pairing {
                    Some(id) => tx.pairing(id)?,
                    None => None,
                };
                let mentor = paired.as_ref().map(|p| p.mentor.clone());
                let learner_name = match &learner {
                    Some(id) => tx.learner(id)?.map(|l| l.name),
                    None => None,
                };
                let mentor_name = match &mentor {
                    Some(id) => tx.mentor(id)?.map(|m| m.name),
                    None => None,
                };
                hits.push(SearchHit {
                    kind: SearchKind::from_store(&kind),
                    key,
                    pairing,
                    learner,
                    learner_name,
                    mentor,
                    mentor_name,
                    at: at.and_then(|raw| {
                        DateTime::parse_from_rfc3339(&raw)
                            .ok()
                            .map(|t| t.with_timezone(&Utc))
                    }),
                    snippet: snippet_parts(&snippet, MATCH_START, MATCH_END),
                });
            }
            Ok(SearchResults {
                words: query.words().to_vec(),
                total,
                hits,
            })
        })
    }
}
