//! The one versioned save behind every editor: load the record, check who asks, check the
//! version the edit was read at, compute the revision's diff from the record's fields, write
//! with the version as a condition, record the revision, all in one transaction. Each kind of
//! record describes itself once ([`Editable`]); the save is written here only.
use std::future::Future;

use sea_orm::ConnectionTrait;

use super::revisions;
use crate::audit::{Actor, Audit};
use crate::error::{DomainError, DomainResult};
use crate::types::fields::RecordField;
use crate::types::{EntityType, FieldChange, Invalid, InvalidReason, RevisionAction};

/// A record as stored: its id, its version, what its editor shows, and what else its save
/// needs (a position's signatories, a demand's position).
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<I, X = ()> {
    pub id: i32,
    pub version: i32,
    pub input: I,
    pub context: X,
}

/// What a save led to: saved (or nothing to save), or refused because someone saved after the
/// edit was read, with what they saved so the editor can show both.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved<I, X = ()> {
    Saved(Stored<I, X>),
    Conflict { theirs: Stored<I, X> },
}

impl<I, X> Saved<I, X> {
    /// The saved record, or the conflict as an error (for callers that only report it).
    pub fn or_conflict(self) -> DomainResult<Stored<I, X>> {
        match self {
            Saved::Saved(stored) => Ok(stored),
            Saved::Conflict { theirs } => Err(DomainError::Conflict { current_version: theirs.version }),
        }
    }
}

/// The stored record a kind of record edits.
pub type StoredOf<R> = Stored<<R as Editable>::Input, <R as Editable>::Context>;

/// One kind of editable record, described once.
pub trait Editable: Send + Sync + 'static {
    /// Its kind, in revisions and "not found" answers.
    const KIND: EntityType;
    /// Whether its changes are kept as revisions (comments keep none).
    const REVISED: bool = true;
    /// Its fields, in the order revisions list them.
    type Field: RecordField;
    /// How one record is found (a slug, an id, a pair of slugs).
    type Key: Send + Sync + ?Sized;
    /// What its editor sends, parsed.
    type Input: Clone + Send + Sync;
    /// What else the save needs, loaded with the record.
    type Context: Clone + Send + Sync;

    /// The record `key`, as an edit starts from it.
    fn load<C: ConnectionTrait>(
        db: &C,
        key: &Self::Key,
    ) -> impl Future<Output = DomainResult<Option<StoredOf<Self>>>> + Send;

    /// Refuses an actor who may not change this record.
    fn permit<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        stored: &StoredOf<Self>,
    ) -> impl Future<Output = DomainResult<()>> + Send;

    /// Checks the input on its own (lengths, alphabets): the first problem, with its field.
    fn check(input: &Self::Input) -> Result<(), Invalid>;

    /// Refuses an input that this actor may not save on this record (a coordinator
    /// demoting themselves), beyond what `permit` checks.
    fn allows(_actor: &Actor, _stored: &StoredOf<Self>, _input: &Self::Input) -> DomainResult<()> {
        Ok(())
    }

    /// The input as it will be written, given the stored record (what the form leaves out
    /// kept as stored).
    fn complete(_stored: &StoredOf<Self>, input: Self::Input) -> DomainResult<Self::Input> {
        Ok(input)
    }

    /// Each field's value as its revision records it, in `Field::ALL` order.
    fn values<C: ConnectionTrait>(
        db: &C,
        input: &Self::Input,
        context: &Self::Context,
    ) -> impl Future<Output = DomainResult<Vec<(Self::Field, String)>>> + Send;

    /// The record's name in histories.
    fn label(input: &Self::Input, context: &Self::Context) -> String;

    /// Its slug, when it has one (a new slug must be free).
    fn slug(_input: &Self::Input) -> Option<&str> {
        None
    }

    /// Whether another record of this kind has `slug` (only asked of records with a slug).
    fn slug_taken<C: ConnectionTrait>(_db: &C, _slug: &str) -> impl Future<Output = DomainResult<bool>> + Send {
        async { Ok(false) }
    }

    /// Writes `input` (at version `stored.version + 1`) on the condition that the stored
    /// version is still `stored.version`, and what depends on it (children, kept counts);
    /// false when someone else wrote first.
    fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &Self::Input,
    ) -> impl Future<Output = DomainResult<bool>> + Send;

    /// Deletes the record (and what goes with it) on the condition that the stored version is
    /// still `stored.version`; false when someone else wrote first. Records that are never
    /// deleted keep this default, which refuses.
    fn remove<C: ConnectionTrait>(
        _db: &C,
        _stored: &StoredOf<Self>,
    ) -> impl Future<Output = DomainResult<bool>> + Send {
        async { Err(DomainError::Forbidden) }
    }
}

/// Loads the record `key` as `actor` may edit it: not found, or refused.
pub async fn editable<R: Editable, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    key: &R::Key,
) -> DomainResult<StoredOf<R>> {
    let stored = R::load(db, key).await?.ok_or(DomainError::NotFound(R::KIND))?;
    R::permit(db, actor, &stored).await?;
    Ok(stored)
}

/// Saves an edit of `key` read at `expected_version`, in the caller's transaction.
pub async fn save_in<R: Editable, C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    key: &R::Key,
    expected_version: i32,
    input: R::Input,
) -> DomainResult<Saved<R::Input, R::Context>> {
    let stored = editable::<R, C>(txn, &audit.actor, key).await?;
    R::check(&input)?;
    R::allows(&audit.actor, &stored, &input)?;
    if stored.version != expected_version {
        return Ok(Saved::Conflict { theirs: stored });
    }
    let input = R::complete(&stored, input)?;
    if let Some(slug) = R::slug(&input) {
        if R::slug(&stored.input) != Some(slug) && R::slug_taken(txn, slug).await? {
            return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
        }
    }
    let before = R::values(txn, &stored.input, &stored.context).await?;
    let after = R::values(txn, &input, &stored.context).await?;
    let changes = diff(before, after);
    if changes.is_empty() {
        return Ok(Saved::Saved(stored));
    }
    if !R::write(txn, audit, &stored, &input).await? {
        let theirs = R::load(txn, key).await?.ok_or(DomainError::NotFound(R::KIND))?;
        return Ok(Saved::Conflict { theirs });
    }
    if R::REVISED {
        let label = R::label(&input, &stored.context);
        revisions::record(txn, audit, R::KIND, stored.id, &label, RevisionAction::Updated, changes).await?;
    }
    Ok(Saved::Saved(Stored { id: stored.id, version: stored.version + 1, input, context: stored.context }))
}

/// `save_in` in a transaction of its own, committed when the edit is saved.
pub async fn save<R: Editable>(
    db: &sea_orm::DatabaseConnection,
    audit: &Audit,
    key: &R::Key,
    expected_version: i32,
    input: R::Input,
) -> DomainResult<Saved<R::Input, R::Context>> {
    let txn = crate::db::begin_write(db).await?;
    let saved = save_in::<R, _>(&txn, audit, key, expected_version, input).await?;
    if matches!(saved, Saved::Saved(_)) {
        txn.commit().await?;
    }
    Ok(saved)
}

/// Deletes `key` read at `expected_version`, in the caller's transaction; the revision keeps
/// every field it had. Returns what was deleted.
pub async fn delete_in<R: Editable, C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    key: &R::Key,
    expected_version: i32,
) -> DomainResult<StoredOf<R>> {
    let stored = editable::<R, C>(txn, &audit.actor, key).await?;
    if stored.version != expected_version {
        return Err(DomainError::Conflict { current_version: stored.version });
    }
    let changes = all_set(R::values(txn, &stored.input, &stored.context).await?, false);
    if !R::remove(txn, &stored).await? {
        return Err(DomainError::Conflict { current_version: expected_version + 1 });
    }
    if R::REVISED {
        let label = R::label(&stored.input, &stored.context);
        revisions::record(txn, audit, R::KIND, stored.id, &label, RevisionAction::Deleted, changes).await?;
    }
    Ok(stored)
}

/// `delete_in` in a transaction of its own.
pub async fn delete<R: Editable>(
    db: &sea_orm::DatabaseConnection,
    audit: &Audit,
    key: &R::Key,
    expected_version: i32,
) -> DomainResult<StoredOf<R>> {
    let txn = crate::db::begin_write(db).await?;
    let deleted = delete_in::<R, _>(&txn, audit, key, expected_version).await?;
    txn.commit().await?;
    Ok(deleted)
}

/// The fields whose values differ, as a revision records them.
fn diff<F: RecordField>(before: Vec<(F, String)>, after: Vec<(F, String)>) -> Vec<FieldChange> {
    before
        .into_iter()
        .zip(after)
        .filter(|((_, from), (_, to))| from != to)
        .map(|((field, from), (_, to))| FieldChange { field: field.name().to_string(), from: Some(from), to: Some(to) })
        .collect()
}

/// Each non-empty field of a record created or removed, as its revision records it.
pub fn all_set<F: RecordField>(values: Vec<(F, String)>, created: bool) -> Vec<FieldChange> {
    values
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, v)| {
            let (from, to) = if created { (None, Some(v)) } else { (Some(v), None) };
            FieldChange { field: field.name().to_string(), from, to }
        })
        .collect()
}
