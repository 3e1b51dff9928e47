//! Introductions from the command line: text and an RFC 5322 draft, written 0600 and whole;
//! proposals, closed pairings and unknown addresses refused with exit code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;

#[test]
fn an_introduction_names_both_the_agreement_and_the_shared_times() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    let text = desk.ok(&["intro", &pairing]);
    assert!(text.starts_with("To: "), "{text}");
    assert!(text.contains("valentina.restrepo@example.org"), "{text}");
    assert!(text.contains("every 7 days"), "{text}");
    assert!(text.contains("Times you share this week"), "{text}");
    assert!(
        text.contains("A suggested agenda for your first session"),
        "{text}"
    );
    assert!(text.contains(&format!("(pairing {pairing})")), "{text}");
    assert!(!text.contains('{'), "every placeholder filled: {text}");

    let eml = desk.dir.path().join("intro.eml");
    let out = desk.ok(&[
        "intro",
        &pairing,
        "--format",
        "eml",
        "-o",
        eml.to_str().unwrap(),
    ]);
    assert!(out.contains("wrote the introduction"), "{out}");
    let bytes = std::fs::read_to_string(&eml).unwrap();
    let (head, body) = bytes.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("X-Unsent: 1"), "{head}");
    // Non-ASCII names are encoded words (RFC 2047): Lucía's subject is `=?utf-8?Q?…?=`.
    assert!(
        head.contains("\r\nSubject: =?utf-8?Q?Introducing_Valentina_and_Luc=C3=ADa"),
        "{head}"
    );
    let to = head.split("\r\nSubject").next().unwrap();
    assert!(
        to.starts_with("To: ")
            && to.contains("valentina.restrepo@example.org")
            && to.matches('@').count() == 2,
        "{to}"
    );
    assert!(head.contains("Content-Type: text/plain"), "{head}");
    assert!(body.contains("Hello Valentina"), "{body}");
    assert!(
        bytes.lines().all(|l| l.len() <= 998),
        "RFC 5322 line length"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&eml).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn an_unknown_address_keeps_the_draft_to_text_and_says_which() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    desk.ok(&["person", "set", &paired.mentor, "email", ""]);
    let pairing = paired.pairing.to_string();
    let eml = desk.dir.path().join("intro.eml");
    let err = desk.refused(&[
        "intro",
        &pairing,
        "--format",
        "eml",
        "-o",
        eml.to_str().unwrap(),
    ]);
    assert!(
        err.contains(&format!("the mentor's e-mail ({}", paired.mentor)),
        "{err}"
    );
    assert!(!eml.exists(), "nothing written");
    let text = desk.ok(&["intro", &pairing]);
    assert!(
        text.contains("<e-mail unknown>") && text.contains("Note: the mentor's e-mail"),
        "{text}"
    );
}

#[test]
fn proposals_and_closed_pairings_are_not_introduced() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    desk.ok(&["plan", "--save"]);
    let proposals = desk.json(&["pairings", "--status", "proposed", "--json"]);
    let proposal = proposals[0]["id"].as_i64().unwrap().to_string();
    let err = desk.refused(&["intro", &proposal]);
    assert!(
        err.contains("is only a proposal; approve it before introducing"),
        "{err}"
    );
    let pairing = paired.pairing.to_string();
    desk.ok(&["end", &pairing, "--reason", "mismatch"]);
    let err = desk.refused(&["intro", &pairing]);
    assert!(err.contains("is ended; only a pairing under way"), "{err}");
    let err = desk.refused(&["intro", "9999"]);
    assert!(err.contains("no pairing with id \"9999\""), "{err}");
}
