use super::{App, Effect};

impl App {
    pub(super) fn open_kb(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}
