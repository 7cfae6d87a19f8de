//! The HTTP surface, booted as `main` boots it (router over a real, seeded database):
//! statuses for good and bad addresses, the language switch, and the security headers.

use crate::common::{app, get};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

pub async fn pages_answer_with_the_right_status() {
    let t = app().await;
    pages_answer_with_the_right_status_in(&t.router).await;
}

pub async fn the_language_follows_the_cookie_then_the_browser() {
    let t = app().await;
    the_language_follows_the_cookie_then_the_browser_in(&t.router).await;
}

pub async fn the_scorecard_pages_and_downloads_give_the_same_numbers() {
    let t = app().await;
    the_scorecard_pages_and_downloads_give_the_same_numbers_in(&t.router).await;
}

async fn pages_answer_with_the_right_status_in(app: &Router) {
    let (status, headers, body) = get(app, "/?as_of=2017-10-01", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Phase I: Consultations, in progress"), "home as of 1 Oct 2017");
    assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_some());
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]));

    let (status, _, body) = get(app, "/consultations/stocktaking-puerto-vallarta", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Puerto Vallarta"));
    assert!(body.contains("Cancún"), "the history shows the planned venue");

    assert_eq!(get(app, "/consultations/no-such-thing", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/organisations/nobody", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/elements/z", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/no/such/page", None).await.0, StatusCode::NOT_FOUND);
    let (status, _, body) = get(app, "/timeline?kind=picnic", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("picnic"), "the 400 page names the bad value");
    assert_eq!(get(app, "/?as_of=yesterday", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/timeline?element=%27%3B%20DROP%20TABLE%20phases", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/timeline?region=africa", None).await.0, StatusCode::OK);
    // The organisations' list: by page, filtered, its total written out; bad values refused.
    let (status, _, body) = get(app, "/organisations?region=europe&kind=network", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Platform for International Cooperation on Undocumented Migrants"),
        "PICUM is a European network"
    );
    assert!(!body.contains("Migrant Forum in Asia"), "an Asian network is filtered out");
    assert_eq!(get(app, "/organisations?page=0", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/organisations?kind=bank", None).await.0, StatusCode::BAD_REQUEST);
}

async fn the_language_follows_the_cookie_then_the_browser_in(app: &Router) {
    let (status, headers, _) = get(app, "/lang/fr?next=/timeline%3Fregion%3Dafrica", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).map(|v| v.as_bytes()), Some(&b"/timeline?region=africa"[..]));
    let cookie = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(cookie.starts_with("i18n_pref_locale=fr"));
    let (_, _, body) = get(app, "/timeline", Some("i18n_pref_locale=fr")).await;
    assert!(body.contains("lang=\"fr\""), "html lang follows the cookie");
    let (_, headers, _) = get(app, "/lang/es?next=//evil.example", None).await;
    assert_eq!(headers.get(header::LOCATION).map(|v| v.as_bytes()), Some(&b"/"[..]), "no open redirect");
    assert_eq!(get(app, "/lang/xx", None).await.0, StatusCode::NOT_FOUND);

    let req = Request::builder().uri("/elements").header(header::ACCEPT_LANGUAGE, "es-ES,es;q=0.9").body(Body::empty());
    let response = app.clone().oneshot(req.expect("request")).await.expect("response");
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    assert!(String::from_utf8_lossy(&bytes).contains("lang=\"es\""), "Accept-Language picks Spanish");
}

async fn the_scorecard_pages_and_downloads_give_the_same_numbers_in(app: &Router) {
    use domain::types::{ChangeView, ScorecardOverview};

    let (status, headers, json) = get(app, "/api/v1/scorecard/overview?draft=agreed-text", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    let overview: ScorecardOverview = serde_json::from_str(&json).expect("the JSON is the overview");
    let score = overview.overall.score().expect("the built-in demands are rated");

    let (status, _, page) = get(app, "/scorecard?draft=agreed-text", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&score.display()), "the page shows the coalition's score {}", score.display());
    assert!(page.contains("<svg"), "the trend is drawn on the server");
    assert!(page.contains("Method"));

    let (status, headers, body) = get(app, "/api/v1/scorecard/overview?draft=agreed-text&format=csv", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let columns = reader.headers().expect("header").clone();
    let col = |name: &str| columns.iter().position(|c| c == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let coalition = rows.iter().find(|r| &r[col("scope")] == "coalition").expect("coalition row");
    assert_eq!(coalition[col("score")].parse::<f64>().ok(), Some(score.rounded()));
    assert_eq!(coalition[col("met")].parse::<u32>().ok(), Some(overview.overall.met));
    assert_eq!(coalition[col("not_assessed")].parse::<u32>().ok(), Some(overview.overall.not_assessed));
    let orgs = rows.iter().filter(|r| &r[col("scope")] == "organisation").count();
    assert_eq!(orgs as u32, overview.organisations.total, "the CSV has every organisation");
    for e in &overview.elements {
        let row =
            rows.iter().find(|r| &r[col("scope")] == "element" && r[col("key")] == e.letter.to_string()).expect("row");
        assert_eq!(row[col("demands")].parse::<u32>().ok(), Some(e.counts.demands()), "element ({})", e.letter);
    }

    let (status, _, json) = get(app, "/api/v1/scorecard/change?from=zero-draft&to=agreed-text", None).await;
    assert_eq!(status, StatusCode::OK);
    let change: ChangeView = serde_json::from_str(&json).expect("change");
    assert_eq!(change.from.slug, "zero-draft");

    for page in [
        "/scorecard/matrix?draft=revision-2&region=europe",
        "/scorecard/change?from=zero-draft&to=agreed-text",
        "/scorecard/gaps",
        "/scorecard/demands?draft=zero-draft&organisation=picum",
        "/scorecard/demands?element=i",
        "/drafts/agreed-text",
        "/organisations/picum",
    ] {
        assert_eq!(get(app, page, None).await.0, StatusCode::OK, "{page}");
    }
    let (_, _, compare) = get(app, "/drafts/compare?from=zero-draft&to=agreed-text", None).await;
    assert!(compare.contains("Objective 23"), "the agreed text adds objective 23");
    for csv_view in ["matrix", "demands", "change", "gaps"] {
        let (status, _, body) = get(app, &format!("/api/v1/scorecard/{csv_view}?format=csv"), None).await;
        assert_eq!(status, StatusCode::OK, "{csv_view}");
        assert!(csv::Reader::from_reader(body.as_bytes()).records().all(|r| r.is_ok()), "{csv_view} parses");
    }

    // bad input: a clear status naming the problem
    assert_eq!(get(app, "/scorecard?draft=revision-9", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/scorecard?page=0", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/scorecard/matrix?kind=bank", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/drafts/compare?from=nothing", None).await.0, StatusCode::NOT_FOUND);
    let (status, _, body) = get(app, "/api/v1/scorecard/overview?page=abc", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("page"), "{body}");
    // In words, as the pages say it: never the program's own notation.
    assert!(body.contains("is not a whole number") && !body.contains("NotANumber"), "{body}");
    let (_, _, body) = get(app, "/api/v1/drafts/revision-9", None).await;
    assert!(body.contains("There is no draft") && !body.contains("NotFound"), "{body}");
    assert_eq!(get(app, "/api/v1/scorecard/overview?format=xml", None).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(app, "/api/v1/scorecard/everything", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/api/v1/scorecard/change?to=revision-9", None).await.0, StatusCode::NOT_FOUND);
}
