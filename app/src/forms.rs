//! Forms that work without JavaScript: they post to the page's own address; the server
//! validates, and either redirects (success) or renders the same page again with a
//! [`FormState`] in context, so each field shows its error and keeps what was typed.
use domain::types::{FormValues, Invalid};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A page-level message about the last submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// The email or the password is wrong (never says which).
    WrongCredentials,
    TooManyAttempts,
    /// The account has posted the most comments allowed lately.
    TooManyComments {
        max: u64,
        minutes: i64,
    },
    /// Someone saved the record after it was opened for editing.
    Conflict,
    /// The request came without a valid session.
    SignInRequired,
    /// The fields marked below need attention.
    FixFields,
    /// An invitation was created: its one-time link is in the values (`invite_link`).
    Invited,
    /// A link's token is unknown (mistyped, or from another installation): nothing changed.
    UnknownLink,
}

/// What the server hands back to a page it re-renders after a refused submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormState {
    pub values: FormValues,
    pub errors: Vec<Invalid>,
    pub notice: Option<Notice>,
}

impl FormState {
    pub fn error_for(&self, field: &str) -> Option<&Invalid> {
        self.errors.iter().find(|e| e.field == field)
    }
}

/// The refused submission this page is being re-rendered for, if any. A resource, so the
/// browser hydrates the same form the server rendered.
pub fn posted_form() -> Resource<Option<FormState>> {
    #[cfg(feature = "ssr")]
    let posted = use_context::<FormState>();
    #[cfg(not(feature = "ssr"))]
    let posted: Option<FormState> = None;
    Resource::new(
        || (),
        move |_| {
            let posted = posted.clone();
            async move { posted }
        },
    )
}
