//! CMap programs embedded in a PDF: the code space (how a string's bytes split into character
//! codes), `bfchar`/`bfrange` (codes to Unicode, in a `/ToUnicode` map) and
//! `cidchar`/`cidrange` (codes to glyph ids, in an embedded `/Encoding` CMap).
//!
//! Only the data sections are read (with the content-stream lexer, as the syntax is the
//! same); the PostScript around them is skipped. Ranges too large
//! to list stay ranges, so a bogus `<00000000> <FFFFFFFF>` costs nothing.

use std::collections::HashMap;

use super::lexer::{Lexer, Operand};

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
        // No limit on operands: sections often list more than the 100 entries the format
        // allows, and their number is bounded by the stream's size.
        let mut lexer = Lexer::with_limit(data, usize::MAX);
        let mut operands = Vec::new();
        // A section's entries are the operands of the keyword that ends it.
        while let Some(op) = lexer.next_op(&mut operands) {
            match op {
                b"endcodespacerange" => cmap.read_space(&operands),
                b"endbfchar" => cmap.read_chars(&operands, false),
                b"endcidchar" => cmap.read_chars(&operands, true),
                b"endbfrange" => cmap.read_ranges(&operands, false),
                b"endcidrange" => cmap.read_ranges(&operands, true),
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

    fn read_space(&mut self, entries: &[Operand]) {
        for pair in entries.chunks_exact(2) {
            if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                    self.space.push(CodeRange {
                        lo: lo.to_vec(),
                        hi: hi.to_vec(),
                    });
                }
            }
        }
    }

    fn read_chars(&mut self, entries: &[Operand], cid: bool) {
        for pair in entries.chunks_exact(2) {
            let [Operand::Str(src), dst] = pair else {
                continue;
            };
            let Some(code) = code_of(src) else { continue };
            match dst {
                Operand::Str(dst) if !cid => {
                    self.text.insert(code, utf16_text(dst));
                }
                Operand::Number(_) if cid => {
                    if let Some(c) = dst.number().and_then(to_cid) {
                        self.cids.insert(code, c);
                    }
                }
                _ => {}
            }
        }
    }

    fn read_ranges(&mut self, entries: &[Operand], cid: bool) {
        for triple in entries.chunks_exact(3) {
            let [Operand::Str(lo), Operand::Str(hi), dst] = triple else {
                continue;
            };
            let target = match dst {
                Operand::Str(d) if !cid => Target::Utf16(utf16_units(d)),
                Operand::Array(items) if !cid => Target::List(
                    items
                        .iter()
                        .map(|d| match d {
                            Operand::Str(d) => utf16_text(d),
                            _ => String::new(),
                        })
                        .collect(),
                ),
                Operand::Number(_) if cid => match dst.number().and_then(to_cid) {
                    Some(c) => Target::Cid(c),
                    None => continue,
                },
                _ => continue,
            };
            let (Some(lo_code), Some(hi_code)) = (code_of(lo), code_of(hi)) else {
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

/// A glyph id from a number.
pub(super) fn to_cid(n: f32) -> Option<u32> {
    (n.is_finite() && (0.0..=u32::MAX as f32).contains(&n)).then_some(n as u32)
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
    fn long_sections_are_read_whole() {
        let mut data =
            String::from("1 begincodespacerange <00> <FF> endcodespacerange 256 beginbfchar\n");
        for b in 0..=255u32 {
            data.push_str(&format!("<{b:02X}> <{:04X}>\n", 0x4E00 + b));
        }
        data.push_str("endbfchar");
        let cmap = CMap::parse(data.as_bytes());
        assert_eq!(text(&cmap, (0xFF, 1)).as_deref(), Some("\u{4EFF}"));
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
