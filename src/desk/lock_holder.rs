//! Who holds the desk's write lock, so that "waiting for the database" can say for whom:
//! `balie import callers big.csv (pid 4242)`. SQLite takes the lock as a POSIX record lock
//! on one byte of the `-shm` file, which Linux lists in `/proc/locks` with the holder's pid.
//! Elsewhere, or when the holder cannot be read, the desk just says it is waiting.

use std::path::Path;

/// Where SQLite's WAL write lock lives in the `-shm` file (`WALINDEX_LOCK_OFFSET`).
const WAL_WRITE_LOCK_BYTE: u64 = 120;
const LONGEST: usize = 60;

/// The command line and pid of the process holding the write lock on `desk`, if it can be
/// told. Control characters in the command line are dropped: it is shown on screen.
pub fn lock_holder(desk: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt as _;
    let shm = std::fs::metadata(format!("{}-shm", desk.display())).ok()?;
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = holder_in(&locks, shm.ino())?;
    if pid == std::process::id() {
        return None;
    }
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    Some(describe(&cmdline, pid))
}

/// The pid in `/proc/locks` holding a write lock over the WAL write-lock byte of `inode`.
/// A line reads `1: POSIX  ADVISORY  WRITE 4242 00:2d:1234 120 120`.
fn holder_in(locks: &str, inode: u64) -> Option<u32> {
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // "1: -> POSIX ..." lines are waiters, not holders.
        let [_, "POSIX", _, "WRITE", pid, file, start, end] = fields.as_slice() else {
            return None;
        };
        let on_file = file.rsplit(':').next()?.parse::<u64>().ok()? == inode;
        let start: u64 = start.parse().ok()?;
        let end = if *end == "EOF" {
            u64::MAX
        } else {
            end.parse().ok()?
        };
        (on_file && (start..=end).contains(&WAL_WRITE_LOCK_BYTE)).then(|| pid.parse().ok())?
    })
}

/// `balie import callers big.csv (pid 4242)`, the program's own name without its folder,
/// cut to a status line's room.
fn describe(cmdline: &[u8], pid: u32) -> String {
    let words: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    let mut command = words
        .iter()
        .enumerate()
        .map(|(i, w)| match i {
            0 => w.rsplit('/').next().unwrap_or(w).to_string(),
            _ => w.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    command.retain(|c| !c.is_control());
    if command.chars().count() > LONGEST {
        command = command.chars().take(LONGEST - 1).collect::<String>() + "…";
    }
    if command.is_empty() {
        format!("pid {pid}")
    } else {
        format!("{command} (pid {pid})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_of_the_write_byte_is_found_and_waiters_are_not() {
        let locks = "\
1: POSIX  ADVISORY  READ 77 00:2d:555 128 128
2: POSIX  ADVISORY  WRITE 88 00:2d:999 120 120
2: -> POSIX  ADVISORY  WRITE 99 00:2d:555 120 120
3: POSIX  ADVISORY  WRITE 4242 00:2d:555 120 120
";
        assert_eq!(holder_in(locks, 555), Some(4242));
        assert_eq!(holder_in(locks, 1), None);
        let reader_only = "1: POSIX  ADVISORY  READ 77 00:2d:555 120 120\n";
        assert_eq!(holder_in(reader_only, 555), None);
    }

    #[test]
    fn the_command_line_is_shown_short_and_without_control_characters() {
        let said = describe(
            b"/usr/bin/balie\0import\0callers\0big\x1b]0;x\x07.csv\0",
            42,
        );
        assert_eq!(said, "balie import callers big]0;x.csv (pid 42)");
        let long = describe(&[b'x'; 500], 7);
        assert!(long.chars().count() < LONGEST + 12, "{long}");
        assert_eq!(describe(b"", 9), "pid 9");
    }
}
