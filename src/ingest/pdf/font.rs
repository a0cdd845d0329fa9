//! Fonts: how a shown string splits into character codes, each code's Unicode text and its
//! advance width.
//!
//! Text comes from the font's `/ToUnicode` map first; without one (or for a code it lacks),
//! simple fonts use their encoding (WinAnsi, Standard, MacRoman, `/Differences`, through
//! lopdf's tables) and composite fonts using a predefined Chinese CMap decode their bytes
//! as GBK, GB 18030 or UTF-16. Widths come from `/Widths` (simple fonts) or `/W` and `/DW`
//! (composite fonts); a code whose glyph id is unknown (a two-byte code of a predefined GB
//! CMap, whose code-to-glyph table is not embedded) gets the default width, which is the
//! full-width advance of such fonts.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::{to_cid, CMap, Code};

/// Width used when a simple font gives none: half an em, the typical Latin advance.
const SIMPLE_DEFAULT_WIDTH: f32 = 500.0;
/// The default `/DW` of a CID font (PDF 32000-1, 9.7.4.3).
const CID_DEFAULT_WIDTH: f32 = 1000.0;
/// The most entries read from a `/W` array or a `/Widths` array.
const WIDTHS_LIMIT: usize = 70_000;

/// How a string's bytes split into codes, and what the codes mean without `/ToUnicode`.
#[derive(Debug)]
enum Encoding {
    /// A simple font: one byte per code; the text of each byte by its encoding.
    Simple(Box<[Option<Box<str>>]>),
    /// A composite font with a predefined CMap.
    Predefined(Predefined),
    /// A composite font with an embedded CMap (its code space and glyph ids).
    Embedded(CMap),
}

/// The predefined CMaps read without their files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Predefined {
    /// Identity-H/V: two-byte codes that are glyph ids; text only from `/ToUnicode`.
    Identity,
    /// GB-EUC-H/V and GBK-EUC-H/V: ASCII bytes, else two-byte GBK codes.
    GbkEuc,
    /// GBKp-EUC-H/V: like GBK-EUC, with ASCII on the proportional glyphs.
    GbkpEuc,
    /// GBK2K-H/V: GB 18030 (one, two or four bytes).
    Gb18030,
    /// UniGB-UCS2-H/V and UniGB-UTF16-H/V: UTF-16BE code units.
    Utf16,
}

impl Predefined {
    fn from_name(name: &[u8]) -> Option<Predefined> {
        let base = name
            .strip_suffix(b"-H")
            .or_else(|| name.strip_suffix(b"-V"))?;
        Some(match base {
            b"Identity" => Predefined::Identity,
            b"GB-EUC" | b"GBK-EUC" => Predefined::GbkEuc,
            b"GBKp-EUC" => Predefined::GbkpEuc,
            b"GBK2K" => Predefined::Gb18030,
            b"UniGB-UCS2" | b"UniGB-UTF16" => Predefined::Utf16,
            _ => return None,
        })
    }

    /// The length of the code at the start of `bytes`.
    fn code_len(self, bytes: &[u8]) -> usize {
        let first = bytes.first().copied().unwrap_or(0);
        match self {
            Predefined::Identity => 2,
            Predefined::GbkEuc | Predefined::GbkpEuc => {
                if first <= 0x80 {
                    1
                } else {
                    2
                }
            }
            Predefined::Gb18030 => match bytes.get(1) {
                _ if first <= 0x7F => 1,
                Some(0x30..=0x39) => 4,
                _ => 2,
            },
            Predefined::Utf16 => {
                if (0xD8..=0xDB).contains(&first) {
                    4
                } else {
                    2
                }
            }
        }
    }

    /// The glyph id of a code when the CMap's table is known for it (Adobe-GB1: the ASCII
    /// range of the GB CMaps, and every code of Identity).
    fn cid(self, code: Code) -> Option<u32> {
        let (value, len) = code;
        match (self, len) {
            (Predefined::Identity, _) => Some(value),
            (Predefined::GbkEuc, 1) => match value {
                0x20 => Some(7716),
                0x21..=0x7E => Some(814 + value - 0x21),
                _ => None,
            },
            (Predefined::GbkpEuc | Predefined::Gb18030, 1) | (Predefined::Utf16, 2) => {
                match value {
                    0x20..=0x7E => Some(1 + value - 0x20),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The Unicode text of a code's bytes.
    fn push_text(self, bytes: &[u8], out: &mut String) -> bool {
        if let [b @ 0x20..=0x7E] = bytes {
            if self != Predefined::Identity {
                out.push(char::from(*b));
                return true;
            }
        }
        let decoded = match self {
            Predefined::Identity => return false,
            Predefined::GbkEuc | Predefined::GbkpEuc => {
                encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(bytes)
            }
            Predefined::Gb18030 => {
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
            }
            Predefined::Utf16 => {
                encoding_rs::UTF_16BE.decode_without_bom_handling_and_without_replacement(bytes)
            }
        };
        match decoded {
            Some(s) if !s.is_empty() => {
                out.push_str(&s);
                true
            }
            _ => false,
        }
    }
}

/// Advance widths in glyph space (thousandths of the font size, after `scale`).
#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        default: f32,
        single: HashMap<u32, f32>,
        ranges: Vec<(u32, u32, f32)>,
    },
}

/// A font as needed to read text: codes, their text and their widths.
#[derive(Debug)]
pub(super) struct Font {
    /// The font's name for reports: its resource name and `/BaseFont`.
    pub(super) name: String,
    to_unicode: Option<CMap>,
    encoding: Encoding,
    widths: Widths,
    /// Glyph space to text space: 0.001, or a Type 3 font's `/FontMatrix`.
    scale: f32,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read leaves codes without text
    /// (reported by the caller) or with default widths.
    /// Streams (CMaps) decoding to more than `stream_limit` bytes are not read.
    pub(super) fn load(
        doc: &Document,
        dict: &Dictionary,
        resource: &[u8],
        stream_limit: usize,
    ) -> Font {
        let name = font_name(dict, resource);
        let to_unicode =
            stream_bytes(doc, dict, b"ToUnicode", stream_limit).map(|d| CMap::parse(&d));
        let composite = name_of(doc, dict.get(b"Subtype").ok()) == Some(b"Type0".as_slice());
        if composite {
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| resolve(doc, o).as_dict().ok());
            let encoding = match dict.get(b"Encoding").map(|o| resolve(doc, o)) {
                Ok(Object::Name(n)) => Predefined::from_name(n).map(Encoding::Predefined),
                Ok(Object::Stream(s)) => {
                    let data = decoded(s, stream_limit).unwrap_or_default();
                    let cmap = CMap::parse(&data);
                    if cmap.has_space() {
                        Some(Encoding::Embedded(cmap))
                    } else {
                        name_of(doc, s.dict.get(b"UseCMap").ok())
                            .and_then(Predefined::from_name)
                            .map(Encoding::Predefined)
                    }
                }
                _ => None,
            };
            // An unknown CMap: codes split by the ToUnicode code space, else two bytes.
            let encoding = encoding.unwrap_or_else(|| Encoding::Embedded(CMap::default()));
            let widths = descendant.map_or(
                Widths::Cid {
                    default: CID_DEFAULT_WIDTH,
                    single: HashMap::new(),
                    ranges: Vec::new(),
                },
                |d| cid_widths(doc, d),
            );
            return Font {
                name,
                to_unicode,
                encoding,
                widths,
                scale: 0.001,
            };
        }
        let scale = if name_of(doc, dict.get(b"Subtype").ok()) == Some(b"Type3".as_slice()) {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|m| resolve(doc, m).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| number(doc, o))
                .filter(|s| s.is_finite() && s.abs() < 1.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        Font {
            name,
            to_unicode,
            encoding: Encoding::Simple(simple_texts(doc, dict)),
            widths: simple_widths(doc, dict),
            scale,
        }
    }

    /// Splits off the code at the start of `bytes` (non-empty): the code and its length.
    pub(super) fn next_code(&self, bytes: &[u8]) -> (Code, usize) {
        let len = match &self.encoding {
            Encoding::Simple(_) => 1,
            Encoding::Predefined(p) => p.code_len(bytes),
            Encoding::Embedded(cmap) => cmap
                .code_len(bytes)
                .or_else(|| self.to_unicode.as_ref().and_then(|u| u.code_len(bytes)))
                .or_else(|| cmap.min_len())
                .unwrap_or(2),
        };
        let len = len.clamp(1, 4).min(bytes.len().max(1));
        let value = bytes
            .iter()
            .take(len)
            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
        ((value, len as u8), len)
    }

    /// Appends the text of a code (whose bytes are `bytes`); false when the font gives none.
    pub(super) fn push_text(&self, code: Code, bytes: &[u8], out: &mut String) -> bool {
        if self
            .to_unicode
            .as_ref()
            .is_some_and(|u| u.push_text(code, out))
        {
            return true;
        }
        match &self.encoding {
            Encoding::Simple(texts) => match texts.get(code.0 as usize) {
                Some(Some(t)) => {
                    out.push_str(t);
                    true
                }
                _ => false,
            },
            Encoding::Predefined(p) => p.push_text(bytes, out),
            Encoding::Embedded(_) => false,
        }
    }

    /// The advance of a code in text space units (multiply by the font size).
    pub(super) fn width(&self, code: Code) -> f32 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .0
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid {
                default,
                single,
                ranges,
            } => {
                let cid = match &self.encoding {
                    Encoding::Predefined(p) => p.cid(code),
                    Encoding::Embedded(cmap) if cmap.has_space() => cmap.cid(code),
                    // Without an encoding CMap the codes are taken as glyph ids (Identity).
                    Encoding::Embedded(_) => Some(code.0),
                    Encoding::Simple(_) => None,
                };
                cid.and_then(|c| {
                    single.get(&c).copied().or_else(|| {
                        ranges
                            .iter()
                            .find(|(lo, hi, _)| *lo <= c && c <= *hi)
                            .map(|r| r.2)
                    })
                })
                .unwrap_or(*default)
            }
        };
        w * self.scale
    }
}

/// The text of each byte of a simple font by its encoding (lopdf's tables, `/Differences`).
fn simple_texts(doc: &Document, dict: &Dictionary) -> Box<[Option<Box<str>>]> {
    let encoding = dict.get_font_encoding(doc).ok();
    (0..=255u8)
        .map(|b| {
            let s = encoding.as_ref()?.bytes_to_string(&[b]).ok()?;
            (!s.is_empty()).then(|| s.into_boxed_str())
        })
        .collect()
}

fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(doc, o))
        .filter(|f| (0.0..=255.0).contains(f))
        .unwrap_or(0.0) as u32;
    let widths: Vec<f32> = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| resolve(doc, o).as_array().ok())
        .map(|a| {
            a.iter()
                .take(WIDTHS_LIMIT)
                .map(|o| number(doc, o).filter(|w| w.is_finite()).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let descriptor_missing = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| resolve(doc, o).as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| number(doc, o))
        .filter(|w| w.is_finite() && *w > 0.0);
    Widths::Simple {
        first,
        widths,
        missing: descriptor_missing.unwrap_or(SIMPLE_DEFAULT_WIDTH),
    }
}

fn cid_widths(doc: &Document, font: &Dictionary) -> Widths {
    let default = font
        .get(b"DW")
        .ok()
        .and_then(|o| number(doc, o))
        .filter(|w| w.is_finite())
        .unwrap_or(CID_DEFAULT_WIDTH);
    let mut single = HashMap::new();
    let mut ranges = Vec::new();
    let items = font
        .get(b"W")
        .ok()
        .and_then(|o| resolve(doc, o).as_array().ok())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut i = 0;
    let mut budget = WIDTHS_LIMIT;
    while let Some(first) = items.get(i).and_then(|o| number(doc, o)) {
        let Some(first) = to_cid(first) else { break };
        match items.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().enumerate().take(budget) {
                    if let Some(w) = number(doc, w).filter(|w| w.is_finite()) {
                        single.insert(first.saturating_add(k as u32), w);
                    }
                }
                budget = budget.saturating_sub(list.len());
                i += 2;
            }
            Some(last) => {
                let last = number(doc, last).and_then(to_cid);
                let w = items
                    .get(i + 2)
                    .and_then(|o| number(doc, o))
                    .filter(|w| w.is_finite());
                if let (Some(last), Some(w)) = (last, w) {
                    ranges.push((first, last, w));
                }
                budget = budget.saturating_sub(1);
                i += 3;
            }
            None => break,
        }
        if budget == 0 {
            break;
        }
    }
    Widths::Cid {
        default,
        single,
        ranges,
    }
}

/// A name for reports: the resource name and the `/BaseFont` (GBK names decoded).
fn font_name(dict: &Dictionary, resource: &[u8]) -> String {
    let resource = String::from_utf8_lossy(resource);
    match dict.get(b"BaseFont").and_then(Object::as_name) {
        Ok(base) => {
            let base = match std::str::from_utf8(base) {
                Ok(s) => s.to_string(),
                Err(_) => encoding_rs::GBK
                    .decode_without_bom_handling(base)
                    .0
                    .into_owned(),
            };
            format!("{resource} ({base})")
        }
        Err(_) => resource.into_owned(),
    }
}

/// Follows references (a bounded number of times) to the object they name.
pub(super) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    let mut obj = obj;
    for _ in 0..16 {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &Object::Null,
            },
            _ => return obj,
        }
    }
    &Object::Null
}

/// A number (integer or real), following references.
pub(super) fn number(doc: &Document, obj: &Object) -> Option<f32> {
    resolve(doc, obj).as_float().ok()
}

fn name_of<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a [u8]> {
    resolve(doc, obj?).as_name().ok()
}

/// The decoded content of a stream-valued entry, if it decodes to at most `limit` bytes;
/// an unfiltered stream's bytes as they are.
fn stream_bytes(doc: &Document, dict: &Dictionary, key: &[u8], limit: usize) -> Option<Vec<u8>> {
    decoded(resolve(doc, dict.get(key).ok()?).as_stream().ok()?, limit)
}

/// A stream's content decoded, if it decodes to at most `limit` bytes; an unfiltered
/// stream's bytes as they are.
pub(super) fn decoded(stream: &lopdf::Stream, limit: usize) -> Option<Vec<u8>> {
    match stream.decompressed_content_with_limit(limit) {
        Ok(data) => Some(data),
        Err(_) if stream.dict.get(b"Filter").is_err() => Some(stream.content.clone()),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_code_lengths() {
        let gbk = Predefined::from_name(b"GBK-EUC-H").unwrap();
        assert_eq!(gbk.code_len(&[0x41, 0xBA]), 1);
        assert_eq!(gbk.code_len(&[0xBA, 0xCF]), 2);
        let mut s = String::new();
        assert!(gbk.push_text(&[0xBA, 0xCF], &mut s));
        assert!(gbk.push_text(&[0x31], &mut s));
        assert_eq!(s, "合1");
        assert_eq!(gbk.cid((0x31, 1)), Some(814 + 0x10));
        assert_eq!(gbk.cid((0xBACF, 2)), None);
        let gb18030 = Predefined::from_name(b"GBK2K-V").unwrap();
        assert_eq!(gb18030.code_len(&[0x81, 0x30, 0x81, 0x30]), 4);
        assert_eq!(gb18030.code_len(&[0x81, 0x40]), 2);
        let utf16 = Predefined::from_name(b"UniGB-UCS2-H").unwrap();
        assert_eq!(utf16.code_len(&[0x54, 0x08]), 2);
        let mut s = String::new();
        assert!(utf16.push_text(&[0x54, 0x08], &mut s));
        assert_eq!(s, "合");
        assert_eq!(Predefined::from_name(b"UniJIS-UCS2-H"), None);
    }
}
