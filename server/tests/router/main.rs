//! Everything that goes through the real router and database, in one test binary: one link
//! of the whole server instead of one per file (each weighs about 340 MB unoptimised, and CI's
//! disk is finite). Each test boots its own seeded database and router, so a failure names one
//! behaviour and hides none of the others.
//!
//! The harness is libtest-mimic: `cargo test --test router NAME` filters as usual, and
//! `cargo nextest run` (what `scripts/test` uses) runs each test in a process of its own. Every
//! test runs on a runtime of its own and is bounded: past `TIME_LIMIT` it fails, naming itself,
//! instead of holding the suite (tests sharing one process once hung now and then; see
//! `a_test_that_never_ends_fails_in_time` for the bound).

mod abuse;
mod common;
mod concurrency;
mod drafts;
mod following;
mod health;
mod hostile;
mod http;
mod listener;
mod mail;
mod metrics;
mod openapi;
mod page_cache;
mod permissions;
mod reading;
mod search;
mod smtp;
mod workbench;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};

/// Whether a test wants worker threads (as production has) or one thread.
#[derive(Clone, Copy)]
enum Threads {
    One,
    Two,
}

type Test = fn() -> Pin<Box<dyn Future<Output = ()>>>;

macro_rules! tests {
    ($($module:ident::$test:ident: $threads:ident),* $(,)?) => {
        &[$((concat!(stringify!($module), "::", stringify!($test)), Threads::$threads, || Box::pin($module::$test()))),*]
    };
}

const TESTS: &[(&str, Threads, Test)] = tests![
    abuse::a_comment_flood_is_refused_and_the_text_kept: One,
    abuse::password_guessing_is_refused_per_account_and_per_address: One,
    concurrency::concurrent_readers_all_get_their_page: Two,
    concurrency::fifty_saves_of_one_version_make_one_change: Two,
    drafts::a_coordinator_enters_a_draft_pasted_or_uploaded_and_bad_texts_save_nothing: One,
    drafts::a_coordinator_rates_demands_from_the_worklist_with_evidence: One,
    hostile::malformed_values_get_400_with_the_reason: One,
    hostile::every_parameter_of_every_address_answers_without_a_server_error: One,
    hostile::oversized_bodies_get_413: One,
    hostile::a_stalled_database_cannot_hold_a_request_forever: Two,
    hostile::unicode_round_trips_through_a_comment: One,
    hostile::markup_in_a_title_stays_text: One,
    http::pages_answer_with_the_right_status: One,
    http::the_language_follows_the_cookie_then_the_browser: One,
    http::the_scorecard_pages_and_downloads_give_the_same_numbers: One,
    following::a_follower_gets_one_digest_of_the_day_and_a_reply_at_once: Two,
    health::health_and_readiness_answer_and_say_when_migrations_are_behind: One,
    metrics::metrics_count_requests_by_route_and_parse_as_prometheus_text: One,
    listener::stalled_and_oversized_clients_are_cut_off: Two,
    listener::a_stop_finishes_requests_in_flight_and_refuses_new_connections: Two,
    metrics::every_answer_carries_a_request_id: One,
    mail::a_forgotten_password_is_reset_once_by_an_emailed_link: Two,
    mail::an_smtp_server_that_refuses_delays_mail_without_losing_it: Two,
    mail::an_invitation_is_emailed_when_email_is_configured: Two,
    mail::a_stopping_server_sends_what_is_due_before_it_exits: Two,
    mail::without_email_the_pages_say_so: One,
    openapi::every_documented_endpoint_answers_as_documented: One,
    page_cache::public_pages_are_kept_until_a_change_touches_them: One,
    permissions::every_state_changing_endpoint_checks_who_sends_it: One,
    permissions::cross_site_posts_are_refused: One,
    permissions::server_functions_only_read: One,
    reading::drafts_and_hidden_comments_stay_private_everywhere: One,
    search::the_page_finds_a_demand_by_a_word_in_each_language: One,
    search::every_page_has_the_search_box: One,
    search::a_query_too_long_is_refused_and_what_was_typed_kept: One,
    search::the_api_searches_the_public_record: One,
    search::no_query_answers_a_server_error: One,
    workbench::signing_in_and_out: One,
    workbench::a_disabled_accounts_sessions_stop_at_once: One,
    workbench::moving_the_stocktaking_shows_in_history_and_feed: One,
    workbench::a_stale_edit_gets_the_conflict_page: One,
    workbench::bad_input_is_refused_next_to_its_field: One,
    workbench::the_calendar_parses_and_filters: One,
];

/// The longest a test may take before it fails as hung.
const TIME_LIMIT: Duration = Duration::from_secs(600);

fn main() -> std::process::ExitCode {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = TESTS
        .iter()
        .map(|&(name, threads, test)| Trial::test(name, move || run(threads, TIME_LIMIT, test())))
        .collect();
    trials.push(Trial::test("harness::a_test_that_never_ends_fails_in_time", a_test_that_never_ends_fails_in_time));
    libtest_mimic::run(&args, trials).exit_code()
}

/// Runs one test on a runtime of its own, failing it past `limit`.
fn run(threads: Threads, limit: Duration, test: Pin<Box<dyn Future<Output = ()>>>) -> Result<(), Failed> {
    let runtime = match threads {
        Threads::One => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        Threads::Two => tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build(),
    }
    .map_err(|e| Failed::from(format!("cannot build the runtime: {e}")))?;
    runtime
        .block_on(async move { tokio::time::timeout(limit, test).await })
        .map_err(|_| Failed::from(format!("did not finish in {} s: it hung", limit.as_secs())))
}

/// The bound holds: a test that waits forever fails once its time is up, and says why.
fn a_test_that_never_ends_fails_in_time() -> Result<(), Failed> {
    let started = std::time::Instant::now();
    let result = run(Threads::One, Duration::from_millis(200), Box::pin(std::future::pending::<()>()));
    let message = result.err().and_then(|f| f.message().map(str::to_string)).unwrap_or_default();
    if !message.contains("it hung") {
        return Err(format!("a test that never ends was not failed: {message:?}").into());
    }
    if started.elapsed() > Duration::from_secs(5) {
        return Err(format!("the bound took {:?}", started.elapsed()).into());
    }
    Ok(())
}
