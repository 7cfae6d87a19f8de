//! The tracker's pages: Leptos components rendered on the server and hydrated in the browser.
#![recursion_limit = "256"]

pub mod api;
pub mod auth;
pub mod components;
pub mod error;
pub mod field_labels;
pub mod forms;
pub mod rcdata;
pub mod routes;
pub mod text;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::components::layout::Layout;
use crate::i18n::*;
use crate::routes::*;

/// The HTML document around the app (rendered on the server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="alternate" type="application/atom+xml" href="/feed.atom" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/gcm-tracker.css" />
            <Title formatter=|text: String| if text.is_empty() { "GCM Tracker".to_string() } else { rcdata::escaped(format!("{text} · GCM Tracker")) } />
            <Router>
                <Layout>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=StaticSegment("") view=home::HomePage ssr=SsrMode::Async />
                        <Route path=StaticSegment("timeline") view=timeline::TimelinePage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("timeline"), StaticSegment("new"))
                            view=consultation_edit::ConsultationNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("consultations"), ParamSegment("key"), StaticSegment("edit"))
                            view=consultation_edit::ConsultationEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("phases"), StaticSegment("new"))
                            view=phase_edit::PhaseNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("phases"), ParamSegment("slug"), StaticSegment("edit"))
                            view=phase_edit::PhaseEditPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("login") view=login::LoginPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("password"), StaticSegment("forgot")) view=password::ForgotPasswordPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("password"), StaticSegment("reset"), ParamSegment("token")) view=password::ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("account") view=account::AccountPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("accounts") view=accounts::AccountsPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("moderation") view=moderation::ModerationPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("invitations"), ParamSegment("token"))
                            view=invitation::InvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("consultations"), ParamSegment("key"))
                            view=consultation::ConsultationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("elements") view=elements::ElementsPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("elements"), ParamSegment("letter"))
                            view=element::ElementPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("organisations") view=organisations::OrganisationsPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("organisations"), StaticSegment("new"))
                            view=record_edit::OrganisationNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("organisations"), ParamSegment("slug"), StaticSegment("edit"))
                            view=record_edit::OrganisationEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("organisations"), ParamSegment("slug"), StaticSegment("positions"), StaticSegment("new"))
                            view=record_edit::PositionNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("positions"), ParamSegment("slug"), StaticSegment("edit"))
                            view=record_edit::PositionEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("positions"), ParamSegment("slug"), StaticSegment("demands"), StaticSegment("new"))
                            view=record_edit::DemandNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("demands"), ParamSegment("slug"), StaticSegment("edit"))
                            view=record_edit::DemandEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("organisations"), ParamSegment("slug"))
                            view=organisation::OrganisationPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("positions"), ParamSegment("slug"))
                            view=position::PositionPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("drafts") view=drafts::DraftsPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("drafts"), StaticSegment("compare"))
                            view=draft::ComparePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("drafts"), StaticSegment("new"))
                            view=draft_edit::DraftNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("drafts"), ParamSegment("slug"), StaticSegment("edit"))
                            view=draft_edit::DraftEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("drafts"), ParamSegment("slug"), StaticSegment("assess"))
                            view=draft_assess::AssessPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("drafts"), ParamSegment("slug"))
                            view=draft::DraftPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("scorecard") view=scorecard::ScorecardPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("search") view=search::SearchPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("notifications") view=notifications::NotificationsRoute ssr=SsrMode::Async />
                        <Route path=(StaticSegment("unsubscribe"), ParamSegment("token")) view=notifications::UnsubscribeRoute ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("scorecard"), StaticSegment("matrix"))
                            view=scorecard_matrix::MatrixPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("scorecard"), StaticSegment("demands"))
                            view=scorecard_demands::ScorecardDemandsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("scorecard"), StaticSegment("change"))
                            view=scorecard_change::ChangePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("scorecard"), StaticSegment("gaps"))
                            view=scorecard_gaps::GapsPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
