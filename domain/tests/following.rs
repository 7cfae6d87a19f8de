//! Following and notifications: who is told what, in the change's transaction; emails queued
//! once (at once, or gathered in a daily digest); unsubscribing without signing in.
mod common;

use std::sync::{Arc, Mutex};

use common::builders::{person, rating};
use domain::audit::{Actor, Audit};
use domain::services::comment_limit::CommentLimit;
use domain::services::comments::{self, NewComment};
use domain::services::notifications::{self, Emailed};
use domain::services::outbox::{self, Mail};
use domain::services::{assessments, demands, following, position_editing, unsubscribe};
use domain::types::*;
use domain::DomainError;

fn position(slug: &str) -> PositionFields {
    PositionFields {
        slug: slug.into(),
        title: "Firewalls before the agreed text".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: "Services must not report migrants.".into(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    }
}

/// One email composed: to whom, the kinds it tells of, its unsubscribe token.
type Letter = (String, Vec<NoticeKind>, String);

/// The emails composed, as the mail worker would compose them.
#[derive(Default, Clone)]
struct Composed(Arc<Mutex<Vec<Letter>>>);

impl Composed {
    fn compose(&self) -> impl Fn(Emailed<'_>) -> Mail + Send + Sync {
        let seen = self.0.clone();
        move |e: Emailed<'_>| {
            let kinds: Vec<NoticeKind> = e.notifications.iter().map(|n| n.kind).collect();
            if let Ok(mut s) = seen.lock() {
                s.push((e.reader.email.clone(), kinds.clone(), e.unsubscribe_token.to_string()));
            }
            Mail {
                to: e.reader.email.clone(),
                subject: format!("{} notifications", kinds.len()),
                text: e.notifications.iter().map(|n| n.subject.clone()).collect::<Vec<_>>().join("\n"),
                html: String::new(),
                unsubscribe_url: Some(format!("/unsubscribe/{}", e.unsubscribe_token)),
            }
        }
    }

    fn taken(&self) -> Vec<Letter> {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

#[tokio::test]
async fn a_follower_is_told_of_a_publication_a_rating_and_a_reply_once_each() {
    let t = common::seeded().await;
    let ana = person(&t, "ana@example.org", Role::Member, Some("picum")).await;
    let ben = person(&t, "ben@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator = person(&t, "coord@example.org", Role::Coordinator, None).await;
    let (a, b, c) = (Audit::now(ana.clone()), Audit::now(ben.clone()), Audit::now(coordinator.clone()));
    let ben_id = ben.user_id().expect("an account");

    // Ben follows element (i) and PICUM; the public cannot follow.
    following::set(&t.db, &b, FollowKind::Element, "i", true).await.expect("follows (i)");
    following::set(&t.db, &b, FollowKind::Organisation, "picum", true).await.expect("follows PICUM");
    following::set(&t.db, &b, FollowKind::Organisation, "picum", true).await.expect("twice is once");
    let anonymous = following::set(&t.db, &Audit::now(Actor::Anonymous), FollowKind::Element, "i", true).await;
    assert!(matches!(anonymous, Err(DomainError::Forbidden)), "{anonymous:?}");
    let missing = following::set(&t.db, &b, FollowKind::Organisation, "no-such-organisation", true).await;
    assert!(matches!(missing, Err(DomainError::NotFound(_))), "{missing:?}");

    // A draft position is nobody's news; published, it is (once, to Ben).
    let slug =
        position_editing::create_unpublished(&t.db, &a, "picum", position("picum-follow-2018")).await.expect("draft");
    let demand = DemandFields {
        slug: "picum-follow-2018-1".into(),
        text: "A firewall between public services and immigration enforcement.".into(),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(&t.db, &a, &slug, demand).await.expect("demand");
    assert_eq!(notifications::unread(&t.db, ben_id).await.expect("count"), 0, "nothing published yet");
    let stored = position_editing::stored(&t.db, &slug).await.expect("stored");
    position_editing::set_status(&t.db, &c, &slug, stored.version, PositionStatus::Published).await.expect("published");

    // Rated against the agreed text: Ben follows its element.
    assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        "picum-follow-2018-1",
        0,
        rating(Rating::PartlyMet, "objective-15", "Provide access to basic services for migrants"),
        false,
    )
    .await
    .expect("rated");

    // Ben comments; the coordinator replies: Ben is told at once (by default).
    let comment = |parent_id| NewComment {
        position_slug: slug.clone(),
        demand_slug: None,
        parent_id,
        body: "Is objective 15 enough?".into(),
    };
    let bens = comments::post(&t.db, &b, CommentLimit::DEFAULT, comment(None)).await.expect("comment");
    comments::post(&t.db, &c, CommentLimit::DEFAULT, comment(Some(bens))).await.expect("reply");
    // Ben's own comment tells Ben nothing; Ana follows nothing and is told nothing.
    let (listed, total) = notifications::list(&t.db, ben_id, 1, 20).await.expect("list");
    let kinds: Vec<NoticeKind> = listed.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec![NoticeKind::Reply, NoticeKind::Rating, NoticeKind::Published], "newest first");
    assert_eq!(total, 3);
    assert!(listed.iter().all(|n| n.href.starts_with("/positions/picum-follow-2018")), "each links to the position");
    assert_eq!(listed[1].rating, Some(Rating::PartlyMet));
    assert_eq!(notifications::unread(&t.db, ben_id).await.expect("count"), 3);
    assert_eq!(notifications::unread(&t.db, ana.user_id().expect("id")).await.expect("count"), 0);

    // The reply is emailed at once, once; the rest wait for the digest.
    let composed = Composed::default();
    let compose = composed.compose();
    let before = outbox::depth(&t.db).await.expect("depth");
    let now = chrono::Utc::now();
    assert_eq!(notifications::take_immediate(&t.db, now, 50, &compose).await.expect("taken"), 1);
    assert_eq!(notifications::take_immediate(&t.db, now, 50, &compose).await.expect("taken"), 0, "never twice");
    // Gathered up to a moment before the changes: nothing yet; after them: one digest of two.
    let earlier = now - chrono::Duration::hours(1);
    assert_eq!(notifications::take_digests(&t.db, earlier, now, &compose).await.expect("digest"), 0);
    let later = now + chrono::Duration::seconds(1);
    assert_eq!(notifications::take_digests(&t.db, later, now, &compose).await.expect("digest"), 1);
    assert_eq!(notifications::take_digests(&t.db, later, now, &compose).await.expect("digest"), 0, "never twice");
    assert_eq!(outbox::depth(&t.db).await.expect("depth"), before + 2, "two messages queued");
    let taken = composed.taken();
    assert_eq!(taken.len(), 2);
    assert_eq!(taken[0].0, "ben@example.org");
    assert_eq!(taken[0].1, vec![NoticeKind::Reply]);
    assert_eq!(taken[1].1, vec![NoticeKind::Published, NoticeKind::Rating], "one digest naming both");

    // The digest's link stops the digest's kinds, without signing in, and again changes nothing.
    let stopped = unsubscribe::use_token(&t.db, &taken[1].2).await.expect("used").expect("a known token");
    assert!(stopped.kinds.contains(&NoticeKind::Rating) && stopped.kinds.contains(&NoticeKind::Published));
    assert!(!stopped.kinds.contains(&NoticeKind::Reply), "replies were not in the digest");
    assert!(unsubscribe::use_token(&t.db, &taken[1].2).await.expect("used again").is_some());
    assert!(unsubscribe::use_token(&t.db, "not-a-token").await.expect("unknown").is_none());
    let choices = notifications::choices(&t.db, ben_id).await.expect("choices");
    assert!(choices.contains(&(NoticeKind::Rating, Delivery::Never)));
    assert!(choices.contains(&(NoticeKind::Reply, Delivery::Immediate)));

    // Read: the count is gone; stopping to follow PICUM and (i), nothing more comes.
    assert_eq!(notifications::mark_all_read(&t.db, &b).await.expect("read"), 3);
    assert_eq!(notifications::unread(&t.db, ben_id).await.expect("count"), 0);
    following::set(&t.db, &b, FollowKind::Organisation, "picum", false).await.expect("unfollowed");
    following::set(&t.db, &b, FollowKind::Element, "i", false).await.expect("unfollowed");
    let current = assessments::get(&t.db, "agreed-text", "picum-follow-2018-1").await.expect("get").expect("rated");
    assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        "picum-follow-2018-1",
        current.version,
        rating(Rating::Met, "objective-15", "Provide access to basic services for migrants"),
        false,
    )
    .await
    .expect("re-rated");
    assert_eq!(notifications::unread(&t.db, ben_id).await.expect("count"), 0);
}

#[tokio::test]
async fn a_draft_position_cannot_be_followed_by_who_may_not_read_it() {
    let t = common::seeded().await;
    let ana = person(&t, "ana@example.org", Role::Member, Some("picum")).await;
    let ben = person(&t, "ben@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let slug = position_editing::create_unpublished(&t.db, &Audit::now(ana.clone()), "picum", position("picum-hidden"))
        .await
        .expect("draft");
    let refused = following::set(&t.db, &Audit::now(ben), FollowKind::Position, &slug, true).await;
    assert!(matches!(refused, Err(DomainError::NotFound(_))), "{refused:?}");
    following::set(&t.db, &Audit::now(ana), FollowKind::Position, &slug, true).await.expect("its own organisation");
}
