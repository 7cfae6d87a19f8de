//! The HTTP surface, booted as `main` boots it (router over a real, seeded database):
//! statuses for good and bad addresses, the language switch, and the security headers.
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{app, get};
use tower::ServiceExt;

/// One test function on purpose: Leptos registers a process-wide executor on the first Tokio
/// runtime it meets, so every request of this binary must run on that one runtime.
#[tokio::test]
async fn the_router_answers_as_users_expect() {
    let t = app().await;
    pages_answer_with_the_right_status(&t.router).await;
    the_language_follows_the_cookie_then_the_browser(&t.router).await;
}

async fn pages_answer_with_the_right_status(app: &Router) {
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
}

async fn the_language_follows_the_cookie_then_the_browser(app: &Router) {
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
