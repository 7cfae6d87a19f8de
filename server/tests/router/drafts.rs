//! Coordinators entering drafts (pasted and uploaded text) and rating demands through the
//! real router and database: what is saved, what is refused with which message, and that a
//! refusal saves nothing.
use crate::common;

use crate::common::{get, post, signed_in, TestApp, HOST, ORIGIN};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use domain::services::{assessments, drafts};
use domain::types::{Rating, Role};
use tower::ServiceExt;

const TEXT: &str = "# Preamble\n\n1. We, the Heads of State, have gathered.\n\n\
Objective 1: Collect and utilize accurate and disaggregated data\n\n\
17. We commit to strengthen the global evidence base.\n\n\
Objective 13: Use migration detention only as a measure of last resort\n\n\
29. We commit to ensure that any detention is a measure of last resort.\n";

async fn coordinator(t: &TestApp) -> String {
    signed_in(t, "coordinator@example.org", Role::Coordinator, None).await
}

fn draft_form<'a>(slug: &'a str, text: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("label", "Revision 4 (test)"),
        ("released_on", "2018-07-01"),
        ("source_url", "https://example.org/rev4.pdf"),
        ("format", "markdown"),
        ("text", text),
    ]
}

/// Posts a multipart form with one file field `text_file`.
async fn post_multipart(
    t: &TestApp,
    uri: &str,
    fields: &[(&str, &str)],
    file: (&str, &[u8]),
    cookie: &str,
) -> (StatusCode, HeaderMap, String) {
    let boundary = "----tracker-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"text_file\"; filename=\"{}\"\r\nContent-Type: text/markdown\r\n\r\n",
            file.0
        )
        .as_bytes(),
    );
    body.extend(file.1);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .expect("request");
    let response = t.router.clone().oneshot(req).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

fn location(headers: &HeaderMap) -> String {
    headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

pub async fn a_coordinator_enters_a_draft_pasted_or_uploaded_and_bad_texts_save_nothing() {
    let t = common::app().await;
    let cookie = coordinator(&t).await;
    let before = drafts::list(&t.db).await.expect("drafts").len();

    // Pasted: split into its numbered sections, which keep their numbers.
    let (status, headers, _) = post(&t.router, "/drafts/new", &draft_form("revision-4", TEXT), Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/drafts/revision-4");
    let keys: Vec<String> =
        drafts::get(&t.db, "revision-4").await.expect("draft").sections.into_iter().filter_map(|s| s.key).collect();
    assert_eq!(keys, ["paragraph-1", "objective-1", "paragraph-17", "objective-13", "paragraph-29"]);
    let (_, _, page) = get(&t.router, "/drafts/revision-4", None).await;
    assert!(page.contains("We commit to ensure that any detention is a measure of last resort."));

    // Uploaded (with a byte-order mark, as some editors write): the file's text is used.
    let fields = [
        ("slug", "revision-5"),
        ("label", "Revision 5 (test)"),
        ("released_on", "2018-07-02"),
        ("format", "markdown"),
        ("text", ""),
    ];
    let file = format!("\u{feff}{TEXT}");
    let (status, _, _) = post_multipart(&t, "/drafts/new", &fields, ("rev5.md", file.as_bytes()), &cookie).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let uploaded = drafts::get(&t.db, "revision-5").await.expect("draft").sections;
    assert_eq!(uploaded.iter().filter(|s| s.key.is_some()).count(), 5);

    // A file that is not text, a text without sections, a duplicate number: refused, named.
    let fields = [("slug", "revision-6"), ("label", "R6"), ("released_on", "2018-07-03"), ("text", "")];
    let (status, _, body) =
        post_multipart(&t, "/drafts/new", &fields, ("scan.pdf", &[0x25, 0x50, 0xff, 0xfe, 0x00]), &cookie).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("the file is not plain text"), "the file is named as the problem");
    let (status, _, body) = post(
        &t.router,
        "/drafts/new",
        &draft_form("revision-6", "Some prose without any numbered section."),
        Some(&cookie),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("no numbered paragraph"), "{}", &body[..200]);
    assert!(body.contains("Some prose without any numbered section."), "what was typed is kept");
    let duplicated = "Objective 1: Data\n\n1. One.\n\n1. One again.\n";
    let (status, _, body) = post(&t.router, "/drafts/new", &draft_form("revision-6", duplicated), Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Paragraph 1"), "the duplicate is named");
    assert_eq!(drafts::list(&t.db).await.expect("drafts").len(), before + 2, "refusals saved nothing");

    // A long text is accepted (beyond the 64 KiB of ordinary forms), a huge body is refused.
    let long: String = (1..=2000).map(|n| format!("{n}. Paragraph number {n} of a long draft text.\n\n")).collect();
    assert!(long.len() > 64 * 1024);
    let (status, _, _) = post(&t.router, "/drafts/new", &draft_form("long-draft", &long), Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let huge = "x".repeat(5 * 1024 * 1024);
    let (status, _, _) = post(&t.router, "/drafts/new", &draft_form("huge-draft", &huge), Some(&cookie)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // Editing from a stale version is a conflict; the stored draft is unchanged.
    let mut stale = draft_form("revision-4", "Objective 1: Data\n");
    stale.push(("version", "1"));
    let (status, _, _) = post(&t.router, "/drafts/revision-4/edit", &stale, Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the first save from version 1 goes through");
    let (status, _, body) = post(&t.router, "/drafts/revision-4/edit", &stale, Some(&cookie)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("Objective 1: Data"), "what was typed is kept");
}

pub async fn a_coordinator_rates_demands_from_the_worklist_with_evidence() {
    let t = common::app().await;
    let cookie = coordinator(&t).await;
    let (status, _, _) = post(&t.router, "/drafts/new", &draft_form("revision-4", TEXT), Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let system = domain::audit::Audit::now(domain::audit::Actor::System);
    let filter = domain::types::ScorecardFilter { page: 1, pending_only: true, ..Default::default() };
    let work = assessments::worklist(&t.db, &system, "revision-4", &filter).await.expect("worklist");
    let total = work.total as usize;
    assert!(total > 3);

    // The worklist lists every published demand as not yet rated, and refuses the public.
    let (status, _, page) = get(&t.router, "/drafts/revision-4/assess", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("{total} of {total} demands")), "pending count shown");
    let (status, _, _) = get(&t.router, "/drafts/revision-4/assess", None).await;
    assert!(status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN, "got {status}");

    let demand = work.items.items[0].demand.slug.clone();
    let path = format!("/drafts/revision-4/assess/{demand}?show=pending");
    // Without evidence: refused beside the demand's form, nothing saved.
    let form = [("rating", "met"), ("section", "objective-13"), ("quote", ""), ("version", "0"), ("demand", &demand)];
    let (status, _, body) = post(&t.router, &path, &form, Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("field-error"));
    assert!(assessments::get(&t.db, "revision-4", &demand).await.expect("read").is_none());
    // A section the draft does not have: refused, named.
    let form = [("rating", "met"), ("section", "objective-20"), ("quote", "x"), ("version", "0"), ("demand", &demand)];
    let (status, _, _) = post(&t.router, &path, &form, Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // With evidence: saved, back to the worklist saying so; one fewer pending.
    let form = [
        ("rating", "met"),
        ("section", "objective-13"),
        ("quote", "detention is a measure of last resort"),
        ("version", "0"),
        ("demand", &demand),
    ];
    let (status, headers, _) = post(&t.router, &path, &form, Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = location(&headers);
    assert!(back.starts_with("/drafts/revision-4/assess?") && back.contains(&format!("saved={demand}")), "{back}");
    let saved = assessments::get(&t.db, "revision-4", &demand).await.expect("read").expect("saved");
    assert_eq!(saved.rating, Rating::Met);
    let (_, _, page) = get(&t.router, &back, Some(&cookie)).await;
    assert!(page.contains(&format!("{} of {total} demands", total - 1)), "pending count went down");

    // Saving again from the form's old version is a conflict, not a silent overwrite.
    let stale = [
        ("rating", "contradicted"),
        ("section", "objective-13"),
        ("quote", "any detention"),
        ("version", "0"),
        ("demand", &demand),
    ];
    let (status, _, _) = post(&t.router, &path, &stale, Some(&cookie)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let changed = [
        ("rating", "partly_met"),
        ("section", "objective-13"),
        ("quote", "any detention"),
        ("version", &saved.version.to_string()),
        ("demand", &demand),
    ];
    let (status, _, _) = post(&t.router, &path, &changed, Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let history = assessments::history(&t.db, "revision-4", &demand).await.expect("history");
    assert_eq!(history.len(), 2, "each change of rating is kept");

    // The public scorecard for this draft counts it.
    let filter = domain::types::ScorecardFilter { draft: Some("revision-4".into()), page: 1, ..Default::default() };
    let overview = domain::services::scorecard::overview(&t.db, &filter).await.expect("overview");
    assert_eq!(overview.head.draft.slug, "revision-4");
    assert_eq!(overview.overall.partly_met, 1);
}
