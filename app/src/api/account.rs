use leptos::prelude::*;

use crate::auth::ViewerState;
use crate::error::AppError;

/// Who is signed in (for the header and the permission-dependent parts of pages).
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<ViewerState, AppError> {
    Ok(crate::auth::request_user().state())
}
