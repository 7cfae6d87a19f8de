//! Who may read what, everywhere: a member's draft position (with a demand) and a hidden
//! comment are planted with unique words, then the whole site is crawled as the public, as a
//! member of another organisation, as a member of the drafting organisation and as a
//! coordinator: every page reachable by links (downloads and feeds included) and every JSON API
//! endpoint, also asked for the draft by its address. The words may appear only to those
//! allowed to read them, and must appear to them (so the crawl can fail). No address may
//! answer 500.
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::http::StatusCode;
use domain::audit::{Actor, Audit};
use domain::entities::user;
use domain::services::comment_limit::CommentLimit;
use domain::services::comments::{self, NewComment};
use domain::services::{demands, position_editing};
use domain::types::{DateSpan, DemandFields, ElementLetter, PositionFields, Role, Stance};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::{self, get, signed_in, TestApp};

const DRAFT: &str = "picum-secret-draft";
const DRAFT_DEMAND: &str = "picum-secret-draft-1";
const DRAFT_WORDS: [&str; 3] = ["Quillfeather", "Marrowlight", "Tidewhistle"];
const HIDDEN_WORD: &str = "Emberfrost";
const PUBLISHED: &str = "coalition-faq-2017-asks";
/// Pages per viewer at most: one address per path (query strings aside), which covers every
/// kind of page of the built-in record.
const MOST_PAGES: usize = 2_000;

async fn actor(t: &TestApp, email: &str) -> Actor {
    let u = user::Entity::find().filter(user::Column::Email.eq(email)).one(&t.db).await.expect("q").expect("user");
    match u.organisation_id {
        Some(_) => Actor::Member { user_id: u.id, organisation_id: u.organisation_id },
        None => Actor::Coordinator { user_id: u.id },
    }
}

async fn plant(t: &TestApp) {
    let own = Audit::now(actor(t, "own@example.org").await);
    let fields = PositionFields {
        slug: DRAFT.into(),
        title: format!("{} position", DRAFT_WORDS[0]),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: format!("Still argued over: {}.", DRAFT_WORDS[1]),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    let position = position_editing::create_unpublished(&t.db, &own, "picum", fields).await.expect("draft position");
    let demand = DemandFields {
        slug: DRAFT_DEMAND.into(),
        text: format!("Firewalls, {}.", DRAFT_WORDS[2]),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(&t.db, &own, &position, demand).await.expect("draft demand");
    let new = NewComment {
        position_slug: PUBLISHED.into(),
        demand_slug: None,
        parent_id: None,
        body: format!("Off topic: {HIDDEN_WORD}."),
    };
    let id = comments::post(&t.db, &own, CommentLimit::DEFAULT, new).await.expect("comment");
    let coordinator = Audit::now(actor(t, "coordinator@example.org").await);
    comments::hide(&t.db, &coordinator, id, "off topic").await.expect("hidden");
}

/// Same-site links of a page, without fragments; `&amp;` read as `&`.
fn links(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in page.split("href=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        let href = part[..end].replace("&amp;", "&");
        let href = href.split('#').next().unwrap_or_default().to_string();
        if href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/pkg/") && !href.starts_with("/lang/")
        {
            found.push(href);
        }
    }
    found
}

/// Every address reached from the home page and `seeds` by following links, and its body.
pub async fn crawl(t: &TestApp, cookie: Option<&str>, seeds: &[String]) -> BTreeMap<String, String> {
    let mut queue: VecDeque<String> = seeds.iter().cloned().collect();
    queue.push_front("/".to_string());
    let mut paths_seen = BTreeSet::new();
    let mut pages = BTreeMap::new();
    while let Some(uri) = queue.pop_front() {
        if pages.contains_key(&uri) || pages.len() >= MOST_PAGES {
            continue;
        }
        let (status, headers, body) = get(&t.router, &uri, cookie).await;
        assert!(!status.is_server_error(), "{uri} answered {status}");
        let html = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").starts_with("text/html");
        if html && status == StatusCode::OK {
            for link in links(&body) {
                let path = link.split('?').next().unwrap_or_default().to_string();
                if paths_seen.insert(path) {
                    queue.push_back(link);
                }
            }
        }
        pages.insert(uri, body);
    }
    pages
}

pub async fn drafts_and_hidden_comments_stay_private_everywhere() {
    let t = common::app().await;
    let own = signed_in(&t, "own@example.org", Role::Member, Some("picum")).await;
    let other = signed_in(&t, "other@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator = signed_in(&t, "coordinator@example.org", Role::Coordinator, None).await;
    plant(&t).await;
    let mut seeds: Vec<String> = [
        "/api/v1/timeline",
        "/api/v1/consultations",
        "/api/v1/elements",
        "/api/v1/elements/i",
        "/api/v1/organisations",
        "/api/v1/organisations/picum",
        "/api/v1/positions",
        "/api/v1/positions?organisation=picum",
        "/api/v1/demands",
        "/api/v1/demands?element=i",
        "/api/v1/drafts",
        "/api/v1/assessments",
        "/api/v1/scorecard/overview",
        "/api/v1/scorecard/matrix",
        "/api/v1/scorecard/demands",
        "/api/v1/scorecard/change",
        "/api/v1/scorecard/gaps",
        "/feed.atom",
        "/calendar.ics",
        "/elements/i",
        "/organisations/picum",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for path in ["/positions/", "/api/v1/positions/"] {
        seeds.push(format!("{path}{DRAFT}"));
    }
    seeds.push(format!("/api/v1/demands/{DRAFT_DEMAND}"));
    seeds.push(format!("/positions/{PUBLISHED}"));
    // The search, by words around the secret ones: its passages would show them.
    for q in ["argued", "firewalls", "topic", "position"] {
        seeds.push(format!("/search?q={q}"));
        seeds.push(format!("/api/v1/search?q={q}"));
    }
    let viewers = [
        ("the public", None, false, false),
        ("a member of another organisation", Some(other.as_str()), false, false),
        ("a member of the drafting organisation", Some(own.as_str()), true, false),
        ("a coordinator", Some(coordinator.as_str()), true, true),
    ];
    for (who, cookie, reads_draft, reads_hidden) in viewers {
        let pages = crawl(&t, cookie, &seeds).await;
        assert!(pages.len() > 100, "{who}: the crawl reached {} addresses", pages.len());
        let containing = |word: &str| -> Vec<&String> {
            pages.iter().filter(|(_, body)| body.contains(word)).map(|(uri, _)| uri).collect()
        };
        for word in DRAFT_WORDS {
            let hits = containing(word);
            if reads_draft {
                assert!(hits.contains(&&format!("/positions/{DRAFT}")), "{who} reads the draft's page ({word})");
            } else {
                assert!(hits.is_empty(), "{who} must not read the draft ({word}) but does at {hits:?}");
            }
        }
        let hits = containing(HIDDEN_WORD);
        if reads_hidden {
            assert!(!hits.is_empty(), "{who} reads the hidden comment, to moderate it");
        } else {
            assert!(hits.is_empty(), "{who} must not read the hidden comment but does at {hits:?}");
        }
        println!("{who}: {} addresses crawled", pages.len());
    }
}
