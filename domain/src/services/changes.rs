//! What each committed change touched, so that every server instance can forget exactly the
//! pages that show it. A change names its *topics*: the pages' subjects it may alter (see
//! [`Topic`]). [`note`] is called inside the change's transaction: it writes the topics to
//! `change_log` (read by instances on SQLite, and after a lost connection), announces them on
//! PostgreSQL with `pg_notify` (delivered to every listening instance when, and only if, the
//! transaction commits), and hands them to the request that made the change (see
//! [`collecting`]), so that its own instance forgets those pages as soon as the request ends.
use std::future::Future;
use std::sync::Mutex;

use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
};

use crate::entities::{assessment, demand, demand_element, draft, element, organisation, position, position_signatory};
use crate::error::DomainResult;
use crate::types::EntityType;

/// The response header in which a page that lists organisations declares their topics (see
/// `server/src/invalidation/pages.rs`): it is kept until one of them, or its own topics, change.
pub const DECLARED_HEADER: &str = "x-page-topics";

/// The value of `DECLARED_HEADER` for a page listing these organisations.
pub fn declared_organisations<'a>(slugs: impl Iterator<Item = &'a str>) -> String {
    slugs.map(Topic::organisation).collect::<Vec<_>>().join(" ")
}

/// The PostgreSQL channel the topics are announced on.
pub const CHANNEL: &str = "tracker_changes";
/// A NOTIFY payload must stay under 8,000 bytes: longer lists are announced as "any".
const MAX_PAYLOAD: usize = 7_000;

/// The subjects a page shows and a change alters. A page depends on some topics; a change
/// alters some; a page is forgotten when a change alters one of its topics. Every change also
/// alters [`Topic::ANY`], which pages of no finer description depend on.
pub struct Topic;

impl Topic {
    pub const ANY: &'static str = "any";
    /// Phases, consultations, sessions: the timeline and what it shows.
    pub const TIMELINE: &'static str = "timeline";
    /// Organisations, positions, demands, drafts, elements: names and texts shown everywhere.
    pub const RECORD: &'static str = "record";
    /// Every draft's counts (the trend beside each draft's scorecard).
    pub const TREND: &'static str = "trend";
    /// The names on comments.
    pub const ACCOUNTS: &'static str = "accounts";
    /// The day the scorecards are "as of" (the last change to the scores or the record): a
    /// rating on a new day changes every scorecard's head.
    pub const HEADS: &'static str = "heads";

    /// A draft's ratings: `scores:<slug>`; the latest and the first draft also as
    /// `scores:latest` and `scores:first` (the pages that name no draft).
    pub fn scores(draft: &str) -> String {
        format!("scores:{draft}")
    }
    /// What a draft's scorecard says above its numbers, besides the day: how many of its
    /// ratings the tracker made (`scores:<slug>:head`; `latest` and `first` as for `scores`).
    /// Pages listing organisations (the matrix) depend on it and on their organisations, not
    /// on every rating of the draft.
    pub fn head(draft: &str) -> String {
        format!("scores:{draft}:head")
    }
    pub fn organisation(slug: &str) -> String {
        format!("organisation:{slug}")
    }
    pub fn position(slug: &str) -> String {
        format!("position:{slug}")
    }
    pub fn element(letter: &str) -> String {
        format!("element:{letter}")
    }
    pub fn comments(position_slug: &str) -> String {
        format!("comments:{position_slug}")
    }
}

tokio::task_local! {
    static COLLECTED: Mutex<Vec<String>>;
}

/// Runs `f`, returning with its output the topics every change it made noted (committed or
/// not: forgetting a page whose change was rolled back only costs a render).
pub async fn collecting<F: Future>(f: F) -> (F::Output, Vec<String>) {
    COLLECTED
        .scope(Mutex::new(Vec::new()), async move {
            let out = f.await;
            let topics = COLLECTED.with(|c| c.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default());
            (out, topics)
        })
        .await
}

/// Marks the change a list of topics comes from (see [`mark`]).
pub const MARK_PREFIX: char = '@';

/// A mark unique to one change: it travels with the change's topics (in the log and the
/// notice), so that the instance that made the change and already forgot its pages knows
/// the notice for what it is and does not forget the pages it rendered since a second time.
fn mark() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::LazyLock;
    static PROCESS: LazyLock<u64> = LazyLock::new(rand::random);
    static COUNT: AtomicU64 = AtomicU64::new(0);
    format!("{MARK_PREFIX}{:x}.{:x}", *PROCESS, COUNT.fetch_add(1, Ordering::Relaxed))
}

/// Records, inside the change's transaction, the topics it alters (and its mark, first).
pub async fn note<C: ConnectionTrait>(db: &C, topics: Vec<String>) -> DomainResult<()> {
    let mut topics = topics;
    topics.sort();
    topics.dedup();
    topics.insert(0, mark());
    let joined = topics.join(" ");
    let mut q = Query::insert();
    q.into_table(sea_orm::sea_query::Alias::new("change_log"))
        .columns([sea_orm::sea_query::Alias::new("topics"), sea_orm::sea_query::Alias::new("changed_at")])
        .values([joined.clone().into(), chrono::Utc::now().into()])
        .map_err(|e| crate::error::DomainError::Corrupt(e.to_string()))?;
    db.execute(&q).await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let payload = if joined.len() > MAX_PAYLOAD { Topic::ANY.to_string() } else { joined };
        db.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        ))
        .await?;
    }
    let _ = COLLECTED.try_with(|c| {
        if let Ok(mut v) = c.lock() {
            v.extend(topics);
        }
    });
    Ok(())
}

/// The log's newest id (0 when empty).
pub async fn latest<C: ConnectionTrait>(db: &C) -> DomainResult<i64> {
    let mut q = Query::select();
    q.expr_as(Expr::col(sea_orm::sea_query::Alias::new("id")).max(), "latest")
        .from(sea_orm::sea_query::Alias::new("change_log"));
    #[derive(FromQueryResult)]
    struct Latest {
        latest: Option<i64>,
    }
    Ok(crate::services::query::sql::one::<Latest, _>(db, &q).await?.and_then(|row| row.latest).unwrap_or(0))
}

/// The changes logged after `after`, oldest first: (id, topics).
pub async fn since<C: ConnectionTrait>(db: &C, after: i64) -> DomainResult<Vec<(i64, Vec<String>)>> {
    let mut q = Query::select();
    q.columns([sea_orm::sea_query::Alias::new("id"), sea_orm::sea_query::Alias::new("topics")])
        .from(sea_orm::sea_query::Alias::new("change_log"))
        .and_where(Expr::col(sea_orm::sea_query::Alias::new("id")).gt(after))
        .order_by(sea_orm::sea_query::Alias::new("id"), Order::Asc)
        .limit(10_000);
    #[derive(FromQueryResult)]
    struct Logged {
        id: i64,
        topics: String,
    }
    Ok(crate::services::query::sql::all::<Logged, _>(db, &q)
        .await?
        .into_iter()
        .map(|row| (row.id, row.topics.split(' ').filter(|t| !t.is_empty()).map(String::from).collect()))
        .collect())
}

/// Forgets log entries older than `keep` (the instances have long read them).
pub async fn prune<C: ConnectionTrait>(db: &C, keep: chrono::Duration) -> DomainResult<u64> {
    let mut q = Query::delete();
    q.from_table(sea_orm::sea_query::Alias::new("change_log"))
        .and_where(Expr::col(sea_orm::sea_query::Alias::new("changed_at")).lt(chrono::Utc::now() - keep));
    Ok(db.execute(&q).await?.rows_affected())
}

/// The topics a revision's change alters. A rating alters its draft's scores, the trend, and
/// the pages of its position, its signatories and its elements; the timeline's items alter
/// the timeline; moderation alters its position's comments; everything else in the record
/// alters the record (names and texts shown on most pages).
pub async fn of_revision<C: ConnectionTrait>(
    db: &C,
    kind: EntityType,
    id: i32,
    changes: &[crate::types::FieldChange],
    at: chrono::DateTime<chrono::Utc>,
) -> DomainResult<Vec<String>> {
    Ok(match kind {
        EntityType::Phase | EntityType::Consultation => vec![Topic::TIMELINE.into()],
        EntityType::Account => vec![Topic::ACCOUNTS.into()],
        EntityType::Comment => {
            let slug = position::Entity::find()
                .filter(
                    position::Column::Id.in_subquery(
                        Query::select()
                            .column(crate::entities::comment::Column::PositionId)
                            .from(crate::entities::comment::Entity)
                            .and_where(Expr::col(crate::entities::comment::Column::Id).eq(id))
                            .to_owned(),
                    ),
                )
                .one(db)
                .await?
                .map(|p| p.slug);
            match slug {
                Some(slug) => vec![Topic::comments(&slug)],
                None => vec![Topic::ANY.into()],
            }
        }
        EntityType::Assessment => match assessment::Entity::find_by_id(id).one(db).await? {
            Some(a) => {
                // the tracker's count moves when a rating is the tracker's, or stops being it
                let head = (a.by_tracker && a.version == 1) || changes.iter().any(|c| c.field == "by_tracker");
                let mut topics = of_rating(db, a.draft_id, a.demand_id, head).await?;
                if first_of_the_day(db, at).await? {
                    topics.push(Topic::HEADS.into());
                }
                topics
            }
            None => vec![Topic::ANY.into()],
        },
        EntityType::Element
        | EntityType::Organisation
        | EntityType::Position
        | EntityType::Demand
        | EntityType::Draft
        | EntityType::DocumentedChange
        | EntityType::ThematicSession => {
            vec![Topic::RECORD.into()]
        }
    })
}

/// Whether the change at `at` (its revision just recorded) is the first of its day among the
/// kinds the scorecards' "as of" reads (`query::load::as_of`): then the day they show moves.
async fn first_of_the_day<C: ConnectionTrait>(db: &C, at: chrono::DateTime<chrono::Utc>) -> DomainResult<bool> {
    use crate::entities::revision;
    use sea_orm::PaginatorTrait;
    let start = at.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
    let kinds =
        [EntityType::Organisation, EntityType::Position, EntityType::Demand, EntityType::Draft, EntityType::Assessment];
    let today = revision::Entity::find()
        .filter(revision::Column::EntityType.is_in(kinds))
        .filter(revision::Column::ChangedAt.gte(start))
        .count(db)
        .await?;
    Ok(today <= 1)
}

async fn of_rating<C: ConnectionTrait>(db: &C, draft_id: i32, demand_id: i32, head: bool) -> DomainResult<Vec<String>> {
    let mut topics = vec![Topic::TREND.to_string()];
    let drafts =
        draft::Entity::find().order_by_asc(draft::Column::ReleasedOn).order_by_asc(draft::Column::Id).all(db).await?;
    let mut names = Vec::new();
    if let Some(d) = drafts.iter().find(|d| d.id == draft_id) {
        names.push(d.slug.clone());
    }
    if drafts.first().is_some_and(|d| d.id == draft_id) {
        names.push("first".into());
    }
    if drafts.last().is_some_and(|d| d.id == draft_id) {
        names.push("latest".into());
    }
    for name in &names {
        topics.push(Topic::scores(name));
        if head {
            topics.push(Topic::head(name));
        }
    }
    let Some(d) = demand::Entity::find_by_id(demand_id).one(db).await? else { return Ok(topics) };
    if let Some(p) = position::Entity::find_by_id(d.position_id).one(db).await? {
        topics.push(Topic::position(&p.slug));
    }
    let signatories = organisation::Entity::find()
        .filter(
            organisation::Column::Id.in_subquery(
                Query::select()
                    .column(position_signatory::Column::OrganisationId)
                    .from(position_signatory::Entity)
                    .and_where(Expr::col(position_signatory::Column::PositionId).eq(d.position_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    topics.extend(signatories.iter().map(|o| Topic::organisation(&o.slug)));
    let elements = element::Entity::find()
        .filter(
            element::Column::Id.in_subquery(
                Query::select()
                    .column(demand_element::Column::ElementId)
                    .from(demand_element::Entity)
                    .and_where(Expr::col(demand_element::Column::DemandId).eq(demand_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    topics.extend(elements.iter().map(|e| Topic::element(&e.letter)));
    Ok(topics)
}
