//! The search over the record: organisations, positions, demands, consultations, drafts'
//! sections and documented changes, comments. The index (`search_index`, see the migration
//! `m20261206_000019_search_index`) is kept by triggers in the transaction of every change;
//! this module reads it with each database's own engine (SQLite's FTS5 with `bm25`,
//! PostgreSQL's text search), keeps out what the reader may not read and narrows to the filters
//! by the tags each document carries (kept by the same triggers from the live rows), ranks a
//! bounded number of the matches, then names and links the page of results with one query per
//! kind found.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter, Statement,
    TransactionSession, TransactionTrait, Value,
};

use crate::audit::Actor;
use crate::entities::{
    consultation, demand, draft, draft_change, draft_section, element, organisation, position, position_signatory,
};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::permissions::{comments::can_moderate, record::can_see_draft_position};
use crate::types::search::{fragments, fts5_expression, websearch_text, MARK_END, MARK_START};
use crate::types::{
    EntityType, OrganisationRef, PositionStatus, SearchFilter, SearchHit, SearchKind, SearchPage, SearchResults,
    SEARCH_PER_PAGE, SEARCH_RANKED,
};

mod newest;

/// SQL with its bound values, numbered the way the backend wants them.
struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DatabaseBackend) -> Self {
        Sql { backend, text: String::new(), values: Vec::new() }
    }

    fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    fn bind(&mut self, v: impl Into<Value>) -> &mut Self {
        self.values.push(v.into());
        if self.backend == DatabaseBackend::Postgres {
            self.text.push_str(&format!("${}", self.values.len()));
        } else {
            self.text.push('?');
        }
        self
    }

    fn statement(&self) -> Statement {
        Statement::from_sql_and_values(self.backend, &self.text, self.values.clone())
    }
}

/// How many titled documents (organisations, positions, consultations, drafts' sections and
/// changes), the first in the index, are ranked beside the newest matches of every kind: at
/// 10,000 organisations the newest thousand matches of a common word are all demands and
/// comments, and the record's own organisations and consultations are among its first documents.
const TITLED: u32 = 300;

/// The tags (see the migration `m20261206_000019_search_index`) a document must carry: an
/// expression both engines read, over words the index adds to every document.
#[derive(Debug, Clone)]
enum Tags {
    Word(String),
    All(Vec<Tags>),
    Any(Vec<Tags>),
}

impl Tags {
    fn word(prefix: &str, id: impl std::fmt::Display) -> Tags {
        Tags::Word(format!("{prefix}{id}"))
    }

    /// As FTS5 reads it (inside a `tags : (...)` column filter).
    fn fts5(&self) -> String {
        match self {
            Tags::Word(w) => w.clone(),
            Tags::All(parts) => format!("({})", parts.iter().map(Tags::fts5).collect::<Vec<_>>().join(" AND ")),
            Tags::Any(parts) => format!("({})", parts.iter().map(Tags::fts5).collect::<Vec<_>>().join(" OR ")),
        }
    }

    /// As PostgreSQL's `to_tsquery` reads it.
    fn tsquery(&self) -> String {
        match self {
            Tags::Word(w) => w.clone(),
            Tags::All(parts) => format!("({})", parts.iter().map(Tags::tsquery).collect::<Vec<_>>().join(" & ")),
            Tags::Any(parts) => format!("({})", parts.iter().map(Tags::tsquery).collect::<Vec<_>>().join(" | ")),
        }
    }
}

/// Anyone may read the document.
const PUBLIC: &str = "t1";
/// Whoever may read the document's position may read it (it is not a hidden comment).
const READABLE: &str = "t2";

/// A kind's table, and its code: a document's id is its row's id times 8 plus the code (the
/// migration `m20261206_000019_search_index`).
fn source(kind: SearchKind) -> (&'static str, i64) {
    match kind {
        SearchKind::Organisation => ("organisations", 1),
        SearchKind::Position => ("positions", 2),
        SearchKind::Demand => ("demands", 3),
        SearchKind::Consultation => ("consultations", 4),
        SearchKind::Section => ("draft_sections", 5),
        SearchKind::Change => ("draft_changes", 6),
        SearchKind::Comment => ("comments", 7),
    }
}

fn kind_tag(kind: SearchKind) -> Tags {
    Tags::word("k", source(kind).1)
}

/// The tags of what `actor` may read, narrowed by the filters (their slugs looked up).
async fn required<C: ConnectionTrait>(db: &C, actor: &Actor, f: &SearchFilter) -> DomainResult<Option<Tags>> {
    let mut all = Vec::new();
    match actor {
        // everything, hidden comments and unpublished positions included
        Actor::Coordinator { .. } | Actor::System => {}
        Actor::Member { organisation_id: Some(org), .. } => {
            // and the positions their organisation prepares
            // (`permissions::record::can_see_draft_position`)
            debug_assert!(can_see_draft_position(actor, &[*org]) && !can_moderate(actor));
            let signed = position_signatory::Entity::find()
                .filter(position_signatory::Column::OrganisationId.eq(*org))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.position_id);
            let drafts: Vec<i32> = position::Entity::find()
                .filter(position::Column::Id.is_in(signed))
                .filter(position::Column::Status.ne(PositionStatus::Published))
                .all(db)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            if drafts.is_empty() {
                all.push(Tags::Word(PUBLIC.into()));
            } else {
                let own = Tags::Any(drafts.iter().map(|id| Tags::word("p", id)).collect());
                all.push(Tags::Any(vec![Tags::Word(PUBLIC.into()), Tags::All(vec![Tags::Word(READABLE.into()), own])]));
            }
        }
        Actor::Member { organisation_id: None, .. } | Actor::Anonymous => all.push(Tags::Word(PUBLIC.into())),
    }
    if let Some(kind) = f.kind {
        all.push(kind_tag(kind));
    }
    if let Some(letter) = f.element {
        let e = element::Entity::find()
            .filter(element::Column::Letter.eq(letter.to_string()))
            .one(db)
            .await?
            .ok_or(DomainError::NotFound(EntityType::Element))?;
        all.push(Tags::word("e", e.id));
    }
    if let Some(slug) = &f.organisation {
        let o = organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .ok_or(DomainError::NotFound(EntityType::Organisation))?;
        // the organisation, and the positions it signs with their demands and comments
        let signed = position_signatory::Entity::find()
            .filter(position_signatory::Column::OrganisationId.eq(o.id))
            .all(db)
            .await?;
        let mut any = vec![Tags::word("o", o.id)];
        any.extend(signed.iter().map(|s| Tags::word("p", s.position_id)));
        all.push(Tags::Any(any));
    }
    if let Some(slug) = &f.draft {
        let d = draft::Entity::find()
            .filter(draft::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .ok_or(DomainError::NotFound(EntityType::Draft))?;
        all.push(Tags::word("d", d.id));
    }
    Ok(match all.len() {
        0 => None,
        1 => all.pop(),
        _ => Some(Tags::All(all)),
    })
}

/// The tsquery of a PostgreSQL search: the words stemmed as English, French and Spanish, and
/// as typed.
fn tsquery(sql: &mut Sql, text: &str) {
    sql.push("(");
    for (i, config) in ["english", "french", "spanish", "simple"].iter().enumerate() {
        if i > 0 {
            sql.push(" || ");
        }
        sql.push(&format!("websearch_to_tsquery('{config}', ")).bind(text).push(")");
    }
    sql.push(")");
}

/// `search_index MATCH ?` (SQLite) or `tsv @@ ... AND tag_tsv @@ ...` (PostgreSQL): documents
/// matching `query` and carrying `tags`.
fn matches(sql: &mut Sql, query: &str, tags: &Option<Tags>) {
    if sql.backend == DatabaseBackend::Postgres {
        sql.push("search_index.tsv @@ ");
        tsquery(sql, query);
        if let Some(t) = tags {
            sql.push(" AND search_index.tag_tsv @@ to_tsquery('simple', ").bind(t.tsquery()).push(")");
        }
    } else {
        let mut expr = format!("{{title body}} : ({query})");
        if let Some(t) = tags {
            expr.push_str(&format!(" AND tags : {}", t.fts5()));
        }
        sql.push("search_index MATCH ").bind(expr);
    }
}

#[derive(Debug, FromQueryResult)]
struct Ranked {
    id: i64,
    total: i64,
    newest: i64,
}

#[derive(Debug, FromQueryResult)]
struct Found {
    id: i64,
    kind: String,
    ref_id: i32,
    position_id: Option<i32>,
    draft_id: Option<i32>,
    snippet: String,
}

/// One page of what `filter` finds that `actor` may read, the best matches first.
///
/// The engines' indexes find the matches, tags and all, without reading a row; what is ranked
/// is bounded: the newest [`SEARCH_RANKED`] matches and the first [`TITLED`] titled ones
/// (ranking every match of a common word costs a read of each). PostgreSQL finds the newest a
/// slice of the index at a time ([`newest`]) and ranks them by `ts_rank_cd` (titles weigh
/// more); SQLite puts the documents whose title matches first, then the newer (its `bm25`
/// reads the whole list of every word's matches first, tens of milliseconds for a common one).
/// One read transaction: every query of the search sees the same record.
pub async fn search<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    filter: &SearchFilter,
) -> DomainResult<SearchResults> {
    let txn = db.begin().await?;
    let results = search_in(&txn, actor, filter).await?;
    txn.commit().await?;
    Ok(results)
}

async fn search_in<C: ConnectionTrait>(db: &C, actor: &Actor, filter: &SearchFilter) -> DomainResult<SearchResults> {
    let backend = db.get_database_backend();
    let terms = filter.terms();
    let query = match backend {
        DatabaseBackend::Postgres => websearch_text(&terms),
        _ => fts5_expression(&terms),
    };
    let Some(query) = query else { return Ok(SearchResults::empty(filter.page)) };
    if backend == DatabaseBackend::Postgres {
        newest::plan_for_values(db).await?;
    }
    let tags = required(db, actor, filter).await?;
    let ranked = rank(db, &query, &tags, filter.kind, filter.offset()).await?;
    let Some(first) = ranked.first() else {
        return Ok(SearchResults::empty(filter.page));
    };
    let (total, more) = (first.total, first.newest > i64::from(SEARCH_RANKED));
    let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
    let found = passages(db, &query, &ids).await?;
    let items = describe(db, found).await?;
    Ok(SearchResults {
        items,
        page: filter.page,
        per_page: SEARCH_PER_PAGE,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        more,
    })
}

/// After a bulk load (`server generate`, `server import`): the index made as cheap to read as
/// it can be. SQLite's FTS5 index grows in segments as it is written, and every search reads
/// each segment of each word (at 10,000 organisations, 18 segments made a page's passages cost
/// 29 ms; merged into one, 2 ms); `optimize` merges them. PostgreSQL's GIN index keeps recent
/// entries in a pending list that only VACUUM (or autovacuum) folds in.
pub async fn compact(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => db.execute_unprepared("VACUUM ANALYZE search_index").await?,
        _ => db.execute_unprepared("INSERT INTO search_index(search_index) VALUES('optimize')").await?,
    };
    Ok(())
}

/// The search page: [`search`], the drafts to narrow to, and the organisation narrowed to.
pub async fn page_for<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    filter: &SearchFilter,
) -> DomainResult<SearchPage> {
    let results = search(db, actor, filter).await?;
    let drafts = super::query::load::drafts(db).await?.into_iter().map(|(_, d)| d).collect();
    let organisation = match &filter.organisation {
        Some(slug) => organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .map(|o| OrganisationRef { slug: o.slug, name: o.name, acronym: o.acronym }),
        None => None,
    };
    Ok(SearchPage { results, drafts, organisation })
}

/// The ids of one page of ranked documents, each row with the number ranked (`total`) and the
/// number of newest matches read (`newest`, one over [`SEARCH_RANKED`] when there are more).
async fn rank<C: ConnectionTrait>(
    db: &C,
    query: &str,
    tags: &Option<Tags>,
    kind: Option<SearchKind>,
    offset: u64,
) -> DomainResult<Vec<Ranked>> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let newest = i64::from(SEARCH_RANKED) + 1;
    // the titled documents the filters allow (none when the kind asked for has no title)
    let titled_tags = titled(kind).map(|kinds| match tags {
        Some(t) => Tags::All(vec![t.clone(), kinds]),
        None => kinds,
    });
    if backend == DatabaseBackend::Postgres {
        let ids = newest::newest(db, query, tags, kind, newest).await?;
        // one array, bound as its text: one statement whatever the ids
        let array = format!("{{{}}}", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        sql.push("WITH newest AS (SELECT UNNEST(CAST(").bind(array).push(" AS bigint[])) AS id)");
        if let Some(titled_tags) = titled_tags {
            sql.push(", titled AS (SELECT search_index.id FROM search_index WHERE ");
            matches(&mut sql, query, &Some(titled_tags));
            // in the index's own order: ordered by id, the planner walks the whole table by its
            // key when few titled documents match
            sql.push(" LIMIT ").bind(i64::from(TITLED));
            sql.push("), candidates AS (SELECT id FROM newest UNION SELECT id FROM titled)");
        } else {
            sql.push(", candidates AS (SELECT id FROM newest)");
        }
        sql.push(", scored AS (SELECT s.id, ts_rank_cd(s.tsv, ");
        tsquery(&mut sql, query);
        sql.push(") AS score FROM candidates c JOIN search_index s ON s.id = c.id)");
        sql.push(" SELECT id, COUNT(*) OVER () AS total, (SELECT COUNT(*) FROM newest) AS newest FROM scored ORDER BY score DESC, id DESC");
    } else {
        // Only the titled documents' rows are read (their titles, to see whether the words are
        // there); the newest are ranked by their keys alone.
        sql.push("WITH newest AS (SELECT search_index.rowid AS id FROM search_index WHERE ");
        matches(&mut sql, query, tags);
        sql.push(" ORDER BY search_index.rowid DESC LIMIT ").bind(newest).push(")");
        if let Some(titled_tags) = titled_tags {
            sql.push(
                ", titled AS (SELECT search_index.rowid AS id, \
                 instr(highlight(search_index, 0, char(1), char(2)), char(1)) > 0 AS in_title FROM search_index WHERE ",
            );
            matches(&mut sql, query, &Some(titled_tags));
            sql.push(" LIMIT ").bind(i64::from(TITLED));
            sql.push(
                "), candidates AS (SELECT id, MAX(in_title) AS in_title FROM \
                 (SELECT id, 0 AS in_title FROM newest UNION ALL SELECT id, in_title FROM titled) GROUP BY id)",
            );
        } else {
            sql.push(", candidates AS (SELECT id, 0 AS in_title FROM newest)");
        }
        sql.push(" SELECT id, COUNT(*) OVER () AS total, (SELECT COUNT(*) FROM newest) AS newest FROM candidates ORDER BY in_title DESC, id DESC");
    }
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    sql.push(" LIMIT ").bind(i64::from(SEARCH_PER_PAGE)).push(" OFFSET ").bind(offset);
    Ok(Ranked::find_by_statement(sql.statement()).all(db).await?)
}

/// Organisations, positions, consultations, drafts' sections and changes: the kinds with a title.
const TITLED_KINDS: [SearchKind; 5] =
    [SearchKind::Organisation, SearchKind::Position, SearchKind::Consultation, SearchKind::Section, SearchKind::Change];

/// The tags of the titled documents to rank beside the newest: none when the search is narrowed
/// to a kind without a title (demands, comments), whose titled candidates could only be none
/// after a walk through the index.
fn titled(kind: Option<SearchKind>) -> Option<Tags> {
    match kind {
        Some(k) if TITLED_KINDS.contains(&k) => Some(kind_tag(k)),
        Some(_) => None,
        None => Some(Tags::Any(TITLED_KINDS.into_iter().map(kind_tag).collect())),
    }
}

/// The documents `ids`, in that order, each with its passage marked.
async fn passages<C: ConnectionTrait>(db: &C, query: &str, ids: &[i64]) -> DomainResult<Vec<Found>> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    if backend == DatabaseBackend::Postgres {
        sql.push("SELECT s.id, s.kind, s.ref_id, s.position_id, s.draft_id, ts_headline('english', s.title || ' · ' || s.body, ");
        tsquery(&mut sql, query);
        sql.push(", ")
            .bind(format!(
                "StartSel=\"{MARK_START}\", StopSel=\"{MARK_END}\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
            ))
            .push(&format!(") AS snippet FROM search_index s WHERE s.id IN ({list})"));
    } else {
        sql.push("SELECT search_index.rowid AS id, search_index.kind, search_index.ref_id, search_index.position_id, search_index.draft_id, snippet(search_index, -1, ")
            .bind(MARK_START.to_string())
            .push(", ")
            .bind(MARK_END.to_string())
            .push(", ' … ', 24) AS snippet FROM search_index WHERE search_index MATCH ")
            .bind(format!("{{title body}} : ({query})"))
            .push(&format!(" AND search_index.rowid IN ({list})"));
    }
    let mut found = Found::find_by_statement(sql.statement()).all(db).await?;
    found.sort_by_key(|f| ids.iter().position(|id| *id == f.id));
    Ok(found)
}

/// Names and links each document, with one query per kind of record involved.
async fn describe<C: ConnectionTrait>(db: &C, found: Vec<Found>) -> DomainResult<Vec<SearchHit>> {
    let ids = |kind: &str| -> Vec<i32> { found.iter().filter(|f| f.kind == kind).map(|f| f.ref_id).collect() };
    let position_ids: Vec<i32> = found.iter().filter_map(|f| f.position_id).collect();
    let draft_ids: Vec<i32> = found.iter().filter_map(|f| f.draft_id).collect();

    let organisations: HashMap<i32, organisation::Model> =
        by_id(rows::<organisation::Entity, _>(db, organisation::Column::Id, ids("organisation")).await?, |m| m.id);
    let positions: HashMap<i32, position::Model> =
        by_id(rows::<position::Entity, _>(db, position::Column::Id, position_ids).await?, |m| m.id);
    let demands: HashMap<i32, demand::Model> =
        by_id(rows::<demand::Entity, _>(db, demand::Column::Id, ids("demand")).await?, |m| m.id);
    let consultations: HashMap<i32, consultation::Model> =
        by_id(rows::<consultation::Entity, _>(db, consultation::Column::Id, ids("consultation")).await?, |m| m.id);
    let drafts: HashMap<i32, draft::Model> =
        by_id(rows::<draft::Entity, _>(db, draft::Column::Id, draft_ids).await?, |m| m.id);
    let sections: HashMap<i32, draft_section::Model> =
        by_id(rows::<draft_section::Entity, _>(db, draft_section::Column::Id, ids("section")).await?, |m| m.id);
    let changes: HashMap<i32, draft_change::Model> =
        by_id(rows::<draft_change::Entity, _>(db, draft_change::Column::Id, ids("change")).await?, |m| m.id);

    let mut hits = Vec::with_capacity(found.len());
    for f in found {
        let kind: SearchKind = parse_stored("search_index.kind", &f.kind)?;
        let position = f.position_id.and_then(|id| positions.get(&id));
        let draft = f.draft_id.and_then(|id| drafts.get(&id));
        // A document whose row went in this very moment (a concurrent delete) is skipped.
        let described = match kind {
            SearchKind::Organisation => organisations.get(&f.ref_id).map(|o| {
                let title = if o.acronym.is_empty() { o.name.clone() } else { format!("{} ({})", o.name, o.acronym) };
                (title, format!("/organisations/{}", o.slug), None)
            }),
            SearchKind::Position => position.map(|p| (p.title.clone(), format!("/positions/{}", p.slug), None)),
            SearchKind::Demand => demands
                .get(&f.ref_id)
                .zip(position)
                .map(|(d, p)| (p.title.clone(), format!("/positions/{}#{}", p.slug, d.slug), None)),
            SearchKind::Consultation => {
                consultations.get(&f.ref_id).map(|c| (c.title.clone(), format!("/consultations/{}", c.slug), None))
            }
            SearchKind::Section => match (sections.get(&f.ref_id), draft) {
                (Some(s), Some(d)) => {
                    let key = crate::draft_text::section_key(s.kind, &s.number);
                    let anchor = key.map(|k| format!("#{k}")).unwrap_or_default();
                    let title = [s.number.as_str(), s.heading.as_str()]
                        .iter()
                        .filter(|p| !p.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    Some((title, format!("/drafts/{}{anchor}", d.slug), Some(d.label.clone())))
                }
                _ => None,
            },
            SearchKind::Change => changes.get(&f.ref_id).zip(draft).map(|(c, d)| {
                (c.section_ref.clone(), format!("/drafts/{}#change-{}", d.slug, c.id), Some(d.label.clone()))
            }),
            SearchKind::Comment => {
                position.map(|p| (p.title.clone(), format!("/positions/{}#comment-{}", p.slug, f.ref_id), None))
            }
        };
        if let Some((title, href, context)) = described {
            hits.push(SearchHit { kind, title, href, context, snippet: fragments(&f.snippet) });
        }
    }
    Ok(hits)
}

/// The rows of `E` whose `column` is one of `ids` (no query for none).
async fn rows<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    column: E::Column,
    ids: Vec<i32>,
) -> DomainResult<Vec<E::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(E::find().filter(column.is_in(ids)).all(db).await?)
}

fn by_id<M>(rows: Vec<M>, id: impl Fn(&M) -> i32) -> HashMap<i32, M> {
    rows.into_iter().map(|m| (id(&m), m)).collect()
}
