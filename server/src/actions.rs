//! Every state-changing endpoint, in one list. The router is built from it, and the
//! permission test (`tests/permissions.rs`) walks it with every kind of person: an endpoint
//! cannot be added without a place in that test.
use axum::routing::{post, MethodRouter};
use strum::{EnumIter, IntoEnumIterator};
use tower_http::limit::RequestBodyLimitLayer;

use crate::forms;
use crate::state::AppState;

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
    CreateOrganisation,
    EditOrganisation,
    DraftPosition,
    EditPosition,
    PublishPosition,
    AddDemand,
    EditDemand,
    DeleteDemand,
    InvitePerson,
    ChangeAccount,
    AcceptInvitation,
    CreateDraft,
    EditDraft,
    Assess,
    AddDraftChange,
    DeleteDraftChange,
    ForgotPassword,
    ResetPassword,
    Follow,
    ReadNotifications,
    ChooseNotifications,
    Unsubscribe,
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
            Action::CreateOrganisation => "/organisations/new",
            Action::EditOrganisation => "/organisations/{slug}/edit",
            Action::DraftPosition => "/organisations/{slug}/positions/new",
            Action::EditPosition => "/positions/{slug}/edit",
            Action::PublishPosition => "/positions/{slug}/publish",
            Action::AddDemand => "/positions/{slug}/demands/new",
            Action::EditDemand => "/demands/{slug}/edit",
            Action::DeleteDemand => "/demands/{slug}/delete",
            Action::InvitePerson => "/accounts/invite",
            Action::ChangeAccount => "/accounts/{id}",
            Action::AcceptInvitation => "/invitations/{token}",
            Action::CreateDraft => "/drafts/new",
            Action::EditDraft => "/drafts/{slug}/edit",
            Action::Assess => "/drafts/{slug}/assess/{demand}",
            Action::AddDraftChange => "/drafts/{slug}/changes",
            Action::DeleteDraftChange => "/drafts/{slug}/changes/{id}/delete",
            Action::ForgotPassword => "/password/forgot",
            Action::ResetPassword => "/password/reset/{token}",
            Action::Follow => "/follow",
            Action::ReadNotifications => "/notifications/read",
            Action::ChooseNotifications => "/notifications/choices",
            Action::Unsubscribe => "/unsubscribe/{token}",
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
            Action::CreateOrganisation => post(forms::record::create_organisation),
            Action::EditOrganisation => post(forms::record::edit_organisation),
            Action::DraftPosition => post(forms::record::create_position),
            Action::EditPosition => post(forms::record::edit_position),
            Action::PublishPosition => post(forms::record::publish_position),
            Action::AddDemand => post(forms::record::create_demand),
            Action::EditDemand => post(forms::record::edit_demand),
            Action::DeleteDemand => post(forms::record::delete_demand),
            Action::InvitePerson => post(forms::accounts::invite),
            Action::ChangeAccount => post(forms::accounts::change),
            Action::AcceptInvitation => post(forms::accounts::accept),
            Action::CreateDraft => post(forms::drafts::create),
            Action::EditDraft => post(forms::drafts::update),
            Action::Assess => post(forms::drafts::assess),
            Action::AddDraftChange => post(forms::drafts::add_change),
            Action::DeleteDraftChange => post(forms::drafts::delete_change),
            Action::ForgotPassword => post(forms::password::forgot),
            Action::ResetPassword => post(forms::password::reset),
            Action::Follow => post(forms::following::follow),
            Action::ReadNotifications => post(forms::following::read),
            Action::ChooseNotifications => post(forms::following::choose),
            Action::Unsubscribe => post(forms::following::unsubscribe),
        }
    }

    /// The largest body the endpoint accepts (413 beyond): a draft's form carries its text.
    pub fn body_limit(self) -> usize {
        match self {
            Action::CreateDraft | Action::EditDraft => forms::MAX_UPLOAD_BYTES,
            _ => forms::MAX_FORM_BYTES,
        }
    }
}

/// The router of every state-changing endpoint.
pub fn routes() -> axum::Router<AppState> {
    Action::iter().fold(axum::Router::new(), |router, action| {
        router.route(action.path(), action.handler().layer(RequestBodyLimitLayer::new(action.body_limit())))
    })
}
