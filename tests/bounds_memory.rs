//! Memory stays proportional to the input: a counting global allocator measures the peak of
//! bytes allocated while reading an input and eight times that input; the ratio of the peaks
//! stays below 10 (a quadratic structure would make it 64). Counted, not timed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time (the counters are process-wide).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The synthetic large inputs, shared with the bench.
mod input {
    include!("../benches/bounds/input.rs");
}

/// The most bytes allocated at once while `f` runs, beyond those allocated before it.
fn peak<T>(f: impl FnOnce() -> T) -> usize {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    drop(out);
    peak
}

/// The peaks of reading `small` and `large` (eight times its size) to a typed document,
/// and their ratio.
fn ratio(small: &str, large: &str) -> (usize, usize, f64) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _ = cn_budget::Catalog::edition(2024); // the lazily built catalog, outside the count
    let read = |input: &str| cn_budget::ingest::ingest(input).map(|i| i.problems.len());
    let _ = read(small);
    let (a, b) = (peak(|| read(small)), peak(|| read(large)));
    let r = b as f64 / a as f64;
    eprintln!(
        "inputs of {} and {} bytes: peaks {a} and {b} bytes, ratio {r:.2}",
        small.len(),
        large.len()
    );
    (a, b, r)
}

#[test]
fn layout_text_eight_times_larger_takes_less_than_ten_times_the_memory() {
    let small = input::layout_text(50_000);
    let large = input::layout_text(8 * small.len());
    let (a, b, r) = ratio(&small, &large);
    assert!(
        r < 10.0,
        "{} KB input: {a} bytes, 8×: {b} bytes, ratio {r:.2}",
        small.len() / 1000
    );
    assert!(r > 2.0, "the measurement counts the reading: {a} vs {b}");
}

#[test]
fn pdfplumber_json_eight_times_larger_takes_less_than_ten_times_the_memory() {
    let (small, large) = (input::plumber_json(50), input::plumber_json(400));
    let (a, b, r) = ratio(&small, &large);
    assert!(
        r < 10.0,
        "50 pages: {a} bytes, 400 pages: {b} bytes, ratio {r:.2}"
    );
    assert!(r > 2.0, "the measurement counts the reading: {a} vs {b}");
}

#[test]
fn a_table_eight_times_longer_takes_less_than_ten_times_the_memory() {
    let (small, large) = (input::table(1_000, 50), input::table(8_000, 50));
    let (a, b, r) = ratio(&small, &large);
    assert!(
        r < 10.0,
        "1,000 rows: {a} bytes, 8,000 rows: {b} bytes, ratio {r:.2}"
    );
    assert!(r > 2.0, "the measurement counts the reading: {a} vs {b}");
}
