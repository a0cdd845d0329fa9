fn main() {
    let path = std::env::args().nth(1).unwrap();
    let page: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let read = cn_budget::ingest::pdf::read(&bytes).unwrap();
    let p = &read.pages[page - 1];
    for l in &p.lines {
        let spans: Vec<String> = l
            .spans
            .iter()
            .map(|s| format!("[{:.0}-{:.0} {}]", s.x0, s.x1, s.text))
            .collect();
        println!("{:6.1} {}", l.y, spans.join(" "));
    }
}
