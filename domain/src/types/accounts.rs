//! Views of people and invitations, as pages show them (never a password hash).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::enums::Role;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

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
