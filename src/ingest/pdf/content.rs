//! The content-stream interpreter: runs a page's operators (text objects and state, the
//! graphics state stack, `cm`, Form XObjects) and collects each shown glyph with its place on
//! the page, and counts the images drawn.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{number, resolve, Font};
use super::lexer::{Lexer, Operand};
use super::lines::Glyph;
use super::matrix::Matrix;
use super::pagebox::Placement;
use crate::ingest::Limits;

/// The deepest nesting of Form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// The deepest `q` nesting kept (deeper saves are counted, not stored).
const MAX_SAVE_DEPTH: usize = 256;
/// The most Form XObjects drawn on one page.
const MAX_FORM_DRAWS: usize = 10_000;

/// Fonts read so far, by object id, shared by all pages.
pub(super) type FontCache = HashMap<ObjectId, Rc<Font>>;

/// What one page's content drew.
#[derive(Debug, Default)]
pub(super) struct Ink {
    /// The glyphs shown, in content order.
    pub(super) glyphs: Vec<Glyph>,
    /// Images drawn (image XObjects and inline images).
    pub(super) images: usize,
    /// Glyphs without Unicode text, by font name.
    pub(super) undecoded: Vec<(String, usize)>,
    /// Content that could not be read: a description for each problem.
    pub(super) unreadable: Vec<String>,
}

/// The text state and the parts of the graphics state that place glyphs.
#[derive(Clone, Debug)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_missing: Option<String>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            font_missing: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// Runs the content of a page.
pub(super) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    /// User space of the page to the page model's space (top left origin, as displayed).
    page: Placement,
    ink: Ink,
    undecoded: HashMap<String, usize>,
    forms: Vec<ObjectId>,
    /// Operations left to run on this page.
    budget: usize,
    /// Forms left to draw on this page.
    form_budget: usize,
    /// Whether the budget ran out (reported once).
    over_budget: bool,
    /// The bounds: operations and glyphs per page, decoded stream size.
    limits: &'a Limits,
    /// Whether glyphs beyond the page's bound were left out (reported once).
    over_glyphs: bool,
}

impl<'a> Interpreter<'a> {
    pub(super) fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        page: Placement,
        limits: &'a Limits,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            page,
            ink: Ink::default(),
            undecoded: HashMap::new(),
            forms: Vec::new(),
            budget: limits.pdf_operations_per_page,
            form_budget: MAX_FORM_DRAWS,
            over_budget: false,
            limits,
            over_glyphs: false,
        }
    }

    /// Runs a page's content with its resources and returns what it drew.
    pub(super) fn run_page(mut self, content: &[u8], resources: Option<&'a Dictionary>) -> Ink {
        self.run(content, resources, State::new(Matrix::IDENTITY));
        let mut undecoded: Vec<(String, usize)> = self.undecoded.into_iter().collect();
        undecoded.sort();
        self.ink.undecoded = undecoded;
        self.ink
    }

    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, state: State) {
        let mut gs = state;
        let mut saved: Vec<State> = Vec::new();
        let mut unsaved_depth = 0usize;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut lexer = Lexer::new(content);
        let mut args: Vec<Operand> = Vec::new();
        while let Some(op) = lexer.next_op(&mut args) {
            if self.budget == 0 {
                self.stop();
                return;
            }
            self.budget -= 1;
            let args = args.as_slice();
            match op {
                b"q" => {
                    if saved.len() < MAX_SAVE_DEPTH {
                        saved.push(gs.clone());
                    } else {
                        unsaved_depth += 1;
                    }
                }
                b"Q" => {
                    if unsaved_depth > 0 {
                        unsaved_depth -= 1;
                    } else if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = matrix(args) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    if let [Operand::Name(name), size] = args {
                        gs.size = size.number().unwrap_or(0.0);
                        gs.font = self.font(resources, name);
                        gs.font_missing = gs
                            .font
                            .is_none()
                            .then(|| String::from_utf8_lossy(name).into_owned());
                    }
                }
                b"Tc" => set(&mut gs.char_spacing, args),
                b"Tw" => set(&mut gs.word_spacing, args),
                b"Tz" => {
                    if let Some(z) = args.first().and_then(Operand::number) {
                        gs.scale = z / 100.0;
                    }
                }
                b"TL" => set(&mut gs.leading, args),
                b"Ts" => set(&mut gs.rise, args),
                b"Tr" => {
                    if let Some(r) = args.first().and_then(Operand::number) {
                        gs.render = r as i64;
                    }
                }
                b"Td" | b"TD" => {
                    if let [x, y] = args {
                        if let (Some(x), Some(y)) = (x.number(), y.number()) {
                            if op == b"TD" {
                                gs.leading = -y;
                            }
                            tlm = Matrix::translate(x, y).then(&tlm);
                            tm = tlm;
                        }
                    }
                }
                b"Tm" => {
                    if let Some(m) = matrix(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Operand::Str(s)) = args.first() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"'" | b"\"" => {
                    if let [aw, ac, _] = args {
                        set(&mut gs.word_spacing, std::slice::from_ref(aw));
                        set(&mut gs.char_spacing, std::slice::from_ref(ac));
                    }
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(Operand::Str(s)) = args.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(n) = other.number() {
                                        let tx = -n / 1000.0 * gs.size * gs.scale;
                                        tm = Matrix::translate(tx, 0.0).then(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = args.first() {
                        self.draw(resources, name, &gs);
                    }
                }
                b"BI" => self.ink.images += 1,
                _ => {}
            }
        }
    }

    /// Stops reading the page: its budget of operations or forms is spent (reported once).
    fn stop(&mut self) {
        self.budget = 0;
        if !self.over_budget {
            self.over_budget = true;
            self.ink.unreadable.push(format!(
                "more than {} operations or {MAX_FORM_DRAWS} forms drawn; the rest is not read",
                self.limits.pdf_operations_per_page
            ));
        }
    }

    /// Shows a string: a glyph for each code, advancing the text matrix.
    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else {
            if let Some(name) = &gs.font_missing {
                *self.undecoded.entry(name.clone()).or_default() += bytes.len();
            }
            return;
        };
        let visible = !matches!(gs.render, 3 | 7);
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = font.next_code(rest);
            let (code_bytes, tail) = rest.split_at(len.min(rest.len()));
            rest = tail;
            let w0 = font.width(code);
            let mut text = String::new();
            if !font.push_text(code, code_bytes, &mut text) {
                text.push('\u{FFFD}');
                *self.undecoded.entry(font.name.clone()).or_default() += 1;
            }
            let to_page = tm.then(&gs.ctm).then(&self.page.matrix);
            let trm =
                Matrix::new(gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise).then(&to_page);
            let (ox, oy) = trm.apply(0.0, 0.0);
            let (ex, _) = trm.apply(w0, 0.0);
            let size = to_page.vertical_scale(gs.size);
            let (x0, x1) = (ox.min(ex), ox.max(ex));
            // Text outside the crop box is not shown (and is not read).
            let shown =
                trm.is_finite() && size > 0.01 && size.is_finite() && self.page.shows(x0, x1, oy);
            if shown && self.ink.glyphs.len() >= self.limits.pdf_glyphs_per_page {
                if !self.over_glyphs {
                    self.over_glyphs = true;
                    self.ink.unreadable.push(format!(
                        "more than {} glyphs shown; the rest is not read",
                        self.limits.pdf_glyphs_per_page
                    ));
                }
            } else if shown {
                self.ink.glyphs.push(Glyph {
                    x0,
                    x1,
                    y: oy,
                    size,
                    text,
                    visible,
                });
            }
            let space = code == (0x20, 1);
            let tx = (w0 * gs.size + gs.char_spacing + if space { gs.word_spacing } else { 0.0 })
                * gs.scale;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }

    /// Looks a font up in the resources (cached by object id).
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resolve(self.doc, resources?.get(b"Font").ok()?)
            .as_dict()
            .ok()?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.get(id) {
                return Some(f.clone());
            }
            let dict = resolve(self.doc, entry).as_dict().ok()?;
            let font = Rc::new(Font::load(
                self.doc,
                dict,
                name,
                self.limits.pdf_stream_bytes,
            ));
            self.fonts.insert(*id, font.clone());
            return Some(font);
        }
        let dict = entry.as_dict().ok()?;
        Some(Rc::new(Font::load(
            self.doc,
            dict,
            name,
            self.limits.pdf_stream_bytes,
        )))
    }

    /// Draws an XObject: counts an image, runs a form.
    fn draw(&mut self, resources: Option<&'a Dictionary>, name: &[u8], gs: &State) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| resolve(doc, x).as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let Ok(stream) = resolve(doc, entry).as_stream() else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.ink.images += 1,
            Ok(b"Form") => {
                if self.form_budget == 0 {
                    self.stop();
                    return;
                }
                self.form_budget -= 1;
                let id = entry.as_reference().ok();
                if self.forms.len() >= MAX_FORM_DEPTH
                    || id.is_some_and(|id| self.forms.contains(&id))
                {
                    self.ink.unreadable.push(format!(
                        "form XObject {} nested too deeply or drawn inside itself",
                        String::from_utf8_lossy(name)
                    ));
                    return;
                }
                let data =
                    match stream.decompressed_content_with_limit(self.limits.pdf_stream_bytes) {
                        Ok(d) => d,
                        Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
                        Err(e) => {
                            self.ink.unreadable.push(format!(
                                "form XObject {} cannot be decoded: {e}",
                                String::from_utf8_lossy(name)
                            ));
                            return;
                        }
                    };
                let form_matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| resolve(doc, m).as_array().ok())
                    .and_then(|a| matrix_of(doc, a))
                    .unwrap_or(Matrix::IDENTITY);
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| resolve(doc, r).as_dict().ok())
                    .or(resources);
                let mut state = gs.clone();
                state.ctm = form_matrix.then(&gs.ctm);
                self.forms.push(id.unwrap_or((0, 0)));
                self.run(&data, form_resources, state);
                self.forms.pop();
            }
            _ => {}
        }
    }
}

fn set(field: &mut f32, args: &[Operand]) {
    if let Some(v) = args.first().and_then(Operand::number) {
        *field = v;
    }
}

fn matrix(args: &[Operand]) -> Option<Matrix> {
    match args {
        [a, b, c, d, e, f] => Some(Matrix::new(
            a.number()?,
            b.number()?,
            c.number()?,
            d.number()?,
            e.number()?,
            f.number()?,
        )),
        _ => None,
    }
}

/// A matrix written as a PDF array (a form's `/Matrix`).
fn matrix_of(doc: &Document, items: &[Object]) -> Option<Matrix> {
    let v: Vec<f32> = items
        .iter()
        .map(|o| number(doc, o).filter(|n| n.is_finite()))
        .collect::<Option<_>>()?;
    match v.as_slice() {
        [a, b, c, d, e, f] => Some(Matrix::new(*a, *b, *c, *d, *e, *f)),
        _ => None,
    }
}
