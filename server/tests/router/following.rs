//! Following through the pages, and what it sends through a real SMTP server: a member who
//! follows element (i) and an organisation gets one digest naming the day's rating and
//! publication, and an email at once when a coordinator replies to their comment; the
//! one-click unsubscribe works without signing in.
use std::time::Duration;

use axum::http::{header, StatusCode};
use domain::audit::{Actor, Audit};
use domain::services::{assessments, demands, position_editing};
use domain::types::{
    Addresses, DateSpan, DemandFields, ElementLetter, PositionFields, PositionStatus, Rating, Role, Stance,
};
use server::config::Settings;
use server::mail::Mailer;

use crate::common::{self, get, post, signed_in, ORIGIN};
use crate::smtp::{unfolded, SmtpServer};

fn with_mail(url: &str) -> Settings {
    Settings {
        public_url: ORIGIN.to_string(),
        mailer: Some(Mailer::new(url, "GCM Tracker <tracker@example.org>").expect("mailer")),
        ..Settings::local("127.0.0.1:0".parse().expect("addr"))
    }
}

fn header_value<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
}

pub async fn a_follower_gets_one_digest_of_the_day_and_a_reply_at_once() {
    let t = common::app().await;
    let smtp = SmtpServer::start();
    let router = common::router_with(&t, with_mail(&smtp.url()));
    let follower = signed_in(&t, "follower@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator_cookie = signed_in(&t, "coordinator@example.org", Role::Coordinator, None).await;

    // Following element (i) and PICUM from their pages' buttons.
    let (_, _, page) = get(&router, "/elements/i", Some(&follower)).await;
    assert!(page.contains("action=\"/follow\"") && page.contains(">Follow<"), "the follow button");
    for (kind, key, back) in [("element", "i", "/elements/i"), ("organisation", "picum", "/organisations/picum")] {
        let (status, headers, _) =
            post(&router, "/follow", &[("kind", kind), ("key", key), ("on", "1"), ("back", back)], Some(&follower))
                .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers.get(header::LOCATION).and_then(|v| v.to_str().ok()), Some(back));
    }
    let (_, _, page) = get(&router, "/elements/i", Some(&follower)).await;
    assert!(page.contains(">Stop following<"), "the page says it is followed");
    let (status, _, _) = post(&router, "/follow", &[("kind", "element"), ("key", "i"), ("on", "1")], None).await;
    assert!(
        status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN,
        "the public cannot follow: {status}"
    );

    // That day: a PICUM position on (i) published, and one of its demands rated.
    let coordinator = Audit::now(Actor::System);
    let fields = PositionFields {
        slug: "picum-followed-2018".into(),
        title: "Firewalls, followed".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: "Services must not report migrants.".into(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    let slug = position_editing::create_unpublished(&t.db, &coordinator, "picum", fields).await.expect("draft");
    let demand = DemandFields {
        slug: "picum-followed-2018-1".into(),
        text: "A firewall between public services and immigration enforcement.".into(),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(&t.db, &coordinator, &slug, demand).await.expect("demand");
    let stored = position_editing::stored(&t.db, &slug).await.expect("stored");
    position_editing::set_status(&t.db, &coordinator, &slug, stored.version, PositionStatus::Published)
        .await
        .expect("published");
    let evidence = domain::types::AssessmentFields {
        rating: Rating::PartlyMet,
        section: "objective-15".into(),
        quote: "Provide access to basic services for migrants".into(),
        note: String::new(),
        source_url: "https://example.org/agreed-text".into(),
    };
    assessments::assess(&t.db, &coordinator, "agreed-text", "picum-followed-2018-1", 0, evidence, false)
        .await
        .expect("rated");

    // The follower comments; a coordinator replies through the page: an email at once.
    let path = format!("/positions/{slug}/comments");
    let (status, _, _) =
        post(&router, &path, &[("form_id", "general"), ("body", "Is objective 15 enough?")], Some(&follower)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let parent = common::last_comment_id(&t, &slug).await;
    let parent = parent.to_string();
    let (status, _, _) = post(
        &router,
        &path,
        &[("form_id", "reply"), ("parent", parent.as_str()), ("body", "It names basic services.")],
        Some(&coordinator_cookie),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mail = smtp.wait_for(1, Duration::from_secs(60)).await;
    assert_eq!(mail.len(), 1, "the reply's email, at once; the rest waits for the digest");
    let reply = unfolded(&mail[0]);
    assert!(reply.contains("To: follower@example.org"), "{reply}");
    assert!(reply.contains("A reply to your comment on Firewalls, followed"), "{reply}");
    let unsubscribe = header_value(&reply, "List-Unsubscribe").expect("List-Unsubscribe").to_string();
    assert!(unsubscribe.contains(&format!("{ORIGIN}/unsubscribe/")), "{unsubscribe}");
    assert_eq!(header_value(&reply, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));

    // The header counts three unread; the page lists them.
    let (_, _, page) = get(&router, "/notifications", Some(&follower)).await;
    assert!(page.contains("Notifications (3 unread)"), "the header's count");
    assert!(page.contains("Firewalls, followed"));

    // The day's digest: one message naming the rating and the publication.
    let now = chrono::Utc::now();
    let compose = |e: domain::services::notifications::Emailed<'_>| server::mail::notices::compose(ORIGIN, e);
    let queued =
        domain::services::notifications::take_digests(&t.db, now + chrono::Duration::seconds(1), now, &compose)
            .await
            .expect("digests");
    assert_eq!(queued, 1);
    let mail = smtp.wait_for(2, Duration::from_secs(60)).await;
    assert_eq!(mail.len(), 2, "the reply's email and one digest");
    let digest = mail
        .iter()
        .map(|m| unfolded(m))
        .find(|m| m.contains("changes you follow"))
        .unwrap_or_else(|| panic!("a digest among {mail:?}"));
    assert!(digest.contains("Subject: 2 changes you follow on the GCM Tracker"), "{digest}");
    assert!(digest.contains("rated Partly met"), "names the rating: {digest}");
    assert!(digest.contains("Published: Firewalls, followed"), "names the publication: {digest}");
    assert!(digest.contains(&format!("{ORIGIN}/positions/{slug}")));

    // One click, without signing in: the digest stops.
    let link = header_value(&digest, "List-Unsubscribe").expect("List-Unsubscribe");
    let token = link.trim_matches(|c| c == '<' || c == '>').rsplit('/').next().expect("token").to_string();
    let (status, _, _) =
        post(&router, &format!("/unsubscribe/{token}"), &[("List-Unsubscribe", "One-Click")], None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = get(&router, "/notifications", Some(&follower)).await;
    assert!(page.contains("value=\"never\" checked") || page.contains("checked value=\"never\""), "stopped");
    let (status, _, _) = post(&router, "/unsubscribe/not-a-token", &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
