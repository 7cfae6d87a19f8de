//! The search through the router: the page in each language, the box in every page's header,
//! a refused query keeping what was typed, the JSON API, and no query answering 500.
use axum::http::StatusCode;

use crate::common::{app, get};

const FIREWALLS: &str = "/positions/coalition-hrc34-statement-2017#coalition-hrc-firewalls";

pub async fn the_page_finds_a_demand_by_a_word_in_each_language() {
    let t = app().await;
    for (lang, heading) in [("en", "Search"), ("fr", "Recherche"), ("es", "Búsqueda")] {
        let cookie = format!("i18n_pref_locale={lang}");
        let (status, _, body) = get(&t.router, "/search?q=firewalls", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(body.contains(&format!("lang=\"{lang}\"")), "{lang}: the page is in its language");
        assert!(body.contains(&format!("<h1>{heading}</h1>")), "{lang}: headed {heading}");
        assert!(body.contains(&format!("href=\"{FIREWALLS}\"")), "{lang}: the firewalls demand is linked");
        assert!(body.contains("<mark>firewalls</mark>"), "{lang}: the matching word is marked");
        assert!(body.contains("value=\"firewalls\""), "{lang}: the box keeps the query");
    }
    // filters narrow: only positions, then no demand is listed
    let (_, _, body) = get(&t.router, "/search?q=firewalls&kind=position", None).await;
    assert!(!body.contains(FIREWALLS), "kind=position leaves the demand out");
    let (status, _, _) = get(&t.router, "/search?q=firewalls&kind=planet", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown kind is refused");
    let (status, _, _) = get(&t.router, "/search?q=firewalls&organisation=nobody-at-all", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an unknown organisation is not found");
}

pub async fn every_page_has_the_search_box() {
    let t = app().await;
    for path in ["/", "/timeline", "/organisations/picum", "/scorecard"] {
        let (_, _, body) = get(&t.router, path, None).await;
        assert!(body.contains("action=\"/search\""), "{path} has the search form");
        assert!(body.contains("id=\"site-search-q\""), "{path} has the search box");
    }
}

pub async fn a_query_too_long_is_refused_and_what_was_typed_kept() {
    let t = app().await;
    let typed = "detention ".repeat(30);
    let encoded = typed.replace(' ', "+");
    let (status, _, body) = get(&t.router, &format!("/search?q={encoded}"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains(&format!("value=\"{}\"", typed.trim_end())) || body.contains(&format!("value=\"{typed}\"")),
        "the typed query is kept in the box"
    );
    assert!(body.contains("id=\"e-q\""), "the error sits next to the box");
    assert!(body.contains("aria-invalid=\"true\""));
}

pub async fn the_api_searches_the_public_record() {
    let t = app().await;
    let (status, headers, body) = get(&t.router, "/api/v1/search?q=firewalls", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("content-type").is_some_and(|v| v.as_bytes().starts_with(b"application/json")));
    let page: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert!(page["total"].as_u64().is_some_and(|n| n >= 1), "{body}");
    let first = page["items"].as_array().and_then(|a| a.iter().find(|i| i["href"] == FIREWALLS)).expect("the demand");
    assert_eq!(first["kind"], "demand");
    assert!(first["snippet"].as_array().is_some_and(|s| s.iter().any(|f| f["matched"] == true)));
    let long = "x".repeat(300);
    let (status, _, body) = get(&t.router, &format!("/api/v1/search?q={long}"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("200"), "the refusal names the limit: {body}");
}

pub async fn no_query_answers_a_server_error() {
    let t = app().await;
    for q in [
        "%22",
        "%22unbalanced",
        "AND",
        "OR+OR",
        "NOT",
        "-",
        "*",
        "NEAR(a+b)",
        "(",
        "%5Ea",
        "title:x",
        "%27+OR+1%3D1+--",
        "%EE%80%80",
        "-detention",
        "",
    ] {
        for base in ["/search?q=", "/api/v1/search?q="] {
            let (status, _, _) = get(&t.router, &format!("{base}{q}"), None).await;
            assert_eq!(status, StatusCode::OK, "{base}{q}");
        }
    }
}
