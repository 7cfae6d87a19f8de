//! Who may change what, through the real router: every state-changing endpoint (the list in
//! `server::actions`, which the router is built from) is tried by an anonymous visitor, a
//! member, a member of another organisation and a coordinator. `expected` matches on every
//! action without a wildcard, so a new endpoint does not compile until it is placed here.
//! Server functions must all be reads: a new one fails this test until it is classified.
mod common;

use axum::http::StatusCode;
use common::{app, post, session_cookie, TestApp};
use domain::audit::{Actor, Audit};
use domain::services::consultations::{self, ConsultationInput};
use domain::services::users::{self, NewUser};
use domain::types::Role;
use server::actions::Action;
use strum::IntoEnumIterator;

const PASSWORD: &str = "correct horse battery staple";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member,
    OtherMember,
    Coordinator,
}

const EVERYONE: [Who; 4] = [Who::Anonymous, Who::Member, Who::OtherMember, Who::Coordinator];

/// Whether `who` may do `action`.
fn expected(action: Action, who: Who) -> bool {
    match action {
        Action::SignIn | Action::SignOut => true,
        Action::ChangePassword => who != Who::Anonymous,
        Action::CreateConsultation | Action::EditConsultation | Action::DeleteConsultation => who == Who::Coordinator,
    }
}

fn email(who: Who) -> &'static str {
    match who {
        Who::Anonymous => "",
        Who::Member => "member@example.org",
        Who::OtherMember => "other-member@example.org",
        Who::Coordinator => "coordinator@example.org",
    }
}

async fn create_account(t: &TestApp, email: &str, role: Role, organisation: Option<String>) {
    let input = NewUser { email: email.into(), name: "Test".into(), role, organisation, password: PASSWORD.into() };
    users::create(&t.db, &Audit::now(Actor::System), input).await.expect("account");
}

async fn cookie_for(t: &TestApp, who: Who) -> Option<String> {
    if who == Who::Anonymous {
        return None;
    }
    let form = [("email", email(who)), ("password", PASSWORD), ("next", "/")];
    let (status, headers, _) = post(&t.router, "/login", &form, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{who:?} signs in");
    session_cookie(&headers)
}

/// A consultation of its own for each attempt, so one attempt cannot hide another's effect.
async fn target(t: &TestApp, n: usize) -> (ConsultationInput, i32, i32) {
    let (_, _, mut input) = consultations::input_of(&t.db, "regional-unece").await.expect("input");
    input.slug = format!("permission-test-{n}");
    let created = consultations::create(&t.db, &Audit::now(Actor::System), input.clone()).await.expect("target");
    (input, created.summary.id, created.version)
}

fn form_of(input: &ConsultationInput, version: i32) -> Vec<(String, String)> {
    let mut f = vec![
        ("version".to_string(), version.to_string()),
        ("title".to_string(), format!("{} (edited)", input.title)),
        ("slug".to_string(), input.slug.clone()),
        ("kind".to_string(), input.kind.to_string()),
        ("starts_on".to_string(), input.span.start.to_string()),
        ("ends_on".to_string(), input.span.end.to_string()),
        ("precision".to_string(), input.span.precision.to_string()),
        ("venue_city".to_string(), "Elsewhere".to_string()),
        ("region".to_string(), input.region.to_string()),
        ("civil_society_access".to_string(), input.civil_society_access.to_string()),
        ("status".to_string(), input.status.to_string()),
        ("confirm".to_string(), "yes".to_string()),
    ];
    f.extend(input.elements.iter().map(|e| ("elements".to_string(), e.to_string())));
    f
}

#[tokio::test]
async fn every_state_changing_endpoint_checks_who_sends_it() {
    let t = app().await;
    let orgs = domain::services::organisations::list(&t.db).await.expect("organisations");
    create_account(&t, email(Who::Member), Role::Member, Some(orgs[0].slug.clone())).await;
    create_account(&t, email(Who::OtherMember), Role::Member, Some(orgs[1].slug.clone())).await;
    create_account(&t, email(Who::Coordinator), Role::Coordinator, None).await;
    create_account(&t, "signing-in@example.org", Role::Member, Some(orgs[0].slug.clone())).await;

    let mut n = 0;
    for action in Action::iter() {
        for who in EVERYONE {
            n += 1;
            let cookie = cookie_for(&t, who).await;
            let (input, id, version) = target(&t, n).await;
            let slug = input.slug.clone();
            let (path, form): (String, Vec<(String, String)>) = match action {
                Action::SignIn => (
                    "/login".into(),
                    vec![("email".into(), "signing-in@example.org".into()), ("password".into(), PASSWORD.into())],
                ),
                Action::SignOut => ("/logout".into(), vec![]),
                Action::ChangePassword => (
                    "/account/password".into(),
                    vec![
                        ("current_password".into(), PASSWORD.into()),
                        ("new_password".into(), PASSWORD.into()),
                        ("confirmation".into(), PASSWORD.into()),
                    ],
                ),
                Action::CreateConsultation => {
                    let mut f = form_of(&input, 0);
                    f.retain(|(k, _)| k != "slug");
                    f.push(("slug".into(), format!("{slug}-new")));
                    ("/timeline/new".into(), f)
                }
                Action::EditConsultation => (format!("/consultations/{slug}/edit"), form_of(&input, version)),
                Action::DeleteConsultation => (format!("/consultations/{slug}/delete"), form_of(&input, version)),
            };
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (status, _, _) = post(&t.router, &path, &pairs, cookie.as_deref()).await;
            let after = consultations::get(&t.db, &id.to_string()).await;
            let created = consultations::get(&t.db, &format!("{slug}-new")).await.is_ok();
            if expected(action, who) {
                assert_eq!(status, StatusCode::SEE_OTHER, "{action:?} by {who:?} is done");
                match action {
                    Action::EditConsultation => assert_eq!(after.expect("still there").version, version + 1),
                    Action::DeleteConsultation => assert!(after.is_err(), "deleted"),
                    Action::CreateConsultation => assert!(created, "created"),
                    Action::SignIn | Action::SignOut | Action::ChangePassword => {}
                }
            } else {
                assert!(
                    status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED,
                    "{action:?} by {who:?} is refused, got {status}"
                );
                let after = after.expect("the target is untouched");
                assert_eq!(
                    (after.version, after.summary.title),
                    (version, input.title.clone()),
                    "{action:?} by {who:?}"
                );
                assert!(!created, "{action:?} by {who:?} created nothing");
            }
        }
    }

    cross_site_posts_are_refused(&t).await;
    server_functions_only_read();
}

async fn cross_site_posts_are_refused(t: &TestApp) {
    let form = [("email", email(Who::Coordinator)), ("password", PASSWORD)];
    let (status, headers, _) = common::post_from(&t.router, "/login", &form, None, "https://evil.example").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(session_cookie(&headers).is_none(), "no session for a forged sign-in");
}

/// Every server function, by path. All of them read; a state-changing one would need a row
/// in the matrix above (and is refused here until it gets one).
const READ_ONLY_SERVER_FUNCTIONS: &[&str] = &[
    "/api/viewer",
    "/api/consultation_editor",
    "/api/home",
    "/api/timeline",
    "/api/consultation",
    "/api/elements",
    "/api/element",
    "/api/drafts",
    "/api/organisations",
    "/api/organisation",
];

fn server_functions_only_read() {
    let registered: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    assert!(!registered.is_empty());
    for path in &registered {
        assert!(READ_ONLY_SERVER_FUNCTIONS.contains(&path.as_str()), "unclassified server function {path}");
    }
}
