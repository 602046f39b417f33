//! A throwaway PostgreSQL cluster, for `balie bench team` and for the tests of the team
//! store: Debian's server binaries, `initdb` into a temporary folder, one server on a free
//! port of 127.0.0.1 with trust authentication (nothing but this machine can reach it),
//! stopped and removed when dropped. The bench gives each measurement a database of its own,
//! so that none sees another's changes; the tests also crash it, restart it and turn on TLS.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// The superuser of the cluster, and the owner of every team store in it.
pub const SUPERUSER: &str = "postgres";

/// How the server keeps its commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync on, as a real team store has it: what the bench measures.
    Real,
    /// fsync off: a killed server still keeps its commits (the kernel holds them), only a
    /// machine crash would lose them. Fast enough for tests that start many clusters.
    Throwaway,
}

/// 200 simulated desks hold a connection each, beside the bench's own.
const MAX_CONNECTIONS: usize = 400;

pub struct Cluster {
    bin: PathBuf,
    // Dropped after `Drop::drop` has stopped the server.
    dir: tempfile::TempDir,
    port: u16,
    durability: Durability,
    as_postgres_user: bool,
    running: bool,
}

/// What to say when no server is installed.
pub const NOT_INSTALLED: &str = "no PostgreSQL server found (`initdb` and `pg_ctl` neither on \
     PATH nor in /usr/lib/postgresql/*/bin): install it with `apt-get install postgresql`";

impl Cluster {
    /// Whether the server's tools are on this machine.
    pub fn installed() -> bool {
        find_bin_dir().is_some()
    }

    /// Starts a cluster, or says what is missing.
    pub fn start(durability: Durability) -> Result<Cluster> {
        let Some(bin) = find_bin_dir() else {
            bail!("{NOT_INSTALLED}");
        };
        let as_postgres_user = running_as_root()?;
        let dir = tempfile::Builder::new()
            .prefix("balie-bench-pg-")
            .tempdir()
            .context("creating a folder for the PostgreSQL cluster")?;
        if as_postgres_user {
            // The server refuses to run as root; its own user must own the cluster's folder.
            let (uid, gid) = (id(&["-u", "postgres"])?, id(&["-g", "postgres"])?);
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .context("handing the cluster's folder to the postgres user")?;
        }
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            durability,
            as_postgres_user,
            running: false,
        };
        let data = cluster.data_dir();
        cluster.run_checked(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-U".as_ref(),
                SUPERUSER.as_ref(),
                "--auth=trust".as_ref(),
                "--no-locale".as_ref(),
                "--encoding=UTF8".as_ref(),
                "--no-sync".as_ref(),
            ],
        )?;
        let fsync = match durability {
            Durability::Real => "on",
            Durability::Throwaway => "off",
        };
        cluster.configure(&format!(
            "\n# balie's throwaway cluster: loopback only\n\
             listen_addresses = '127.0.0.1'\n\
             unix_socket_directories = '{}'\n\
             max_connections = {MAX_CONNECTIONS}\n\
             fsync = {fsync}\n",
            cluster.dir.path().display()
        ))?;
        cluster.start_on_a_free_port()?;
        Ok(cluster)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Turns on TLS with this certificate (PEM, with its chain) and key, as a server reached
    /// over a network would have it (plain connections from loopback still work), and
    /// restarts the server.
    pub fn enable_tls(&mut self, cert_pem: &str, key_pem: &str) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let data = self.data_dir();
        for (name, text) in [("server.crt", cert_pem), ("server.key", key_pem)] {
            let path = data.join(name);
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            // The server refuses a key others can read.
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("making {} private", path.display()))?;
            if self.as_postgres_user {
                let (uid, gid) = (id(&["-u", "postgres"])?, id(&["-g", "postgres"])?);
                std::os::unix::fs::chown(&path, Some(uid), Some(gid))
                    .with_context(|| format!("handing {} to the postgres user", path.display()))?;
            }
        }
        self.configure("\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")?;
        self.stop_immediately()?;
        self.restart()
    }

    /// Kills the server as a crash would: `pg_ctl stop -m immediate`, no shutdown checkpoint.
    pub fn stop_immediately(&mut self) -> Result<()> {
        let out = self.pg_ctl_stop()?;
        if !out.status.success() {
            bail!(
                "`pg_ctl stop` failed: {}\n{}",
                output_text(&out),
                self.log_tail()
            );
        }
        self.running = false;
        Ok(())
    }

    /// Immediate: nothing in a throwaway cluster is worth a shutdown checkpoint.
    fn pg_ctl_stop(&self) -> Result<Output> {
        let data = self.data_dir();
        self.run(
            "pg_ctl",
            &[
                "stop".as_ref(),
                "-D".as_ref(),
                data.as_os_str(),
                "-m".as_ref(),
                "immediate".as_ref(),
                "-w".as_ref(),
            ],
        )
    }

    /// Starts the server again on its port (after a crash it recovers first) and waits until
    /// it accepts connections.
    pub fn restart(&mut self) -> Result<()> {
        let out = self.pg_ctl_start(self.port)?;
        if !out.status.success() {
            bail!(
                "restarting PostgreSQL on port {} failed: {}\n{}",
                self.port,
                output_text(&out),
                self.log_tail()
            );
        }
        self.running = true;
        self.wait_for_tcp()
    }

    fn configure(&self, settings: &str) -> Result<()> {
        let conf = self.data_dir().join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf)
            .with_context(|| format!("reading {}", conf.display()))?;
        text.push_str(settings);
        std::fs::write(&conf, text).with_context(|| format!("writing {}", conf.display()))
    }

    /// A new, empty database in the cluster, as its owner's connection string.
    pub fn database(&self, name: &str) -> Result<String> {
        let out = Command::new(self.bin.join("createdb"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", SUPERUSER, name])
            .stdin(Stdio::null())
            .output()
            .context("running createdb")?;
        if !out.status.success() {
            bail!("createdb {name} failed: {}", output_text(&out));
        }
        Ok(format!(
            "host=127.0.0.1 port={} user={SUPERUSER} dbname={name}",
            self.port
        ))
    }

    pub fn describe(&self) -> String {
        let fsync = match self.durability {
            Durability::Real => "on",
            Durability::Throwaway => "off",
        };
        format!(
            "PostgreSQL {} on 127.0.0.1:{} (fsync {fsync}, max_connections {MAX_CONNECTIONS})",
            self.version(),
            self.port
        )
    }

    fn version(&self) -> String {
        Command::new(self.bin.join("pg_ctl"))
            .arg("--version")
            .output()
            .ok()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
            .and_then(|text| text.rsplit(' ').next().map(str::to_string))
            .unwrap_or_else(|| "(unknown version)".into())
    }

    fn start_on_a_free_port(&mut self) -> Result<()> {
        // Another program may take the port between asking and binding; a few fresh ports
        // cover it.
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port()?;
            let out = self.pg_ctl_start(port)?;
            if out.status.success() {
                self.port = port;
                self.running = true;
                return self.wait_for_tcp();
            }
            last = format!("{}\n{}", output_text(&out), self.log_tail());
        }
        bail!(
            "PostgreSQL ({}) was found but would not start: {last}",
            self.bin.display()
        )
    }

    fn pg_ctl_start(&self, port: u16) -> Result<Output> {
        let data = self.data_dir();
        let log = self.dir.path().join("server.log");
        // Only the port goes through `-o` (pg_ctl hands it to a shell); the rest is in the
        // config file, so no path needs quoting.
        let options = format!("-p {port}");
        self.run(
            "pg_ctl",
            &[
                "start".as_ref(),
                "-D".as_ref(),
                data.as_os_str(),
                "-l".as_ref(),
                log.as_os_str(),
                "-o".as_ref(),
                options.as_ref(),
                "-w".as_ref(),
                "-t".as_ref(),
                "30".as_ref(),
            ],
        )
    }

    fn wait_for_tcp(&self) -> Result<()> {
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        for _ in 0..100 {
            if TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!(
            "PostgreSQL started but does not accept connections on 127.0.0.1:{}\n{}",
            self.port,
            self.log_tail()
        )
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let start = lines.len().saturating_sub(20);
        format!("server log:\n{}", lines[start..].join("\n"))
    }

    fn run_checked(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Result<()> {
        let out = self.run(tool, args)?;
        if !out.status.success() {
            bail!(
                "`{tool}` failed: {}\n{}",
                output_text(&out),
                self.log_tail()
            );
        }
        Ok(())
    }

    /// Runs a server tool, as the postgres user when running as root.
    fn run(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Result<Output> {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres_user {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(&program);
            command
        } else {
            Command::new(&program)
        };
        command
            .args(args)
            // The postgres user may not be allowed into the working directory.
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {}", program.display()))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.running {
            let _ = self.pg_ctl_stop();
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr().context("finding a free port")?.port())
}

/// The folder holding both `initdb` and `pg_ctl`: PATH first, else Debian's
/// /usr/lib/postgresql/<version>/bin with the newest version.
fn find_bin_dir() -> Option<PathBuf> {
    let has_tools = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb"]
            .iter()
            .all(|tool| dir.join(tool).is_file())
    };
    if let Some(path) = std::env::var_os("PATH")
        && let Some(dir) = std::env::split_paths(&path).find(|dir| has_tools(dir))
    {
        return Some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| has_tools(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn running_as_root() -> Result<bool> {
    Ok(id(&["-u"])? == 0)
}

fn id(args: &[&str]) -> Result<u32> {
    let out = Command::new("id")
        .args(args)
        .output()
        .context("running `id`")?;
    if !out.status.success() {
        bail!(
            "`id {}` failed (is there a `postgres` user? `apt-get install postgresql` makes one): {}",
            args.join(" "),
            output_text(&out)
        );
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .with_context(|| format!("`id {}` printed no number", args.join(" ")))
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
