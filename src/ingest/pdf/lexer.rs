//! A lenient lexer for content streams (and the PostScript-like data of CMaps): operands
//! (numbers, names, strings, arrays) and the operator that follows them. Strings and names without escapes borrow from the stream,
//! and one operand buffer serves the whole stream, so a page costs few allocations.
//!
//! Like viewers, it reads through damage: a stray delimiter is skipped, a string or array
//! cut short ends with the stream, dictionaries (marked-content properties) are skipped, and
//! inline image data (`BI … ID … EI`) is stepped over.

use std::borrow::Cow;

/// The deepest nesting of arrays read (deeper arrays are skipped).
const MAX_NESTING: usize = 32;
/// Operands kept before a content-stream operator; more means damage, and they are dropped.
const MAX_OPERANDS: usize = 64;

/// An operand of a content-stream operator.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Operand<'a> {
    Number(f32),
    Name(Cow<'a, [u8]>),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// Booleans, null, dictionaries: not needed to place text.
    Other,
}

impl Operand<'_> {
    /// The value of a finite number.
    pub(super) fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// What the lexer found next.
enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
    /// `]` (closing an array) or a stray delimiter.
    Close,
}

/// Reads the operations of a content stream.
pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_operands: usize,
}

const fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

const fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Which bytes are regular characters (neither white space nor delimiters).
const REGULAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = !is_white(b as u8) && !is_delimiter(b as u8);
        b += 1;
    }
    table
};

fn is_regular(b: u8) -> bool {
    REGULAR[usize::from(b)]
}

/// A PDF number (optional sign, digits, at most one point; no exponent).
fn parse_number(run: &[u8]) -> Option<f32> {
    let (negative, digits) = match run.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, run),
    };
    let mut value = 0f64;
    let mut scale = 1f64;
    let mut point = false;
    let mut any = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value * 10.0 + f64::from(b - b'0');
                if point {
                    scale *= 10.0;
                }
                any = true;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    let value = (value / scale) as f32;
    any.then_some(if negative { -value } else { value })
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer::with_limit(data, MAX_OPERANDS)
    }

    /// A lexer keeping up to `max_operands` operands before an operator.
    pub(super) fn with_limit(data: &'a [u8], max_operands: usize) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            max_operands,
        }
    }

    /// The next operator, its operands in `operands` (cleared first); `None` at the end.
    pub(super) fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.token(0)? {
                Token::Operand(o) => {
                    if operands.len() >= self.max_operands {
                        operands.clear();
                    }
                    operands.push(o);
                }
                Token::Operator(b"BI") => {
                    self.skip_inline_image();
                    return Some(b"BI");
                }
                Token::Operator(op) => return Some(op),
                Token::Close => {}
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default()
    }

    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_white();
        let b = self.peek()?;
        Some(match b {
            b'/' => {
                self.pos += 1;
                Token::Operand(Operand::Name(unescape_name(self.regular_run())))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Token::Operand(Operand::Other)
            }
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(Cow::Owned(self.hex())))
            }
            b'[' if depth >= MAX_NESTING => {
                self.skip_array();
                Token::Operand(Operand::Other)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                while let Some(t) = self.token(depth + 1) {
                    match t {
                        Token::Operand(o) => items.push(o),
                        Token::Close => break,
                        // An operator inside an array: damage; end the array there.
                        Token::Operator(_) => break,
                    }
                }
                Token::Operand(Operand::Array(items))
            }
            b']' | b')' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Token::Close
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let n = parse_number(self.regular_run());
                Token::Operand(n.map_or(Operand::Other, Operand::Number))
            }
            _ => match self.regular_run() {
                b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
                [] => {
                    self.pos += 1;
                    Token::Close
                }
                op => Token::Operator(op),
            },
        })
    }

    /// A literal string after its `(`, escapes resolved.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut depth = 1usize;
        let mut escaped = false;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = if depth == 0 {
            self.pos - 1
        } else {
            self.pos.min(self.data.len())
        };
        let raw = self.data.get(start..end).unwrap_or_default();
        if escaped {
            Cow::Owned(unescape_literal(raw))
        } else {
            Cow::Borrowed(raw)
        }
    }

    /// A hex string after its `<`.
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

    /// Skips an array nested too deeply, without recursion.
    fn skip_array(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips `<< … >>` (nested dictionaries and strings inside included).
    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.pos += 1;
                    self.literal();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Steps over an inline image: its dictionary up to `ID`, then the data up to `EI`.
    fn skip_inline_image(&mut self) {
        let mut operands = Vec::new();
        loop {
            match self.token(0) {
                None => return,
                Some(Token::Operator(b"ID")) => break,
                Some(Token::Operand(o)) => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(o);
                    }
                }
                Some(_) => {}
            }
        }
        // One white-space byte, then binary data ended by white space, `EI`, and a
        // delimiter or white space.
        self.pos += 1;
        while self.pos < self.data.len() {
            let here = self.data.get(self.pos..).unwrap_or_default();
            if let [w, b'E', b'I', rest @ ..] = here {
                if is_white(*w) && rest.first().is_none_or(|&c| !is_regular(c)) {
                    self.pos += 3;
                    return;
                }
            }
            self.pos += 1;
        }
    }
}

/// A name with `#xx` escapes resolved.
fn unescape_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'#', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// The bytes of a literal string with its escapes resolved.
fn unescape_literal(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = raw.get(i) else { break };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xFF) as u8);
            }
            // A backslash before an end of line continues the string on the next line.
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let data = b"BT /F#201 9.5 Tf % comment\n[(a\\(b\\)\\101) -250 <4E2D 0>] TJ (x\\\ny) ' ET";
        let got = ops(data);
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "TJ", "'", "ET"]);
        assert_eq!(
            got[1].1,
            [Operand::Name(Cow::Borrowed(b"F 1")), Operand::Number(9.5)]
        );
        let Operand::Array(items) = &got[2].1[0] else {
            panic!("an array")
        };
        assert_eq!(items[0], Operand::Str(Cow::Borrowed(b"a(b)A")));
        assert_eq!(items[1].number(), Some(-250.0));
        assert_eq!(items[2], Operand::Str(Cow::Borrowed(&[0x4E, 0x2D, 0x00])));
        assert_eq!(got[3].1, [Operand::Str(Cow::Borrowed(b"xy"))]);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"-12.50"), Some(-12.5));
        assert_eq!(parse_number(b"+.5"), Some(0.5));
        assert_eq!(parse_number(b"3."), Some(3.0));
        assert_eq!(parse_number(b"007"), Some(7.0));
        for bad in [&b"-"[..], b".", b"1.2.3", b"--1", b"1e5", b""] {
            assert_eq!(parse_number(bad), None);
        }
        assert!(parse_number(&[b'9'; 400]).is_some_and(f32::is_infinite));
    }

    #[test]
    fn inline_images_and_dictionaries_are_stepped_over() {
        let data =
            b"/P <</MCID 0 /Alt (a>>b)>> BDC BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xff EI Q EMC";
        let names: Vec<String> = ops(data).into_iter().map(|(o, _)| o).collect();
        assert_eq!(names, ["BDC", "BI", "Q", "EMC"]);
    }

    #[test]
    fn damage_does_not_stop_or_panic() {
        for data in [
            &b"(unclosed"[..],
            b"[[[[",
            b"<<<<",
            b"BI /W 1 ID",
            b")]}> Tj",
            b"1 2 3 \\ Td",
            b"/",
        ] {
            let _ = ops(data);
        }
        let deep = vec![b'['; 10_000];
        let _ = ops(&deep);
        assert_eq!(ops(b"1 0 0 1 0 0 cm")[0].1.len(), 6);
    }
}
