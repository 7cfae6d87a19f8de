//! The search over the record: organisations, positions, demands, consultations, drafts'
//! sections and documented changes, comments. The index (`search_index`, see the migration
//! `m20261206_000019_search_index`) is kept by triggers in the transaction of every change;
//! this module reads it with each database's own engine (SQLite's FTS5 with `bm25`,
//! PostgreSQL's text search with `ts_rank_cd`), keeps out what the reader may not read by
//! joining the live rows (a position's status and signatories, a comment's status), then
//! names and links the page of results with one query per kind found.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter, Statement, Value,
};

use crate::audit::Actor;
use crate::entities::{consultation, demand, draft, draft_change, draft_section, element, organisation, position};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::permissions::{comments::can_moderate, record::can_see_draft_position};
use crate::types::search::{fragments, fts5_expression, websearch_text, MARK_END, MARK_START};
use crate::types::{
    EntityType, OrganisationRef, Paged, PositionStatus, SearchFilter, SearchHit, SearchKind, SearchPage,
    SEARCH_PER_PAGE,
};

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

/// The filters as ids, once their slugs are looked up.
struct Scope {
    kind: Option<SearchKind>,
    element: Option<i32>,
    organisation: Option<i32>,
    draft: Option<i32>,
}

async fn scope<C: ConnectionTrait>(db: &C, f: &SearchFilter) -> DomainResult<Scope> {
    let element = match f.element {
        Some(letter) => Some(
            element::Entity::find()
                .filter(element::Column::Letter.eq(letter.to_string()))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Element))?
                .id,
        ),
        None => None,
    };
    let organisation = match &f.organisation {
        Some(slug) => Some(
            organisation::Entity::find()
                .filter(organisation::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Organisation))?
                .id,
        ),
        None => None,
    };
    let draft = match &f.draft {
        Some(slug) => Some(
            draft::Entity::find()
                .filter(draft::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Draft))?
                .id,
        ),
        None => None,
    };
    Ok(Scope { kind: f.kind, element, organisation, draft })
}

/// `AND ...` for what the reader may read and the filters.
fn conditions(sql: &mut Sql, actor: &Actor, scope: &Scope) {
    // Positions, their demands and comments: published ones, and drafts the reader may see
    // (`permissions::record::can_see_draft_position`, in SQL).
    let everything = matches!(actor, Actor::Coordinator { .. } | Actor::System);
    if !everything {
        sql.push(" AND (search_index.position_id IS NULL OR search_index.position_id IN (SELECT id FROM positions WHERE status = ")
            .bind(PositionStatus::Published.as_ref())
            .push(")");
        if let Actor::Member { organisation_id: Some(org), .. } = actor {
            debug_assert!(can_see_draft_position(actor, &[*org]));
            sql.push(" OR search_index.position_id IN (SELECT position_id FROM position_signatories WHERE organisation_id = ")
                .bind(*org)
                .push(")");
        }
        sql.push(")");
    }
    if !can_moderate(actor) {
        sql.push(" AND (search_index.kind <> 'comment' OR search_index.ref_id IN (SELECT id FROM comments WHERE status = 'visible'))");
    }
    if let Some(kind) = scope.kind {
        sql.push(" AND search_index.kind = ").bind(kind.as_ref());
    }
    if let Some(e) = scope.element {
        sql.push(" AND ((search_index.kind = 'demand' AND search_index.ref_id IN (SELECT demand_id FROM demand_elements WHERE element_id = ")
            .bind(e)
            .push(")) OR (search_index.kind = 'position' AND search_index.ref_id IN (SELECT d.position_id FROM demands d JOIN demand_elements de ON de.demand_id = d.id WHERE de.element_id = ")
            .bind(e)
            .push(")) OR (search_index.kind = 'consultation' AND search_index.ref_id IN (SELECT consultation_id FROM consultation_elements WHERE element_id = ")
            .bind(e)
            .push(")))");
    }
    if let Some(o) = scope.organisation {
        sql.push(" AND ((search_index.kind = 'organisation' AND search_index.ref_id = ")
            .bind(o)
            .push(") OR search_index.position_id IN (SELECT position_id FROM position_signatories WHERE organisation_id = ")
            .bind(o)
            .push("))");
    }
    if let Some(d) = scope.draft {
        sql.push(" AND (search_index.draft_id = ")
            .bind(d)
            .push(" OR (search_index.kind = 'position' AND search_index.ref_id IN (SELECT id FROM positions WHERE responds_to_id = ")
            .bind(d)
            .push(")))");
    }
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

/// `FROM ... WHERE` the documents matching the query.
fn matching(sql: &mut Sql, query: &str) {
    if sql.backend == DatabaseBackend::Postgres {
        sql.push(" FROM search_index WHERE search_index.tsv @@ ");
        tsquery(sql, query);
    } else {
        sql.push(" FROM search_index WHERE search_index MATCH ").bind(query);
    }
}

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct Found {
    kind: String,
    ref_id: i32,
    position_id: Option<i32>,
    draft_id: Option<i32>,
    snippet: String,
}

/// One page of what `filter` finds that `actor` may read, the best matches first.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    filter: &SearchFilter,
) -> DomainResult<Paged<SearchHit>> {
    let empty = Paged { items: Vec::new(), page: filter.page, per_page: SEARCH_PER_PAGE, total: 0 };
    let backend = db.get_database_backend();
    let terms = filter.terms();
    let query = match backend {
        DatabaseBackend::Postgres => websearch_text(&terms),
        _ => fts5_expression(&terms),
    };
    let Some(query) = query else { return Ok(empty) };
    let scope = scope(db, filter).await?;

    let mut count = Sql::new(backend);
    count.push("SELECT COUNT(*) AS n");
    matching(&mut count, &query);
    conditions(&mut count, actor, &scope);
    let total = Count::find_by_statement(count.statement()).one(db).await?.map_or(0, |c| c.n);
    if total == 0 {
        return Ok(empty);
    }

    let found = page(db, actor, &scope, &query, filter.offset()).await?;
    let items = describe(db, found).await?;
    Ok(Paged { items, page: filter.page, per_page: SEARCH_PER_PAGE, total: u32::try_from(total).unwrap_or(u32::MAX) })
}

/// The search page: [`search`], the drafts to narrow to, and the organisation narrowed to.
pub async fn page_for<C: ConnectionTrait>(db: &C, actor: &Actor, filter: &SearchFilter) -> DomainResult<SearchPage> {
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

/// The page's documents in rank order, each with its passage marked. The passages are made
/// for this page's documents only (an outer query over the ranked ids).
async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: &Scope,
    query: &str,
    offset: u64,
) -> DomainResult<Vec<Found>> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let limit = i64::from(SEARCH_PER_PAGE);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    if backend == DatabaseBackend::Postgres {
        sql.push("WITH ranked AS (SELECT search_index.id, ts_rank_cd(search_index.tsv, ");
        tsquery(&mut sql, query);
        sql.push(") AS rank");
        matching(&mut sql, query);
        conditions(&mut sql, actor, scope);
        sql.push(" ORDER BY rank DESC, search_index.id LIMIT ").bind(limit).push(" OFFSET ").bind(offset);
        sql.push(") SELECT s.id, s.kind, s.ref_id, s.position_id, s.draft_id, ts_headline('english', s.title || ' · ' || s.body, ");
        tsquery(&mut sql, query);
        sql.push(", ")
            .bind(format!(
                "StartSel=\"{MARK_START}\", StopSel=\"{MARK_END}\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
            ))
            .push(") AS snippet FROM ranked JOIN search_index s ON s.id = ranked.id ORDER BY ranked.rank DESC, s.id");
    } else {
        sql.push("SELECT search_index.rowid AS id, search_index.kind, search_index.ref_id, search_index.position_id, search_index.draft_id, snippet(search_index, -1, ")
            .bind(MARK_START.to_string())
            .push(", ")
            .bind(MARK_END.to_string())
            .push(", ' … ', 24) AS snippet");
        matching(&mut sql, query);
        sql.push(" AND search_index.rowid IN (SELECT search_index.rowid");
        matching(&mut sql, query);
        conditions(&mut sql, actor, scope);
        sql.push(" ORDER BY bm25(search_index, 4.0, 1.0), search_index.rowid LIMIT ")
            .bind(limit)
            .push(" OFFSET ")
            .bind(offset);
        sql.push(") ORDER BY bm25(search_index, 4.0, 1.0), search_index.rowid");
    }
    Ok(Found::find_by_statement(sql.statement()).all(db).await?)
}

/// Names and links each document, with one query per kind of record involved.
async fn describe<C: ConnectionTrait>(db: &C, found: Vec<Found>) -> DomainResult<Vec<SearchHit>> {
    let ids = |kind: &str| -> Vec<i32> { found.iter().filter(|f| f.kind == kind).map(|f| f.ref_id).collect() };
    let position_ids: Vec<i32> = found.iter().filter_map(|f| f.position_id).collect();
    let draft_ids: Vec<i32> = found.iter().filter_map(|f| f.draft_id).collect();

    let organisations: HashMap<i32, organisation::Model> = by_id(
        organisation::Entity::find().filter(organisation::Column::Id.is_in(ids("organisation"))).all(db).await?,
        |m| m.id,
    );
    let positions: HashMap<i32, position::Model> =
        by_id(position::Entity::find().filter(position::Column::Id.is_in(position_ids)).all(db).await?, |m| m.id);
    let demands: HashMap<i32, demand::Model> =
        by_id(demand::Entity::find().filter(demand::Column::Id.is_in(ids("demand"))).all(db).await?, |m| m.id);
    let consultations: HashMap<i32, consultation::Model> = by_id(
        consultation::Entity::find().filter(consultation::Column::Id.is_in(ids("consultation"))).all(db).await?,
        |m| m.id,
    );
    let drafts: HashMap<i32, draft::Model> =
        by_id(draft::Entity::find().filter(draft::Column::Id.is_in(draft_ids)).all(db).await?, |m| m.id);
    let sections: HashMap<i32, draft_section::Model> = by_id(
        draft_section::Entity::find().filter(draft_section::Column::Id.is_in(ids("section"))).all(db).await?,
        |m| m.id,
    );
    let changes: HashMap<i32, draft_change::Model> =
        by_id(draft_change::Entity::find().filter(draft_change::Column::Id.is_in(ids("change"))).all(db).await?, |m| {
            m.id
        });

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

fn by_id<M>(rows: Vec<M>, id: impl Fn(&M) -> i32) -> HashMap<i32, M> {
    rows.into_iter().map(|m| (id(&m), m)).collect()
}
