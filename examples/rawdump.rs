fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let raw = cn_budget::ingest::split(&text).unwrap();
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
