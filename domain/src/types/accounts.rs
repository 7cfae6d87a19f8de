//! Views of people and invitations, as pages show them (never a password hash).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::enums::Role;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// How long an invitation link works, in days.
pub const INVITATION_VALID_DAYS: i64 = 7;

/// The signed-in person, as the page header and the permission-dependent parts of pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
}

impl Viewer {
    pub fn is_coordinator(&self) -> bool {
        self.role == Role::Coordinator
    }
}

/// An account as the coordinators' accounts page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub disabled: bool,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    pub accepted: bool,
    pub expired: bool,
}

/// A comment as a thread shows it to one reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub parent_id: Option<i32>,
    /// The demand it is about (its slug), or none for the position as a whole.
    pub demand_slug: Option<String>,
    pub author: String,
    pub author_organisation: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    pub status: super::enums::CommentStatus,
    /// Sanitised HTML; empty when the reader may not see the text (hidden or deleted).
    pub body_html: String,
    /// The Markdown source, for its author's edit form only.
    pub body_source: String,
    pub hidden_reason: String,
    pub version: i32,
    /// Whether the reader wrote it (and so may edit or delete it).
    pub mine: bool,
    /// Open reports, for coordinators.
    pub open_reports: usize,
}

/// An open report in the coordinators' moderation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i32,
    pub comment_id: i32,
    pub position_slug: String,
    pub position_title: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub comment_excerpt: String,
}
