//! The conflict view: when someone saved a record after you opened it, each field that
//! differs with what is saved now and what you typed, so you can merge before saving again.
use domain::types::FormValues;
use leptos::prelude::*;

use crate::i18n::*;

/// The rows of fields (name, label) whose saved and typed values differ. Fields that may
/// repeat (checkboxes) are compared as sets.
pub fn differing(saved: &FormValues, typed: &FormValues, fields: &[(&str, String)]) -> Vec<(String, String, String)> {
    fields
        .iter()
        .filter_map(|(name, label)| {
            let (mut a, mut b) = (saved.all(name), typed.all(name));
            a.iter_mut().chain(b.iter_mut()).for_each(|v| *v = v.trim());
            a.sort_unstable();
            b.sort_unstable();
            (a != b).then(|| (label.clone(), a.join(", "), b.join(", ")))
        })
        .collect()
}

#[component]
pub fn ConflictTable(rows: Vec<(String, String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">{t!(i18n, editor.conflict_heading)}</h2>
            <p>{t!(i18n, editor.conflict_intro)}</p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, editor.conflict_field)}</th>
                        <th scope="col">{t!(i18n, editor.conflict_theirs)}</th>
                        <th scope="col">{t!(i18n, editor.conflict_yours)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(field, theirs, yours)| view! {
                        <tr><th scope="row">{field}</th><td class="theirs">{theirs}</td><td class="yours">{yours}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
