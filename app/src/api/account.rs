use leptos::prelude::*;

use crate::auth::ViewerState;
use crate::error::AppError;

/// Who is signed in (for the header and the permission-dependent parts of pages).
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<ViewerState, AppError> {
    Ok(crate::auth::request_user().state())
}

/// Whether the server sends email (password reset links, invitations, notifications).
#[server(prefix = "/api", endpoint = "email_sending")]
pub async fn email_sending() -> Result<bool, AppError> {
    Ok(leptos::prelude::use_context::<crate::auth::EmailSending>().unwrap_or_default().0)
}

/// Whether a password reset link still works.
#[server(prefix = "/api", endpoint = "password_reset")]
pub async fn password_reset_open(token: String) -> Result<bool, AppError> {
    Ok(domain::services::password_resets::is_open(&super::db()?, &token, chrono::Utc::now()).await?)
}
