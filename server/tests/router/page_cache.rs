//! The cache of public pages, through the real router and database: anonymous readers get
//! the kept bytes (gzipped, with an ETag, 304 when unchanged); a change made through the
//! product is visible on the next request, one made by another process within milliseconds;
//! a change forgets the pages that show it and no others; signed-in readers never get a kept
//! page; languages are kept apart.
use crate::common;

use crate::common::{get, post, signed_in, TestApp};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use domain::audit::{Actor, Audit};
use domain::entities::{comment, user};
use domain::services::{comments, consultations};
use domain::types::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use tower::ServiceExt;

const CONSULTATION: &str = "/consultations/stocktaking-puerto-vallarta";
const POSITION: &str = "coalition-faq-2017-asks";

async fn request(t: &TestApp, uri: &str, headers: &[(header::HeaderName, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::builder().uri(uri);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    let response = t.router.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    (status, headers, bytes.to_vec())
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// Changes a row behind the application's back: nothing announces it, so a kept page that
/// shows it keeps the old text until a change announced through the product touches it.
async fn behind_its_back(t: &TestApp, sql: &str) {
    t.db.execute_raw(Statement::from_string(t.db.get_database_backend(), sql.to_string())).await.expect("update");
}

async fn rename_silently(t: &TestApp, title: &str) {
    behind_its_back(
        t,
        &format!("UPDATE consultations SET title = '{title}' WHERE slug = 'stocktaking-puerto-vallarta'"),
    )
    .await;
}

/// Fetches `uri` anonymously until its page contains `text` (a change another process made
/// reaches this instance through the database within milliseconds); how long it took.
async fn until_seen(t: &TestApp, uri: &str, text: &str) -> std::time::Duration {
    let started = std::time::Instant::now();
    loop {
        let (_, _, page) = get(&t.router, uri, None).await;
        if page.contains(text) {
            return started.elapsed();
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{uri} never showed {text:?}");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

pub async fn public_pages_are_kept_until_a_change_touches_them() {
    let t = common::app().await;
    // pages are kept once the instance listens for the changes others commit (at once on
    // start): until then each request renders its own
    let started = std::time::Instant::now();
    loop {
        let (_, first, _) = request(&t, CONSULTATION, &[]).await;
        let (_, second, _) = request(&t, CONSULTATION, &[]).await;
        if header_of(&first, header::ETAG) == header_of(&second, header::ETAG) {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "pages are never kept");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }

    // An anonymous page: gzipped when asked, with an ETag; the same ETag comes back as a 304.
    let (status, headers, gz) = request(&t, CONSULTATION, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "public, no-cache");
    let etag = header_of(&headers, header::ETAG).to_string();
    assert!(etag.starts_with('"') && etag.len() > 10, "an ETag: {etag}");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain).expect("gzip");
    let (_, _, unzipped) = request(&t, CONSULTATION, &[]).await;
    assert!(plain == unzipped, "the gzipped and the plain bytes are the same page");
    let (status, _, body) = request(&t, CONSULTATION, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());

    // The page is kept: a change made behind the application's back (no revision) is not seen...
    rename_silently(&t, "Renamed behind its back").await;
    let (_, _, page) = get(&t.router, CONSULTATION, None).await;
    assert!(!page.contains("Renamed behind its back"), "served from the cache");
    // ...by anonymous readers; a signed-in reader gets the page rendered for them, marked private.
    let coordinator = signed_in(&t, "coordinator@example.org", Role::Coordinator, None).await;
    let (_, headers, page) = get(&t.router, CONSULTATION, Some(&coordinator)).await;
    assert!(page.contains("Renamed behind its back"));
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "private, no-cache");
    assert!(headers.get(header::ETAG).is_none());

    // A coordinator's edit made by another process (the domain called directly, as another
    // instance would) reaches this one through the database within milliseconds.
    let (id, version, mut input) = consultations::input_of(&t.db, "stocktaking-puerto-vallarta").await.expect("input");
    input.title = "Stocktaking meeting, edited".into();
    let by = Audit::now(Actor::Coordinator { user_id: user_id(&t, "coordinator@example.org").await });
    consultations::update(&t.db, &by, id, version, input).await.expect("edit");
    let took = until_seen(&t, CONSULTATION, "Stocktaking meeting, edited").await;
    assert!(took < std::time::Duration::from_millis(1_000), "seen after {took:?}");
    let (_, headers, _) = get(&t.router, CONSULTATION, None).await;
    assert_ne!(header_of(&headers, header::ETAG), etag, "a new page, a new ETag");
    let (status, _, _) = request(&t, CONSULTATION, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::OK, "the old ETag no longer matches");

    // A member's comment (no revision) and its edit are visible at once on the position's page.
    let position = format!("/positions/{POSITION}");
    let (_, _, before) = get(&t.router, &position, None).await;
    assert!(!before.contains("Seen by the public at once"));
    let orgs = domain::services::organisations::list(&t.db).await.expect("organisations");
    let member = signed_in(&t, "member@example.org", Role::Member, Some(&orgs[0].slug)).await;
    let form = [("body", "Seen by the public at once")];
    let (status, _, _) = post(&t.router, &format!("{position}/comments"), &form, Some(&member)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, after) = get(&t.router, &position, None).await;
    assert!(after.contains("Seen by the public at once"));
    let comment = comment::Entity::find()
        .filter(comment::Column::Body.eq("Seen by the public at once"))
        .one(&t.db)
        .await
        .expect("db")
        .expect("the comment");
    let author = Audit::now(Actor::Member { user_id: comment.author_id.expect("author"), organisation_id: None });
    comments::edit(&t.db, &author, comment.id, comment.version, "Edited, and seen at once").await.expect("edit");
    until_seen(&t, &position, "Edited, and seen at once").await;

    // Languages are kept apart; the API and the feeds are kept too, with their own types.
    let (_, _, french) = request(&t, "/timeline", &[(header::COOKIE, "i18n_pref_locale=fr")]).await;
    let (_, _, english) = request(&t, "/timeline", &[]).await;
    assert!(String::from_utf8_lossy(&french).contains("lang=\"fr\""));
    assert!(String::from_utf8_lossy(&english).contains("lang=\"en\""));
    for (uri, kind) in [
        ("/api/v1/scorecard/overview", "application/json"),
        ("/api/v1/scorecard/overview?format=csv", "text/csv"),
        ("/feed.atom", "application/atom+xml"),
        ("/calendar.ics", "text/calendar"),
    ] {
        let (status, headers, _) = request(&t, uri, &[]).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(header_of(&headers, header::CONTENT_TYPE).starts_with(kind), "{uri}");
        let etag = header_of(&headers, header::ETAG).to_string();
        assert!(!etag.is_empty(), "{uri} has an ETag");
        let (status, _, _) = request(&t, uri, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{uri}");
    }

    // Precise: a comment forgets its position's page and not the scorecard or the timeline; a
    // rating forgets its draft's scorecard and not the timeline.
    let silent_label = "Final text, renamed behind its back";
    let (_, _, scorecard) = get(&t.router, "/scorecard", None).await;
    let (_, _, timeline) = get(&t.router, "/timeline", None).await;
    assert!(!scorecard.contains(silent_label) && timeline.contains("Stocktaking meeting, edited"));
    behind_its_back(&t, &format!("UPDATE drafts SET label = '{silent_label}' WHERE slug = 'agreed-text'")).await;
    rename_silently(&t, "Timeline renamed behind its back").await;
    let form = [("body", "A second comment")];
    let (status, _, _) = post(&t.router, &format!("{position}/comments"), &form, Some(&member)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(get(&t.router, &position, None).await.2.contains("A second comment"), "its page, at once");
    assert!(!get(&t.router, "/scorecard", None).await.2.contains(silent_label), "the scorecard was kept");
    assert!(!get(&t.router, "/timeline", None).await.2.contains("Timeline renamed"), "the timeline was kept");
    let system = Audit::now(Actor::System);
    let work = domain::services::assessments::worklist(&t.db, &system, "agreed-text", &pending()).await.expect("work");
    let demand = work.items.items.first().expect("a demand to rate").demand.slug.clone();
    let section = work.sections.iter().find_map(|s| s.key.clone()).expect("a section");
    rate_first_time(&t, &coordinator, &demand, &section, "met").await;
    assert!(get(&t.router, "/scorecard", None).await.2.contains(silent_label), "the draft's scorecard, at once");
    assert!(!get(&t.router, "/timeline", None).await.2.contains("Timeline renamed"), "the timeline was kept");

    // A page of the matrix depends on the organisations it lists: a second rating (not the
    // day's first, which would move every scorecard's "as of") re-renders the page listing
    // its signatory, and leaves a page of other organisations kept.
    let work = domain::services::assessments::worklist(&t.db, &system, "agreed-text", &pending()).await.expect("work");
    let item = work.items.items.first().expect("another demand to rate");
    let (demand, signers) =
        (item.demand.slug.clone(), item.organisations.iter().map(|o| o.slug.clone()).collect::<Vec<_>>());
    let lists = |page: &str, slugs: &[String]| slugs.iter().any(|s| page.contains(&format!("/organisations/{s}\"")));
    let (mut with, mut without) = (None, None);
    for region in domain::types::Region::all() {
        let uri = format!("/scorecard/matrix?draft=agreed-text&region={region}");
        let (status, _, page) = get(&t.router, &uri, None).await;
        if status != StatusCode::OK || !page.contains("/organisations/") {
            continue;
        }
        if lists(&page, &signers) {
            with.get_or_insert(uri);
        } else {
            without.get_or_insert(uri);
        }
    }
    let (with, without) = (with.expect("a matrix page listing a signatory"), without.expect("one listing none"));
    let relabelled = "Final text, relabelled behind its back";
    behind_its_back(&t, &format!("UPDATE drafts SET label = '{relabelled}' WHERE slug = 'agreed-text'")).await;
    rate_first_time(&t, &coordinator, &demand, &section, "partly_met").await;
    assert!(get(&t.router, &with, None).await.2.contains(relabelled), "{with} lists a signatory: rendered again");
    assert!(!get(&t.router, &without, None).await.2.contains(relabelled), "{without} lists none: kept");
    let (_, headers, _) = request(&t, "/api/v1/scorecard/matrix?draft=agreed-text", &[]).await;
    assert!(headers.get("x-page-topics").is_none(), "what a page lists stays between the page and its cache");

    // Errors are not kept: an unknown page stays a 404 without an ETag.
    let (status, headers, _) = request(&t, "/consultations/no-such-thing", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers.get(header::ETAG).is_none());
}

/// A coordinator's first rating of `demand` on the agreed text, through its form.
async fn rate_first_time(t: &TestApp, coordinator: &str, demand: &str, section: &str, rating: &str) {
    let form = [
        ("rating", rating),
        ("section", section),
        ("quote", "a few words"),
        ("source_url", "https://example.org/wording"),
        ("version", "0"),
        ("demand", demand),
    ];
    let (status, _, body) =
        post(&t.router, &format!("/drafts/agreed-text/assess/{demand}"), &form, Some(coordinator)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
}

fn pending() -> domain::types::ScorecardFilter {
    domain::types::ScorecardFilter { page: 1, pending_only: true, ..Default::default() }
}

async fn user_id(t: &TestApp, email: &str) -> i32 {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&t.db).await.expect("db").expect("account").id
}
