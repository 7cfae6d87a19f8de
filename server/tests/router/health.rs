//! `/healthz` and `/readyz`.
use crate::common::{app, get};
use axum::http::{header, StatusCode};
use migrations::MigratorTrait;
use sea_orm::ConnectionTrait;

pub async fn health_and_readiness_answer_and_say_when_migrations_are_behind() {
    let t = app().await;
    for path in ["/healthz", "/readyz"] {
        let (status, headers, body) = get(&t.router, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert_eq!(headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"), "{path}");
        assert!(headers.get(header::SET_COOKIE).is_none(), "{path} opens no session");
    }
    let (_, _, body) = get(&t.router, "/readyz", None).await;
    assert_eq!(body, "ready\n");

    // A database a newer release has migrated (as during a rolling upgrade): still ready.
    t.db.execute_unprepared(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29991231_000001_from_a_newer_release', 0)",
    )
    .await
    .expect("insert");
    let (status, _, body) = get(&t.router, "/readyz", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // A database one migration behind this build (as while an upgrade is under way).
    let last = migrations::Migrator::migrations().last().map(|m| m.name().to_string()).expect("a migration");
    t.db.execute_unprepared(&format!("DELETE FROM seaql_migrations WHERE version = '{last}'")).await.expect("delete");
    let (status, headers, body) = get(&t.router, "/readyz", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body, "not ready: 1 migration(s) of this build are not applied to the database\n");
    assert_eq!(headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    // the process itself still answers
    let (status, _, _) = get(&t.router, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
}
