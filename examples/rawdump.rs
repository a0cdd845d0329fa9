fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let (raw, _) = cn_budget::ingest::split_bytes(&bytes).unwrap();
    for t in &raw.tables {
        println!(
            "=== {:?} {} p{} heading={:?}",
            t.id, t.title, t.page, t.heading
        );
        println!("    columns={:?}", t.columns);
        for r in &t.rows {
            println!("    {:?}", r);
        }
        for r in &t.trailer {
            println!("    T {}", r);
        }
    }
    println!(
        "narrative lines: {} first: {:?}",
        raw.narrative.len(),
        raw.narrative.first()
    );
}
