//! Who may change what, through the real router: every state-changing endpoint (the list in
//! `server::actions`, which the router is built from) is tried by an anonymous visitor, a
//! member, a member of another organisation and a coordinator. `expected` matches on every
//! action without a wildcard, so a new endpoint does not compile until it is placed here.
//! Server functions must all be reads: a new one fails this test until it is classified.
use crate::common;

use crate::common::{app, post, session_cookie, TestApp};
use axum::http::StatusCode;
use domain::audit::{Actor, Audit};
use domain::entities::position;
use domain::entities::{comment, comment_report, invitation, user};
use domain::services::comments::{self, NewComment};
use domain::services::consultations::{self, ConsultationInput};
use domain::services::invitations::{self, NewInvitation};
use domain::services::users::{self, NewUser};
use domain::services::{assessments, demands, drafts, phases, position_editing};
use domain::types::{DemandFields, DraftFields, OrganisationInput, PhaseInput, PhaseView, PositionFields, TextFormat};
use domain::types::{NoticeKind, Role};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::actions::Action;
use strum::IntoEnumIterator;

const PASSWORD: &str = "correct horse battery staple";
/// A published position of the built-in dataset, where the comments go.
const POSITION: &str = "coalition-faq-2017-asks";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member,
    OtherMember,
    Coordinator,
}

const EVERYONE: [Who; 4] = [Who::Anonymous, Who::Member, Who::OtherMember, Who::Coordinator];

/// Whether `who` may do `action`. The comment acted on was written by `Who::Member`.
fn expected(action: Action, who: Who) -> bool {
    match action {
        Action::SignIn
        | Action::SignOut
        | Action::AcceptInvitation
        | Action::ForgotPassword
        | Action::ResetPassword
        // the token is the proof (no account needed)
        | Action::Unsubscribe => true,
        Action::Follow | Action::ReadNotifications | Action::ChooseNotifications => who != Who::Anonymous,
        Action::ChangePassword | Action::PostComment | Action::ReportComment => who != Who::Anonymous,
        Action::EditComment | Action::DeleteComment => who == Who::Member,
        // The draft acted on belongs to the member's organisation.
        Action::DraftPosition
        | Action::EditPosition
        | Action::AddDemand
        | Action::EditDemand
        | Action::DeleteDemand => who == Who::Member || who == Who::Coordinator,
        Action::CreatePhase
        | Action::EditPhase
        | Action::DeletePhase
        | Action::CreateConsultation
        | Action::EditConsultation
        | Action::DeleteConsultation
        | Action::HideComment
        | Action::RestoreComment
        | Action::InvitePerson
        | Action::ChangeAccount
        | Action::CreateOrganisation
        | Action::EditOrganisation
        | Action::PublishPosition
        | Action::CreateDraft
        | Action::EditDraft
        | Action::Assess
        | Action::AddDraftChange
        | Action::DeleteDraftChange => who == Who::Coordinator,
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

struct Ids {
    member: i32,
    coordinator: i32,
}

async fn create_account(t: &TestApp, email: &str, role: Role, organisation: Option<String>) -> i32 {
    let input = NewUser { email: email.into(), name: "Test".into(), role, organisation, password: PASSWORD.into() };
    users::create(&t.db, &Audit::now(Actor::System), input).await.expect("account").id
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

/// What each attempt acts on: a consultation and a comment of its own, so one attempt cannot
/// hide another's effect.
struct Target {
    input: ConsultationInput,
    consultation_id: i32,
    version: i32,
    comment_id: i32,
    comment_version: i32,
    subject: users::Account,
    token: String,
    phase: PhaseView,
    organisation: String,
    draft: String,
    demand: String,
    /// A compact draft with one objective, and a published demand to rate against it.
    text_draft: String,
    rated_demand: String,
    /// A change documented on `text_draft`, to remove.
    change: i32,
}

async fn target(t: &TestApp, n: usize, author: i32, coordinator: i32, hidden: bool, member_org: String) -> Target {
    let (_, _, mut input) = consultations::input_of(&t.db, "regional-unece").await.expect("input");
    input.slug = format!("permission-test-{n}");
    let created = consultations::create(&t.db, &Audit::now(Actor::System), input.clone()).await.expect("target");
    // Written an hour ago: the fixtures must not count against the flood limit of the
    // member who then posts through the router.
    let author = Audit {
        at: chrono::Utc::now() - chrono::Duration::hours(1),
        ..Audit::now(Actor::Member { user_id: author, organisation_id: None })
    };
    let new =
        NewComment { position_slug: POSITION.into(), demand_slug: None, parent_id: None, body: format!("Comment {n}") };
    let comment_id =
        comments::post(&t.db, &author, domain::services::comment_limit::CommentLimit::OFF, new).await.expect("comment");
    if hidden {
        let by = Audit::now(Actor::Coordinator { user_id: coordinator });
        comments::hide(&t.db, &by, comment_id, "off topic").await.expect("hidden");
    }
    let comment_version = comment::Entity::find_by_id(comment_id).one(&t.db).await.expect("db").expect("row").version;
    let org = domain::services::organisations::list(&t.db).await.expect("organisations")[0].slug.clone();
    let subject = NewUser {
        email: format!("subject-{n}@example.org"),
        name: "Subject".into(),
        role: Role::Member,
        organisation: Some(org.clone()),
        password: PASSWORD.into(),
    };
    let subject = users::create(&t.db, &Audit::now(Actor::System), subject).await.expect("subject");
    let invitation = NewInvitation {
        email: format!("invited-{n}@example.org"),
        name: "Invited".into(),
        role: Role::Member,
        organisation: Some(org),
    };
    let by = Audit::now(Actor::Coordinator { user_id: coordinator });
    let token = invitations::create(&t.db, &by, invitation).await.expect("invitation").token;
    let phase = PhaseInput {
        slug: format!("phase-{n}"),
        ordinal: 9,
        name: format!("Phase {n}"),
        span: domain::types::DateSpan::year(2019).expect("span"),
        note: String::new(),
    };
    let phase = phases::create(&t.db, &Audit::now(Actor::System), phase).await.expect("phase");
    let system = Audit::now(Actor::System);
    let organisation = OrganisationInput {
        slug: format!("org-{n}"),
        name: format!("Organisation {n}"),
        acronym: String::new(),
        kind: domain::types::OrganisationKind::Ngo,
        country: String::new(),
        region: domain::types::Region::Europe,
        website: String::new(),
        description: String::new(),
    };
    domain::services::organisations::create(&t.db, &system, organisation).await.expect("organisation");
    let draft = PositionFields {
        slug: format!("draft-{n}"),
        title: format!("Draft {n}"),
        published: Some(domain::types::DateSpan::year(2018).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: String::new(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    let draft = position_editing::create_unpublished(&t.db, &system, &member_org, draft).await.expect("draft");
    let demand = DemandFields {
        slug: format!("draft-{n}-1"),
        text: "A demand".into(),
        quote: String::new(),
        elements: vec![(domain::types::ElementLetter::new('a').expect("a"), domain::types::Stance::Advance)],
    };
    let demand = demands::create(&t.db, &system, &draft, demand).await.expect("demand");
    let text_draft =
        drafts::create(&t.db, &system, text_draft_fields(&format!("text-draft-{n}"))).await.expect("draft");
    let rated_demand = demands_of(t, POSITION).await;
    let change = domain::services::draft_changes::create(&t.db, &system, &text_draft, change_fields("Objective 1"))
        .await
        .expect("documented change");
    Target {
        input,
        consultation_id: created.summary.id,
        version: created.version,
        comment_id,
        comment_version,
        subject,
        token,
        phase,
        organisation: format!("org-{n}"),
        draft,
        demand,
        text_draft,
        rated_demand,
        change,
    }
}

fn change_fields(locator: &str) -> domain::types::DraftChangeFields {
    domain::types::DraftChangeFields {
        earlier: None,
        section: "objective-1".into(),
        locator: locator.into(),
        summary: "Data objective reworded".into(),
        before: String::new(),
        after: String::new(),
        source_url: "https://example.org/source".into(),
    }
}

fn text_draft_fields(slug: &str) -> DraftFields {
    DraftFields {
        slug: slug.into(),
        label: format!("Draft {slug}"),
        released_on: chrono::NaiveDate::from_ymd_opt(2018, 3, 5).expect("date"),
        objective_count: None,
        source_url: String::new(),
        note: String::new(),
        format: TextFormat::Markdown,
        text: "Objective 1: Collect and utilize accurate and disaggregated data\n\n1. We commit to data.\n".into(),
    }
}

/// The first demand of a published position.
async fn demands_of(t: &TestApp, position: &str) -> String {
    let page = domain::services::positions::page(&t.db, &Actor::System, position).await.expect("position");
    page.position.demands[0].slug.clone()
}

fn draft_form(slug: &str, version: i32, text: &str) -> Vec<(String, String)> {
    vec![
        ("version".into(), version.to_string()),
        ("slug".into(), slug.into()),
        ("label".into(), format!("Relabelled {slug}")),
        ("released_on".into(), "2018-03-05".into()),
        ("format".into(), "markdown".into()),
        ("text".into(), text.into()),
    ]
}

/// Everything an attempt could have changed, as one comparable value.
async fn snapshot(t: &TestApp, target: &Target) -> String {
    let consultation = match consultations::get(&t.db, &target.consultation_id.to_string()).await {
        Ok(c) => format!("{}|{}", c.version, c.summary.title),
        Err(_) => "gone".to_string(),
    };
    let created = consultations::get(&t.db, &format!("{}-new", target.input.slug)).await.is_ok();
    let c = comment::Entity::find_by_id(target.comment_id).one(&t.db).await.expect("db").expect("row");
    let comments = comment::Entity::find().count(&t.db).await.expect("count");
    let reports = comment_report::Entity::find().count(&t.db).await.expect("count");
    let s = users::get(&t.db, target.subject.id).await.expect("subject");
    let people = user::Entity::find().count(&t.db).await.expect("count");
    let invited = invitation::Entity::find().count(&t.db).await.expect("count");
    let phase = match phases::get(&t.db, &target.phase.slug).await {
        Ok(p) => format!("{}|{}", p.version, p.name),
        Err(_) => "gone".to_string(),
    };
    let phase_created = phases::get(&t.db, &format!("{}-new", target.phase.slug)).await.is_ok();
    let organisation = match domain::services::organisations::input_of(&t.db, &target.organisation).await {
        Ok((_, v, i, _)) => format!("{v}|{}", i.name),
        Err(_) => "gone".into(),
    };
    let draft = match position_editing::stored(&t.db, &target.draft).await {
        Ok(p) => format!("{}|{}|{}", p.version, p.fields.title, p.status),
        Err(_) => "gone".into(),
    };
    let demand = match demands::stored(&t.db, &target.demand).await {
        Ok(d) => format!("{}|{}", d.version, d.fields.text),
        Err(_) => "gone".into(),
    };
    let text_draft = match drafts::get(&t.db, &target.text_draft).await {
        Ok(d) => format!("{}|{}|{}", d.version, d.label, d.sections.len()),
        Err(_) => "gone".into(),
    };
    let rating = assessments::get(&t.db, &target.text_draft, &target.rated_demand)
        .await
        .expect("assessment")
        .map(|a| format!("{}|{}", a.rating, a.version));
    let scorecard = format!(
        "{text_draft}|{rating:?}|{}|{}|{}|{}",
        domain::entities::draft::Entity::find().count(&t.db).await.expect("count"),
        domain::entities::assessment::Entity::find().count(&t.db).await.expect("count"),
        domain::entities::draft_change::Entity::find().count(&t.db).await.expect("count"),
        domain::entities::draft_change::Entity::find_by_id(target.change).one(&t.db).await.expect("db").is_some(),
    );
    let resets_used = domain::entities::password_reset::Entity::find()
        .filter(domain::entities::password_reset::Column::UsedAt.is_not_null())
        .count(&t.db)
        .await
        .expect("count");
    let record = format!(
        "{organisation}|{draft}|{demand}|{resets_used}|{}|{}|{}",
        position::Entity::find().count(&t.db).await.expect("count"),
        domain::entities::demand::Entity::find().count(&t.db).await.expect("count"),
        domain::entities::organisation::Entity::find().count(&t.db).await.expect("count"),
    );
    format!(
        "{consultation}|{created}|{}|{}|{}|{comments}|{reports}|{}|{:?}|{}|{}|{people}|{invited}|{phase}|{phase_created}|{record}|{scorecard}|{}",
        c.status,
        c.version,
        c.body,
        s.role,
        s.organisation_id,
        s.disabled,
        s.version,
        following(t).await
    )
}

/// Follows, delivery choices, read marks and email languages: what following and
/// notification forms change.
async fn following(t: &TestApp) -> String {
    use domain::entities::{follow, notification, notification_choice};
    let follows = follow::Entity::find().count(&t.db).await.expect("count");
    let choices: Vec<String> = notification_choice::Entity::find()
        .all(&t.db)
        .await
        .expect("choices")
        .into_iter()
        .map(|c| format!("{c:?}"))
        .collect();
    let read = notification::Entity::find()
        .filter(notification::Column::ReadAt.is_not_null())
        .count(&t.db)
        .await
        .expect("count");
    let languages: Vec<String> =
        user::Entity::find().all(&t.db).await.expect("users").into_iter().map(|u| u.language).collect();
    format!("{follows}|{choices:?}|{read}|{languages:?}")
}

/// One unread notification for every account, so that marking them read shows.
async fn unread_for_everyone(t: &TestApp) {
    use domain::entities::notification;
    use sea_orm::{ActiveModelTrait, Set};
    for u in user::Entity::find().all(&t.db).await.expect("users") {
        notification::ActiveModel {
            user_id: Set(u.id),
            kind: Set(NoticeKind::Published),
            subject: Set("Published: a position".into()),
            detail: Set(String::new()),
            href: Set(format!("/positions/{POSITION}")),
            rating: Set(None),
            created_at: Set(chrono::Utc::now()),
            read_at: Set(None),
            delivery: Set(domain::types::Delivery::Daily),
            emailed_at: Set(None),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .expect("a notification");
    }
}

fn organisation_form(slug: &str, version: i32) -> Vec<(String, String)> {
    vec![
        ("version".into(), version.to_string()),
        ("slug".into(), slug.into()),
        ("name".into(), format!("Renamed {slug}")),
        ("kind".into(), "ngo".into()),
        ("region".into(), "africa".into()),
    ]
}

fn position_form(slug: &str, version: i32) -> Vec<(String, String)> {
    vec![
        ("version".into(), version.to_string()),
        ("slug".into(), slug.into()),
        ("title".into(), format!("Retitled {slug}")),
        ("published_on".into(), "2018-01-01".into()),
        ("precision".into(), "year".into()),
    ]
}

fn demand_form(slug: &str, version: i32) -> Vec<(String, String)> {
    vec![
        ("version".into(), version.to_string()),
        ("slug".into(), slug.into()),
        ("text".into(), format!("Rewritten {slug}")),
        ("stance_b".into(), "limit".into()),
    ]
}

/// A form as its editor posts it: the version it was read at and the delete's confirmation
/// beside the record's own fields (`to_form`, the field list the editors use).
fn posted(form: domain::types::FormValues, version: i32) -> Vec<(String, String)> {
    let mut posted = vec![("version".to_string(), version.to_string()), ("confirm".to_string(), "yes".to_string())];
    posted.extend(form.0);
    posted
}

fn phase_form(p: &PhaseView, slug_suffix: &str, version: i32) -> Vec<(String, String)> {
    let mut edited = domain::types::PhaseInput::of(p);
    edited.slug = format!("{}{slug_suffix}", p.slug);
    edited.name = format!("{} (edited)", p.name);
    posted(edited.to_form(), version)
}

fn form_of(input: &ConsultationInput, version: i32) -> Vec<(String, String)> {
    let mut edited = input.clone();
    edited.title = format!("{} (edited)", input.title);
    edited.venue_city = "Elsewhere".to_string();
    posted(edited.to_form(), version)
}

pub async fn every_state_changing_endpoint_checks_who_sends_it() {
    let t = app().await;
    let orgs = domain::services::organisations::list(&t.db).await.expect("organisations");
    let ids = Ids {
        member: create_account(&t, email(Who::Member), Role::Member, Some(orgs[0].slug.clone())).await,
        coordinator: create_account(&t, email(Who::Coordinator), Role::Coordinator, None).await,
    };
    create_account(&t, email(Who::OtherMember), Role::Member, Some(orgs[1].slug.clone())).await;
    create_account(&t, "signing-in@example.org", Role::Member, Some(orgs[0].slug.clone())).await;

    let mut n = 0;
    for action in Action::iter() {
        for who in EVERYONE {
            n += 1;
            let cookie = cookie_for(&t, who).await;
            let hidden = action == Action::RestoreComment;
            let target = target(&t, n, ids.member, ids.coordinator, hidden, orgs[0].slug.clone()).await;
            let slug = target.input.slug.clone();
            let comment = target.comment_id;
            let comment_version = target.comment_version.to_string();
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
                Action::CreatePhase => ("/phases/new".into(), phase_form(&target.phase, "-new", 0)),
                Action::EditPhase => {
                    (format!("/phases/{}/edit", target.phase.slug), phase_form(&target.phase, "", target.phase.version))
                }
                Action::DeletePhase => (
                    format!("/phases/{}/delete", target.phase.slug),
                    phase_form(&target.phase, "", target.phase.version),
                ),
                Action::CreateConsultation => {
                    let mut f = form_of(&target.input, 0);
                    f.retain(|(k, _)| k != "slug");
                    f.push(("slug".into(), format!("{slug}-new")));
                    ("/timeline/new".into(), f)
                }
                Action::EditConsultation => {
                    (format!("/consultations/{slug}/edit"), form_of(&target.input, target.version))
                }
                Action::DeleteConsultation => {
                    (format!("/consultations/{slug}/delete"), form_of(&target.input, target.version))
                }
                Action::PostComment => {
                    (format!("/positions/{POSITION}/comments"), vec![("body".into(), "A new comment".into())])
                }
                Action::EditComment => (
                    format!("/comments/{comment}/edit"),
                    vec![("body".into(), "Rewritten".into()), ("version".into(), comment_version)],
                ),
                Action::DeleteComment => {
                    (format!("/comments/{comment}/delete"), vec![("version".into(), comment_version)])
                }
                Action::ReportComment => {
                    (format!("/comments/{comment}/report"), vec![("report_reason".into(), "insulting".into())])
                }
                Action::HideComment => {
                    (format!("/comments/{comment}/hide"), vec![("reason".into(), "off topic".into())])
                }
                Action::RestoreComment => (format!("/comments/{comment}/restore"), vec![]),
                Action::CreateOrganisation => {
                    ("/organisations/new".into(), organisation_form(&format!("new-org-{n}"), 0))
                }
                Action::EditOrganisation => {
                    (format!("/organisations/{}/edit", target.organisation), organisation_form(&target.organisation, 1))
                }
                Action::DraftPosition => (
                    format!("/organisations/{}/positions/new", orgs[0].slug),
                    position_form(&format!("new-draft-{n}"), 0),
                ),
                Action::EditPosition => (format!("/positions/{}/edit", target.draft), position_form(&target.draft, 1)),
                Action::PublishPosition => (
                    format!("/positions/{}/publish", target.draft),
                    vec![("status".into(), "published".into()), ("version".into(), "1".into())],
                ),
                Action::AddDemand => {
                    (format!("/positions/{}/demands/new", target.draft), demand_form(&format!("new-demand-{n}"), 0))
                }
                Action::EditDemand => (format!("/demands/{}/edit", target.demand), demand_form(&target.demand, 1)),
                Action::DeleteDemand => {
                    (format!("/demands/{}/delete", target.demand), vec![("version".into(), "1".into())])
                }
                Action::InvitePerson => (
                    "/accounts/invite".into(),
                    vec![
                        ("email".into(), format!("new-person-{n}@example.org")),
                        ("name".into(), "New person".into()),
                        ("role".into(), "coordinator".into()),
                    ],
                ),
                Action::ChangeAccount => (
                    format!("/accounts/{}", target.subject.id),
                    vec![
                        ("role".into(), "coordinator".into()),
                        ("organisation_id".into(), String::new()),
                        ("version".into(), target.subject.version.to_string()),
                    ],
                ),
                Action::AcceptInvitation => (
                    format!("/invitations/{}", target.token),
                    vec![("password".into(), PASSWORD.into()), ("confirmation".into(), PASSWORD.into())],
                ),
                Action::CreateDraft => (
                    "/drafts/new".into(),
                    draft_form(&format!("new-draft-text-{n}"), 0, "Objective 2: Minimize drivers\n"),
                ),
                Action::EditDraft => (
                    format!("/drafts/{}/edit", target.text_draft),
                    draft_form(&target.text_draft, 1, "Objective 1: Data\n\n1. One.\n\n2. Two.\n"),
                ),
                Action::Assess => (
                    format!("/drafts/{}/assess/{}", target.text_draft, target.rated_demand),
                    vec![
                        ("rating".into(), "partly_met".into()),
                        ("section".into(), "objective-1".into()),
                        ("quote".into(), "accurate and disaggregated data".into()),
                        ("version".into(), "0".into()),
                        ("demand".into(), target.rated_demand.clone()),
                    ],
                ),
                Action::AddDraftChange => (
                    format!("/drafts/{}/changes", target.text_draft),
                    vec![
                        ("locator".into(), "Objective 1, paragraph 1".into()),
                        ("section".into(), "objective-1".into()),
                        ("summary".into(), "Reworded".into()),
                        ("source_url".into(), "https://example.org/source".into()),
                    ],
                ),
                Action::DeleteDraftChange => (
                    format!("/drafts/{}/changes/{}/delete", target.text_draft, target.change),
                    vec![("version".into(), "1".into())],
                ),
                // Without email configured (these tests' router), asking changes nothing.
                Action::ForgotPassword => {
                    ("/password/forgot".into(), vec![("email".into(), target.subject.email.clone())])
                }
                Action::Follow => (
                    "/follow".into(),
                    vec![
                        ("kind".into(), "organisation".into()),
                        ("key".into(), target.organisation.clone()),
                        ("on".into(), "1".into()),
                        ("back".into(), format!("/organisations/{}", target.organisation)),
                    ],
                ),
                Action::ReadNotifications => ("/notifications/read".into(), vec![]),
                Action::ChooseNotifications => {
                    let mut form: Vec<(String, String)> =
                        NoticeKind::iter().map(|k| (format!("delivery_{k}"), "never".to_string())).collect();
                    form.push(("language".into(), "fr".into()));
                    ("/notifications/choices".into(), form)
                }
                Action::Unsubscribe => {
                    let token =
                        domain::services::unsubscribe::issue(&t.db, target.subject.id, None, chrono::Utc::now())
                            .await
                            .expect("a token");
                    (format!("/unsubscribe/{token}"), vec![("List-Unsubscribe".into(), "One-Click".into())])
                }
                Action::ResetPassword => {
                    let issued =
                        domain::services::password_resets::request(&t.db, &target.subject.email, chrono::Utc::now())
                            .await
                            .expect("reset")
                            .expect("the subject's account");
                    (
                        format!("/password/reset/{}", issued.token),
                        vec![("password".into(), PASSWORD.into()), ("confirmation".into(), PASSWORD.into())],
                    )
                }
            };
            if action == Action::ReadNotifications {
                unread_for_everyone(&t).await;
            }
            let before = snapshot(&t, &target).await;
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (status, _, _) = post(&t.router, &path, &pairs, cookie.as_deref()).await;
            let after = snapshot(&t, &target).await;
            if expected(action, who) {
                // An invitation's link is shown once, on the page answering the form (200).
                let done = if action == Action::InvitePerson { StatusCode::OK } else { StatusCode::SEE_OTHER };
                assert_eq!(status, done, "{action:?} by {who:?} is done");
                let changes_record = !matches!(
                    action,
                    Action::SignIn | Action::SignOut | Action::ChangePassword | Action::ForgotPassword
                );
                if changes_record {
                    assert_ne!(before, after, "{action:?} by {who:?} changed what it should");
                }
            } else {
                // 404 where the target is a draft the sender may not even see.
                assert!(
                    status == StatusCode::FORBIDDEN
                        || status == StatusCode::UNAUTHORIZED
                        || status == StatusCode::NOT_FOUND,
                    "{action:?} by {who:?} is refused, got {status}"
                );
                assert_eq!(before, after, "{action:?} by {who:?} changed nothing");
            }
        }
    }
}

pub async fn cross_site_posts_are_refused() {
    let t = app().await;
    create_account(&t, email(Who::Coordinator), Role::Coordinator, None).await;
    cross_site_posts_are_refused_in(&t).await;
}

pub async fn server_functions_only_read() {
    server_functions_only_read_in();
}

async fn cross_site_posts_are_refused_in(t: &TestApp) {
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
    "/api/phase_editor",
    "/api/home",
    "/api/timeline",
    "/api/consultation",
    "/api/elements",
    "/api/element",
    "/api/drafts",
    "/api/organisations",
    "/api/organisation",
    "/api/position",
    "/api/accounts_admin",
    "/api/invitation",
    "/api/moderation",
    "/api/organisation_editor",
    "/api/position_editor",
    "/api/demand_editor",
    "/api/position_drafts",
    "/api/scorecard",
    "/api/scorecard_matrix",
    "/api/scorecard_demands",
    "/api/scorecard_change",
    "/api/scorecard_gaps",
    "/api/organisation_ratings",
    "/api/draft",
    "/api/draft_comparison",
    "/api/draft_editor",
    "/api/worklist",
    "/api/search",
    "/api/email_sending",
    "/api/password_reset",
    "/api/notifications",
    "/api/unread",
    "/api/following",
];

fn server_functions_only_read_in() {
    let registered: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    assert!(!registered.is_empty());
    for path in &registered {
        assert!(READ_ONLY_SERVER_FUNCTIONS.contains(&path.as_str()), "unclassified server function {path}");
    }
}
