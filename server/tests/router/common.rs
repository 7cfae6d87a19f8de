//! The router booted as `main` boots it, over a real seeded database (SQLite, or PostgreSQL
//! when TEST_DATABASE_URL says so), and helpers to send it requests.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use sea_orm::DatabaseConnection;
use server::config::{ServerConfig, Settings};
use tower::ServiceExt;

pub const HOST: &str = "tracker.test";
pub const ORIGIN: &str = "http://tracker.test";

pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    _dir: tempfile::TempDir,
}

pub async fn app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            use sea_orm::{ConnectionTrait, Statement};
            let admin = domain::db::connect(&admin_url).await.expect("connect to PostgreSQL");
            let nanos =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
            let name = format!("tracker_test_http_{}_{nanos}", std::process::id());
            let sql = format!("CREATE DATABASE \"{name}\"");
            admin
                .execute_raw(Statement::from_string(admin.get_database_backend(), sql))
                .await
                .expect("create database");
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).expect("database URL");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}/http.db?mode=rwc", dir.path().display()),
    };
    let db = domain::db::open(&url).await.expect("open database");
    domain::seed::run(&db).await.expect("seed");
    let settings = Settings { public_url: ORIGIN.to_string(), ..Settings::local("127.0.0.1:0".parse().expect("addr")) };
    let router = build(db.clone(), settings);
    TestApp { router, db, _dir: dir }
}

/// The router `main` builds, over `db`.
fn build(db: DatabaseConnection, settings: Settings) -> Router {
    build_all(db, settings).app
}

/// Another router over the test's database, with its metrics router and background workers.
pub fn built(t: &TestApp) -> server::router::Built {
    let settings = Settings { public_url: ORIGIN.to_string(), ..Settings::local("127.0.0.1:0".parse().expect("addr")) };
    build_all(t.db.clone(), settings)
}

/// The same, with other settings (email, for example).
pub fn built_with(t: &TestApp, settings: Settings) -> server::router::Built {
    build_all(t.db.clone(), settings)
}

fn build_all(db: DatabaseConnection, settings: Settings) -> server::router::Built {
    let config = ServerConfig {
        addr: "127.0.0.1:0".parse().expect("addr"),
        site_root: "target/site".into(),
        settings,
        metrics_addr: None,
        shutdown_grace: std::time::Duration::from_secs(1),
        limits: server::listener::Limits::default(),
    };
    server::router::build_all(config.leptos_options(), db, config.settings.clone())
}

/// Another router over the same database, with other settings (e.g. served over HTTPS).
pub fn router_with(t: &TestApp, settings: Settings) -> Router {
    build(t.db.clone(), settings)
}

pub async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::builder().uri(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let response = app.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// Posts a urlencoded form as a same-site browser would (Origin and Host set).
pub async fn post(
    app: &Router,
    uri: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    post_from(app, uri, form, cookie, ORIGIN).await
}

pub async fn post_from(
    app: &Router,
    uri: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
    origin: &str,
) -> (StatusCode, HeaderMap, String) {
    let body = serde_urlencoded::to_string(form).expect("form");
    let mut req = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let response = app.clone().oneshot(req.body(Body::from(body)).expect("request")).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// The session cookie a response sets, as `name=value` for the next request's Cookie header.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tracker_session=") && !c.starts_with("tracker_session=;"))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
}

/// Creates an account and signs it in; returns the session cookie.
pub async fn signed_in(app: &TestApp, email: &str, role: domain::types::Role, organisation: Option<&str>) -> String {
    let input = domain::services::users::NewUser {
        email: email.to_string(),
        name: format!("Test {email}"),
        role,
        organisation: organisation.map(str::to_string),
        password: "correct horse battery staple".to_string(),
    };
    let audit = domain::audit::Audit::now(domain::audit::Actor::System);
    domain::services::users::create(&app.db, &audit, input).await.expect("account");
    let (status, headers, _) = post(
        &app.router,
        "/login",
        &[("email", email), ("password", "correct horse battery staple"), ("next", "/")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{email} signs in");
    session_cookie(&headers).expect("a session cookie")
}

/// The id of the newest comment on the position `slug`.
pub async fn last_comment_id(app: &TestApp, slug: &str) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let position = domain::entities::position::Entity::find()
        .filter(domain::entities::position::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .expect("db")
        .expect("the position");
    domain::entities::comment::Entity::find()
        .filter(domain::entities::comment::Column::PositionId.eq(position.id))
        .order_by_desc(domain::entities::comment::Column::Id)
        .one(&app.db)
        .await
        .expect("db")
        .expect("a comment")
        .id
}

/// Posts the sign-in form as a browser at `address` would: the status and the page.
pub async fn sign_in_from(app: &Router, email: &str, password: &str, address: [u8; 4]) -> (StatusCode, String) {
    let body = serde_urlencoded::to_string([("email", email), ("password", password), ("next", "/")]).expect("form");
    let mut req = Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((address, 40_000))));
    let response = app.clone().oneshot(req).await.expect("response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
