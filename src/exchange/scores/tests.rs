use super::read::read_stream;
use super::*;
use crate::matching::{CohortProblem, PairScore};

const GOOD_V1: &str = r#"{"format": "mentordesk-scores/1",
    "learners": [{"id": "L1"}, {"id": "L2"}],
    "mentors": [{"id": "M1", "capacity": 1}],
    "pairs": [{"learner": "L1", "mentor": "M1", "score": 900, "mentor_score": 10},
              {"learner": "L2", "mentor": "M1", "score": 1000000}]}"#;

const GOOD_V2: &str = r#"{"format": "mentordesk-scores/2",
    "learners": ["L1", "L2"],
    "mentors": [{"id": "M1", "capacity": 1}],
    "pairs": [[0, 0, 900, 10],
              [1, 0, 1000000]]}"#;

fn written(problem: &CohortProblem) -> Vec<u8> {
    let mut out = Vec::new();
    write_scores(problem, &mut out).unwrap();
    out
}

#[test]
fn both_versions_read_the_same_problem_and_round_trip() {
    let v1 = parse_scores("s.json", GOOD_V1.as_bytes()).unwrap();
    let v2 = parse_scores("s.json", GOOD_V2.as_bytes()).unwrap();
    assert_eq!(v1, v2);
    assert_eq!(v1.pairs.len(), 2);
    assert_eq!(v1.pairs[1].mentor_score, 1_000_000);
    let again = written(&v1);
    let text = String::from_utf8(again.clone()).unwrap();
    assert!(
        text.starts_with("{\"format\":\"mentordesk-scores/2\""),
        "{text}"
    );
    assert!(text.contains("\n[1,0,1000000,1000000]"), "{text}");
    assert_eq!(parse_scores("s.json", &again).unwrap(), v1);
    let streamed = read_scores("s.json", again.as_slice(), again.len() as u64).unwrap();
    assert_eq!(streamed, v1);
}

#[test]
fn ids_that_need_escaping_round_trip() {
    let problem = CohortProblem {
        learners: vec!["a \"quoted\" \\ id".into(), "é\u{1}".into()],
        mentors: vec![("m,1".into(), 2)],
        pairs: vec![PairScore {
            learner: 1,
            mentor: 0,
            score: 3,
            mentor_score: 4,
        }],
    };
    assert_eq!(parse_scores("s.json", &written(&problem)).unwrap(), problem);
}

#[test]
fn pairs_out_of_order_are_read_and_duplicates_found() {
    let shuffled = GOOD_V2.replace(
        "[[0, 0, 900, 10],\n              [1, 0, 1000000]]",
        "[[1, 0, 5], [0, 0, 7]]",
    );
    let problem = parse_scores("s.json", shuffled.as_bytes()).unwrap();
    assert_eq!(problem.pairs[0].learner, 1);
    let twice = GOOD_V2.replace(
        "[[0, 0, 900, 10],\n              [1, 0, 1000000]]",
        "[[1, 0, 5], [0, 0, 7], [1, 0, 9]]",
    );
    let err = parse_scores("s.json", twice.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("L2 / M1 is listed twice"), "{err}");
}

#[test]
fn refuses_bad_files_naming_the_problem() {
    let pairs_v2 = "[[0, 0, 900, 10],\n              [1, 0, 1000000]]";
    let cases = [
        ("{", "line 1"),
        (
            r#"{"format": "x/2", "learners": [], "mentors": [], "pairs": []}"#,
            "format is \"x/2\"",
        ),
        (
            r#"{"learners": [], "format": "mentordesk-scores/2", "mentors": [], "pairs": []}"#,
            "starts with \"format\"",
        ),
        (
            r#"{"format": "mentordesk-scores/2", "pairs": [], "learners": [], "mentors": []}"#,
            "id tables must come first",
        ),
        (
            r#"{"format": "mentordesk-scores/2", "learners": [], "mentors": []}"#,
            "\"pairs\" is missing",
        ),
        (
            &GOOD_V1.replace(r#"{"id": "L2"}"#, r#"{"id": "L1"}"#),
            "listed twice",
        ),
        (&GOOD_V2.replace(r#""L2""#, r#""L1""#), "listed twice"),
        (
            &GOOD_V2.replace(r#""L2""#, r#"" ""#),
            "learners[1] has an empty id",
        ),
        (
            &GOOD_V1.replace("\"capacity\": 1", "\"capacity\": -1"),
            "capacity -1",
        ),
        (
            &GOOD_V1.replace(
                "\"mentor\": \"M1\", \"score\": 900",
                "\"mentor\": \"M9\", \"score\": 900",
            ),
            "mentor \"M9\"",
        ),
        (&GOOD_V1.replace("1000000", "1000001"), "score 1000001"),
        (
            &GOOD_V1.replace("\"score\": 900", "\"score\": -5"),
            "score -5",
        ),
        (&GOOD_V2.replace("1000000", "1000001"), "score 1000001"),
        (&GOOD_V2.replace(pairs_v2, "[[2, 0, 1]]"), "learner index 2"),
        (
            &GOOD_V2.replace(pairs_v2, "[[0, -1, 1]]"),
            "mentor index -1",
        ),
        (&GOOD_V2.replace(pairs_v2, "[[0, 0]]"), "pairs[0] is not"),
        (
            &GOOD_V2.replace(pairs_v2, "[[0, 0, 1, 2, 3]]"),
            "pairs[0] is not",
        ),
        (
            &GOOD_V2.replace(pairs_v2, "[[0, 0, 1], [0, 0, 2]]"),
            "listed twice",
        ),
        (
            &GOOD_V2.replace("\"pairs\"", "\"extra\": 1, \"pairs\""),
            "unknown field",
        ),
    ];
    for (text, needle) in cases {
        let err = parse_scores("s.json", text.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s.json"), "{err}");
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

#[test]
fn a_wrong_tag_is_refused_before_the_rest_is_read() {
    // The rest is not even JSON: reading stops at the tag.
    let text = r#"{"format": "mentordesk-scores/9", "learners": [oops"#;
    let err = parse_scores("s.json", text.as_bytes()).unwrap_err();
    assert!(matches!(err, ScoresError::Format { .. }), "{err}");
    assert!(err.is_user_error());
}

/// A reader that fails once anything past `ok` is asked for.
struct FailsAfter<'a> {
    ok: &'a [u8],
}

impl std::io::Read for FailsAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.ok.is_empty() {
            return Err(std::io::Error::other("read past the head"));
        }
        let n = buf.len().min(self.ok.len());
        buf[..n].copy_from_slice(&self.ok[..n]);
        self.ok = &self.ok[n..];
        Ok(n)
    }
}

#[test]
fn a_long_file_with_a_wrong_tag_is_refused_from_its_head_alone() {
    // 20 KB announced; the reader fails past the first 8 KiB, so reaching the refusal
    // proves the rest was never read.
    let mut head = br#"{"format": "mentordesk-scores/9", "learners": ["#.to_vec();
    head.resize(8 * 1024, b' ');
    let err = read_scores("s.json", FailsAfter { ok: &head }, 20_000).unwrap_err();
    assert!(matches!(err, ScoresError::Format { .. }), "{err}");
}

#[test]
fn long_files_read_whole_streamed_or_longer_than_announced_agree() {
    let problem = crate::matching::synthetic::problem(60, 20, 500, 3);
    let bytes = written(&problem);
    assert!(bytes.len() > 8 * 1024, "{}", bytes.len());
    let length = bytes.len() as u64;
    assert_eq!(
        read_scores("s.json", bytes.as_slice(), length).unwrap(),
        problem
    );
    assert_eq!(
        read_stream("s.json", bytes.as_slice(), length).unwrap(),
        problem
    );
    // The metadata said less than the file holds (it grew): still read in full.
    assert_eq!(
        read_scores("s.json", bytes.as_slice(), length - 100).unwrap(),
        problem
    );
    // A damaged long file names the line, as the stream did.
    let mut damaged = bytes.clone();
    let at = damaged.len() - 40;
    damaged[at] = b'x';
    let err = read_scores("s.json", damaged.as_slice(), length).unwrap_err();
    let streamed = read_stream("s.json", damaged.as_slice(), length).unwrap_err();
    assert_eq!(err.to_string(), streamed.to_string());
    assert!(matches!(err, ScoresError::Json { .. }), "{err}");
}
