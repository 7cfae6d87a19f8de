//! The scorecard's views as downloads: JSON (the page's view, paginated like the page) or CSV
//! (every page of it, one row per figure), from the same domain functions and cache as the
//! pages, so the numbers are the page's numbers.
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::services::changes;
use domain::types::{RatingCounts, ScorecardFilter, ScorecardQuery};
use domain::DomainError;

use super::params::Format;
use super::respond::{domain_problem, json, problem};
use crate::state::AppState;

/// The scorecard's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Matrix,
    Demands,
    Change,
    Gaps,
}

fn score(c: &RatingCounts) -> String {
    c.score().map(|s| format!("{:.2}", s.rounded())).unwrap_or_default()
}

fn counts_row(c: &RatingCounts) -> Vec<String> {
    [c.demands(), c.met, c.partly_met, c.not_addressed, c.contradicted, c.not_assessed]
        .iter()
        .map(|n| n.to_string())
        .chain([score(c), c.score().map(|s| s.based_on.to_string()).unwrap_or_default()])
        .collect()
}

const COUNT_HEADERS: [&str; 8] =
    ["demands", "met", "partly_met", "not_addressed", "contradicted", "not_assessed", "score", "score_based_on"];

fn csv_response(name: &str, rows: Vec<Vec<String>>) -> Response {
    let mut out = csv::Writer::from_writer(Vec::new());
    for r in rows {
        if out.write_record(&r).is_err() {
            return problem(StatusCode::INTERNAL_SERVER_ERROR, "could not write CSV".into());
        }
    }
    match out.into_inner() {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"scorecard-{name}.csv\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "could not write CSV".into()),
    }
}

/// Every page of a paginated view, for the CSV.
async fn all_pages<T, F, Fut>(
    filter: &ScorecardFilter,
    mut one: F,
    pages_of: impl Fn(&T) -> u32,
) -> Result<Vec<T>, DomainError>
where
    F: FnMut(ScorecardFilter) -> Fut,
    Fut: std::future::Future<Output = Result<T, DomainError>>,
{
    let first = one(ScorecardFilter { page: 1, ..filter.clone() }).await?;
    let pages = pages_of(&first);
    let mut out = vec![first];
    for page in 2..=pages {
        out.push(one(ScorecardFilter { page, ..filter.clone() }).await?);
    }
    Ok(out)
}

/// One view, as JSON or CSV, or the refusal naming what was wrong.
pub async fn deliver(state: &AppState, view: View, format: Format, query: ScorecardQuery) -> Response {
    let filter = match query.parse() {
        Ok(f) => f,
        Err(e) => return domain_problem(DomainError::Invalid(e)),
    };
    let (db, cache) = (&state.db, &state.scorecard);
    let result = match (view, format) {
        (View::Overview, Format::Json) => cache.overview(db, &filter).await.map(|v| json(&*v)),
        (View::Matrix, Format::Json) => cache.matrix(db, &filter).await.map(|v| {
            // kept until a change to its head or to one of the organisations it lists
            let listed = changes::declared_organisations(v.rows.items.iter().map(|r| r.organisation.slug.as_str()));
            let mut response = json(&*v);
            if let Ok(value) = HeaderValue::from_str(&listed) {
                response.headers_mut().insert(changes::DECLARED_HEADER, value);
            }
            response
        }),
        (View::Demands, Format::Json) => cache.demands(db, &filter).await.map(|v| json(&*v)),
        (View::Change, Format::Json) => cache.change(db, &filter).await.map(|v| json(&*v)),
        (View::Gaps, Format::Json) => cache.gaps(db, &filter).await.map(|v| json(&*v)),
        (View::Overview, Format::Csv) => overview_csv(state, &filter).await,
        (View::Matrix, Format::Csv) => matrix_csv(state, &filter).await,
        (View::Demands, Format::Csv) => demands_csv(state, &filter).await,
        (View::Change, Format::Csv) => change_csv(state, &filter).await,
        (View::Gaps, Format::Csv) => gaps_csv(state, &filter).await,
    };
    result.unwrap_or_else(domain_problem)
}

fn header_row(first: &[&str]) -> Vec<String> {
    first.iter().chain(COUNT_HEADERS.iter()).map(|s| s.to_string()).collect()
}

async fn overview_csv(state: &AppState, filter: &ScorecardFilter) -> Result<Response, DomainError> {
    let db = &state.db;
    let pages =
        all_pages(filter, |f| async move { state.scorecard.overview(db, &f).await }, |v| v.organisations.pages())
            .await?;
    let mut rows = vec![header_row(&["draft", "scope", "key", "name", "organisations"])];
    let first = &pages[0];
    let draft = first.head.draft.slug.clone();
    let mut push = |scope: &str, key: String, name: String, orgs: String, c: &RatingCounts| {
        let mut r = vec![draft.clone(), scope.to_string(), key, name, orgs];
        r.extend(counts_row(c));
        rows.push(r);
    };
    push("coalition", String::new(), String::new(), String::new(), &first.overall);
    for e in &first.elements {
        push("element", e.letter.to_string(), e.text.clone(), e.organisations.to_string(), &e.counts);
    }
    for page in &pages {
        for o in &page.organisations.items {
            push("organisation", o.slug.clone(), o.name.clone(), String::new(), &o.counts);
        }
    }
    for p in &first.trend {
        let mut r =
            vec![p.draft.slug.clone(), "trend".into(), p.draft.slug.clone(), p.draft.label.clone(), String::new()];
        r.extend(counts_row(&p.counts));
        rows.push(r);
    }
    Ok(csv_response("overview", rows))
}

async fn matrix_csv(state: &AppState, filter: &ScorecardFilter) -> Result<Response, DomainError> {
    let db = &state.db;
    let pages = all_pages(filter, |f| async move { state.scorecard.matrix(db, &f).await }, |v| v.rows.pages()).await?;
    let mut rows = vec![header_row(&["draft", "organisation", "name", "region", "kind", "element"])];
    for page in &pages {
        for row in &page.rows.items {
            let o = &row.organisation;
            for (e, cell) in page.elements.iter().zip(&row.cells) {
                if let Some(c) = cell {
                    let mut r = vec![
                        page.head.draft.slug.clone(),
                        o.slug.clone(),
                        o.name.clone(),
                        o.region.to_string(),
                        o.kind.to_string(),
                        e.letter.to_string(),
                    ];
                    r.extend(counts_row(c));
                    rows.push(r);
                }
            }
        }
    }
    Ok(csv_response("matrix", rows))
}

async fn demands_csv(state: &AppState, filter: &ScorecardFilter) -> Result<Response, DomainError> {
    let db = &state.db;
    let pages =
        all_pages(filter, |f| async move { state.scorecard.demands(db, &f).await }, |v| v.demands.pages()).await?;
    let mut rows = vec![[
        "draft",
        "demand",
        "text",
        "position",
        "position_addresses",
        "responds_to",
        "organisations",
        "elements",
        "rating",
        "section",
        "quote",
        "note",
        "by_tracker",
        "evidence_basis",
        "source_url",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for page in &pages {
        for d in &page.demands.items {
            let a = d.assessment.as_ref();
            rows.push(vec![
                page.head.draft.slug.clone(),
                d.demand.slug.clone(),
                d.demand.text.clone(),
                d.demand.position_slug.clone(),
                d.demand.position_addresses.to_string(),
                d.demand.responds_to.clone().unwrap_or_default(),
                d.organisations.iter().map(|o| o.slug.clone()).collect::<Vec<_>>().join(";"),
                d.elements.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";"),
                a.map(|a| a.rating.to_string()).unwrap_or_else(|| "not_assessed".into()),
                a.map(|a| a.section.clone()).unwrap_or_default(),
                a.map(|a| a.quote.clone()).unwrap_or_default(),
                a.map(|a| a.note.clone()).unwrap_or_default(),
                a.map(|a| a.by_tracker.to_string()).unwrap_or_default(),
                a.map(|a| a.basis.as_str().to_string()).unwrap_or_default(),
                a.map(|a| a.source_url.clone()).unwrap_or_default(),
            ]);
        }
    }
    Ok(csv_response("demands", rows))
}

async fn change_csv(state: &AppState, filter: &ScorecardFilter) -> Result<Response, DomainError> {
    let db = &state.db;
    let pages =
        all_pages(filter, |f| async move { state.scorecard.change(db, &f).await }, |v| v.organisations.pages()).await?;
    let first = &pages[0];
    let mut rows = vec![[
        "from",
        "to",
        "scope",
        "key",
        "name",
        "improved",
        "regressed",
        "unchanged",
        "not_comparable",
        "from_score",
        "to_score",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    let (from, to) = (first.from.slug.clone(), first.to.slug.clone());
    let mut push = |scope: &str,
                    key: String,
                    name: String,
                    m: &domain::types::MovementCounts,
                    a: &RatingCounts,
                    b: &RatingCounts| {
        rows.push(vec![
            from.clone(),
            to.clone(),
            scope.into(),
            key,
            name,
            m.improved.to_string(),
            m.regressed.to_string(),
            m.unchanged.to_string(),
            m.not_comparable.to_string(),
            score(a),
            score(b),
        ]);
    };
    push("coalition", String::new(), String::new(), &first.overall, &first.from_counts, &first.to_counts);
    for e in &first.elements {
        push("element", e.letter.to_string(), e.text.clone(), &e.movements, &e.from, &e.to);
    }
    for page in &pages {
        for o in &page.organisations.items {
            push(
                "organisation",
                o.organisation.slug.clone(),
                o.organisation.name.clone(),
                &o.movements,
                &o.from,
                &o.to,
            );
        }
    }
    for (scope, list) in [("improved", &first.improved), ("regressed", &first.regressed)] {
        for m in list {
            rows.push(vec![
                from.clone(),
                to.clone(),
                scope.into(),
                m.demand.slug.clone(),
                m.demand.text.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                m.from.to_string(),
                m.to.to_string(),
            ]);
        }
    }
    Ok(csv_response("change", rows))
}

async fn gaps_csv(state: &AppState, filter: &ScorecardFilter) -> Result<Response, DomainError> {
    let db = &state.db;
    let g = state.scorecard.gaps(db, filter).await?;
    let mut rows = vec![vec!["draft".to_string(), "gap".into(), "key".into(), "text".into()]];
    let draft = g.head.draft.slug.clone();
    for e in &g.uncovered_elements {
        rows.push(vec![draft.clone(), "element_not_addressed".into(), e.letter.to_string(), e.text.clone()]);
    }
    for d in &g.unmapped_demands {
        rows.push(vec![draft.clone(), "demand_without_element".into(), d.slug.clone(), d.text.clone()]);
    }
    for d in &g.never_assessed {
        rows.push(vec![draft.clone(), "demand_never_assessed".into(), d.slug.clone(), d.text.clone()]);
    }
    rows.push(vec![draft.clone(), "not_assessed_on_draft".into(), String::new(), g.not_assessed_here.to_string()]);
    Ok(csv_response("gaps", rows))
}
