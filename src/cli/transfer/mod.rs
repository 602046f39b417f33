//! Callers and tickets to and from CSV and JSON, and the whole desk to and from one JSON
//! file. Every import is one transaction: a file with one bad row changes nothing, and its
//! dry run goes through exactly the same writes before taking them back.

pub mod callers;
pub mod command;
pub mod full;
mod json;
pub(crate) mod lines;
pub mod tickets;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::import::{BadRow, ImportError, bad_rows_message};
use crate::store::Partial;
use crate::store::StoreError;

/// The shape of a callers or tickets file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    Csv,
    Json,
}

impl FileFormat {
    /// The format named on the command line, or else the one the file's name ends in.
    pub fn of(path: &Path, given: Option<FileFormat>) -> Result<FileFormat, TransferError> {
        if let Some(format) = given {
            return Ok(format);
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("csv") => Ok(FileFormat::Csv),
            Some("json") => Ok(FileFormat::Json),
            _ => Err(TransferError::UnknownFormat {
                path: path.to_path_buf(),
            }),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} already exists; an export never overwrites a file, so name a new one")]
    Exists { path: PathBuf },
    #[error("cannot tell the format of {path} from its name; add --format csv or --format json")]
    UnknownFormat { path: PathBuf },
    #[error("{path}, line {line}, column {column}: {message}; nothing was imported")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", bad_rows_message(.path, .rows))]
    BadRows { path: PathBuf, rows: Vec<BadRow> },
    #[error("{path}: {message}; nothing was imported")]
    Refused { path: PathBuf, message: String },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{path}: {source}")]
    Store { path: PathBuf, source: StoreError },
}

impl TransferError {
    fn store(path: &Path) -> impl FnOnce(StoreError) -> TransferError + '_ {
        move |source| TransferError::Store {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Row problems found while writing, carried out of the store's transaction so that it
/// rolls back.
enum Failed {
    Rows(Vec<BadRow>),
    Store(StoreError),
}

impl From<StoreError> for Failed {
    fn from(error: StoreError) -> Self {
        Failed::Store(error)
    }
}

impl Failed {
    fn at(self, path: &Path) -> TransferError {
        match self {
            Failed::Rows(rows) => TransferError::BadRows {
                path: path.to_path_buf(),
                rows,
            },
            Failed::Store(source) => TransferError::Store {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

/// Why writing an export stopped, before the message names the file.
pub(crate) enum Broke {
    Store(StoreError),
    Io(std::io::Error),
}

impl From<StoreError> for Broke {
    fn from(error: StoreError) -> Self {
        Broke::Store(error)
    }
}

impl From<std::io::Error> for Broke {
    fn from(error: std::io::Error) -> Self {
        Broke::Io(error)
    }
}

impl From<csv::Error> for Broke {
    fn from(error: csv::Error) -> Self {
        Broke::Io(error.into())
    }
}

impl From<serde_json::Error> for Broke {
    fn from(error: serde_json::Error) -> Self {
        Broke::Io(error.into())
    }
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, TransferError> {
    std::fs::read(path).map_err(|source| TransferError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes an export as a new file readable by its owner only, as it holds callers'
/// personal data. It is written beside its final name and moved there when complete, so
/// a failed export leaves nothing behind, and an existing file is never replaced.
pub(crate) fn write_new_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Broke>,
) -> Result<(), TransferError> {
    let write_error = |source| TransferError::Write {
        path: path.to_path_buf(),
        source,
    };
    let broke = |error| match error {
        Broke::Io(source) => write_error(source),
        Broke::Store(source) => TransferError::Store {
            path: path.to_path_buf(),
            source,
        },
    };
    if path.exists() {
        return Err(TransferError::Exists {
            path: path.to_path_buf(),
        });
    }
    // Mode 0600, and a copy left by a run killed half-way is removed first.
    let mut file = Partial::beside(path).map_err(write_error)?;
    {
        let mut out = std::io::BufWriter::new(file.file_mut());
        write(&mut out).map_err(broke)?;
        out.flush().map_err(write_error)?;
    }
    file.finish().map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            TransferError::Exists {
                path: path.to_path_buf(),
            }
        } else {
            write_error(error)
        }
    })?;
    Ok(())
}
