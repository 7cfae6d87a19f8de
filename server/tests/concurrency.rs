//! Many readers at once, on a runtime with several worker threads (as in production): every
//! public page answers 200 with a full page. (Titles computed lazily once made pages panic
//! under concurrent load, found by the benchmark: "a reactive value that has already been
//! disposed", the connection dropped.)
mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_readers_all_get_their_page() {
    let t = common::app().await;
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
                let request = Request::builder().uri(page).body(Body::empty()).expect("request");
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
