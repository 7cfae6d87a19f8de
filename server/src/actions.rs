//! Every state-changing endpoint, in one list. The router is built from it, and the
//! permission test (`tests/permissions.rs`) walks it with every kind of person: an endpoint
//! cannot be added without a place in that test.
use axum::routing::{post, MethodRouter};
use strum::{EnumIter, IntoEnumIterator};

use crate::forms;
use crate::router::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter)]
pub enum Action {
    SignIn,
    SignOut,
    ChangePassword,
    CreatePhase,
    EditPhase,
    DeletePhase,
    CreateConsultation,
    EditConsultation,
    DeleteConsultation,
    PostComment,
    EditComment,
    DeleteComment,
    ReportComment,
    HideComment,
    RestoreComment,
    InvitePerson,
    ChangeAccount,
    AcceptInvitation,
}

impl Action {
    /// The path the form posts to (axum's syntax).
    pub fn path(self) -> &'static str {
        match self {
            Action::SignIn => "/login",
            Action::SignOut => "/logout",
            Action::ChangePassword => "/account/password",
            Action::CreatePhase => "/phases/new",
            Action::EditPhase => "/phases/{slug}/edit",
            Action::DeletePhase => "/phases/{slug}/delete",
            Action::CreateConsultation => "/timeline/new",
            Action::EditConsultation => "/consultations/{key}/edit",
            Action::DeleteConsultation => "/consultations/{key}/delete",
            Action::PostComment => "/positions/{slug}/comments",
            Action::EditComment => "/comments/{id}/edit",
            Action::DeleteComment => "/comments/{id}/delete",
            Action::ReportComment => "/comments/{id}/report",
            Action::HideComment => "/comments/{id}/hide",
            Action::RestoreComment => "/comments/{id}/restore",
            Action::InvitePerson => "/accounts/invite",
            Action::ChangeAccount => "/accounts/{id}",
            Action::AcceptInvitation => "/invitations/{token}",
        }
    }

    fn handler(self) -> MethodRouter<AppState> {
        match self {
            Action::SignIn => post(forms::account::sign_in),
            Action::SignOut => post(forms::account::sign_out),
            Action::ChangePassword => post(forms::account::change_password),
            Action::CreatePhase => post(forms::phases::create),
            Action::EditPhase => post(forms::phases::update),
            Action::DeletePhase => post(forms::phases::delete),
            Action::CreateConsultation => post(forms::consultations::create),
            Action::EditConsultation => post(forms::consultations::update),
            Action::DeleteConsultation => post(forms::consultations::delete),
            Action::PostComment => post(forms::comments::post),
            Action::EditComment => post(forms::comments::edit),
            Action::DeleteComment => post(forms::comments::delete),
            Action::ReportComment => post(forms::comments::report),
            Action::HideComment => post(forms::comments::hide),
            Action::RestoreComment => post(forms::comments::restore),
            Action::InvitePerson => post(forms::accounts::invite),
            Action::ChangeAccount => post(forms::accounts::change),
            Action::AcceptInvitation => post(forms::accounts::accept),
        }
    }
}

/// The router of every state-changing endpoint.
pub fn routes() -> axum::Router<AppState> {
    Action::iter().fold(axum::Router::new(), |router, action| router.route(action.path(), action.handler()))
}
