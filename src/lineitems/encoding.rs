//! The text encoding of a CSV file: UTF-8, or GB18030 (GBK) as spreadsheet programs on
//! Chinese Windows save "CSV", decoded as it streams.

use super::LineItemError;
use std::io::{self, Read};

/// The text encoding of a CSV file of line items.
///
/// [`Encoding::Auto`] (the default) decides from the header row alone: a UTF-8 byte-order
/// mark, or a header that is valid UTF-8 (an ASCII header is), means UTF-8; a header that is
/// not UTF-8 but is valid GB18030 (e.g. `功能科目编码` saved by Excel on Chinese Windows)
/// means GB18030; anything else is an error on line 1. Codes and amounts are ASCII in both
/// encodings, and the CSV delimiters, quotes and line ends are never part of a GB18030
/// character, so a header that is valid under both (an ASCII one) gives the same cells
/// either way. Force [`Encoding::Gb18030`] when an ASCII header tops GB18030 text and you
/// want error messages to quote its cells readably.
///
/// ```
/// use cn_budget::lineitems::csv::{CsvFormat, CsvLineItems, Encoding};
/// use cn_budget::lineitems::ColumnSpec;
/// // "功能科目编码,金额" and a row, saved as GBK.
/// let mut gbk = vec![0xB9, 0xA6, 0xC4, 0xDC, 0xBF, 0xC6, 0xC4, 0xBF, 0xB1, 0xE0, 0xC2, 0xEB];
/// gbk.extend_from_slice(b",");
/// gbk.extend_from_slice(&[0xBD, 0xF0, 0xB6, 0xEE]);
/// gbk.extend_from_slice(b"\n2010601,1887.52\n");
/// let spec = ColumnSpec::default().functional("功能科目编码").amounts(["金额"]);
/// let totals = CsvLineItems::new(gbk.as_slice(), &spec)?.rollup(1)?;
/// assert_eq!(totals.columns(), ["金额"]);
/// // Forcing UTF-8 rejects the same file on line 1.
/// let utf8 = CsvFormat::default().encoding(Encoding::Utf8);
/// assert!(CsvLineItems::with_format(gbk.as_slice(), &spec, utf8).is_err());
/// # Ok::<(), cn_budget::lineitems::LineItemError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 if the header row is (or starts with a UTF-8 byte-order mark), else GB18030 if
    /// the header row is valid GB18030, else an error.
    #[default]
    Auto,
    /// UTF-8 (a byte-order mark is skipped); any other header is an error.
    Utf8,
    /// GB18030, which includes GBK and GB2312; a UTF-8 byte-order mark still means UTF-8.
    Gb18030,
}

/// The longest header row looked at to decide [`Encoding::Auto`].
const SNIFF: usize = 1 << 20;
/// Bytes read from the file per refill of the decoder.
const CHUNK: usize = 1 << 16;

/// The bytes of a CSV file as UTF-8 (or as they are, for UTF-8 files).
pub(crate) enum Source<R> {
    /// The bytes of the file, after the bytes already looked at.
    Plain(io::Chain<io::Cursor<Vec<u8>>, R>),
    /// GB18030 decoded to UTF-8.
    Decoded(Box<Decoding<io::Chain<io::Cursor<Vec<u8>>, R>>>),
}

impl<R> std::fmt::Debug for Source<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::Plain(_) => "Source::Plain",
            Source::Decoded(_) => "Source::Decoded",
        })
    }
}

impl<R: Read> Source<R> {
    /// Opens `reader` in `encoding`, looking at its header row for [`Encoding::Auto`].
    pub(crate) fn new(mut reader: R, encoding: Encoding) -> Result<Source<R>, LineItemError> {
        let mut head = Vec::new();
        if encoding != Encoding::Utf8 {
            // At least the header row (up to its line end), to sniff; what is read past it
            // is read again from `head`.
            let mut chunk = [0u8; 4096];
            while head.len() < SNIFF && !head.contains(&b'\n') {
                let n = reader.read(&mut chunk).map_err(io_error)?;
                if n == 0 {
                    break;
                }
                head.extend_from_slice(&chunk[..n]);
            }
        }
        let header = head.split(|&b| b == b'\n').next().unwrap_or_default();
        let gb18030 = match encoding {
            Encoding::Utf8 => false,
            Encoding::Gb18030 => !header.starts_with(b"\xEF\xBB\xBF"),
            Encoding::Auto => {
                if header.starts_with(b"\xEF\xBB\xBF") || std::str::from_utf8(header).is_ok() {
                    false
                } else if is_gb18030(header) {
                    true
                } else {
                    return Err(LineItemError::Csv {
                        line: Some(1),
                        message: "the header row is neither UTF-8 nor GB18030 (GBK) text"
                            .to_owned(),
                    });
                }
            }
        };
        let bytes = io::Cursor::new(head).chain(reader);
        Ok(if gb18030 {
            Source::Decoded(Box::new(Decoding::new(bytes)))
        } else {
            Source::Plain(bytes)
        })
    }

    /// Whether the text is decoded from GB18030.
    pub(crate) fn decoded(&self) -> bool {
        matches!(self, Source::Decoded(_))
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Decoded(r) => r.read(buf),
        }
    }
}

/// Whether `bytes` (a header row, perhaps cut short) decode as GB18030 without error.
fn is_gb18030(bytes: &[u8]) -> bool {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = vec![0u8; bytes.len() * 3 + 16];
    // Not the last bytes if the row was cut at `SNIFF`: an unfinished character is fine.
    let last = bytes.len() < SNIFF;
    let (result, _, _) = decoder.decode_to_utf8_without_replacement(bytes, &mut out, last);
    !matches!(result, encoding_rs::DecoderResult::Malformed(..))
}

/// A reader of GB18030 bytes as UTF-8, through two fixed-size windows: memory stays
/// bounded whatever the size of the file. Malformed bytes become U+FFFD, which no code or
/// amount contains, so a malformed code or amount cell is reported by the cell checks with
/// its line and column; malformed bytes in columns not read (names) are ignored, as in UTF-8
/// files.
pub(crate) struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    /// The undecoded bytes are `input[start..end]`.
    input: Window,
    /// The decoded text not yet read is `output[start..end]`.
    output: Window,
    /// The file has no more bytes.
    eof: bool,
    /// The decoder has seen the last bytes.
    finished: bool,
}

struct Window {
    bytes: Box<[u8]>,
    start: usize,
    end: usize,
}

impl Window {
    fn new(len: usize) -> Window {
        Window {
            bytes: vec![0; len].into_boxed_slice(),
            start: 0,
            end: 0,
        }
    }
}

impl<R: Read> Decoding<R> {
    fn new(inner: R) -> Decoding<R> {
        Decoding {
            inner,
            // BOM sniffing: a UTF-8 (or UTF-16) byte-order mark switches to that encoding.
            decoder: encoding_rs::GB18030.new_decoder(),
            input: Window::new(CHUNK),
            // A GB18030 byte decodes to at most 3 UTF-8 bytes (U+FFFD for a stray one).
            output: Window::new(3 * CHUNK + 16),
            eof: false,
            finished: false,
        }
    }

    /// Decodes more text into the output window; `false` at the end of the text.
    fn fill(&mut self) -> io::Result<bool> {
        let (input, output) = (&mut self.input, &mut self.output);
        output.start = 0;
        output.end = 0;
        while output.end == 0 && !self.finished {
            if input.start == input.end && !self.eof {
                input.start = 0;
                input.end = self.inner.read(&mut input.bytes)?;
                self.eof = input.end == 0;
            }
            let (_, read, written, _) = self.decoder.decode_to_utf8(
                &input.bytes[input.start..input.end],
                &mut output.bytes,
                self.eof,
            );
            input.start += read;
            output.end = written;
            self.finished = self.eof && input.start == input.end;
        }
        Ok(output.end > 0)
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.output.start == self.output.end && !self.fill()? {
            return Ok(0);
        }
        let out = &self.output;
        let n = buf.len().min(out.end - out.start);
        buf[..n].copy_from_slice(&out.bytes[out.start..out.start + n]);
        self.output.start += n;
        Ok(n)
    }
}

fn io_error(e: io::Error) -> LineItemError {
    LineItemError::Csv {
        line: None,
        message: e.to_string(),
    }
}
