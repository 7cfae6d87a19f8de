//! Hostile input through the real router: SQL metacharacters, Unicode edge cases and malformed
//! values in the query parameters of every page and API endpoint and in every path parameter,
//! oversized bodies on every state-changing endpoint, and Unicode text round-tripped through a
//! comment. Nothing may answer 500; malformed values get 400 with the field and the reason.
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use domain::types::Role;
use server::actions::Action;
use strum::IntoEnumIterator;
use tower::ServiceExt;

use crate::common::{self, get, post, signed_in, TestApp, HOST, ORIGIN};
use crate::reading::crawl;

/// Values tried in every parameter, percent-encoded as a browser would send them.
fn payloads() -> Vec<String> {
    let long_word = "w".repeat(10_000);
    [
        "' OR '1'='1",
        "1; DROP TABLE comments; --",
        "\" onmouseover=\"alert(1)",
        "<script>alert(1)</script>",
        "%00",
        "\u{202E}gnp.exe",
        "e\u{301}\u{301}\u{301}\u{301}",
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        "\u{FEFF}\u{200B}",
        long_word.as_str(),
        "2018-13-45",
        "-1",
        "99999999999999999999999",
        "NaN",
        "../../etc/passwd",
    ]
    .iter()
    .map(|v| v.to_string())
    .collect()
}

/// Percent-encodes everything but unreserved characters.
fn url_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every query parameter a page or endpoint reads.
const PARAMETERS: &[&str] = &[
    "page",
    "per_page",
    "region",
    "kind",
    "status",
    "element",
    "draft",
    "as_of",
    "from",
    "to",
    "show",
    "section",
    "rating",
    "organisation",
    "demand",
    "letter",
    "q",
    "format",
    "next",
    "key",
    "stance",
    "sort",
];

pub async fn malformed_values_get_400_with_the_reason() {
    let t = common::app().await;
    malformed_values_get_400_with_the_reason_in(&t).await;
}

pub async fn every_parameter_of_every_address_answers_without_a_server_error() {
    let t = common::app().await;
    let requests = every_parameter_of_every_address_in(&t).await;
    println!("hostile input: {requests} requests with {} payloads", payloads().len());
}

pub async fn oversized_bodies_get_413() {
    let t = common::app().await;
    let oversized = oversized_bodies_get_413_in(&t).await;
    println!("hostile input: {oversized} oversized bodies");
}

pub async fn unicode_round_trips_through_a_comment() {
    let t = common::app().await;
    unicode_round_trips_through_a_comment_in(&t).await;
}

pub async fn markup_in_a_title_stays_text() {
    let t = common::app().await;
    markup_in_a_title_stays_text_in(&t).await;
}

async fn malformed_values_get_400_with_the_reason_in(t: &TestApp) {
    for (uri, field) in [
        ("/?as_of=2018-13-45", "as_of"),
        ("/elements/i?page=abc", "page"),
        ("/elements/i?page=-1", "page"),
        ("/elements/i?page=99999999999999999999", "page"),
        ("/scorecard/matrix?page=abc", "page"),
        ("/timeline?kind=nope", "kind"),
        ("/timeline?region=%27%20OR%201%3D1", "region"),
        ("/scorecard?element=%F0%9F%8F%B3", "element"),
        ("/api/v1/consultations?from=2018-13-45", "from"),
        ("/api/v1/organisations?page=0", "page"),
    ] {
        let (status, _, body) = get(&t.router, uri, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains(field), "{uri}: the answer names the field {field}");
    }
}

/// Every address a reader can reach (pages, downloads, feeds, API), with every parameter set
/// to each payload; and each payload as a path parameter. Returns the number of requests.
async fn every_parameter_of_every_address_in(t: &TestApp) -> usize {
    let seeds: Vec<String> = ["/api/v1/consultations", "/api/v1/organisations", "/api/v1/positions", "/api/v1/demands"]
        .iter()
        .map(|s| s.to_string())
        .chain(["/api/v1/assessments", "/api/v1/scorecard/overview", "/api/v1/scorecard/gaps"].map(String::from))
        .chain(["/feed.atom", "/calendar.ics", "/api/v1/drafts", "/api/v1/elements/i"].map(String::from))
        .collect();
    let pages = crawl(t, None, &seeds).await;
    let mut paths: Vec<String> = pages.keys().map(|u| u.split('?').next().unwrap_or_default().to_string()).collect();
    paths.sort();
    paths.dedup();
    let mut requests = 0;
    for value in payloads() {
        let encoded = url_escape(&value);
        // Every parameter at once; a long value in a few at a time (an address has a limit).
        let per_request = if encoded.len() > 1_000 { 4 } else { PARAMETERS.len() };
        for names in PARAMETERS.chunks(per_request) {
            let query: Vec<String> = names.iter().map(|p| format!("{p}={encoded}")).collect();
            let query = query.join("&");
            for path in &paths {
                let uri = format!("{path}?{query}");
                let (status, _, _) = get(&t.router, &uri, None).await;
                assert!(!status.is_server_error(), "{status} for {path} with {value:?}");
                requests += 1;
            }
        }
        for prefix in [
            "/organisations/",
            "/positions/",
            "/consultations/",
            "/elements/",
            "/drafts/",
            "/phases/",
            "/api/v1/organisations/",
            "/api/v1/positions/",
            "/api/v1/demands/",
            "/api/v1/consultations/",
            "/api/v1/elements/",
            "/api/v1/drafts/",
        ] {
            let uri = format!("{prefix}{encoded}");
            let (status, _, _) = get(&t.router, &uri, None).await;
            assert!(
                status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST,
                "{status} for {prefix} with {value:?}"
            );
            requests += 1;
        }
    }
    requests
}

/// Each state-changing endpoint, sent a body one byte over its limit: 413 before any handler.
async fn oversized_bodies_get_413_in(t: &TestApp) -> usize {
    let cookie = signed_in(t, "big@example.org", Role::Coordinator, None).await;
    let mut sent = 0;
    for action in Action::iter() {
        let path = action.path().replace("{slug}", "x").replace("{id}", "1").replace("{key}", "x");
        let path = path.replace("{demand}", "x").replace("{token}", "x");
        let body = vec![b'a'; action.body_limit() + 1];
        let req = Request::builder()
            .method("POST")
            .uri(&path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .expect("request");
        let response = t.router.clone().oneshot(req).await.expect("response");
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{action:?} at {path}");
        sent += 1;
    }
    sent
}

async fn unicode_round_trips_through_a_comment_in(t: &TestApp) {
    const POSITION: &str = "coalition-faq-2017-asks";
    let cookie = signed_in(t, "unicode@example.org", Role::Member, Some("picum")).await;
    let word = "\u{5D0}".repeat(4_000);
    let body = format!(
        "\u{627}\u{644}\u{647}\u{62C}\u{631}\u{629} \u{202E}reversed\u{202C} e\u{301}\u{301} \
         \u{1F3F3}\u{FE0F}\u{200D}\u{1F308} {word}"
    );
    let uri = format!("/positions/{POSITION}/comments");
    let (status, _, _) = post(&t.router, &uri, &[("form_id", "general"), ("body", &body)], Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "right-to-left text, combining marks, emoji and a long word");
    let (_, _, page) = get(&t.router, &format!("/positions/{POSITION}"), None).await;
    for part in ["\u{627}\u{644}\u{647}\u{62C}\u{631}\u{629}", "e\u{301}\u{301}", "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"]
    {
        assert!(page.contains(part), "{part:?} is shown as written");
    }
    assert!(page.contains(&word), "the 4,000-letter word is shown whole");
    // A NUL character (which PostgreSQL cannot store) is refused, not a 500.
    let (status, _, _) = post(&t.router, &uri, &[("form_id", "general"), ("body", "a\0b")], Some(&cookie)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a NUL in a form");
    // A 10,000-character word is over the limit: refused with the reason, the text kept.
    let long = "w".repeat(10_000);
    let (status, _, page) = post(&t.router, &uri, &[("form_id", "general"), ("body", &long)], Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("5000"), "the limit is named");
    assert!(page.contains(&long), "what was typed is kept");
}

/// A position's title ends up in the page's `<title>`, which Leptos writes unescaped: a title
/// holding `</title><script>` must stay text there (it ran, before the XSS tests found it).
async fn markup_in_a_title_stays_text_in(t: &TestApp) {
    use domain::audit::{Actor, Audit};
    use domain::types::{DateSpan, PositionFields};
    let cookie = signed_in(t, "titles@example.org", Role::Member, Some("picum")).await;
    let system = Audit::now(Actor::System);
    let user = domain::services::users::list(&t.db, &system)
        .await
        .expect("accounts")
        .into_iter()
        .find(|u| u.email == "titles@example.org")
        .expect("the member");
    let actor = Actor::Member { user_id: user.id, organisation_id: user.organisation_id };
    let fields = PositionFields {
        slug: "picum-title-test".into(),
        title: "A </title><script>alert(1)</script> & </textarea><b>bold</b>".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: String::new(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    domain::services::position_editing::create_unpublished(&t.db, &Audit::now(actor), "picum", fields)
        .await
        .expect("a draft position");
    for uri in ["/positions/picum-title-test", "/positions/picum-title-test/edit"] {
        let (status, _, page) = get(&t.router, uri, Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!page.contains("<script>alert(1)"), "{uri}: the title's markup stays text");
        let title = page.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
        assert!(
            title.contains("A &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/textarea&gt;"),
            "{uri}: the title is escaped in <title>: {title}"
        );
    }
}

/// A request stuck behind a stalled database (a transaction holding the write turn on SQLite,
/// a table lock on PostgreSQL) is answered 503 with the usual page when its time runs out,
/// writes nothing, and the same request succeeds once the database moves again.
pub async fn a_stalled_database_cannot_hold_a_request_forever() {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    use std::time::{Duration, Instant};

    let t = common::app().await;
    let member = signed_in(&t, "patient-member@example.org", Role::Member, Some("picum")).await;
    let settings = server::config::Settings {
        public_url: ORIGIN.to_string(),
        request_timeout: Duration::from_secs(2),
        ..server::config::Settings::local("127.0.0.1:0".parse().expect("addr"))
    };
    let router = common::router_with(&t, settings);
    let uri = "/positions/coalition-faq-2017-asks/comments";
    let body = "Written while the database was stalled.";
    let count = |db: sea_orm::DatabaseConnection| async move {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        domain::entities::comment::Entity::find()
            .filter(domain::entities::comment::Column::Body.eq(body))
            .count(&db)
            .await
            .expect("count")
    };

    let stall = domain::db::begin_write(&t.db).await.expect("a writing transaction");
    if t.db.get_database_backend() == DatabaseBackend::Postgres {
        stall.execute_unprepared("LOCK TABLE comments IN EXCLUSIVE MODE").await.expect("lock");
    }
    let started = Instant::now();
    let (status, headers, page) = post(&router, uri, &[("body", body)], Some(&member)).await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
    assert!(took < Duration::from_secs(10), "answered at the bound, not when the database moved: {took:?}");
    assert!(page.contains("<main"), "the usual page");
    assert_eq!(headers.get(header::RETRY_AFTER).map(|v| v.as_bytes()), Some(&b"5"[..]));
    stall.rollback().await.expect("the database moves again");
    assert_eq!(count(t.db.clone()).await, 0, "the timed-out request wrote nothing");

    let (status, _, _) = post(&router, uri, &[("body", body)], Some(&member)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the same request succeeds now");
    assert_eq!(count(t.db.clone()).await, 1);
}
