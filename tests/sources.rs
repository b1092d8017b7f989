//! Sources in a database of many articles: a claim's source is always one its own
//! article names; generic heads, pronouns and possessives never become corpus-wide
//! names, and organisations that share a head noun stay apart.

mod common;

use std::collections::HashMap;

use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline::analyse;
use claimtrace::store::{ClaimFilter, Database};
use proptest::prelude::*;

/// Sentences a news article is made of; `{P}` is a person, `{O}` an organisation.
const TEMPLATES: &[&str] = &[
    "{P} said on Monday that 45 percent of voters backed the plan.",
    "The researchers reported that 12 percent of the 1,200 patients were undecided.",
    "He said the total reached $100 million in 2016.",
    "{P}'s campaign said it raised $90 million in August.",
    "A {O} poll found that 46 percent of voters backed the bill on Tuesday.",
    "Officials said 300 people were evacuated on 3 July.",
    "According to the {O}, exports fell 12 percent in 2019.",
    "She added that 2,000 jobs were lost in the first quarter.",
    "Researchers at the {O} said on Friday that 30 percent of wells had run dry.",
    "Unemployment fell to 4.2 percent in May, the {O} said.",
];
const PEOPLE: &[&str] = &[
    "Vladimir Putin",
    "Putin",
    "Donald Trump",
    "Trump",
    "Hillary Clinton",
    "Nurlan Aliyev",
    "Ilham Aliyev",
];
const ORGS: &[&str] = &[
    "Bloomberg",
    "Ipsos",
    "ABC",
    "Pew Research Center",
    "Labor Department",
    "Census Bureau",
];

fn article(picks: &[(usize, usize, usize)]) -> String {
    picks
        .iter()
        .map(|&(t, p, o)| {
            TEMPLATES[t % TEMPLATES.len()]
                .replace("{P}", PEOPLE[p % PEOPLE.len()])
                .replace("{O}", ORGS[o % ORGS.len()])
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Ingests the articles into a new database; returns it with each document's text.
fn ingest(articles: &[String]) -> (tempfile::TempDir, Database, HashMap<i64, String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(&dir.path().join("t.db")).unwrap();
    for (i, text) in articles.iter().enumerate() {
        let doc = Document::from_text(format!("a{i}.txt"), text.clone(), Metadata::default());
        db.ingest(&doc, &analyse(&doc)).unwrap();
    }
    let texts = db
        .list_documents(false)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, db.document_text(d.id).unwrap()))
        .collect();
    (dir, db, texts)
}

fn all_claims(db: &Database) -> Vec<claimtrace::store::ClaimRow> {
    db.list_claims(&ClaimFilter::default()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every claim's source name occurs in its own document, however names repeat,
    /// merge and differ across the articles of one database.
    #[test]
    fn every_claims_source_is_named_in_its_own_document(
        docs in prop::collection::vec(
            prop::collection::vec((0usize..10, 0usize..7, 0usize..6), 1..6),
            2..5,
        )
    ) {
        let articles: Vec<String> = docs.iter().map(|d| article(d)).collect();
        let (_dir, db, texts) = ingest(&articles);
        for c in all_claims(&db) {
            if let Some(source) = &c.source {
                let text = &texts[&c.document_id];
                prop_assert!(
                    text.contains(source.as_str()),
                    "claim {:?} of document {} has source {:?}, not in its text", c.text, c.document_id, source
                );
            }
        }
    }
}

#[test]
fn the_researchers_of_one_article_are_not_another_articles_research_centre() {
    let (_dir, db, _) = ingest(&[
        article(&[(8, 0, 3)]),
        "The researchers reported that 12 percent of the 1,200 patients were undecided."
            .to_string(),
    ]);
    let claims = all_claims(&db);
    let second = claims
        .iter()
        .find(|c| c.text.starts_with("The researchers reported"))
        .expect("the researchers' claim");
    assert_eq!(second.source.as_deref(), Some("The researchers"));
    assert_ne!(
        second.source_canonical.as_deref(),
        Some("Researchers at the Pew Research Center")
    );
}

#[test]
fn bloomberg_ipsos_and_abc_polls_are_three_sources() {
    let (_dir, db, _) = ingest(&[
        article(&[(4, 0, 0)]),
        article(&[(4, 0, 1)]),
        article(&[(4, 0, 2)]),
    ]);
    let sources: Vec<String> = all_claims(&db)
        .into_iter()
        .filter_map(|c| c.source_canonical)
        .collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    let mut distinct = sources.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{sources:?}");
}

#[test]
fn donald_trumps_campaign_and_he_are_not_registry_names_or_aliases() {
    let (_dir, db, _) = ingest(&[article(&[(3, 2, 0), (2, 2, 0), (0, 2, 0)])]);
    for s in db.list_sources().unwrap() {
        assert!(
            !s.name.ends_with("'s") && !s.name.ends_with("’s"),
            "possessive kept: {:?}",
            s.name
        );
        for a in &s.aliases {
            assert!(
                !["he", "she", "they", "it"].contains(&a.to_lowercase().as_str()),
                "pronoun alias {a:?} of {:?}",
                s.name
            );
        }
    }
}
