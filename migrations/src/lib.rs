//! Schema migrations for the tracker. Every migration has a real `down`;
//! `tests/up_down.rs` runs them forward and back on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20260101_000001_create_phases_and_consultations;
mod m20260101_000002_create_elements;
mod m20260101_000003_create_organisations;
mod m20260101_000004_create_users;
mod m20260101_000005_create_positions_and_demands;
mod m20260101_000006_create_drafts_and_assessments;
mod m20260101_000007_create_comments;
mod m20260101_000008_create_revisions;
mod m20260101_000009_create_sessions_and_invitations;
mod m20260101_000010_create_comment_reports;
mod m20260101_000011_create_draft_texts;
mod m20261201_000012_index_comment_updates;
mod m20261201_000013_index_comment_authors;
mod m20261202_000014_true_record;
mod m20261203_000015_score_tallies;
mod m20261203_000016_change_log;
mod m20261204_000017_listing_indexes;
mod m20261205_000018_demand_moves;
mod m20261206_000019_search_index;
mod m20261207_000020_mail;
mod m20261208_000021_following;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_create_phases_and_consultations::Migration),
            Box::new(m20260101_000002_create_elements::Migration),
            Box::new(m20260101_000003_create_organisations::Migration),
            Box::new(m20260101_000004_create_users::Migration),
            Box::new(m20260101_000005_create_positions_and_demands::Migration),
            Box::new(m20260101_000006_create_drafts_and_assessments::Migration),
            Box::new(m20260101_000007_create_comments::Migration),
            Box::new(m20260101_000008_create_revisions::Migration),
            Box::new(m20260101_000009_create_sessions_and_invitations::Migration),
            Box::new(m20260101_000010_create_comment_reports::Migration),
            Box::new(m20260101_000011_create_draft_texts::Migration),
            Box::new(m20261201_000012_index_comment_updates::Migration),
            Box::new(m20261201_000013_index_comment_authors::Migration),
            Box::new(m20261202_000014_true_record::Migration),
            Box::new(m20261203_000015_score_tallies::Migration),
            Box::new(m20261203_000016_change_log::Migration),
            Box::new(m20261204_000017_listing_indexes::Migration),
            Box::new(m20261205_000018_demand_moves::Migration),
            Box::new(m20261206_000019_search_index::Migration),
            Box::new(m20261207_000020_mail::Migration),
            Box::new(m20261208_000021_following::Migration),
        ]
    }
}

/// The tables this crate creates, children before parents (the order to empty them in).
pub const TABLES_CHILDREN_FIRST: &[&str] = &[
    "notification_choices",
    "notifications",
    "follows",
    "password_resets",
    "unsubscribe_tokens",
    "outbox",
    "demand_moves",
    "change_log",
    "tallies_built",
    "demand_gaps",
    "score_moves",
    "score_tallies",
    "invitations",
    "login_failures",
    "sessions",
    "revisions",
    "comment_reports",
    "comments",
    "assessments",
    "draft_changes",
    "draft_texts",
    "draft_sections",
    "drafts",
    "demand_elements",
    "demands",
    "position_signatories",
    "positions",
    "users",
    "coalition_memberships",
    "organisations",
    "sources",
    "objectives",
    "consultation_elements",
    "elements",
    "thematic_sessions",
    "consultation_links",
    "consultations",
    "phases",
];
