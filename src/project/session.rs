//! The render session a watcher keeps between rebuilds.

use charter_render::FontSet;
use charter_render::pdf;

/// What a watch mode (`charter watch`, `charter serve`) keeps alive from
/// one build to the next: the fonts, loaded once, and a typst session
/// ([`pdf::Session`]: the standard library and the templates' sources kept,
/// so that typst's incremental compilation reuses the work of the last
/// rebuilds). Handed to [`super::Project::build`] through
/// [`super::BuildRequest::session`]; a one-off build needs none.
#[derive(Debug)]
pub struct Session {
    fonts: FontSet,
    typst: pdf::Session,
}

impl Session {
    /// A session with these fonts.
    pub fn new(fonts: FontSet) -> Session {
        Session { fonts, typst: pdf::Session::new() }
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// The typst session.
    pub fn typst(&self) -> &pdf::Session {
        &self.typst
    }
}
