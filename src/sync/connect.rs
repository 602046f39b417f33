//! A connection to the team store, with every call bounded in time. The client is
//! tokio-postgres on a runtime of the connection's own (one thread: the caller's), so that a
//! network that swallows packets without refusing them (a black hole) fails a call after a
//! bound instead of hanging the sync for ever; TCP alone would wait as long as the far end's
//! kernel keeps acknowledging. TLS with the system's certificate authorities (and a private
//! one from `[team] ca_file`) for any host off this machine.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, Row, Statement};

use super::SyncError;
use super::address::{Address, read_ca_file};
use super::announced::Announced;

/// The longest one call may take before the store counts as unreachable. Generous: a pull
/// of a large batch over a slow line must not be mistaken for a dead one.
const CALL: Duration = Duration::from_secs(20);

pub(super) struct Link {
    runtime: tokio::runtime::Runtime,
    client: Client,
    /// The payload of each notification the store sent on a channel this link listens to.
    notices: mpsc::UnboundedReceiver<String>,
    address: Address,
    /// The statements a desk sends every round, parsed and planned by the server once per
    /// connection: with many desks, a pull for every push is most of the server's work.
    prepared: RefCell<HashMap<&'static str, Statement>>,
}

impl Link {
    pub(super) fn open(address: &Address, ca_file: Option<&Path>) -> Result<Link, SyncError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| unreachable(address, &e.to_string()))?;
        let config = address.config();
        let (sender, notices) = mpsc::unbounded_channel();
        let client = if address.wants_tls() {
            let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls(ca_file)?);
            let (client, connection) = bounded(&runtime, address, config.connect(tls))?;
            runtime.spawn(drive(connection, sender));
            client
        } else {
            let (client, connection) =
                bounded(&runtime, address, config.connect(tokio_postgres::NoTls))?;
            runtime.spawn(drive(connection, sender));
            client
        };
        Ok(Link {
            runtime,
            client,
            notices,
            address: address.clone(),
            prepared: RefCell::default(),
        })
    }

    /// Runs one of the statements of every round, prepared on this connection the first
    /// time: one round trip each time after that instead of two.
    pub(super) fn query_prepared(
        &self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, SyncError> {
        let known = self.prepared.borrow().get(sql).cloned();
        let statement = match known {
            Some(statement) => statement,
            None => {
                let statement = bounded(&self.runtime, &self.address, self.client.prepare(sql))?;
                self.prepared.borrow_mut().insert(sql, statement.clone());
                statement
            }
        };
        bounded(
            &self.runtime,
            &self.address,
            self.client.query(&statement, params),
        )
    }

    pub(super) fn query(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, SyncError> {
        bounded(&self.runtime, &self.address, self.client.query(sql, params))
    }

    pub(super) fn query_one(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Row, SyncError> {
        bounded(
            &self.runtime,
            &self.address,
            self.client.query_one(sql, params),
        )
    }

    /// A query that may take as long as it takes: the bench's counts over a whole log of
    /// millions of changes, where a desk's call would give up.
    pub(super) fn query_one_unhurried(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Row, SyncError> {
        self.runtime
            .block_on(self.client.query_one(sql, params))
            .map_err(|error| failure(&self.address, error))
    }

    pub(super) fn query_opt(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, SyncError> {
        bounded(
            &self.runtime,
            &self.address,
            self.client.query_opt(sql, params),
        )
    }

    pub(super) fn execute(&self, sql: &str) -> Result<(), SyncError> {
        bounded(&self.runtime, &self.address, self.client.batch_execute(sql))
    }

    /// Runs `work` in one transaction of the store: committed if it succeeds, rolled back
    /// (by the server, when the connection drops) if not.
    pub(super) fn in_transaction<T>(
        &self,
        work: impl FnOnce(&Link) -> Result<T, SyncError>,
    ) -> Result<T, SyncError> {
        self.execute("BEGIN")?;
        match work(self) {
            Ok(value) => {
                self.execute("COMMIT")?;
                Ok(value)
            }
            Err(error) => {
                let _ = self.execute("ROLLBACK");
                Err(error)
            }
        }
    }

    /// Waits up to `time` for a notification, then takes every other one already queued:
    /// notifications that arrived together are one reason to act. Fails when the connection
    /// has ended.
    pub(super) fn notified_within(&mut self, time: Duration) -> Result<Notices, SyncError> {
        let notices = &mut self.notices;
        let waited = self
            .runtime
            .block_on(async { tokio::time::timeout(time, notices.recv()).await });
        let mut heard = Notices::default();
        match waited {
            Err(_) => return Ok(heard),
            Ok(None) => return Err(unreachable(&self.address, "the connection closed")),
            Ok(Some(payload)) => heard.add(&payload),
        }
        while let Ok(payload) = self.notices.try_recv() {
            heard.add(&payload);
        }
        Ok(heard)
    }

    pub(super) fn address(&self) -> &Address {
        &self.address
    }
}

/// Runs the connection's half: its messages, and the notifications among them.
async fn drive<S, T>(
    mut connection: tokio_postgres::Connection<S, T>,
    sender: mpsc::UnboundedSender<String>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
    while let Some(message) = messages.next().await {
        match message {
            Ok(AsyncMessage::Notification(notice)) => {
                let _ = sender.send(notice.payload().to_owned());
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
}

/// What the store's notifications said: a push ends with the changes it took (or, when
/// they are too many to carry, the newest one's sequence number), a desk opening or leaving
/// a ticket with `presence`.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Notices {
    /// The newest change announced.
    pub newest_change: Option<i64>,
    /// The changes that came with the notifications, in the order the pushes committed.
    pub announced: Vec<Announced>,
    /// Someone opened or left a ticket.
    pub presence: bool,
}

impl Notices {
    fn add(&mut self, payload: &str) {
        if let Ok(seq) = payload.parse::<i64>() {
            self.newest_change = self.newest_change.max(Some(seq));
        } else if payload == "presence" {
            self.presence = true;
        } else if let Some(announced) = Announced::parse(payload) {
            self.newest_change = self.newest_change.max(Some(announced.last()));
            self.announced.push(announced);
        } else {
            // A store of a later version saying something this desk does not know: look at
            // everything rather than miss it.
            self.presence = true;
            self.newest_change = Some(i64::MAX);
        }
    }
}

fn bounded<T>(
    runtime: &tokio::runtime::Runtime,
    address: &Address,
    call: impl std::future::Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, SyncError> {
    match runtime.block_on(async { tokio::time::timeout(CALL, call).await }) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(failure(address, error)),
        Err(_) => Err(unreachable(
            address,
            &format!("no answer within {} s", CALL.as_secs()),
        )),
    }
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

fn unreachable(address: &Address, reason: &str) -> SyncError {
    SyncError::Unreachable {
        address: address.shown(),
        reason: reason.to_string(),
    }
}

/// A failed call, as the person at the desk can act on it: the server could not be reached
/// (the desk goes on offline), or it answered with a refusal.
pub(super) fn failure(address: &Address, error: tokio_postgres::Error) -> SyncError {
    match error.as_db_error() {
        Some(db) => SyncError::Server {
            address: address.shown(),
            reason: db.message().to_string(),
        },
        None => unreachable(address, &reason(&error)),
    }
}

fn reason(error: &tokio_postgres::Error) -> String {
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
