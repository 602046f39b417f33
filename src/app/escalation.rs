use super::{App, Effect};

impl App {
    pub(super) fn escalate(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    pub(super) fn next_line_filter(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}
