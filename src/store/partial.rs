//! New files (exports, backups) are written under a hidden name beside their final one,
//! flushed, and only then given their name, so the final name never holds half a file.
//! They hold callers' personal data, so a run killed half-way must not leave its hidden
//! copy behind for good either: the next run for the same name removes it.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

const SUFFIX: &str = ".partial";
/// SQLite's rollback journal beside a database it writes.
const JOURNAL: &str = "-journal";

/// A file being written for `target`. Dropped without `finish`, it is removed.
pub struct Partial {
    file: NamedTempFile,
    target: PathBuf,
}

impl Partial {
    /// Creates `.NAME.XXXXXX.partial` beside `target`, mode 0600, after removing the ones
    /// that runs killed before they finished left there.
    pub fn beside(target: &Path) -> io::Result<Partial> {
        let (folder, name) = split(target)?;
        remove_leftovers(folder, &name);
        let file = tempfile::Builder::new()
            .prefix(&prefix(&name))
            .suffix(SUFFIX)
            .tempfile_in(folder)?;
        // Held until the file is done or this process ends, however it ends: a hidden file
        // nobody holds is a leftover.
        // Where the file system has no locks, nothing is ever taken for a leftover either.
        match file.as_file().try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(e) => return Err(io::Error::from(e)),
        }
        Ok(Partial {
            file,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    pub fn file_mut(&mut self) -> &mut File {
        self.file.as_file_mut()
    }

    /// Flushes the file, gives it its final name unless something took that name
    /// meanwhile (an `AlreadyExists` error; the partial file is then removed), and flushes
    /// the folder so that the name survives a power cut too.
    pub fn finish(self) -> io::Result<PathBuf> {
        self.file.as_file().sync_all()?;
        self.file
            .persist_noclobber(&self.target)
            .map_err(|e| e.error)?;
        #[cfg(unix)]
        if let Ok((folder, _)) = split(&self.target) {
            File::open(folder)?.sync_all()?;
        }
        Ok(self.target)
    }
}

fn split(target: &Path) -> io::Result<(&Path, String)> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} does not name a file", target.display()),
            )
        })?
        .to_string();
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Ok((folder, name))
}

fn prefix(name: &str) -> String {
    format!(".{name}.")
}

/// Removes partial files for `name` that no running process holds, with the rollback
/// journal SQLite keeps beside one while it writes a backup into it. One that cannot be
/// read or removed is left alone: it is not ours to judge.
fn remove_leftovers(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = prefix(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let base = file_name.strip_suffix(JOURNAL).unwrap_or(file_name);
        let Some(middle) = base
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(SUFFIX))
        else {
            continue;
        };
        // tempfile's random part: six letters or digits, nothing else.
        if middle.len() != 6 || !middle.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let partial = folder.join(base);
        let held = match File::open(&partial) {
            Ok(file) => file.try_lock().is_err(),
            Err(e) => e.kind() != io::ErrorKind::NotFound,
        };
        if !held {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn hidden(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("folder")
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter(|n| n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_final_name_appears_only_when_the_file_is_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("export.json");
        let mut partial = Partial::beside(&target).expect("partial");
        partial.file_mut().write_all(b"{}").expect("write");
        assert!(!target.exists());
        assert_eq!(partial.finish().expect("finish"), target);
        assert_eq!(std::fs::read(&target).expect("read"), b"{}");
        assert!(hidden(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("export.json");
        let partial = Partial::beside(&target).expect("partial");
        std::fs::write(&target, "keep me").expect("write");
        let err = partial.finish().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&target).expect("read"), b"keep me");
        assert!(hidden(dir.path()).is_empty());
    }

    #[test]
    fn leftovers_nobody_holds_are_removed_and_a_running_one_is_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("desk-copy.db");
        // What a killed run leaves: a partial file that no process holds.
        std::fs::write(dir.path().join(".desk-copy.db.a1B2c3.partial"), "half").expect("left");
        std::fs::write(dir.path().join(".desk-copy.db.a1B2c3.partial-journal"), "j").expect("j");
        std::fs::write(dir.path().join(".desk-copy.db.x9Y8z7.partial-journal"), "j").expect("j");
        // Not ours: another name, or not tempfile's pattern.
        std::fs::write(dir.path().join(".other.db.a1B2c3.partial"), "x").expect("other");
        std::fs::write(dir.path().join(".desk-copy.db.notes.partial"), "x").expect("notes");
        let running = Partial::beside(&target).expect("running");
        let running_name = running
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let mut expected = vec![
            ".desk-copy.db.notes.partial".to_string(),
            running_name,
            ".other.db.a1B2c3.partial".to_string(),
        ];
        expected.sort();
        assert_eq!(hidden(dir.path()), expected);
        // A second run for the same name leaves the first one's file alone: it is held.
        let second = Partial::beside(&target).expect("second");
        assert!(running.path().exists());
        drop(second);
        drop(running);
        assert_eq!(
            hidden(dir.path()),
            [".desk-copy.db.notes.partial", ".other.db.a1B2c3.partial"]
        );
    }
}
