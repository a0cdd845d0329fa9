#![no_main]
//! Fuzz target `pdf`: its body is `fuzzing::pdf` in tests/fuzzing/mod.rs, which
//! tests/fuzz_replay.rs runs on stable over the committed corpus and crash cases.

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::pdf(data));
