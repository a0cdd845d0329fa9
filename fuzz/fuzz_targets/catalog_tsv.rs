#![no_main]
//! Fuzz target `catalog_tsv`: its body is `fuzzing::catalog_tsv` in tests/fuzzing/mod.rs, which
//! tests/fuzz_replay.rs runs on stable over the committed corpus and crash cases.

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::catalog_tsv(data));
