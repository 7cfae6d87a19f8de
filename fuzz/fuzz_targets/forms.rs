//! Every form parser on any urlencoded-looking input: refusals, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    domain::fuzzing::check_forms(input);
});
