//! The real binary as a shell user runs it, in a home folder of the test's own.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `program` with nothing of the real environment: HOME and the XDG folders point into
/// `home`, so no test can read or write the user's own desk or settings.
pub fn isolated(program: impl AsRef<OsStr>, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "anna");
    command
}

/// The real binary, isolated in `home`.
pub fn balie_command(home: &Path) -> Command {
    isolated(env!("CARGO_BIN_EXE_balie"), home)
}

/// Runs balie isolated in `home`, with nothing on stdin.
pub fn balie(home: &Path, args: &[&str]) -> Output {
    balie_command(home)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run balie")
}

/// A temporary path as an argument; the test folders are UTF-8.
pub fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The same clean environment for `assert_cmd`, whose stdin is empty unless a test writes
/// to it.
pub fn balie_cmd(home: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(balie_command(home))
}
