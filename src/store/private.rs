//! The desk's files hold callers' personal data: readable by their owner only, whatever
//! the umask, and however the file came to be (`touch` makes a 0644 one).

use std::path::Path;

use super::{Result, StoreError};

/// What SQLite writes beside the desk: the write-ahead log and its shared index.
const COMPANIONS: &[&str] = &["-wal", "-shm"];

fn create_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Create {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates the file (and its folders, mode 0700) with mode 0600 if it does not exist yet.
/// Returns whether it was created.
pub(super) fn create_private_file(path: &Path) -> Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_folder(parent).map_err(|source| create_error(parent, source))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(file) => {
            // The mode given to open is masked by the umask; 0600 is what is promised.
            set_owner_only(&file, 0o600).map_err(|source| create_error(path, source))?;
            Ok(true)
        }
        // Another desk created it a moment ago; it is theirs, so treated as an existing file.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(create_error(path, e)),
    }
}

/// Folders that do not exist yet are made owner-only (0700); existing ones are left as
/// their owner set them.
fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Makes the desk, its log and the log's index 0600. SQLite gives a new log the desk's
/// mode, but a desk made with `touch`, or a log left by an older balie, is as the umask
/// made it. A file another user owns cannot be changed and is left as it is: that desk is
/// shared on purpose.
pub(super) fn make_private(path: &Path) -> Result<()> {
    let mut names = vec![path.as_os_str().to_owned()];
    for suffix in COMPANIONS {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        names.push(name);
    }
    for name in names {
        let name = Path::new(&name);
        // By path, never by opening the file: closing any descriptor of a file drops every
        // POSIX lock this process holds on it, SQLite's among them, and another process
        // would then take the shared index for unused and reset it under this one's feet.
        match set_mode(name, 0o600) {
            Ok(()) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
                ) => {}
            Err(source) => return Err(create_error(name, source)),
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_owner_only(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = file.metadata()?.permissions().mode() & 0o777;
    if current == mode {
        return Ok(());
    }
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if std::fs::metadata(path)?.permissions().mode() & 0o777 == mode {
        return Ok(());
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn set_owner_only(_file: &std::fs::File, _mode: u32) -> std::io::Result<()> {
    Ok(())
}
