//! Opening a connection to the team store: TLS with the system's certificate authorities
//! (and a private one from `[team] ca_file`) for any host off this machine.

use std::path::Path;
use std::sync::Arc;

use postgres::Client;

use super::SyncError;
use super::address::{Address, read_ca_file};

pub(super) fn connect(address: &Address, ca_file: Option<&Path>) -> Result<Client, SyncError> {
    let config = address.config();
    let connected = if address.wants_tls() {
        config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls(ca_file)?))
    } else {
        config.connect(postgres::NoTls)
    };
    connected.map_err(|e| failure(address, e))
}

fn tls(ca_file: Option<&Path>) -> Result<rustls::ClientConfig, SyncError> {
    let mut roots = rustls::RootCertStore::empty();
    // Unreadable system certificates are not fatal: a private authority may be all it takes.
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        for cert in read_ca_file(path)? {
            roots
                .add(cert)
                .map_err(|e| SyncError::Tls(format!("{}: {e}", path.display())))?;
        }
    }
    // ring builds with a C compiler alone (aws-lc needs cmake); its lack of post-quantum key
    // exchange is what the deprecation is about, and TLS 1.3 stays the default.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SyncError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// A failed call, as the person at the desk can act on it: the server could not be reached
/// (the desk goes on offline), or it answered with a refusal.
pub(super) fn failure(address: &Address, error: postgres::Error) -> SyncError {
    match error.as_db_error() {
        Some(db) => SyncError::Server {
            address: address.shown(),
            reason: db.message().to_string(),
        },
        None => SyncError::Unreachable {
            address: address.shown(),
            reason: reason(&error),
        },
    }
}

fn reason(error: &postgres::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = inner.source();
    }
    text
}
