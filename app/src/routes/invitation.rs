//! Accepting an invitation: the invitee sets a password once; then they are signed in.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::admin::get_invitation;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, NewPasswordFields};
use crate::forms::{posted_form, FormState};
use crate::i18n::*;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let open = Resource::new(token, get_invitation);
    let posted = posted_form();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), invitation.title).to_string() />
        <h1>{t!(i18n, invitation.title)}</h1>
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match open.await {
                    Ok(true) => view! { <AcceptForm token=token() form /> }.into_any(),
                    Ok(false) => view! { <p class="notice notice-warning">{t!(i18n, invitation.closed)}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AcceptForm(token: String, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>{t!(i18n, invitation.intro)}</p>
        <FormNotice notice=form.notice />
        <form method="post" action=format!("/invitations/{token}") class="stacked narrow">
            <NewPasswordFields form=form.clone() />
            <button type="submit">{t!(i18n, invitation.accept)}</button>
        </form>
    }
}
