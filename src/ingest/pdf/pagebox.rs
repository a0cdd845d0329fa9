//! A page's inherited attributes: where it is cut (crop box, else media box), how it is
//! turned (`/Rotate`) and its resources, read through the page tree.

use lopdf::{Dictionary, Document, Object};

use super::font::{number, resolve};
use super::matrix::Matrix;

/// The deepest page tree walked up for inherited attributes.
const MAX_TREE_DEPTH: usize = 32;
/// US Letter, for a page with no usable box.
const DEFAULT_BOX: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

/// An attribute of the page or of its nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..MAX_TREE_DEPTH {
        if let Ok(v) = node.get(key) {
            return Some(resolve(doc, v));
        }
        node = resolve(doc, node.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

fn rect(doc: &Document, obj: Option<&Object>) -> Option<[f32; 4]> {
    let a = obj?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|o| number(doc, o)).collect();
    let [x0, y0, x1, y1] = v.as_slice() else {
        return None;
    };
    let r = [x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)];
    (r.iter().all(|v| v.is_finite()) && r[2] > r[0] && r[3] > r[1]).then_some(r)
}

/// Where a page's user space lands in the page model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Placement {
    /// User space to the page model's space: points as displayed, origin at the top left of
    /// the crop box, `y` downwards, `/Rotate` (clockwise) applied.
    pub(super) matrix: Matrix,
    /// The displayed width.
    pub(super) width: f32,
    /// The displayed height.
    pub(super) height: f32,
}

impl Placement {
    /// Whether a glyph with this baseline and horizontal extent is (partly) on the page:
    /// text outside the crop box is not shown.
    pub(super) fn shows(&self, x0: f32, x1: f32, y: f32) -> bool {
        (0.0..=self.height).contains(&y) && x1 >= 0.0 && x0 <= self.width
    }
}

/// How the page's user space is displayed.
pub(super) fn placement(doc: &Document, page: &Dictionary) -> Placement {
    let media = rect(doc, inherited(doc, page, b"MediaBox")).unwrap_or(DEFAULT_BOX);
    let [llx, lly, urx, ury] = rect(doc, inherited(doc, page, b"CropBox")).unwrap_or(media);
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let (w, h) = (urx - llx, ury - lly);
    let (matrix, width, height) = match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -lly, -llx), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, urx, -lly), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, ury, urx), h, w),
        // 0, and angles that are no multiple of 90 (invalid), read as upright.
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -llx, ury), w, h),
    };
    Placement {
        matrix,
        width,
        height,
    }
}

/// The page's resources (its own or inherited).
pub(super) fn resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    inherited(doc, page, b"Resources")?.as_dict().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn place(rotate: i64, x: f32, y: f32) -> (f32, f32) {
        let doc = Document::new();
        let page = dictionary! { "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()], "Rotate" => rotate };
        placement(&doc, &page).matrix.apply(x, y)
    }

    #[test]
    fn rotations_put_the_displayed_top_left_at_the_origin() {
        // The top left corner of the unrotated page, and a point near the bottom left.
        assert_eq!(place(0, 0.0, 100.0), (0.0, 0.0));
        assert_eq!(place(0, 10.0, 20.0), (10.0, 80.0));
        // Turned a quarter clockwise, the unrotated bottom left is displayed top left.
        assert_eq!(place(90, 0.0, 0.0), (0.0, 0.0));
        assert_eq!(place(90, 10.0, 20.0), (20.0, 10.0));
        assert_eq!(place(180, 200.0, 0.0), (0.0, 0.0));
        assert_eq!(place(270, 200.0, 100.0), (0.0, 0.0));
        assert_eq!(place(-90, 200.0, 100.0), (0.0, 0.0));
    }

    #[test]
    fn text_outside_the_crop_box_is_not_shown() {
        let doc = Document::new();
        let page = dictionary! {
            "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
            "CropBox" => vec![10.into(), 0.into(), 200.into(), 100.into()],
            "Rotate" => 90,
        };
        let p = placement(&doc, &page);
        assert_eq!((p.width, p.height), (100.0, 190.0));
        assert!(p.shows(-5.0, 5.0, 10.0));
        assert!(!p.shows(-5.0, -1.0, 10.0));
        assert!(!p.shows(0.0, 5.0, 191.0));
    }
}
