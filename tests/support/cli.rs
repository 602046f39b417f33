//! The real binary as a shell user runs it, in a home folder of the test's own.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs balie with nothing of the real environment: HOME and the XDG folders point into
/// `home`, so no test can read or write the user's own desk or settings.
pub fn balie(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balie"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "anna")
        .stdin(Stdio::null())
        .output()
        .expect("run balie")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The same clean environment for `assert_cmd`, whose stdin is empty unless a test writes
/// to it.
pub fn balie_cmd(home: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_balie"));
    command
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "anna");
    command
}
