//! Loading a document without its logical structure tree.
//!
//! Tagged PDFs (Word exports among them) carry a `/StructElem` object for every paragraph,
//! table cell and span: thousands of objects, packed in object streams, that text
//! extraction never reads and that take most of lopdf's loading time. They are left out:
//! single `/StructElem` dictionaries, and object streams holding nothing else.

use lopdf::{Document, LoadOptions, Object, ObjectId, Stream};

/// The largest object stream examined for structure elements (decoded bytes): a larger one
/// is kept, and lopdf decodes it within the load's own bound. Structure streams are a few
/// hundred KB.
const STRUCTURE_STREAM_LIMIT: usize = 16 << 20;

/// Loads the document without its structure elements; a file whose page tree only a repair
/// can find is loaded again in full, as lopdf repairs only unfiltered loads. No stream
/// (object or cross-reference stream) is decoded beyond `stream_limit` bytes: a
/// decompression bomb among them makes the file unreadable.
pub(super) fn load(bytes: &[u8], stream_limit: usize) -> Result<Document, lopdf::Error> {
    let options = LoadOptions {
        filter: Some(without_structure),
        max_decompressed_size: Some(stream_limit),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)?;
    if doc.get_pages().is_empty() {
        return Document::load_mem_with_options(
            bytes,
            LoadOptions::with_max_decompressed_size(stream_limit),
        );
    }
    Ok(doc)
}

/// The load filter: `None` drops an object. lopdf keeps a top-level object as it was passed
/// and an object-stream member as returned, so every kept object is returned unchanged.
fn without_structure(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    match object {
        Object::Dictionary(d) if d.has_type(b"StructElem") => None,
        Object::Stream(s) if s.dict.has_type(b"ObjStm") && only_structure(s) => None,
        _ => Some((id, object.clone())),
    }
}

/// Whether an object stream holds only `/StructElem` dictionaries.
fn only_structure(stream: &Stream) -> bool {
    let Ok(data) = stream.decompressed_content_with_limit(STRUCTURE_STREAM_LIMIT) else {
        return false;
    };
    let int = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).ok();
    let (Some(n), Some(first)) = (int(b"N"), int(b"First")) else {
        return false;
    };
    let (Ok(n), Ok(first)) = (usize::try_from(n), usize::try_from(first)) else {
        return false;
    };
    let Some(header) = data.get(..first).and_then(|h| std::str::from_utf8(h).ok()) else {
        return false;
    };
    // Pairs of object number and offset; the offsets are what is needed.
    let offsets: Vec<usize> = header
        .split_ascii_whitespace()
        .skip(1)
        .step_by(2)
        .map_while(|o| o.parse().ok())
        .collect();
    if n == 0 || offsets.len() != n {
        return false;
    }
    let body = data.get(first..).unwrap_or_default();
    let ends = offsets.iter().skip(1).copied().chain([body.len()]);
    offsets
        .iter()
        .zip(ends)
        .all(|(&start, end)| body.get(start..end).is_some_and(is_structure_element))
}

/// Whether the source of an object is a dictionary whose `/Type` is `/StructElem`.
fn is_structure_element(object: &[u8]) -> bool {
    let object = object.trim_ascii_start();
    if !object.starts_with(b"<<") {
        return false;
    }
    object
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"/Type")
        .any(|(i, _)| {
            object
                .get(i + 5..)
                .is_some_and(|rest| rest.trim_ascii_start().starts_with(b"/StructElem"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn object_stream(members: &[&str]) -> Stream {
        let mut header = String::new();
        let mut body = String::new();
        for (i, m) in members.iter().enumerate() {
            header.push_str(&format!("{} {} ", i + 10, body.len()));
            body.push_str(m);
            body.push('\n');
        }
        let first = header.len() as i64;
        Stream::new(
            dictionary! { "Type" => "ObjStm", "N" => members.len() as i64, "First" => first },
            format!("{header}{body}").into_bytes(),
        )
    }

    #[test]
    fn only_structure_streams_are_recognised() {
        let elements = [
            "<</Type /StructElem /S /P /K 0>>",
            "<< /P 3 0 R /Type/StructElem >>",
        ];
        assert!(only_structure(&object_stream(&elements)));
        let mixed = [
            "<</Type /StructElem /S /P>>",
            "<</Type /Font /Subtype /Type0>>",
        ];
        assert!(!only_structure(&object_stream(&mixed)));
        assert!(!only_structure(&object_stream(&["[1 2 3]"])));
        assert!(!only_structure(&object_stream(&[])));
        let mut bogus = object_stream(&elements);
        bogus.dict.set("N", 7);
        assert!(!only_structure(&bogus));
    }
}
