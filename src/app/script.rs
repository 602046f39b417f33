use super::{App, Effect};

impl App {
    pub(super) fn start_script(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}
