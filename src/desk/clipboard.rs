//! Copying through the terminal: OSC 52 asks the terminal itself to put text on the system
//! clipboard, so it works over ssh without a display server. tmux passes it on with
//! `set -g set-clipboard on`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// `ESC ] 52 ; c ; <base64> ESC \`: `c` is the clipboard (not the primary selection). The
/// text travels as base64, so nothing in it can end the sequence early.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x1b\\", STANDARD.encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_text_in_base64_inside_osc_52() {
        assert_eq!(osc52("T-1042"), "\x1b]52;c;VC0xMDQy\x1b\\");
        assert_eq!(
            osc52("+31 6 1234 5678").as_bytes(),
            b"\x1b]52;c;KzMxIDYgMTIzNCA1Njc4\x1b\\"
        );
    }

    #[test]
    fn control_characters_cannot_end_the_sequence() {
        let sequence = osc52("T-1\x1b\\\x07");
        assert_eq!(sequence.matches('\x1b').count(), 2);
        assert!(!sequence.contains('\x07'));
    }
}
