#![no_main]
//! Fuzz target `plumber_json`: its body is `fuzzing::plumber_json` in tests/fuzzing/mod.rs, which
//! tests/fuzz_replay.rs runs on stable over the committed corpus and crash cases.

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::plumber_json(data));
