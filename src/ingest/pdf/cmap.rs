//! CMap programs embedded in a PDF: the code space (how a string's bytes split into character
//! codes), `bfchar`/`bfrange` (codes to Unicode, in a `/ToUnicode` map) and
//! `cidchar`/`cidrange` (codes to glyph ids, in an embedded `/Encoding` CMap).
//!
//! Only the data sections are read; the PostScript around them is skipped. Ranges too large
//! to list stay ranges, so a bogus `<00000000> <FFFFFFFF>` costs nothing.

use std::collections::HashMap;

/// The most entries a single range is expanded into; wider ranges are looked up as ranges.
const EXPAND_LIMIT: u32 = 256;

/// A character code: its value and its length in bytes (1 to 4).
pub(super) type Code = (u32, u8);

/// One `begincodespacerange` entry: codes of `lo.len()` bytes, each byte within its bounds.
#[derive(Clone, Debug)]
struct CodeRange {
    lo: Vec<u8>,
    hi: Vec<u8>,
}

/// How a range maps its codes: Unicode text from an offset, a list of texts, or glyph ids.
#[derive(Clone, Debug)]
enum Target {
    /// UTF-16 code units; the last one grows with the code.
    Utf16(Vec<u16>),
    /// One text per code, in order.
    List(Vec<String>),
    /// Glyph ids from this one on.
    Cid(u32),
}

#[derive(Clone, Debug)]
struct Range {
    lo: u32,
    hi: u32,
    len: u8,
    target: Target,
}

/// A parsed CMap (ToUnicode or an encoding CMap).
#[derive(Clone, Debug, Default)]
pub(super) struct CMap {
    space: Vec<CodeRange>,
    text: HashMap<Code, String>,
    cids: HashMap<Code, u32>,
    ranges: Vec<Range>,
}

impl CMap {
    /// Parses the data sections of a CMap program; anything unreadable is skipped.
    pub(super) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut tokens = Tokens { data, pos: 0 };
        while let Some(tok) = tokens.next() {
            match tok {
                Tok::Word(b"begincodespacerange") => cmap.read_space(&mut tokens),
                Tok::Word(b"beginbfchar") => cmap.read_chars(&mut tokens, false),
                Tok::Word(b"begincidchar") => cmap.read_chars(&mut tokens, true),
                Tok::Word(b"beginbfrange") => cmap.read_ranges(&mut tokens, false),
                Tok::Word(b"begincidrange") => cmap.read_ranges(&mut tokens, true),
                _ => {}
            }
        }
        cmap
    }

    /// Whether the CMap declares a code space.
    pub(super) fn has_space(&self) -> bool {
        !self.space.is_empty()
    }

    /// The length of the code at the start of `bytes` by the code space (`None` without one,
    /// or when no range matches: the caller then decides).
    pub(super) fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        self.space
            .iter()
            .filter(|r| {
                bytes.len() >= r.lo.len()
                    && r.lo
                        .iter()
                        .zip(&r.hi)
                        .zip(bytes)
                        .all(|((lo, hi), b)| lo <= b && b <= hi)
            })
            .map(|r| r.lo.len())
            .min()
    }

    /// The shortest code length declared, if any.
    pub(super) fn min_len(&self) -> Option<usize> {
        self.space.iter().map(|r| r.lo.len()).min()
    }

    /// Appends the Unicode text of `code`; false when the map has none.
    pub(super) fn push_text(&self, code: Code, out: &mut String) -> bool {
        if let Some(t) = self.text.get(&code) {
            out.push_str(t);
            return true;
        }
        for r in &self.ranges {
            if r.len == code.1 && r.lo <= code.0 && code.0 <= r.hi {
                if let Some(t) = range_text(r, code.0) {
                    out.push_str(&t);
                    return true;
                }
            }
        }
        false
    }

    /// The glyph id of `code` by `cidchar`/`cidrange`.
    pub(super) fn cid(&self, code: Code) -> Option<u32> {
        if let Some(&c) = self.cids.get(&code) {
            return Some(c);
        }
        self.ranges
            .iter()
            .filter(|r| r.len == code.1 && r.lo <= code.0 && code.0 <= r.hi)
            .find_map(|r| range_cid(r, code.0))
    }

    fn read_space(&mut self, tokens: &mut Tokens) {
        loop {
            match (tokens.next(), tokens.next()) {
                (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)))
                    if lo.len() == hi.len() && (1..=4).contains(&lo.len()) =>
                {
                    self.space.push(CodeRange { lo, hi });
                }
                (Some(Tok::Word(_)), _) | (None, _) | (_, None) => return,
                _ => {}
            }
        }
    }

    fn read_chars(&mut self, tokens: &mut Tokens, cid: bool) {
        loop {
            let Some(Tok::Hex(src)) = tokens.next() else {
                return;
            };
            let Some(code) = code_of(&src) else {
                tokens.next();
                continue;
            };
            match tokens.next() {
                Some(Tok::Hex(dst)) if !cid => {
                    self.text.insert(code, utf16_text(&dst));
                }
                Some(Tok::Number(n)) if cid => {
                    self.cids.insert(code, n);
                }
                Some(Tok::Word(_)) | None => return,
                _ => {}
            }
        }
    }

    fn read_ranges(&mut self, tokens: &mut Tokens, cid: bool) {
        loop {
            let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (tokens.next(), tokens.next()) else {
                return;
            };
            let target = match tokens.next() {
                Some(Tok::Hex(dst)) if !cid => Target::Utf16(utf16_units(&dst)),
                Some(Tok::Array(items)) if !cid => {
                    Target::List(items.iter().map(|d| utf16_text(d)).collect())
                }
                Some(Tok::Number(n)) if cid => Target::Cid(n),
                Some(Tok::Word(_)) | None => return,
                _ => continue,
            };
            let (Some(lo_code), Some(hi_code)) = (code_of(&lo), code_of(&hi)) else {
                continue;
            };
            if lo_code.1 != hi_code.1 || lo_code.0 > hi_code.0 {
                continue;
            }
            self.add_range(lo_code, hi_code.0, target);
        }
    }

    fn add_range(&mut self, lo: Code, hi: u32, target: Target) {
        let len = lo.1;
        if hi - lo.0 >= EXPAND_LIMIT {
            self.ranges.push(Range {
                lo: lo.0,
                hi,
                len,
                target,
            });
            return;
        }
        let range = Range {
            lo: lo.0,
            hi,
            len,
            target,
        };
        for code in lo.0..=hi {
            if let Some(c) = range_cid(&range, code) {
                self.cids.insert((code, len), c);
            } else if let Some(t) = range_text(&range, code) {
                self.text.insert((code, len), t);
            }
        }
    }
}

/// The text a `bfrange` gives `code` (within the range).
fn range_text(r: &Range, code: u32) -> Option<String> {
    let offset = code.checked_sub(r.lo)?;
    match &r.target {
        Target::Utf16(units) => {
            let mut units = units.clone();
            if let Some(last) = units.last_mut() {
                // Offsets past 16 bits only come from bogus ranges; they wrap harmlessly.
                *last = last.wrapping_add(offset as u16);
            }
            Some(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .collect(),
            )
        }
        Target::List(list) => list.get(offset as usize).cloned(),
        Target::Cid(_) => None,
    }
}

fn range_cid(r: &Range, code: u32) -> Option<u32> {
    match r.target {
        Target::Cid(first) => Some(first.saturating_add(code.checked_sub(r.lo)?)),
        _ => None,
    }
}

/// A code from its bytes (1 to 4 of them).
fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let value = bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    Some((value, bytes.len() as u8))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0xFFFD,
        })
        .collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    char::decode_utf16(utf16_units(bytes))
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

/// The tokens of a CMap data section.
#[derive(Debug)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Number(u32),
    Array(Vec<Vec<u8>>),
    Word(&'a [u8]),
    Other,
}

struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            let b = self.peek()?;
            if b.is_ascii_whitespace() || b == 0 {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let b = self.peek()?;
        match b {
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Tok::Other)
            }
            b'<' => {
                self.pos += 1;
                Some(Tok::Hex(self.hex()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                while let Some(tok) = self.next() {
                    match tok {
                        Tok::Hex(h) => items.push(h),
                        Tok::Word(b"]") | Tok::Word(_) => break,
                        _ => {}
                    }
                }
                Some(Tok::Array(items))
            }
            b'0'..=b'9' => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
                let digits = self.data.get(start..self.pos).unwrap_or_default();
                let n = std::str::from_utf8(digits)
                    .ok()
                    .and_then(|s| s.parse().ok());
                Some(n.map_or(Tok::Other, Tok::Number))
            }
            b']' => {
                self.pos += 1;
                Some(Tok::Word(b"]"))
            }
            b'(' => {
                self.skip_literal();
                Some(Tok::Other)
            }
            b'/' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                if b == b'/' {
                    self.word();
                }
                Some(Tok::Other)
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1;
                    return Some(Tok::Other);
                }
                Some(Tok::Word(w))
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !c.is_ascii_whitespace() && !b"<>[]()/{}%".contains(&c))
        {
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default()
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let Some(v) = (c as char).to_digit(16) else {
                continue;
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v as u8),
                None => high = Some(v as u8),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn skip_literal(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0010> <5408> endbfchar
        2 beginbfrange <0020> <0022> <8BA1> <0030> <0031> [<0041> <00420043>] endbfrange
        1 beginbfrange <1000> <FFFF> <4E00> endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(cmap: &CMap, code: Code) -> Option<String> {
        let mut s = String::new();
        cmap.push_text(code, &mut s).then_some(s)
    }

    #[test]
    fn bfchar_and_bfrange() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(text(&cmap, (0x10, 2)).as_deref(), Some("合"));
        assert_eq!(text(&cmap, (0x20, 2)).as_deref(), Some("计"));
        assert_eq!(text(&cmap, (0x22, 2)).as_deref(), Some("讣"));
        assert_eq!(text(&cmap, (0x31, 2)).as_deref(), Some("BC"));
        // A wide range stays a range.
        assert_eq!(text(&cmap, (0x1001, 2)).as_deref(), Some("丁"));
        assert_eq!(text(&cmap, (0x10, 1)), None);
        assert_eq!(cmap.code_len(&[0x00, 0x10]), Some(2));
        assert_eq!(cmap.code_len(&[0x00]), None);
    }

    #[test]
    fn cid_ranges_and_mixed_code_space() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              2 begincidrange <21> <7e> 814 <b0a1> <b0fe> 1000 endcidrange
              1 begincidchar <20> 7716 endcidchar",
        );
        assert_eq!(cmap.code_len(&[0x41, 0xB0]), Some(1));
        assert_eq!(cmap.code_len(&[0xB0, 0xA1]), Some(2));
        assert_eq!(cmap.cid((0x21, 1)), Some(814));
        assert_eq!(cmap.cid((0xB0A2, 2)), Some(1001));
        assert_eq!(cmap.cid((0x20, 1)), Some(7716));
    }

    #[test]
    fn garbage_does_not_panic() {
        for data in [
            &b"beginbfrange <01> <0"[..],
            b"begincodespacerange <",
            b"beginbfchar <> <> (",
            b"[<",
        ] {
            let cmap = CMap::parse(data);
            assert!(text(&cmap, (1, 1)).is_none());
        }
    }
}
