//! Everything that goes through the real router and database, in one test binary (one link of
//! the whole server instead of one per file: each weighs about 340 MB unoptimised, and CI's
//! disk is finite).
//!
//! Leptos registers a process-wide executor on the first Tokio runtime it meets, so every test
//! here runs on one shared multi-threaded runtime (`common::block_on`), never on a runtime of
//! its own that would be gone when the next test's requests reach the executor.

mod abuse;
mod common;
mod concurrency;
mod drafts;
mod freshness;
mod http;
mod openapi;
mod page_cache;
mod permissions;
mod workbench;

macro_rules! on_the_shared_runtime {
    ($($module:ident::$test:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                common::block_on($module::$test());
            }
        )*
    };
}

on_the_shared_runtime![
    abuse::floods_and_guessing_are_held_back,
    concurrency::many_readers_and_editors_at_once,
    drafts::drafts_and_ratings_through_the_router,
    freshness::a_stamp_is_never_older_than_the_request_and_is_shared_under_load,
    http::the_router_answers_as_users_expect,
    openapi::every_documented_endpoint_answers_as_documented,
    page_cache::public_pages_are_kept_until_anything_changes,
    permissions::every_state_changing_endpoint_checks_who_sends_it,
    workbench::coordinators_edit_and_the_public_follows,
];
