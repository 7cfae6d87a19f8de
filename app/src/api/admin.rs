use domain::types::{AccountView, InvitationView, ReportView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// An organisation as the accounts page offers it for members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationChoice {
    pub id: i32,
    pub slug: String,
    pub name: String,
}

/// The coordinators' accounts page: people, invitations, and the organisations to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountsAdmin {
    pub accounts: Vec<AccountView>,
    pub invitations: Vec<InvitationView>,
    pub organisations: Vec<OrganisationChoice>,
    pub me: i32,
}

#[cfg(feature = "ssr")]
fn coordinator() -> Result<domain::audit::Audit, AppError> {
    let actor = crate::auth::request_user().actor();
    domain::permissions::ensure(domain::permissions::accounts::can_manage_accounts(&actor))?;
    Ok(domain::audit::Audit::now(actor))
}

#[server(prefix = "/api", endpoint = "accounts_admin")]
pub async fn get_accounts_admin() -> Result<AccountsAdmin, AppError> {
    let audit = coordinator()?;
    let db = super::db()?;
    let accounts = domain::services::users::list(&db, &audit).await?.iter().map(|a| a.view()).collect();
    let invitations = domain::services::invitations::list(&db, &audit).await?;
    let organisations = domain::services::organisations::choices(&db)
        .await?
        .into_iter()
        .map(|(id, slug, name)| OrganisationChoice { id, slug, name })
        .collect();
    Ok(AccountsAdmin { accounts, invitations, organisations, me: audit.actor.user_id().unwrap_or_default() })
}

/// Whether an invitation link still works (the page says so before asking for a password).
#[server(prefix = "/api", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<bool, AppError> {
    Ok(domain::services::invitations::is_open(&super::db()?, &token, chrono::Utc::now()).await?)
}

/// The open reports: the coordinators' moderation queue.
#[server(prefix = "/api", endpoint = "moderation")]
pub async fn get_moderation() -> Result<Vec<ReportView>, AppError> {
    let audit = coordinator()?;
    Ok(domain::services::comments::open_reports(&super::db()?, &audit).await?)
}
