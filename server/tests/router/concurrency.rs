//! Many people at once, on a runtime with several worker threads (as in production).
//! Readers: every public page answers 200 with a full page. (Titles computed lazily once made
//! pages panic under concurrent load, found by the benchmark: "a reactive value that has
//! already been disposed", the connection dropped.) Editors: 50 coordinators saving the same
//! consultation from the same version: exactly one change lands, the others get the conflict.
use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use domain::services::{consultations, revisions};
use domain::types::{EntityType, Role};
use tower::ServiceExt;

pub async fn concurrent_readers_all_get_their_page() {
    let t = common::app().await;
    concurrent_readers_all_get_their_page_in(&t).await;
}

pub async fn fifty_saves_of_one_version_make_one_change() {
    let t = common::app().await;
    fifty_saves_of_one_version_make_one_change_in(&t).await;
}

async fn concurrent_readers_all_get_their_page_in(t: &common::TestApp) {
    let pages = [
        "/",
        "/timeline",
        "/elements",
        "/organisations",
        "/drafts",
        "/scorecard",
        "/scorecard/matrix",
        "/scorecard/gaps",
        "/scorecard/change",
        "/drafts/compare?from=zero-draft&to=agreed-text",
    ];
    let mut tasks = Vec::new();
    for round in 0..30 {
        for page in pages {
            let router = t.router.clone();
            tasks.push(tokio::spawn(async move {
                // A language header of its own per round, so each round renders its pages anew
                // rather than being answered from the cache of public pages.
                let request = Request::builder()
                    .uri(page)
                    .header(header::ACCEPT_LANGUAGE, format!("en-x-r{round}"))
                    .body(Body::empty())
                    .expect("request");
                let response = router.oneshot(request).await.expect("response");
                let status = response.status();
                let body = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
                (round, page, status, String::from_utf8_lossy(&body).contains("</html>"))
            }));
        }
    }
    let mut answered = 0;
    for task in tasks {
        let (round, page, status, complete) = task.await.expect("the request did not panic");
        assert_eq!(status, StatusCode::OK, "round {round}: {page}");
        assert!(complete, "round {round}: {page} is a whole page");
        answered += 1;
    }
    assert_eq!(answered, 300);
}

async fn fifty_saves_of_one_version_make_one_change_in(t: &common::TestApp) {
    const KEY: &str = "stocktaking-puerto-vallarta";
    let before = consultations::get(&t.db, KEY).await.expect("consultation");
    let history = revisions::history(&t.db, EntityType::Consultation, before.summary.id).await.expect("history").len();
    let cookie = common::signed_in(t, "racing@example.org", Role::Coordinator, None).await;
    let mut tasks = Vec::new();
    for n in 0..50 {
        let (router, cookie) = (t.router.clone(), cookie.clone());
        let version = before.version.to_string();
        tasks.push(tokio::spawn(async move {
            let city = format!("City {n}");
            let form = [
                ("version", version.as_str()),
                ("title", "Stocktaking meeting"),
                ("slug", KEY),
                ("kind", "stocktaking"),
                ("starts_on", "2017-12-04"),
                ("ends_on", "2017-12-06"),
                ("precision", "day"),
                ("venue_city", city.as_str()),
                ("venue_country", "Mexico"),
                ("region", "global"),
                ("civil_society_access", "accredited"),
                ("status", "held"),
            ];
            let (status, _, _) =
                common::post(&router, &format!("/consultations/{KEY}/edit"), &form, Some(&cookie)).await;
            (n, status)
        }));
    }
    let mut saved = Vec::new();
    for task in tasks {
        let (n, status) = task.await.expect("the request did not panic");
        match status {
            StatusCode::SEE_OTHER => saved.push(n),
            StatusCode::CONFLICT => {}
            other => panic!("save {n} answered {other}"),
        }
    }
    assert_eq!(saved.len(), 1, "exactly one save lands: {saved:?}");
    let after = consultations::get(&t.db, KEY).await.expect("consultation");
    assert_eq!(after.version, before.version + 1);
    assert_eq!(after.summary.venue_city, format!("City {}", saved[0]), "the landed save is the one stored");
    let now = revisions::history(&t.db, EntityType::Consultation, before.summary.id).await.expect("history").len();
    assert_eq!(now, history + 1, "the history shows exactly one change");
}
