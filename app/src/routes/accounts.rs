//! The coordinators' accounts page: invite people (a one-time link that expires), change a
//! person's role or organisation, disable an account.
use domain::types::{AccountView, Role};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use strum::IntoEnumIterator;

use crate::api::admin::{get_accounts_admin, AccountsAdmin, OrganisationChoice};
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, SelectField, TextField};
use crate::forms::{posted_form, FormState, Notice};
use crate::i18n::*;
use crate::text;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| get_accounts_admin());
    let posted = posted_form();
    let query = use_query_map();
    let saved = move || query.with_untracked(|q| q.get("saved").is_some());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), admin.title).to_string() />
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match data.await {
                    Ok(admin) => view! { <AccountsBody admin form saved=saved() /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_options(l: Locale) -> Vec<(String, String)> {
    Role::iter().map(|r| (r.to_string(), text::role_name(l, r).to_string())).collect()
}

#[component]
fn AccountsBody(admin: AccountsAdmin, form: FormState, saved: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let invited = (form.notice == Some(Notice::Invited))
        .then(|| (form.values.get("email").to_string(), form.values.get("invite_link").to_string()));
    let emailed = form.values.has("emailed");
    let invite_form = form.values.get("form_id") == "invite" && form.notice != Some(Notice::Invited);
    let invite_values = if invite_form { form.clone() } else { FormState::default() };
    let err = |f: &str| invite_values.error_for(f).cloned();
    let mut org_slugs = vec![(String::new(), td_string!(l, admin.no_organisation).to_string())];
    org_slugs.extend(admin.organisations.iter().map(|o| (o.slug.clone(), o.name.clone())));
    let organisations = admin.organisations.clone();
    view! {
        <h1>{t!(i18n, admin.title)}</h1>
        <p><a href="/moderation">{t!(i18n, admin.moderation_link)}</a></p>
        {saved.then(|| view! { <div class="notice notice-ok" role="status"><p>{t!(i18n, admin.saved)}</p></div> })}
        {invited.map(|(email, link)| view! {
            <div class="notice notice-ok" role="status">
                <p>{td_string!(l, admin.invited, email = email.clone()).to_string()}</p>
                {emailed.then(|| view! { <p>{td_string!(l, admin.invite_emailed, email = email.clone()).to_string()}</p> })}
                <p><code class="invite-link">{link}</code></p>
                <p>{td_string!(l, admin.invite_once, days = domain::types::INVITATION_VALID_DAYS).to_string()}</p>
            </div>
        })}
        {(!invite_form).then(|| view! { <FormNotice notice=form.notice.filter(|n| *n != Notice::Invited) /> })}
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(i18n, admin.invite_heading)}</h2>
            {invite_form.then(|| view! { <FormNotice notice=form.notice /> })}
            <form method="post" action="/accounts/invite" class="stacked narrow">
                <input type="hidden" name="form_id" value="invite" />
                <TextField name="email" label=td_string!(l, account.email) value=invite_values.values.get("email").to_string()
                    error=err("email") kind="email" required=true />
                <TextField name="name" label=td_string!(l, account.name) value=invite_values.values.get("name").to_string()
                    error=err("name") required=true maxlength=200 />
                <SelectField name="role" label=td_string!(l, account.role) value=invite_values.values.get("role").to_string()
                    options=role_options(l) error=err("role") />
                <SelectField name="organisation" label=td_string!(l, admin.organisation)
                    value=invite_values.values.get("organisation").to_string() options=org_slugs error=err("organisation")
                    hint=td_string!(l, admin.organisation_hint).to_string() />
                <button type="submit">{t!(i18n, admin.invite)}</button>
            </form>
        </section>
        <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">{t!(i18n, admin.invitations_heading)}</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{t!(i18n, account.email)}</th>
                        <th scope="col">{t!(i18n, account.role)}</th>
                        <th scope="col">{t!(i18n, admin.state)}</th>
                    </tr></thead>
                    <tbody>
                        {admin.invitations.into_iter().map(|inv| {
                            let state = if inv.accepted {
                                td_string!(l, admin.accepted).to_string()
                            } else if inv.expired {
                                td_string!(l, admin.expired).to_string()
                            } else {
                                td_string!(l, admin.open_until, date = inv.expires_at.format("%Y-%m-%d").to_string()).to_string()
                            };
                            view! { <tr><td>{inv.email}</td><td>{text::role_name(l, inv.role)}</td><td>{state}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">{t!(i18n, admin.people_heading)}</h2>
            <ul class="account-list">
                {admin.accounts.into_iter().map(|a| {
                    let me = a.id == admin.me;
                    view! { <AccountRow a organisations=organisations.clone() me form=form.clone() /> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn AccountRow(a: AccountView, organisations: Vec<OrganisationChoice>, me: bool, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let form_id = format!("account-{}", a.id);
    let posted = (form.values.get("form_id") == form_id).then_some(form);
    let error = posted.as_ref().and_then(|f| f.errors.first().cloned());
    let role = posted.as_ref().map(|f| f.values.get("role").to_string()).unwrap_or(a.role.to_string());
    let org = posted
        .as_ref()
        .map(|f| f.values.get("organisation_id").to_string())
        .unwrap_or(a.organisation_id.map(|o| o.to_string()).unwrap_or_default());
    let disabled = posted.as_ref().map(|f| f.values.has("disabled")).unwrap_or(a.disabled);
    let mut org_options = vec![(String::new(), td_string!(l, admin.no_organisation).to_string())];
    org_options.extend(organisations.iter().map(|o| (o.id.to_string(), o.name.clone())));
    let org_name = a.organisation_id.and_then(|id| organisations.iter().find(|o| o.id == id)).map(|o| o.name.clone());
    let check_id = format!("f-disabled-{form_id}");
    let heading = format!("{} <{}>", a.name, a.email);
    view! {
        <li class="account-row" id=form_id.clone()>
            <h3>{heading}</h3>
            <p>
                {text::role_name(l, a.role)}
                {org_name.map(|n| view! { " · " {n} })}
                {a.disabled.then(|| view! { " · " <strong>{t!(i18n, admin.disabled)}</strong> })}
                {me.then(|| view! { " · " {t!(i18n, admin.you)} })}
            </p>
            {posted.as_ref().and_then(|f| f.notice).map(|n| view! { <FormNotice notice=Some(n) /> })}
            {error.map(|e| view! { <p class="field-error" role="alert">{text::invalid(l, &e)}</p> })}
            {(!me).then(|| view! {
                <form method="post" action=format!("/accounts/{}", a.id) class="stacked row-form">
                    <input type="hidden" name="form_id" value=form_id.clone() />
                    <input type="hidden" name="version" value=a.version.to_string() />
                    <SelectField name="role" id=format!("role-{form_id}") label=td_string!(l, account.role) value=role options=role_options(l) />
                    <SelectField name="organisation_id" id=format!("organisation-{form_id}") label=td_string!(l, admin.organisation)
                        value=org options=org_options />
                    <div class="check">
                        <input type="checkbox" id=check_id.clone() name="disabled" value="yes" checked=disabled />
                        <label for=check_id>{t!(i18n, admin.disable)}</label>
                    </div>
                    <button type="submit">{t!(i18n, admin.save)}</button>
                </form>
            })}
        </li>
    }
}
