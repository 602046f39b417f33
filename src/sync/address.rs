//! Where the team store is and how to reach it. The address a person gives may hold a
//! password; the desk keeps and shows it without one, and finds the password where libpq
//! looks: `PGPASSWORD`, then the password file (`PGPASSFILE` or `~/.pgpass`).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use tokio_postgres::config::{Host, SslMode};

use super::SyncError;

/// A team store's connection settings.
#[derive(Clone)]
pub struct Address {
    config: tokio_postgres::Config,
}

impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Address {
    /// Reads a `postgres://` URL or a `key=value` connection string.
    pub fn parse(text: &str) -> Result<Address, SyncError> {
        let config = tokio_postgres::Config::from_str(text.trim())
            .map_err(|e| SyncError::Address(format!("{e}")))?;
        if config.get_hosts().is_empty() {
            return Err(SyncError::Address(
                "it names no host (postgres://HOST/DATABASE)".into(),
            ));
        }
        Ok(Address { config })
    }

    /// The address as a URL without any password: what the desk keeps and prints.
    pub fn shown(&self) -> String {
        self.shown_for(self.config.get_user())
    }

    /// The same address for another role: what an agent joins with.
    pub fn shown_as(&self, user: &str) -> String {
        self.shown_for(Some(user))
    }

    fn shown_for(&self, user: Option<&str>) -> String {
        let user = user.map(|u| format!("{}@", encode(u))).unwrap_or_default();
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .enumerate()
            .map(|(i, host)| {
                let name = match host {
                    Host::Tcp(name) if name.contains(':') => format!("[{name}]"),
                    Host::Tcp(name) => encode(name),
                    Host::Unix(path) => encode(&path.display().to_string()),
                };
                match self
                    .config
                    .get_ports()
                    .get(i)
                    .or(self.config.get_ports().first())
                {
                    Some(port) => format!("{name}:{port}"),
                    None => name,
                }
            })
            .collect();
        let db = self
            .config
            .get_dbname()
            .map(|d| format!("/{}", encode(d)))
            .unwrap_or_default();
        let ssl = match self.config.get_ssl_mode() {
            SslMode::Require => "?sslmode=require",
            SslMode::Disable => "?sslmode=disable",
            _ => "",
        };
        format!("postgres://{user}{}{db}{ssl}", hosts.join(","))
    }

    pub fn user(&self) -> Option<&str> {
        self.config.get_user()
    }

    /// Every host is this machine (loopback or a Unix socket): the one case where the
    /// connection may go without TLS.
    pub fn is_local(&self) -> bool {
        self.config.get_hosts().iter().all(|host| match host {
            Host::Unix(_) => true,
            Host::Tcp(name) => {
                name == "localhost"
                    || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
                    || name.starts_with('/')
            }
        })
    }

    pub fn wants_tls(&self) -> bool {
        !self.is_local() || self.config.get_ssl_mode() == SslMode::Require
    }

    /// The settings to connect with: the password filled in from where libpq keeps it, TLS
    /// required off this machine, and timeouts so that a dead network is noticed in
    /// seconds rather than when the kernel gives up.
    pub(super) fn config(&self) -> tokio_postgres::Config {
        let mut config = self.config.clone();
        if config.get_password().is_none()
            && let Some(password) = self.password()
        {
            config.password(password);
        }
        if config.get_user().is_none()
            && let Ok(user) = std::env::var("PGUSER").or_else(|_| std::env::var("USER"))
        {
            config.user(&user);
        }
        if config.get_dbname().is_none()
            && let Ok(db) = std::env::var("PGDATABASE")
        {
            config.dbname(&db);
        }
        if self.wants_tls() {
            config.ssl_mode(SslMode::Require);
        } else {
            config.ssl_mode(SslMode::Disable);
        }
        config
            .connect_timeout(Duration::from_secs(5))
            .tcp_user_timeout(Duration::from_secs(10))
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(5))
            .keepalives_interval(Duration::from_secs(2))
            .keepalives_retries(3)
            .application_name("balie");
        config
    }

    fn password(&self) -> Option<String> {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            return Some(password);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".pgpass")))?;
        let text = std::fs::read_to_string(&file).ok()?;
        let host = match self.config.get_hosts().first()? {
            Host::Tcp(name) => name.clone(),
            Host::Unix(path) => path.display().to_string(),
        };
        let port = self
            .config
            .get_ports()
            .first()
            .copied()
            .unwrap_or(5432)
            .to_string();
        let db = self.config.get_dbname().unwrap_or_default().to_string();
        let user = self.config.get_user().unwrap_or_default().to_string();
        pgpass_lookup(&text, [&host, &port, &db, &user])
    }
}

/// The password of the first line of a libpq password file that matches: fields
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped.
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                other => field.push(other),
            }
        }
        fields.push(field);
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(wanted)
                .all(|(have, want)| have == "*" || have == want)
        {
            return fields.pop();
        }
    }
    None
}

fn encode(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => c.to_string(),
            other => {
                let mut buffer = [0u8; 4];
                other
                    .encode_utf8(&mut buffer)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// The certificate authority file a private team store is signed by, from `[team] ca_file`.
pub fn read_ca_file(
    path: &Path,
) -> Result<Vec<rustls_pki_types::CertificateDer<'static>>, SyncError> {
    use rustls_pki_types::pem::PemObject;
    let certs: Result<Vec<_>, _> = rustls_pki_types::CertificateDer::pem_file_iter(path)
        .map_err(|e| SyncError::Tls(format!("{}: {e}", path.display())))?
        .collect();
    let certs = certs.map_err(|e| SyncError::Tls(format!("{}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(SyncError::Tls(format!(
            "{}: no certificate in it (PEM, -----BEGIN CERTIFICATE-----)",
            path.display()
        )));
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_address_never_holds_the_password() {
        let address = Address::parse("postgres://anna:s3cret@db.example.org:5433/desk").unwrap();
        assert_eq!(address.shown(), "postgres://anna@db.example.org:5433/desk");
        assert!(!format!("{address:?}").contains("s3cret"));
        let keywords =
            Address::parse("host=127.0.0.1 port=5999 user=bence password=x dbname=t").unwrap();
        assert_eq!(keywords.shown(), "postgres://bence@127.0.0.1:5999/t");
        assert_eq!(
            Address::parse("postgres://db.example.org/desk")
                .unwrap()
                .shown_as("anna"),
            "postgres://anna@db.example.org:5432/desk"
        );
    }

    #[test]
    fn only_this_machine_goes_without_tls() {
        assert!(
            !Address::parse("postgres://a@127.0.0.1/t")
                .unwrap()
                .wants_tls()
        );
        assert!(
            !Address::parse("postgres://a@localhost/t")
                .unwrap()
                .wants_tls()
        );
        assert!(
            Address::parse("postgres://a@db.example.org/t")
                .unwrap()
                .wants_tls()
        );
        assert!(
            Address::parse("postgres://a@10.0.0.5/t")
                .unwrap()
                .wants_tls()
        );
        assert!(
            Address::parse("postgres://a@127.0.0.1/t?sslmode=require")
                .unwrap()
                .wants_tls()
        );
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let file = "# team\n\
                    other:5432:*:anna:wrong\n\
                    db\\:1:5432:desk:anna:right\\:one\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(file, ["db:1", "5432", "desk", "anna"]).as_deref(),
            Some("right:one")
        );
        assert_eq!(
            pgpass_lookup(file, ["x", "1", "y", "z"]).as_deref(),
            Some("fallback")
        );
    }

    #[test]
    fn an_address_without_a_host_is_refused() {
        assert!(Address::parse("dbname=t").is_err());
    }
}
