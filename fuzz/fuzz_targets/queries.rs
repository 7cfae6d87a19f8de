//! The query-string and date parsers on any input: refusals, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    domain::fuzzing::check_queries(input);
});
