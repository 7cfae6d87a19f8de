//! `server check`: every stored count against the same count made again from the rows, one
//! draft at a time (so memory stays bounded at any size).
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Statement};

use super::contributions::{state, Only};
use super::{moves, Counts, Key};
use crate::entities::{draft, score_tally};
use crate::error::DomainResult;
use crate::services::query::sql;

fn stored_counts(m: &score_tally::Model) -> (Counts, i64) {
    (
        Counts {
            demands: i64::from(m.demands),
            met: i64::from(m.met),
            partly_met: i64::from(m.partly_met),
            not_addressed: i64::from(m.not_addressed),
            contradicted: i64::from(m.contradicted),
            by_tracker: i64::from(m.by_tracker),
            limits: i64::from(m.limits),
        },
        i64::from(m.organisations),
    )
}

/// The differences between the stored counts and the rows, each described; none means the
/// counts are right.
pub async fn check<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<String>> {
    let mut problems = Vec::new();
    let mut drafts: Vec<i32> = draft::Entity::find().all(db).await?.into_iter().map(|d| d.id).collect();
    // draft 0: every published demand (the elements' list)
    drafts.push(0);
    let stray =
        score_tally::Entity::find().filter(score_tally::Column::DraftId.is_not_in(drafts.clone())).all(db).await?;
    for m in stray {
        problems.push(format!("counts kept for draft {}, which does not exist", m.draft_id));
    }
    for id in drafts {
        let computed = if id == 0 { state_of_published(db).await? } else { state(db, Only::Draft(id)).await? };
        let mut expected: HashMap<Key, (Counts, i64)> = computed.iter().map(|(k, c)| (*k, (*c, 0))).collect();
        for key in computed.keys().filter(|k| k.organisation != 0) {
            if let Some(total) = expected.get_mut(&Key { organisation: 0, ..*key }) {
                total.1 += 1;
            }
        }
        let stored: HashMap<Key, (Counts, i64)> = score_tally::Entity::find()
            .filter(score_tally::Column::DraftId.eq(id))
            .all(db)
            .await?
            .iter()
            .map(|m| {
                (Key { draft: m.draft_id, organisation: m.organisation_id, element: m.element_id }, stored_counts(m))
            })
            .collect();
        let mut keys: Vec<&Key> = expected.keys().chain(stored.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (want, have) = (expected.get(key), stored.get(key));
            if want != have {
                problems.push(format!(
                    "score counts of draft {}, organisation {}, element {}: stored {:?}, from the rows {:?}",
                    key.draft, key.organisation, key.element, have, want
                ));
            }
        }
    }
    problems.extend(check_moves(db).await?);
    problems.extend(super::moved::check(db).await?);
    problems.extend(super::gaps::check(db).await?);
    Ok(problems)
}

/// Draft 0's rows from the rows: every published demand.
async fn state_of_published<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<Key, Counts>> {
    let mut out = HashMap::new();
    for (by_organisation, by_element) in super::contributions::LEVELS {
        if let Some(q) = super::contributions::select_published(by_organisation, by_element, Only::All) {
            for r in sql::all::<super::contributions::Row, _>(db, &q).await? {
                let (key, counts) = r.parts();
                if counts.demands > 0 {
                    out.insert(key, counts);
                }
            }
        }
    }
    Ok(out)
}

/// The pairs of ratings, one pair of drafts at a time.
async fn check_moves<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<String>> {
    let mut problems = Vec::new();
    let pairs = moves::pairs(db, None).await?;
    let stray = "SELECT COUNT(*) AS n FROM score_moves WHERE first_draft_id >= second_draft_id \
         OR first_draft_id NOT IN (SELECT id FROM drafts) OR second_draft_id NOT IN (SELECT id FROM drafts)";
    let stray = Statement::from_string(db.get_database_backend(), stray.to_string());
    if let Some(sql::Count { n }) = sql::Count::find_by_statement(stray).one(db).await? {
        if n > 0 {
            problems.push(format!("{n} rows of ratings side by side for drafts that do not exist"));
        }
    }
    for (first, second) in pairs {
        let computed = moves::state(db, moves::Pairs::Pair(first, second)).await?;
        let sql = format!(
            "SELECT first_draft_id, second_draft_id, organisation_id, element_id, first_rating, second_rating, demands \
             FROM score_moves WHERE first_draft_id = {first} AND second_draft_id = {second}"
        );
        let mut stored: HashMap<moves::MoveKey, i64> = HashMap::new();
        for r in moves::Kept::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await? {
            let (k, n) = r.parts();
            stored.insert(k, n);
        }
        let mut keys: Vec<&moves::MoveKey> = computed.keys().chain(stored.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (want, have) = (computed.get(key), stored.get(key));
            if want != have {
                problems.push(format!("ratings side by side of {key:?}: stored {have:?}, from the rows {want:?}"));
            }
        }
    }
    Ok(problems)
}
