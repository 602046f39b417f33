use super::{App, Effect};

impl App {
    pub(super) fn major_incident(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    pub(super) fn link_incident(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}
