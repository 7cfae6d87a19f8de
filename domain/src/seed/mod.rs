//! The built-in dataset (`domain/seed/README.md` says where each part comes from): the
//! reference facts of the process (phases, consultations, the 24 elements, thematic sessions,
//! drafts, objectives, the follow-up and review), the April 2017 plan and its later changes
//! (loaded as revisions), the drafts as they were (known sections, documented changes), real
//! organisations, positions and demands placed by what they address and when, and the
//! tracker's ratings of the demands that address the negotiation, draft by draft, each citing
//! its source. Loaded through the domain functions, never by a migration; idempotent: every
//! item has a stable key and an item that exists already is left as it is.
mod assessments;
mod civil_society;
mod csv_rows;
pub mod demo;
mod drafts;
mod history;
mod reference;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::error::DomainResult;

/// How many items the seed created and how many it found already there.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub created: usize,
    pub existing: usize,
}

impl SeedReport {
    pub(crate) fn count(&mut self, created: bool) {
        if created {
            self.created += 1;
        } else {
            self.existing += 1;
        }
    }
}

/// Loads the built-in dataset. Running it again creates nothing new.
pub async fn run(db: &DatabaseConnection) -> DomainResult<SeedReport> {
    let mut report = SeedReport::default();
    reference::load(db, &mut report).await?;
    drafts::load(db, &mut report).await?;
    civil_society::load(db, &mut report).await?;
    assessments::load(db, &mut report).await?;
    Ok(report)
}

/// Empties every table (accounts included), children first. `seed --reset` calls this, then [`run`].
pub async fn reset(db: &DatabaseConnection) -> DomainResult<()> {
    let backend = db.get_database_backend();
    for table in migrations::TABLES_CHILDREN_FIRST {
        db.execute_raw(Statement::from_string(backend, format!("DELETE FROM {table}"))).await?;
    }
    Ok(())
}

/// Whether the database holds no phases yet (a first start).
pub async fn is_empty(db: &DatabaseConnection) -> DomainResult<bool> {
    use sea_orm::{EntityTrait, PaginatorTrait};
    Ok(crate::entities::phase::Entity::find().count(db).await? == 0)
}
