//! The comments' Markdown to sanitised HTML on any source: nothing that runs comes out.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    domain::fuzzing::check_markdown(source);
});
