//! The follow button on the pages of what can be followed: a plain form (it works without
//! JavaScript), shown to signed-in readers only, saying whether they follow it.
use domain::types::FollowKind;
use leptos::prelude::*;

use crate::api::notifications::following;
use crate::i18n::*;

#[component]
pub fn FollowButton(kind: FollowKind, key: String, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let asked = key.clone();
    let state = Resource::new(move || (kind, asked.clone()), |(k, key)| following(k, key));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (key, back) = (key.clone(), back.clone());
                Suspend::new(async move {
                    let l = i18n.get_locale_untracked();
                    match state.await {
                        Ok(Some(on)) => {
                            let label = if on { td_string!(l, follow.stop) } else { td_string!(l, follow.start) };
                            view! {
                                <form method="post" action="/follow" class="follow">
                                    <input type="hidden" name="kind" value=kind.as_ref().to_string() />
                                    <input type="hidden" name="key" value=key />
                                    <input type="hidden" name="on" value=if on { "0" } else { "1" } />
                                    <input type="hidden" name="back" value=back />
                                    <button type="submit">{label.to_string()}</button>
                                </form>
                            }
                            .into_any()
                        }
                        _ => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
