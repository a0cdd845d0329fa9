#![no_main]
//! Fuzz target `audit`: its body is `fuzzing::audit` in tests/fuzzing/mod.rs, which
//! tests/fuzz_replay.rs runs on stable over the committed corpus and crash cases.

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::audit(data));
