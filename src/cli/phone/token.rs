//! The push address's secret: read from a file only its owner can read, and never
//! written anywhere.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// A token shorter than this is guessable.
const MIN_TOKEN: usize = 16;

/// Reads the token: the file's first line. A file that others may read, an empty or short
/// token, or one with characters a URL path cannot carry as they are, is refused.
pub fn read_token(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read the token file {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            bail!(
                "the token file {} can be read by others (mode {mode:03o}); run chmod 600 on it",
                path.display()
            );
        }
    }
    if !meta.is_file() {
        bail!("the token file {} is not a file", path.display());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the token file {}", path.display()))?;
    let token = text.lines().next().unwrap_or_default().trim();
    if token.chars().count() < MIN_TOKEN {
        bail!(
            "the token in {} is shorter than {MIN_TOKEN} characters; put a long random one \
             there, e.g. from: head -c 24 /dev/urandom | base64 | tr '+/' '-_'",
            path.display()
        );
    }
    if !token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    {
        bail!(
            "the token in {} may hold only letters, digits and - _ . ~",
            path.display()
        );
    }
    Ok(token.to_string())
}

/// Compares every byte whatever the first difference, so the time an answer takes tells
/// nothing about how much of a guess was right.
pub(super) fn same_token(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut differ = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        differ |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    differ == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn token_file(text: &str, mode: u32) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[test]
    fn a_private_file_gives_its_first_line() {
        let (_dir, path) = token_file("s3cret-0123456789abcdef\n", 0o600);
        assert_eq!(read_token(&path).unwrap(), "s3cret-0123456789abcdef");
    }

    #[test]
    fn a_file_others_can_read_is_refused_without_quoting_it() {
        let (_dir, path) = token_file("s3cret-0123456789abcdef\n", 0o644);
        let error = format!("{:#}", read_token(&path).unwrap_err());
        assert!(error.contains("chmod 600"), "{error}");
        assert!(!error.contains("s3cret"), "{error}");
    }

    #[test]
    fn short_or_odd_tokens_are_refused() {
        let (_dir, path) = token_file("short\n", 0o600);
        assert!(read_token(&path).is_err());
        let (_dir, path) = token_file("with space in it 0123456789\n", 0o600);
        assert!(read_token(&path).is_err());
    }

    #[test]
    fn only_the_whole_token_matches() {
        assert!(same_token("abcdef0123456789", "abcdef0123456789"));
        assert!(!same_token("abcdef012345678", "abcdef0123456789"));
        assert!(!same_token("abcdef01234567890", "abcdef0123456789"));
        assert!(!same_token("", "abcdef0123456789"));
    }
}
