use leptos::prelude::*;

use crate::i18n::*;

/// "Parent › This page", the parent linked and this page marked current.
#[component]
pub fn Breadcrumb(
    #[prop(into)] parent_href: String,
    #[prop(into)] parent_label: String,
    current: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumb" aria-label=td_string!(i18n.get_locale_untracked(), common.breadcrumb)>
            <a href=parent_href>{parent_label}</a>
            " › "
            <span aria-current="page">{current}</span>
        </nav>
    }
}
