//! The coordinators' workbench and the public feeds through the real router: an edit shows in
//! the history and the Atom feed, a stale edit gets the conflict page, bad input is refused
//! next to its field with what was typed kept, and the feeds parse with real parsers.
use crate::common;

use crate::common::{app, get, post, signed_in, TestApp};
use axum::http::{header, StatusCode};
use domain::types::Role;

/// A fresh record with a signed-in coordinator.
async fn with_coordinator() -> (TestApp, String) {
    let t = app().await;
    let coordinator = signed_in(&t, "coordinator@example.org", Role::Coordinator, None).await;
    (t, coordinator)
}

/// A fresh record where a coordinator moved the stocktaking to Guadalajara.
async fn with_the_stocktaking_moved() -> (TestApp, String) {
    let (t, coordinator) = with_coordinator().await;
    let before = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    let (status, _) =
        save(&t, &coordinator, &editor_form(before.version, "Guadalajara", "2017-12-11", "2017-12-13")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    (t, coordinator)
}

pub async fn signing_in_and_out() {
    signing_in_and_out_in(&app().await).await;
}

pub async fn a_disabled_accounts_sessions_stop_at_once() {
    let (t, coordinator) = with_coordinator().await;
    a_disabled_accounts_sessions_stop_at_once_in(&t, &coordinator).await;
}

pub async fn moving_the_stocktaking_shows_in_history_and_feed() {
    let (t, coordinator) = with_coordinator().await;
    moving_the_stocktaking_shows_in_history_and_feed_in(&t, &coordinator).await;
}

pub async fn a_stale_edit_gets_the_conflict_page() {
    let (t, coordinator) = with_the_stocktaking_moved().await;
    a_stale_edit_gets_the_conflict_page_in(&t, &coordinator).await;
}

pub async fn bad_input_is_refused_next_to_its_field() {
    let (t, coordinator) = with_coordinator().await;
    bad_input_is_refused_next_to_its_field_in(&t, &coordinator).await;
}

pub async fn the_calendar_parses_and_filters() {
    let (t, _) = with_the_stocktaking_moved().await;
    the_calendar_parses_and_filters_in(&t).await;
}

async fn signing_in_and_out_in(t: &TestApp) {
    let wrong = [("email", "coordinator@example.org"), ("password", "not the password"), ("next", "/")];
    let (status, headers, body) = post(&t.router, "/login", &wrong, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(common::session_cookie(&headers).is_none());
    assert!(body.contains("The email or the password is not right."));
    assert!(body.contains("value=\"coordinator@example.org\""), "the email typed is kept");
    assert!(!body.contains("not the password"), "the password is never echoed");
    let unknown = [("email", "nobody@example.org"), ("password", "not the password")];
    let (status, _, body_unknown) = post(&t.router, "/login", &unknown, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body_unknown.contains("The email or the password is not right."), "no account enumeration");

    // A cookie that no longer opens a session gets the "expired" message, once.
    let (status, headers, body) = get(&t.router, "/timeline", Some("tracker_session=stale-session-id")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Your session has expired"), "the page says the session expired");
    let removal = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(removal.starts_with("tracker_session=;") && removal.contains("Max-Age=0"));

    let member = signed_in(t, "leaving@example.org", Role::Coordinator, None).await;
    let (_, _, body) = get(&t.router, "/account", Some(&member)).await;
    assert!(body.contains("leaving@example.org"));
    let (status, headers, _) = post(&t.router, "/logout", &[], Some(&member)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cleared = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cleared.starts_with("tracker_session="), "sign-out clears the cookie: {cleared}");
    let (status, _, _) = get(&t.router, "/account", Some(&member)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old cookie opens nothing");
}

async fn a_disabled_accounts_sessions_stop_at_once_in(t: &TestApp, coordinator: &str) {
    use domain::audit::{Actor, Audit};
    use domain::services::users;
    let orgs = domain::services::organisations::list(&t.db).await.expect("organisations");
    // Two sessions of the same member (two browsers); both work.
    let first = signed_in(t, "soon-disabled@example.org", Role::Member, Some(&orgs[0].slug)).await;
    let login = [("email", "soon-disabled@example.org"), ("password", "correct horse battery staple"), ("next", "/")];
    let (_, headers, _) = post(&t.router, "/login", &login, None).await;
    let second = common::session_cookie(&headers).expect("a second session");
    for cookie in [&first, &second] {
        let (status, _, body) = get(&t.router, "/account", Some(cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("soon-disabled@example.org"));
    }
    // Session cookies: HttpOnly and SameSite; over plain HTTP not Secure (the browser would
    // drop it), and Secure when the site is served over HTTPS.
    let set = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && !set.contains("Secure"), "{set}");
    let https = common::router_with(
        t,
        server::config::Settings {
            public_url: "https://tracker.test".into(),
            secure_cookies: true,
            ..server::config::Settings::local("127.0.0.1:0".parse().expect("address"))
        },
    );
    let (status, headers, _) = post(&https, "/login", &login, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let set = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Secure"), "{set}");

    // A coordinator disables the account: both sessions stop on their next request.
    use domain::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let by_email = |email: &'static str| user::Entity::find().filter(user::Column::Email.eq(email)).one(&t.db);
    let coordinator_id = by_email("coordinator@example.org").await.expect("db").expect("coordinator").id;
    let everyone = users::list(&t.db, &Audit::now(Actor::Coordinator { user_id: coordinator_id })).await;
    let account =
        everyone.expect("accounts").into_iter().find(|a| a.email == "soon-disabled@example.org").expect("account");
    let form = [
        ("version", account.version.to_string()),
        ("role", "member".to_string()),
        ("organisation_id", account.organisation_id.map(|id| id.to_string()).unwrap_or_default()),
        ("disabled", "on".to_string()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = post(&t.router, &format!("/accounts/{}", account.id), &pairs, Some(coordinator)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the coordinator disabled the account");
    for cookie in [&first, &second] {
        let (status, _, _) = get(&t.router, "/account", Some(cookie)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a disabled account's session opens nothing");
    }
    let (status, _, body) = post(&t.router, "/login", &login, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "nor can it sign in again");
    assert!(body.contains("The email or the password is not right."));
}

fn editor_form(version: i32, city: &str, starts: &str, ends: &str) -> Vec<(&'static str, String)> {
    vec![
        ("version", version.to_string()),
        ("title", "Stocktaking meeting".to_string()),
        ("slug", "stocktaking-puerto-vallarta".to_string()),
        ("kind", "stocktaking".to_string()),
        ("starts_on", starts.to_string()),
        ("ends_on", ends.to_string()),
        ("precision", "day".to_string()),
        ("venue_city", city.to_string()),
        ("venue_country", "Mexico".to_string()),
        ("region", "global".to_string()),
        ("civil_society_access", "accredited".to_string()),
        ("status", "confirmed".to_string()),
        ("change_note", "moved by the co-facilitators".to_string()),
    ]
}

async fn save(t: &TestApp, cookie: &str, form: &[(&'static str, String)]) -> (StatusCode, String) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) =
        post(&t.router, "/consultations/stocktaking-puerto-vallarta/edit", &pairs, Some(cookie)).await;
    (status, body)
}

async fn moving_the_stocktaking_shows_in_history_and_feed_in(t: &TestApp, coordinator: &str) {
    let before = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    let (status, _) =
        save(t, coordinator, &editor_form(before.version, "Guadalajara", "2017-12-11", "2017-12-13")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = get(&t.router, "/consultations/stocktaking-puerto-vallarta", None).await;
    assert!(page.contains("Guadalajara"));
    assert!(page.contains("Puerto Vallarta → Guadalajara"), "the history shows the move");
    assert!(page.contains("moved by the co-facilitators"));

    let (status, headers, xml) = get(&t.router, "/feed.atom", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap_or_default().starts_with("application/atom+xml"));
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).expect("a valid Atom feed");
    let newest = &feed.entries()[0];
    assert!(newest.title().as_str().contains("Stocktaking"), "newest entry: {}", newest.title().as_str());
    let summary = newest.summary().map(|s| s.as_str().to_string()).unwrap_or_default();
    assert!(summary.contains("Puerto Vallarta → Guadalajara"), "{summary}");
    assert!(summary.contains("a coordinator"), "who, in role terms: {summary}");
    assert_eq!(newest.links()[0].href(), "http://tracker.test/consultations/stocktaking-puerto-vallarta");
    let french = get(&t.router, "/feed.atom?lang=fr", None).await.2;
    let feed = atom_syndication::Feed::read_from(french.as_bytes()).expect("French feed");
    assert!(feed.title().as_str().contains("modifications"));
}

async fn a_stale_edit_gets_the_conflict_page_in(t: &TestApp, coordinator: &str) {
    let current = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    let stale = current.version - 1;
    let (status, body) = save(t, coordinator, &editor_form(stale, "Monterrey", "2017-12-11", "2017-12-13")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("Someone else saved this record"));
    assert!(body.contains("Guadalajara") && body.contains("Monterrey"), "both values are shown");
    assert!(body.contains(&format!("name=\"version\" value=\"{}\"", current.version)), "re-saving merges on top");
    let after = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    assert_eq!((after.version, after.summary.venue_city), (current.version, "Guadalajara".to_string()));
}

async fn bad_input_is_refused_next_to_its_field_in(t: &TestApp, coordinator: &str) {
    let current = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    let (status, body) =
        save(t, coordinator, &editor_form(current.version, "Tijuana", "2017-12-11", "2017-12-01")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("the end date is before the start date"));
    assert!(body.contains("id=\"e-ends_on\""), "the error sits with its field");
    assert!(body.contains("value=\"Tijuana\""), "what was typed is kept");
    let mut month = editor_form(current.version, "Tijuana", "2017-12-11", "2017-12-13");
    month.retain(|(k, _)| *k != "precision");
    month.push(("precision", "month".to_string()));
    let (status, body) = save(t, coordinator, &month).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("does not fit the precision"));
    let after = domain::services::consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("get");
    assert_eq!(after.version, current.version, "nothing was saved");
}

async fn the_calendar_parses_and_filters_in(t: &TestApp) {
    use icalendar::{Component, EventLike};
    let (status, headers, ics) = get(&t.router, "/calendar.ics", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap_or_default().starts_with("text/calendar"));
    let all: icalendar::Calendar = ics.parse().expect("a valid iCalendar file");
    let every = domain::services::consultations::list(&t.db, &Default::default()).await.expect("list").len();
    assert_eq!(all.events().count(), every);
    let stocktaking = all
        .events()
        .find(|e| e.get_url().is_some_and(|u| u.ends_with("/consultations/stocktaking-puerto-vallarta")))
        .expect("the stocktaking is in the calendar");
    assert_eq!(stocktaking.get_location(), Some("Guadalajara, Mexico"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20171211"), "all-day dates");
    assert!(ics.contains("DTEND;VALUE=DATE:20171214"), "the end is exclusive in iCalendar");

    let thematic: icalendar::Calendar =
        get(&t.router, "/calendar.ics?kind=thematic", None).await.2.parse().expect("ics");
    assert_eq!(thematic.events().count(), 6, "the six thematic sessions");
    let africa: icalendar::Calendar = get(&t.router, "/calendar.ics?region=africa", None).await.2.parse().expect("ics");
    assert!(africa.events().count() >= 1 && africa.events().count() < every);
    assert!(africa.events().all(|e| e.get_summary().is_some()));
    let (status, _, body) = get(&t.router, "/calendar.ics?kind=picnic", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("picnic"));
}
