//! Abuse through the real router: a comment flood from one account is refused with a clear
//! message above the kept text (429, Retry-After), and failed sign-ins beyond the limit are
//! refused for a while, per account and per network address, with the right password too.
use axum::http::{header, StatusCode};
use domain::services::comment_limit::CommentLimit;
use domain::types::Role;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::{self, post, signed_in, TestApp};

const POSITION: &str = "coalition-faq-2017-asks";

pub async fn a_comment_flood_is_refused_and_the_text_kept() {
    let t = common::app().await;
    a_comment_flood_is_refused_and_the_text_kept_in(&t).await;
}

pub async fn password_guessing_is_refused_per_account_and_per_address() {
    let t = common::app().await;
    password_guessing_is_refused_per_account_and_per_address_in(&t).await;
}

async fn a_comment_flood_is_refused_and_the_text_kept_in(t: &TestApp) {
    let cookie = signed_in(t, "flood@example.org", Role::Member, Some("picum")).await;
    let uri = format!("/positions/{POSITION}/comments");
    let before = domain::entities::comment::Entity::find().count(&t.db).await.expect("count");
    for i in 0..CommentLimit::DEFAULT.max {
        let body = format!("comment number {i}");
        let (status, _, page) = post(&t.router, &uri, &[("form_id", "general"), ("body", &body)], Some(&cookie)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "comment {i} is within the limit: {page}");
    }
    let typed = "The one comment too many, with <em>what I typed</em> & kept</textarea><script>alert(1)</script>";
    let (status, headers, page) =
        post(&t.router, &uri, &[("form_id", "general"), ("body", typed)], Some(&cookie)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!(retry > 0 && retry <= 600, "{retry}");
    assert!(page.contains("You have posted 20 comments in the last 10 minutes"), "the reason is shown");
    assert_eq!(
        textarea(&page, "f-body-general"),
        "The one comment too many, with &lt;em&gt;what I typed&lt;/em&gt; &amp; kept&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "the typed text is kept in the form, escaped: it cannot end the textarea"
    );
    assert!(!page.contains("<script>alert(1)"), "nothing typed becomes markup");
    let after = domain::entities::comment::Entity::find().count(&t.db).await.expect("count");
    assert_eq!(after, before + CommentLimit::DEFAULT.max, "the refused comment is not stored");
    // Another member is not held back.
    let other = signed_in(t, "calm@example.org", Role::Member, Some("picum")).await;
    let (status, _, _) = post(&t.router, &uri, &[("body", "a calm comment")], Some(&other)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

/// The content of the textarea with this id, as served.
fn textarea<'a>(page: &'a str, id: &str) -> &'a str {
    let open = page.find(&format!("<textarea id=\"{id}\"")).expect("the textarea");
    let start = open + page[open..].find('>').expect("its tag ends") + 1;
    let end = start + page[start..].find("</textarea>").expect("it closes");
    &page[start..end]
}

async fn sign_in_from(t: &TestApp, email: &str, password: &str, address: [u8; 4]) -> (StatusCode, String) {
    crate::common::sign_in_from(&t.router, email, password, address).await
}

async fn password_guessing_is_refused_per_account_and_per_address_in(t: &TestApp) {
    const RIGHT: &str = "correct horse battery staple";
    const REFUSED: &str = "Too many failed attempts. Wait 15 minutes and try again.";
    signed_in(t, "target@example.org", Role::Member, Some("picum")).await;
    // Per account: five wrong passwords from five addresses, then even the right one is refused.
    for i in 0..5u8 {
        let (status, page) = sign_in_from(t, "target@example.org", "wrong guess", [10, 0, 0, i]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {i}");
        assert!(page.contains("The email or the password is not right."));
    }
    let (status, page) = sign_in_from(t, "target@example.org", RIGHT, [10, 0, 1, 1]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains(REFUSED), "the account is held back, with the reason");
    // Per address: twenty failures on many accounts from one address hold back that address,
    // even for an account with no failures of its own; another address is not held back.
    signed_in(t, "bystander@example.org", Role::Member, Some("picum")).await;
    for i in 0..20 {
        let (status, _) = sign_in_from(t, &format!("guess{i}@example.org"), "wrong guess", [10, 9, 9, 9]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    let (status, page) = sign_in_from(t, "bystander@example.org", RIGHT, [10, 9, 9, 9]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains(REFUSED));
    let (status, _) = sign_in_from(t, "bystander@example.org", RIGHT, [10, 8, 8, 8]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "from another address the account signs in");
}
