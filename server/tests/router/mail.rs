//! Email through a real SMTP server: a forgotten password reset by a one-time link, invitations
//! emailed, and an SMTP server that refuses delaying mail without losing it.
use std::time::Duration;

use axum::http::{header, StatusCode};
use domain::types::Role;
use sea_orm::{ConnectionTrait, Statement};
use server::config::Settings;
use server::mail::Mailer;

use crate::common::{self, get, post, session_cookie, signed_in, ORIGIN};
use crate::smtp::{self, unfolded, SmtpServer};

fn with_mail(url: &str) -> Settings {
    Settings {
        public_url: ORIGIN.to_string(),
        mailer: Some(Mailer::new(url, "GCM Tracker <tracker@example.org>").expect("mailer")),
        ..Settings::local("127.0.0.1:0".parse().expect("addr"))
    }
}

fn reset_token(message: &str) -> String {
    let text = unfolded(message);
    let at = text.find("/password/reset/").expect("a reset link") + "/password/reset/".len();
    text[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

pub async fn a_forgotten_password_is_reset_once_by_an_emailed_link() {
    let t = common::app().await;
    let smtp = SmtpServer::start();
    let router = common::router_with(&t, with_mail(&smtp.url()));
    let old_session = signed_in(&t, "forgetful@example.org", Role::Member, Some("picum")).await;

    let known = post(&router, "/password/forgot", &[("email", "Forgetful@Example.org")], None).await;
    let unknown = post(&router, "/password/forgot", &[("email", "nobody@example.org")], None).await;
    assert_eq!(known.0, StatusCode::SEE_OTHER);
    assert_eq!(
        (known.0, known.1.get(header::LOCATION)),
        (unknown.0, unknown.1.get(header::LOCATION)),
        "the same answer either way"
    );
    let (_, _, page) = get(&router, "/password/forgot?sent=1", None).await;
    assert!(page.contains("If an account uses that address"), "the page says what happens, not whether it exists");

    let mail = smtp.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mail.len(), 1, "one message, to the account that exists");
    let m = &mail[0];
    assert!(m.contains("To: forgetful@example.org"), "{m}");
    assert!(
        m.lines().any(|l| l.starts_with("From: ") && l.contains("GCM Tracker") && l.contains("<tracker@example.org>")),
        "{m}"
    );
    assert!(m.contains("Subject: A new password for the GCM Tracker"));
    assert!(m.contains("multipart/alternative") && m.contains("text/plain") && m.contains("text/html"), "{m}");
    assert!(m.contains("Message-ID: <"));
    assert!(unfolded(m).contains(&format!("{ORIGIN}/password/reset/")));
    let token = reset_token(m);
    assert_eq!(token.len(), 64);

    let (status, _, form) = get(&router, &format!("/password/reset/{token}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(&format!("action=\"/password/reset/{token}\"")));
    let new_password = "a brand new password 2018";
    let bad = post(
        &router,
        &format!("/password/reset/{token}"),
        &[("password", new_password), ("confirmation", "other")],
        None,
    )
    .await;
    assert!(bad.0.is_client_error(), "a mismatch is refused: {}", bad.0);
    let (status, headers, _) = post(
        &router,
        &format!("/password/reset/{token}"),
        &[("password", new_password), ("confirmation", new_password)],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).map(|v| v.as_bytes()), Some(&b"/login?reset=1"[..]));

    let (_, _, account) = get(&router, "/account", Some(&old_session)).await;
    assert!(!account.contains("forgetful@example.org"), "the session opened before the reset has ended");
    let again = post(
        &router,
        &format!("/password/reset/{token}"),
        &[("password", new_password), ("confirmation", new_password)],
        None,
    )
    .await;
    assert!(again.0.is_client_error(), "the link works once: {}", again.0);
    let (_, _, closed) = get(&router, &format!("/password/reset/{token}"), None).await;
    assert!(closed.contains("no longer works"));
    let (status, headers, _) =
        post(&router, "/login", &[("email", "forgetful@example.org"), ("password", new_password), ("next", "/")], None)
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the new password signs in");
    assert!(session_cookie(&headers).is_some());
}

pub async fn an_smtp_server_that_refuses_delays_mail_without_losing_it() {
    let t = common::app().await;
    signed_in(&t, "patient@example.org", Role::Member, Some("picum")).await;
    let port = smtp::free_port();
    let router = common::router_with(&t, with_mail(&format!("smtp://127.0.0.1:{port}")));
    let (status, _, _) = post(&router, "/password/forgot", &[("email", "patient@example.org")], None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the request succeeds while the SMTP server is away");
    let backend = t.db.get_database_backend();
    let row = |sql: &str| Statement::from_string(backend, sql.to_string());
    let mut tried = false;
    for _ in 0..100 {
        let r =
            t.db.query_one_raw(row("SELECT attempts, last_error FROM outbox WHERE sent_at IS NULL")).await.expect("q");
        if let Some(r) = r {
            let attempts: i32 = r.try_get("", "attempts").expect("attempts");
            let error: String = r.try_get("", "last_error").expect("error");
            if attempts >= 1 && !error.is_empty() {
                tried = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(tried, "the worker tried, failed, and kept the message for later");

    let smtp = SmtpServer::start_on(port);
    // the backoff's time passes
    t.db.execute_raw(row("UPDATE outbox SET next_attempt_at = created_at")).await.expect("due now");
    let mail = smtp.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mail.len(), 1, "delivered once the server is back");
    assert!(mail[0].contains("To: patient@example.org"));
    let sent = t.db.query_one_raw(row("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NOT NULL")).await.expect("q");
    let n: i64 = sent.expect("row").try_get("", "n").expect("n");
    assert_eq!(n, 1, "marked sent");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.messages().len(), 1, "and never sent twice");
}

pub async fn an_invitation_is_emailed_when_email_is_configured() {
    let t = common::app().await;
    let smtp = SmtpServer::start();
    let router = common::router_with(&t, with_mail(&smtp.url()));
    let coordinator = signed_in(&t, "coordinator@example.org", Role::Coordinator, None).await;
    let (status, _, page) = post(
        &router,
        "/accounts/invite",
        &[("email", "newcomer@example.org"), ("name", "Nia Newcomer"), ("role", "member"), ("organisation", "picum")],
        Some(&coordinator),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("on its way to newcomer@example.org"), "the page says it was emailed");
    let mail = smtp.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("To: newcomer@example.org"));
    assert!(unfolded(&mail[0]).contains(&format!("{ORIGIN}/invitations/")));
}

pub async fn without_email_the_pages_say_so() {
    let t = common::app().await;
    let (status, _, page) = get(&t.router, "/password/forgot", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("does not send email"), "the forgotten-password page says whom to ask");
    let (_, _, login) = get(&t.router, "/login", None).await;
    assert!(login.contains("href=\"/password/forgot\""));
}

pub async fn a_stopping_server_sends_what_is_due_before_it_exits() {
    let t = common::app().await;
    signed_in(&t, "leaving@example.org", Role::Member, Some("picum")).await;
    let smtp = SmtpServer::start();
    let built = common::built_with(&t, with_mail(&smtp.url()));
    let (status, _, _) = post(&built.app, "/password/forgot", &[("email", "leaving@example.org")], None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // stopped at once: the worker's last round sends the message before the workers end
    let started = std::time::Instant::now();
    built.background.finish(Duration::from_secs(20)).await;
    assert!(started.elapsed() < Duration::from_secs(10), "the workers took {:?} to end", started.elapsed());
    let backend = t.db.get_database_backend();
    let unsent =
        t.db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL"))
            .await
            .expect("q")
            .expect("row");
    assert_eq!(unsent.try_get::<i64>("", "n").expect("n"), 0, "nothing due left in the outbox");
    let mail = smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("To: leaving@example.org"));
}
