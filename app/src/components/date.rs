use domain::types::DateSpan;
use leptos::prelude::*;

use crate::i18n::*;
use crate::text;

/// A date span as a `<time>` element, shown only as precisely as it is known.
#[component]
pub fn DateText(span: DateSpan) -> impl IntoView {
    let i18n = use_i18n();
    let attr = text::datetime_attr(&span);
    view! { <time datetime=attr>{move || text::span(i18n.get_locale(), &span)}</time> }
}

/// A single day.
#[component]
pub fn DayText(date: chrono::NaiveDate) -> impl IntoView {
    view! { <DateText span=DateSpan::day(date) /> }
}

/// A date that may not be known: "date not known" rather than an invented one.
#[component]
pub fn MaybeDateText(span: Option<DateSpan>) -> impl IntoView {
    let i18n = use_i18n();
    match span {
        Some(span) => view! { <DateText span /> }.into_any(),
        None => view! { <span class="unknown-date">{t!(i18n, common.date_unknown)}</span> }.into_any(),
    }
}
