//! Replays what the fuzzers (`fuzz/`, cargo-fuzz) kept: their corpus (the inputs that reached
//! new code) and `fuzz/regressions/` (inputs that once failed a check, kept after the fix),
//! through the same checks, on stable Rust, so a parser that regresses fails the ordinary suite.
use std::path::Path;

use domain::fuzzing::{check_draft_text, check_forms, check_queries};

fn replay(target: &str, check: fn(&str)) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).expect("a corpus file");
            // The targets take text: libFuzzer skips inputs that are not UTF-8, and so does this.
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let outcome = std::panic::catch_unwind(|| check(text));
                assert!(outcome.is_ok(), "{target}: {} fails its check", entry.path().display());
                replayed += 1;
            }
        }
    }
    replayed
}

#[test]
fn the_fuzzers_corpus_and_found_cases_pass_their_checks() {
    for (target, check) in [
        ("draft_text", check_draft_text as fn(&str)),
        ("forms", check_forms as fn(&str)),
        ("queries", check_queries as fn(&str)),
        ("markdown", domain::fuzzing::check_markdown as fn(&str)),
    ] {
        let replayed = replay(target, check);
        assert!(replayed > 0, "the {target} corpus is kept in fuzz/corpus/{target}");
    }
}
