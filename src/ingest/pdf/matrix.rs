//! Affine transformations of the plane as PDF writes them: `[a b c d e f]` maps a row vector
//! `(x, y, 1)` to `(a·x + c·y + e, b·x + d·y + f)`.

/// A PDF transformation matrix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Matrix {
    pub(super) a: f32,
    pub(super) b: f32,
    pub(super) c: f32,
    pub(super) d: f32,
    pub(super) e: f32,
    pub(super) f: f32,
}

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    pub(super) const fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    /// A translation.
    pub(super) const fn translate(x: f32, y: f32) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// `self` then `then`: the matrix mapping `p` to `then(self(p))`.
    pub(super) fn then(&self, then: &Matrix) -> Matrix {
        Matrix {
            a: self.a * then.a + self.b * then.c,
            b: self.a * then.b + self.b * then.d,
            c: self.c * then.a + self.d * then.c,
            d: self.c * then.b + self.d * then.d,
            e: self.e * then.a + self.f * then.c + then.e,
            f: self.e * then.b + self.f * then.d + then.f,
        }
    }

    /// The image of a point.
    pub(super) fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// The length of the image of the vector `(0, len)` (a font's height on the page).
    pub(super) fn vertical_scale(&self, len: f32) -> f32 {
        (self.c * len).hypot(self.d * len)
    }

    /// Whether every entry is a finite number.
    pub(super) fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_order() {
        // Scale by 2, then move by (10, 0): (1, 1) goes to (12, 2).
        let m = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0).then(&Matrix::translate(10.0, 0.0));
        assert_eq!(m.apply(1.0, 1.0), (12.0, 2.0));
        // Rotating a quarter turn keeps lengths.
        let r = Matrix::new(0.0, 1.0, -1.0, 0.0, 0.0, 0.0);
        assert_eq!(r.vertical_scale(3.0), 3.0);
        assert!(Matrix::IDENTITY.is_finite());
    }
}
