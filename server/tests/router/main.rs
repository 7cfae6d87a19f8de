//! Everything that goes through the real router and database, in one test binary: one link
//! of the whole server instead of one per file (each weighs about 340 MB unoptimised, and CI's
//! disk is finite).
//!
//! Each test still runs in a process of its own, on a runtime of its own, as when each was its
//! own binary: run without arguments, this program starts itself once per test (two at a time)
//! and reports like the standard harness. Tests sharing one process hung now and then, on a
//! shared runtime as on separate ones, so they do not share one. `cargo test --test router
//! NAME` runs the tests whose names contain NAME.

mod abuse;
mod common;
mod concurrency;
mod drafts;
mod hostile;
mod http;
mod openapi;
mod page_cache;
mod permissions;
mod reading;
mod workbench;

use std::future::Future;
use std::pin::Pin;
use std::process::{Command, ExitCode};

/// Whether a test wants worker threads (as production has) or one thread.
#[derive(Clone, Copy)]
enum Threads {
    One,
    Two,
}

type Test = fn() -> Pin<Box<dyn Future<Output = ()>>>;

macro_rules! tests {
    ($($module:ident::$test:ident: $threads:ident),* $(,)?) => {
        &[$((stringify!($test), Threads::$threads, || Box::pin($module::$test()))),*]
    };
}

const TESTS: &[(&str, Threads, Test)] = tests![
    abuse::floods_and_guessing_are_held_back: One,
    concurrency::many_readers_and_editors_at_once: Two,
    drafts::drafts_and_ratings_through_the_router: One,
    hostile::hostile_input_never_breaks_the_server: One,
    http::the_router_answers_as_users_expect: One,
    openapi::every_documented_endpoint_answers_as_documented: One,
    page_cache::public_pages_are_kept_until_a_change_touches_them: One,
    permissions::every_state_changing_endpoint_checks_who_sends_it: One,
    reading::drafts_and_hidden_comments_stay_private_everywhere: One,
    workbench::coordinators_edit_and_the_public_follows: One,
];

const CHILD: &str = "ROUTER_TEST_CHILD";

fn main() -> ExitCode {
    if let Ok(name) = std::env::var(CHILD) {
        return run_one(&name);
    }
    // `cargo test` passes flags (and maybe a filter); the first argument that is not a flag
    // filters by name.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-')).unwrap_or_default();
    let chosen: Vec<&str> = TESTS.iter().map(|t| t.0).filter(|n| n.contains(filter.as_str())).collect();
    println!("\nrunning {} tests", chosen.len());
    let started = std::time::Instant::now();
    let failed = run_children(&chosen);
    let passed = chosen.len() - failed.len();
    if !failed.is_empty() {
        println!("\nfailures:");
        for name in &failed {
            println!("    {name}");
        }
    }
    let verdict = if failed.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {passed} passed; {} failed; 0 ignored; 0 measured; {} filtered out; finished in {:.2}s\n",
        failed.len(),
        TESTS.len() - chosen.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The longest a test may take before it is stopped and counted as failed (a hang).
const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

/// Runs the chosen tests as child processes, two at a time; returns the names of those failed.
fn run_children(chosen: &[&str]) -> Vec<String> {
    let mut failed = Vec::new();
    for pair in chosen.chunks(2) {
        let children: Vec<_> = pair.iter().map(|name| (name, start_child(name))).collect();
        for (name, child) in children {
            match child.and_then(finish_child) {
                Ok((true, output)) => {
                    println!("test {name} ... ok");
                    // `--nocapture` shows what passing tests printed too.
                    if std::env::args().any(|a| a == "--nocapture") {
                        println!("{output}");
                    }
                }
                Ok((false, output)) => {
                    println!("test {name} ... FAILED\n---- {name} output ----\n{output}");
                    failed.push(name.to_string());
                }
                Err(e) => {
                    println!("test {name} ... FAILED ({e})");
                    failed.push(name.to_string());
                }
            }
        }
    }
    failed
}

struct Child {
    process: std::process::Child,
    output: tempfile::NamedTempFile,
    started: std::time::Instant,
}

fn start_child(name: &str) -> std::io::Result<Child> {
    let output = tempfile::NamedTempFile::new()?;
    let process = Command::new(std::env::current_exe()?)
        .env(CHILD, name)
        .stdout(output.reopen()?)
        .stderr(output.reopen()?)
        .spawn()?;
    Ok(Child { process, output, started: std::time::Instant::now() })
}

/// Waits for a child (stopping it past the time limit): whether it passed, and what it printed.
fn finish_child(mut child: Child) -> std::io::Result<(bool, String)> {
    let passed = loop {
        if let Some(status) = child.process.try_wait()? {
            break status.success();
        }
        if child.started.elapsed() > TIME_LIMIT {
            child.process.kill()?;
            child.process.wait()?;
            let printed = std::fs::read_to_string(child.output.path()).unwrap_or_default();
            return Ok((false, format!("{printed}\nstopped after {} s: it hung", TIME_LIMIT.as_secs())));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    Ok((passed, std::fs::read_to_string(child.output.path()).unwrap_or_default()))
}

fn run_one(name: &str) -> ExitCode {
    let Some((_, threads, test)) = TESTS.iter().find(|t| t.0 == name) else {
        eprintln!("no test named {name}");
        return ExitCode::FAILURE;
    };
    let runtime = match threads {
        Threads::One => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        Threads::Two => tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build(),
    };
    match runtime {
        Ok(runtime) => {
            runtime.block_on(test());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot build the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}
