//! Replays every committed fuzz input on stable: the minimized corpora (`fuzz/corpus/NAME/`)
//! and the inputs that once crashed, hung or were slow (`tests/fixtures/fuzz/NAME/`), each
//! through the same body its fuzz target runs (`tests/fuzzing/mod.rs`).
//!
//! To run a target itself (nightly): `cargo +nightly fuzz run NAME` (see README, Fuzzing).

#[path = "fuzzing/mod.rs"]
mod fuzzing;

use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &fuzzing::Target, dir: &Path) -> usize {
    let files = inputs(dir);
    for file in &files {
        let data = std::fs::read(file).expect("a readable input");
        // A panic names the input, so that it can be run again alone.
        eprintln!("replaying {}", file.display());
        (target.body)(&data);
    }
    files.len()
}

#[test]
fn every_target_has_a_committed_corpus_and_it_replays() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for target in fuzzing::TARGETS {
        let n = replay(target, &root.join("fuzz/corpus").join(target.name));
        assert!(n > 0, "no committed corpus for fuzz target {}", target.name);
        // The inputs that once failed, kept beside the fix (none for a target yet clean).
        replay(target, &root.join("tests/fixtures/fuzz").join(target.name));
    }
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for target in fuzzing::TARGETS {
        let file = root
            .join("fuzz/fuzz_targets")
            .join(format!("{}.rs", target.name));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            text.contains(&format!("fuzzing::{}(", target.name)),
            "{} does not run fuzzing::{}",
            file.display(),
            target.name
        );
    }
}
