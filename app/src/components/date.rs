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
