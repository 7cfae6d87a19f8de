//! The record's editors: organisations (coordinators), positions (members draft for their own
//! organisation; coordinators edit and publish) and demands with their element mappings.
use domain::types::fields::{DemandField, OrganisationField, PositionField};
use domain::types::{Addresses, DatePrecision, ElementLetter, OrganisationKind, Region, Stance};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use strum::IntoEnumIterator;

use crate::api::record_editors::{get_demand_editor, get_organisation_editor, get_position_editor};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::record_editor::{record_editor, Editing};
use crate::field_labels::FieldLabel;
use crate::i18n::*;
use crate::text;

fn param(name: &'static str) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name))
}

fn with_none(l: Locale, mut options: Vec<(String, String)>) -> Vec<(String, String)> {
    options.sort_by(|a, b| a.1.cmp(&b.1));
    options.insert(0, (String::new(), td_string!(l, admin.no_organisation).to_string()));
    options
}

// ---- Organisations ----

#[component]
pub fn OrganisationEditPage() -> impl IntoView {
    let slug = param("slug");
    let editor = Resource::new(slug, get_organisation_editor);
    record_editor::<OrganisationField, _, _>(editor, "name", organisation_form)
}

#[component]
pub fn OrganisationNewPage() -> impl IntoView {
    let editor = Resource::new(|| None, get_organisation_editor);
    record_editor::<OrganisationField, _, _>(editor, "name", organisation_form)
}

fn organisation_form(e: Editing) -> (String, AnyView) {
    let l = use_i18n().get_locale_untracked();
    let creating = e.editor.version == 0;
    let heading = if creating {
        td_string!(l, record.new_organisation).to_string()
    } else {
        td_string!(l, editor.edit_heading, title = e.editor.title.clone()).to_string()
    };
    let action = if creating {
        "/organisations/new".to_string()
    } else {
        format!("/organisations/{}/edit", e.editor.values.get("slug"))
    };
    let kinds: Vec<(String, String)> =
        OrganisationKind::iter().map(|k| (k.to_string(), text::org_kind(l, k).to_string())).collect();
    let regions: Vec<(String, String)> =
        Region::iter().map(|r| (r.to_string(), text::region(l, r).to_string())).collect();
    let chosen: Vec<String> = e.values.all("coalitions").iter().map(|s| s.to_string()).collect();
    let networks = e.editor.choices("coalitions");
    let form = view! {
        <form method="post" action=action class="stacked editor">
            <input type="hidden" name="version" value=e.editor.version.to_string() />
            <TextField name="name" label=OrganisationField::Name.label(l) value=e.value("name") error=e.error("name") required=true maxlength=300 />
            <TextField name="slug" label=OrganisationField::Slug.label(l) value=e.value("slug") error=e.error("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <TextField name="acronym" label=OrganisationField::Acronym.label(l) value=e.value("acronym") error=e.error("acronym") maxlength=40 />
            <SelectField name="kind" label=OrganisationField::Kind.label(l) value=e.value("kind") error=e.error("kind") options=kinds />
            <TextField name="country" label=OrganisationField::Country.label(l) value=e.value("country") error=e.error("country") maxlength=120 />
            <SelectField name="region" label=OrganisationField::Region.label(l) value=e.value("region") error=e.error("region") options=regions />
            <TextField name="website" label=OrganisationField::Website.label(l) value=e.value("website") error=e.error("website") kind="url" maxlength=500 />
            <TextArea name="description" label=OrganisationField::Description.label(l) value=e.value("description") error=e.error("description")
                maxlength=3000 rows=4 />
            <fieldset class="element-choices">
                <legend>{OrganisationField::Coalitions.label(l)}</legend>
                <ul>
                    {networks.into_iter().map(|(id, name)| {
                        let checked = chosen.contains(&id);
                        let input_id = format!("f-coalition-{id}");
                        view! {
                            <li>
                                <input type="checkbox" id=input_id.clone() name="coalitions" value=id checked=checked />
                                <label for=input_id>{name}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <button type="submit">{td_string!(l, editor.save)}</button>
        </form>
    };
    (heading, form.into_any())
}

// ---- Positions ----

#[component]
pub fn PositionEditPage() -> impl IntoView {
    let slug = param("slug");
    let editor = Resource::new(slug, |slug| get_position_editor(slug, None));
    record_editor::<PositionField, _, _>(editor, "title", position_form)
}

#[component]
pub fn PositionNewPage() -> impl IntoView {
    let slug = param("slug");
    let editor = Resource::new(slug, |org| get_position_editor(None, org));
    record_editor::<PositionField, _, _>(editor, "title", position_form)
}

fn position_form(e: Editing) -> (String, AnyView) {
    let l = use_i18n().get_locale_untracked();
    let creating = e.editor.version == 0;
    let (heading, action) = if creating {
        (td_string!(l, record.new_position).to_string(), format!("/organisations/{}/positions/new", e.editor.parent))
    } else {
        (
            td_string!(l, editor.edit_heading, title = e.editor.title.clone()).to_string(),
            format!("/positions/{}/edit", e.editor.parent),
        )
    };
    let precisions: Vec<(String, String)> =
        DatePrecision::iter().map(|p| (p.to_string(), text::precision(l, p).to_string())).collect();
    let addressees: Vec<(String, String)> =
        Addresses::iter().map(|a| (a.to_string(), text::addresses_choice(l, a).to_string())).collect();
    let form = view! {
        {creating.then(|| view! { <p>{td_string!(l, record.draft_intro)}</p> })}
        <form method="post" action=action class="stacked editor">
            <input type="hidden" name="version" value=e.editor.version.to_string() />
            <TextField name="title" label=PositionField::Title.label(l) value=e.value("title") error=e.error("title") required=true maxlength=300 />
            <TextField name="slug" label=PositionField::Slug.label(l) value=e.value("slug") error=e.error("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <TextField name="published_on" label=PositionField::Published.label(l) value=e.value("published_on")
                error=e.error("published_on") kind="date" hint=td_string!(l, record.published_on_hint).to_string() />
            <SelectField name="precision" label=td_string!(l, editor.precision) value=e.value("precision") error=e.error("precision")
                options=precisions />
            <SelectField name="addresses" label=PositionField::Addresses.label(l) value=e.value("addresses") error=e.error("addresses")
                options=addressees />
            <TextField name="addressee" label=PositionField::Addressee.label(l) value=e.value("addressee") error=e.error("addressee")
                maxlength=200 hint=td_string!(l, record.addressee_hint).to_string() />
            <SelectField name="responds_to" label=PositionField::RespondsTo.label(l) value=e.value("responds_to")
                error=e.error("responds_to") options=with_none(l, e.editor.choices("responds_to")) />
            <p class="hint">{td_string!(l, record.scoring_rule_hint)}</p>
            <TextArea name="summary" label=PositionField::Summary.label(l) value=e.value("summary") error=e.error("summary") maxlength=3000 rows=4 />
            <SelectField name="source" label=PositionField::Source.label(l) value=e.value("source") error=e.error("source")
                options=with_none(l, e.editor.choices("source")) />
            <TextField name="source_locator" label=PositionField::SourceLocator.label(l) value=e.value("source_locator")
                error=e.error("source_locator") maxlength=500 />
            <SelectField name="presented_at" label=PositionField::PresentedAt.label(l) value=e.value("presented_at")
                error=e.error("presented_at") options=with_none(l, e.editor.choices("presented_at")) />
            <button type="submit">{td_string!(l, editor.save)}</button>
        </form>
    };
    (heading, form.into_any())
}

// ---- Demands ----

#[component]
pub fn DemandEditPage() -> impl IntoView {
    let slug = param("slug");
    let editor = Resource::new(slug, |slug| get_demand_editor(slug, None));
    record_editor::<DemandField, _, _>(editor, "text", demand_form)
}

#[component]
pub fn DemandNewPage() -> impl IntoView {
    let slug = param("slug");
    let editor = Resource::new(slug, |position| get_demand_editor(None, position));
    record_editor::<DemandField, _, _>(editor, "text", demand_form)
}

fn demand_form(e: Editing) -> (String, AnyView) {
    let l = use_i18n().get_locale_untracked();
    let creating = e.editor.version == 0;
    let (heading, action) = if creating {
        (td_string!(l, record.new_demand).to_string(), format!("/positions/{}/demands/new", e.editor.parent))
    } else {
        (td_string!(l, record.edit_demand).to_string(), format!("/demands/{}/edit", e.editor.title))
    };
    let mut stances = vec![(String::new(), td_string!(l, record.not_addressed).to_string())];
    stances.extend(Stance::iter().map(|s| (s.to_string(), text::stance(l, s).to_string())));
    let elements_error = e.error("elements").map(|err| text::reason(l, &err.reason));
    let back = format!("/positions/{}", e.editor.parent);
    let deleting = (!creating).then(|| (e.editor.title.clone(), e.editor.version));
    let form = view! {
        <p><a href=back>{td_string!(l, record.back_to_position)}</a></p>
        <form method="post" action=action class="stacked editor">
            <input type="hidden" name="version" value=e.editor.version.to_string() />
            <TextArea name="text" label=DemandField::Text.label(l) value=e.value("text") error=e.error("text") required=true
                maxlength=1000 rows=3 hint=td_string!(l, record.demand_hint).to_string() />
            <TextField name="quote" label=DemandField::Quote.label(l) value=e.value("quote") error=e.error("quote") maxlength=300
                hint=td_string!(l, record.quote_hint).to_string() />
            <TextField name="slug" label=DemandField::Slug.label(l) value=e.value("slug") error=e.error("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <fieldset class="stances">
                <legend>{td_string!(l, record.stances)}</legend>
                {elements_error.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <p class="hint"><a href="/elements">{td_string!(l, editor.elements_hint)}</a></p>
                <div class="stance-grid">
                    {ElementLetter::all().map(|letter| {
                        let name = format!("stance_{letter}");
                        view! {
                            <SelectField name=name.clone() label=format!("({letter})") value=e.value(&name) options=stances.clone() />
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <button type="submit">{td_string!(l, editor.save)}</button>
        </form>
        {deleting.map(|(slug, version)| view! {
            <section class="danger-zone" aria-labelledby="delete-heading">
                <h2 id="delete-heading">{td_string!(l, record.delete_demand)}</h2>
                <form method="post" action=format!("/demands/{slug}/delete") class="stacked">
                    <input type="hidden" name="version" value=version.to_string() />
                    <button type="submit" class="danger">{td_string!(l, editor.delete)}</button>
                </form>
            </section>
        })}
    };
    (heading, form.into_any())
}
