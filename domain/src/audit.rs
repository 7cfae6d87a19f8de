//! Who is acting, and when: every state-changing domain function takes an [`Audit`].
use chrono::{DateTime, Utc};

/// The one acting. The public has no account; `System` is the command line and the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Member { user_id: i32, organisation_id: Option<i32> },
    Coordinator { user_id: i32 },
    System,
}

impl Actor {
    /// The role as shown publicly in histories: never a person's name.
    pub fn role_label(&self) -> &'static str {
        match self {
            Actor::Anonymous => "public",
            Actor::Member { .. } => "member",
            Actor::Coordinator { .. } => "coordinator",
            Actor::System => "system",
        }
    }

    pub fn user_id(&self) -> Option<i32> {
        match self {
            Actor::Member { user_id, .. } | Actor::Coordinator { user_id } => Some(*user_id),
            Actor::Anonymous | Actor::System => None,
        }
    }
}

/// The actor, the moment the change takes effect, and why (shown in the history).
#[derive(Debug, Clone)]
pub struct Audit {
    pub actor: Actor,
    pub at: DateTime<Utc>,
    pub note: String,
}

impl Audit {
    pub fn now(actor: Actor) -> Self {
        Audit { actor, at: Utc::now(), note: String::new() }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}
