//! Comments on the real database: threads and replies, sanitising, authors' edits and
//! deletions, moderation with placeholders, reports, limits, and draft positions kept private.
mod common;

use common::builders::person;
use domain::audit::{Actor, Audit};
use domain::services::comment_limit::CommentLimit;
use domain::services::comments::{self, NewComment, MAX_COMMENT_CHARS};
use domain::services::positions;
use domain::types::{CommentStatus, InvalidReason, Role};
use domain::DomainError;

const POSITION: &str = "coalition-faq-2017-asks";

fn new(body: &str) -> NewComment {
    NewComment { position_slug: POSITION.into(), demand_slug: None, parent_id: None, body: body.into() }
}

#[tokio::test]
async fn members_discuss_and_coordinators_moderate() {
    let t = common::seeded().await;
    let ana = person(&t, "ana@example.org", Role::Member, Some("picum")).await;
    let ben = person(&t, "ben@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator = person(&t, "coord@example.org", Role::Coordinator, None).await;

    let first = comments::post(
        &t.db,
        &Audit::now(ana.clone()),
        CommentLimit::DEFAULT,
        new("We **support** this.<script>alert(1)</script>"),
    )
    .await
    .expect("posted");
    let on_demand = NewComment { demand_slug: Some("coalition-faq-no-return-deals".into()), ..new("On returns") };
    let demand_comment =
        comments::post(&t.db, &Audit::now(ben.clone()), CommentLimit::DEFAULT, on_demand).await.expect("on a demand");
    let reply = NewComment { parent_id: Some(demand_comment), ..new("Agreed") };
    let reply_id = comments::post(&t.db, &Audit::now(ana.clone()), CommentLimit::DEFAULT, reply).await.expect("reply");

    let page = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    assert_eq!(page.comments.len(), 3);
    assert!(!page.can_comment, "the public reads but does not write");
    let c = &page.comments[0];
    assert_eq!(c.body_html, "<p>We <strong>support</strong> this.&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    assert_eq!(c.author, "Name of ana@example.org");
    assert_eq!(
        c.author_organisation.as_deref(),
        Some("Platform for International Cooperation on Undocumented Migrants")
    );
    assert!(!c.mine && c.body_source.is_empty(), "the source is for the author only");
    let r = page.comments.iter().find(|c| c.id == reply_id).expect("reply");
    assert_eq!((r.parent_id, r.demand_slug.as_deref()), (Some(demand_comment), Some("coalition-faq-no-return-deals")));

    // Only the author edits or deletes; a stale version is a conflict.
    let ana_audit = Audit::now(ana.clone());
    assert!(matches!(
        comments::edit(&t.db, &Audit::now(ben.clone()), first, 1, "x").await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        comments::edit(&t.db, &Audit::now(coordinator.clone()), first, 1, "x").await,
        Err(DomainError::Forbidden)
    ));
    comments::edit(&t.db, &ana_audit, first, 1, "We support this, with changes.").await.expect("edited");
    assert!(matches!(comments::edit(&t.db, &ana_audit, first, 1, "again").await, Err(DomainError::Conflict { .. })));

    // A report, then the coordinator hides the comment: a placeholder with the reason stays.
    comments::report(&t.db, &Audit::now(ben.clone()), first, "Not about the position").await.expect("reported");
    let queue = comments::open_reports(&t.db, &Audit::now(coordinator.clone())).await.expect("queue");
    assert_eq!(queue.len(), 1);
    assert!(matches!(comments::open_reports(&t.db, &Audit::now(ben.clone())).await, Err(DomainError::Forbidden)));
    assert!(matches!(comments::hide(&t.db, &Audit::now(ben.clone()), first, "no").await, Err(DomainError::Forbidden)));
    let no_reason = comments::hide(&t.db, &Audit::now(coordinator.clone()), first, "  ").await;
    assert!(matches!(no_reason, Err(DomainError::Invalid(ref i)) if i.reason == InvalidReason::Required));
    comments::hide(&t.db, &Audit::now(coordinator.clone()), first, "off topic").await.expect("hidden");
    assert!(comments::open_reports(&t.db, &Audit::now(coordinator.clone())).await.expect("queue").is_empty());
    let public = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    let hidden = public.comments.iter().find(|c| c.id == first).expect("placeholder stays");
    assert_eq!(
        (hidden.status, hidden.hidden_reason.as_str(), hidden.body_html.as_str()),
        (CommentStatus::Hidden, "off topic", "")
    );
    let moderator = positions::page(&t.db, &coordinator, POSITION).await.expect("page");
    assert!(moderator.comments.iter().any(|c| c.id == first && c.body_html.contains("with changes")));
    comments::restore(&t.db, &Audit::now(coordinator.clone()), first).await.expect("restored");
    let restored = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    assert!(restored.comments.iter().any(|c| c.id == first && c.status == CommentStatus::Visible && c.edited));

    // The author deletes: the reply keeps its place under a placeholder.
    let ben_audit = Audit::now(ben.clone());
    comments::delete(&t.db, &ben_audit, demand_comment, 1).await.expect("deleted");
    let after = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    let gone = after.comments.iter().find(|c| c.id == demand_comment).expect("placeholder");
    assert_eq!((gone.status, gone.body_html.as_str()), (CommentStatus::Deleted, ""));
    assert!(after.comments.iter().any(|c| c.id == reply_id));
}

#[tokio::test]
async fn bad_comments_and_private_drafts_are_refused() {
    let t = common::seeded().await;
    let ana = Audit::now(person(&t, "ana@example.org", Role::Member, Some("picum")).await);
    let empty = comments::post(&t.db, &ana, CommentLimit::DEFAULT, new("   ")).await;
    assert!(
        matches!(empty, Err(DomainError::Invalid(ref i)) if i.field == "body" && i.reason == InvalidReason::Required)
    );
    let long = comments::post(&t.db, &ana, CommentLimit::DEFAULT, new(&"x".repeat(MAX_COMMENT_CHARS + 1))).await;
    assert!(
        matches!(long, Err(DomainError::Invalid(ref i)) if i.reason == InvalidReason::TooLong { max: MAX_COMMENT_CHARS })
    );
    let anonymous = comments::post(&t.db, &Audit::now(Actor::Anonymous), CommentLimit::DEFAULT, new("hello")).await;
    assert!(matches!(anonymous, Err(DomainError::Forbidden)));
    let nowhere = NewComment { position_slug: "no-such-position".into(), ..new("hello") };
    assert!(matches!(comments::post(&t.db, &ana, CommentLimit::DEFAULT, nowhere).await, Err(DomainError::NotFound(_))));
    let foreign_demand = NewComment { demand_slug: Some("not-a-demand-here".into()), ..new("hello") };
    assert!(matches!(
        comments::post(&t.db, &ana, CommentLimit::DEFAULT, foreign_demand).await,
        Err(DomainError::Invalid(_))
    ));
    let page = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    assert!(page.comments.is_empty(), "nothing was stored");
}

#[tokio::test]
async fn a_comment_flood_from_one_account_is_refused_for_a_while() {
    let t = common::seeded().await;
    let ana = person(&t, "ana@example.org", Role::Member, Some("picum")).await;
    let ben = person(&t, "ben@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let limit = CommentLimit { max: 5, minutes: 10 };
    let start = chrono::Utc::now();
    let at = |actor: &Actor, seconds: i64| Audit {
        at: start + chrono::Duration::seconds(seconds),
        ..Audit::now(actor.clone())
    };
    for i in 0..5 {
        comments::post(&t.db, &at(&ana, i * 10), limit, new(&format!("comment {i}"))).await.expect("within the limit");
    }
    // The sixth within ten minutes is refused, saying when the oldest leaves the window.
    match comments::post(&t.db, &at(&ana, 60), limit, new("one too many")).await {
        Err(DomainError::RateLimited { max: 5, minutes: 10, retry_after_seconds }) => {
            assert_eq!(retry_after_seconds, 600 - 60, "the first comment leaves the window in 9 minutes");
        }
        other => panic!("the sixth comment must be refused, got {other:?}"),
    }
    // Another account is not held back; the limit off lets anything through.
    comments::post(&t.db, &at(&ben, 60), limit, new("ben speaks")).await.expect("another account");
    comments::post(&t.db, &at(&ana, 61), CommentLimit::OFF, new("no limit")).await.expect("the limit off");
    // Once the first two are older than the window (the one posted without the limit counts
    // too), one more is allowed.
    let later = at(&ana, 611);
    comments::post(&t.db, &later, limit, new("after the window")).await.expect("after ten minutes");
    let page = positions::page(&t.db, &Actor::Anonymous, POSITION).await.expect("page");
    assert!(!page.comments.iter().any(|c| c.body_html.contains("one too many")), "the refused comment is not stored");
    assert_eq!(page.comments.len(), 8);
}
