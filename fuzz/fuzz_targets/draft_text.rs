//! The draft-text splitter on any text: it never panics, and what it accepts is consistent.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    domain::fuzzing::check_draft_text(text);
});
