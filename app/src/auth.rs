//! Who is asking: the server's session middleware puts a [`RequestUser`] into each request,
//! and server functions read it here to act as that person.
use domain::types::Viewer;
use serde::{Deserialize, Serialize};

/// The signed-in person (if any) and whether a session cookie came in that no longer
/// matches a session (it expired, was signed out elsewhere, or the password changed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewerState {
    pub viewer: Option<Viewer>,
    pub session_expired: bool,
}

/// Whether this server sends email (`SMTP_URL` is set): the server puts it in every
/// request's context, and pages where an email would go say so when it does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmailSending(pub bool);

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use domain::audit::{Actor, Audit};
    use domain::services::users::Account;

    /// Inserted into the request's extensions by the server's session middleware.
    #[derive(Debug, Clone, Default)]
    pub struct RequestUser {
        pub account: Option<Account>,
        pub session_expired: bool,
    }

    impl RequestUser {
        pub fn actor(&self) -> Actor {
            self.account.as_ref().map(Account::actor).unwrap_or(Actor::Anonymous)
        }

        pub fn state(&self) -> super::ViewerState {
            super::ViewerState {
                viewer: self.account.as_ref().map(Account::viewer),
                session_expired: self.session_expired,
            }
        }
    }

    /// The person behind the current request (inside a server function or a page render).
    pub fn request_user() -> RequestUser {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestUser>().cloned())
            .unwrap_or_default()
    }

    /// The audit record for a change made now by the current person.
    pub fn audit() -> Audit {
        Audit::now(request_user().actor())
    }
}
