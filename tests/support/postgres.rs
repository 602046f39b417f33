//! A throwaway PostgreSQL cluster for one test (the one `balie bench team` starts, with fsync
//! off), stopped and removed on drop. The team store is tested against the real server, so
//! where none is installed the test says so loudly and passes over itself, unless
//! `BALIE_REQUIRE_POSTGRES=1` asks for a failure instead (as `.ci/run` does).

use balie::cli::bench::cluster::{Cluster, Durability, NOT_INSTALLED};

pub use balie::cli::bench::cluster::SUPERUSER;

/// Set to `1` to make a missing PostgreSQL fail a test instead of passing over it.
pub const REQUIRE_VARIABLE: &str = "BALIE_REQUIRE_POSTGRES";

/// A running (or deliberately stopped) cluster in a temp dir of its own.
pub struct Postgres(Cluster);

impl Postgres {
    /// Starts a cluster for the calling test, or returns `None` after saying loudly on stderr
    /// that the test passed over itself because no PostgreSQL is installed. Panics when one is
    /// installed but will not start, and when none is installed while
    /// `BALIE_REQUIRE_POSTGRES=1`.
    pub fn start() -> Option<Postgres> {
        // libtest names each test's thread after the test.
        let current = std::thread::current();
        let test = current.name().unwrap_or("a PostgreSQL test");
        if !Cluster::installed() {
            if std::env::var(REQUIRE_VARIABLE).is_ok_and(|v| v == "1") {
                panic!("{test}: {NOT_INSTALLED} ({REQUIRE_VARIABLE}=1 is set, so this fails)");
            }
            // Straight to stderr: `eprintln!` would be swallowed by the capture of a passing test.
            let banner = format!(
                "\n==========================================================================\n\
                 SKIPPED {test}: {NOT_INSTALLED}, or set {REQUIRE_VARIABLE}=1 to make this a \
                 failure.\n\
                 ==========================================================================\n"
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), banner.as_bytes());
            return None;
        }
        match Cluster::start(Durability::Throwaway) {
            Ok(cluster) => Some(Postgres(cluster)),
            Err(error) => panic!("{test}: {error:#}"),
        }
    }

    pub fn port(&self) -> u16 {
        self.0.port()
    }

    /// A libpq connection string for the superuser, straight to the server.
    pub fn connection_string(&self) -> String {
        connection_string(self.port())
    }

    /// Turns on TLS with this certificate (PEM, with its chain) and key.
    pub fn enable_tls(&mut self, cert_pem: &str, key_pem: &str) {
        if let Err(error) = self.0.enable_tls(cert_pem, key_pem) {
            panic!("turning on TLS: {error:#}");
        }
    }

    /// Kills the server as a crash would.
    pub fn stop_immediately(&mut self) {
        if let Err(error) = self.0.stop_immediately() {
            panic!("stopping PostgreSQL: {error:#}");
        }
    }

    /// Starts the server again on its port and waits until it accepts connections.
    pub fn restart(&mut self) {
        if let Err(error) = self.0.restart() {
            panic!("{error:#}");
        }
    }
}

/// A libpq connection string for the superuser on 127.0.0.1:`port` (the server's or a
/// proxy's).
pub fn connection_string(port: u16) -> String {
    format!("host=127.0.0.1 port={port} user={SUPERUSER} dbname=postgres")
}
