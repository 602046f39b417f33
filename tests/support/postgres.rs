//! A throwaway PostgreSQL cluster for one test: `initdb` into a temp dir, `pg_ctl start` on a
//! free port on 127.0.0.1 only, stopped and removed on drop. The team store is tested against
//! the real server, so where none is installed the test says so loudly and passes over itself,
//! unless `BALIE_REQUIRE_POSTGRES=1` asks for a failure instead (as `.ci/run` does).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The superuser role of every throwaway cluster, also when the tests do not run as root.
pub const SUPERUSER: &str = "postgres";

/// Set to `1` to make a missing PostgreSQL fail a test instead of passing over it.
pub const REQUIRE_VARIABLE: &str = "BALIE_REQUIRE_POSTGRES";

/// A running (or deliberately stopped) cluster in a temp dir of its own.
pub struct Postgres {
    bin: PathBuf,
    // Fields drop after `Drop::drop` has stopped the server, so the folder goes last.
    dir: tempfile::TempDir,
    port: u16,
    as_postgres_user: bool,
    running: bool,
}

impl Postgres {
    /// Starts a cluster for the calling test, or returns `None` after saying loudly on stderr
    /// that the test passed over itself because no PostgreSQL is installed. Panics when one is
    /// installed but will not start, and when none is installed while
    /// `BALIE_REQUIRE_POSTGRES=1`.
    pub fn start() -> Option<Postgres> {
        // libtest names each test's thread after the test.
        let current = std::thread::current();
        let test = current.name().unwrap_or("a PostgreSQL test");
        let Some(bin) = find_bin_dir() else {
            let required = std::env::var(REQUIRE_VARIABLE).is_ok_and(|v| v == "1");
            let message = "no PostgreSQL server found (`initdb` and `pg_ctl` neither on PATH nor \
                 in /usr/lib/postgresql/*/bin); install it with `apt-get install postgresql`";
            if required {
                panic!("{test}: {message} ({REQUIRE_VARIABLE}=1 is set, so this fails)");
            }
            // Straight to stderr: `eprintln!` would be swallowed by the capture of a passing test.
            let banner = format!(
                "\n==========================================================================\n\
                 SKIPPED {test}: {message}, or set {REQUIRE_VARIABLE}=1 to make this a failure.\n\
                 ==========================================================================\n"
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), banner.as_bytes());
            return None;
        };
        Some(Postgres::init(bin))
    }

    fn init(bin: PathBuf) -> Postgres {
        let as_postgres_user = running_as_root();
        let dir = tempfile::Builder::new()
            .prefix("balie-pg-")
            .tempdir()
            .expect("temp dir for a PostgreSQL cluster");
        if as_postgres_user {
            // The server refuses to run as root; its own user must own the cluster's folder.
            let (uid, gid) = postgres_user_ids();
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .expect("hand the cluster's temp dir to the postgres user");
        }
        let mut cluster = Postgres {
            bin,
            dir,
            port: 0,
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
        );
        let settings = format!(
            "\n# balie test cluster: loopback only; without fsync a killed server still keeps its\n\
             # commits (the kernel holds them), only a machine crash would lose them\n\
             listen_addresses = '127.0.0.1'\n\
             unix_socket_directories = '{}'\n\
             fsync = off\n",
            cluster.dir.path().display()
        );
        append(&data.join("postgresql.conf"), &settings);
        cluster.start_on_a_free_port();
        cluster
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A libpq connection string for the superuser, straight to the server.
    pub fn connection_string(&self) -> String {
        connection_string(self.port)
    }

    /// Turns on TLS with this certificate (PEM, with its chain) and key, as a server reached
    /// over a network would have it; plain connections from loopback still work.
    pub fn enable_tls(&mut self, cert_pem: &str, key_pem: &str) {
        let data = self.data_dir();
        for (name, text) in [("server.crt", cert_pem), ("server.key", key_pem)] {
            let path = data.join(name);
            std::fs::write(&path, text).expect("write the server's TLS files");
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .expect("the key must be private to the server");
            if self.as_postgres_user {
                let (uid, gid) = postgres_user_ids();
                std::os::unix::fs::chown(&path, Some(uid), Some(gid))
                    .expect("hand the TLS files to the postgres user");
            }
        }
        append(
            &data.join("postgresql.conf"),
            "
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
",
        );
        self.stop_immediately();
        self.restart();
    }

    /// Kills the server as a crash would: `pg_ctl stop -m immediate`, no shutdown checkpoint.
    pub fn stop_immediately(&mut self) {
        let data = self.data_dir();
        self.run_checked(
            "pg_ctl",
            &[
                "stop".as_ref(),
                "-D".as_ref(),
                data.as_os_str(),
                "-m".as_ref(),
                "immediate".as_ref(),
                "-w".as_ref(),
            ],
        );
        self.running = false;
    }

    /// Starts the server again on its port (after a crash it recovers first) and waits until
    /// it accepts connections.
    pub fn restart(&mut self) {
        let out = self.pg_ctl_start(self.port);
        assert!(
            out.status.success(),
            "restarting PostgreSQL on port {} failed: {}\n{}",
            self.port,
            output_text(&out),
            self.log_tail()
        );
        self.running = true;
        self.wait_for_tcp();
    }

    fn start_on_a_free_port(&mut self) {
        // Another test may take the port between asking and binding; a few fresh ports cover it.
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let out = self.pg_ctl_start(port);
            if out.status.success() {
                self.port = port;
                self.running = true;
                self.wait_for_tcp();
                return;
            }
            last = format!("{}\n{}", output_text(&out), self.log_tail());
        }
        panic!(
            "PostgreSQL ({}) was found but would not start: {last}",
            self.bin.display()
        );
    }

    fn pg_ctl_start(&self, port: u16) -> Output {
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

    /// `pg_ctl -w` waits for the server's own readiness; this also proves the TCP listener.
    fn wait_for_tcp(&self) {
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        for _ in 0..100 {
            if TcpStream::connect_timeout(&address, std::time::Duration::from_secs(1)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!(
            "PostgreSQL started but does not accept connections on 127.0.0.1:{}\n{}",
            self.port,
            self.log_tail()
        );
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

    fn run_checked(&self, tool: &str, args: &[&std::ffi::OsStr]) {
        let out = self.run(tool, args);
        assert!(
            out.status.success(),
            "`{tool}` failed: {}\n{}",
            output_text(&out),
            self.log_tail()
        );
    }

    /// Runs a server tool, as the postgres user when the tests run as root.
    fn run(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Output {
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
            // The postgres user may not be allowed into the test's working directory.
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|error| panic!("could not run {}: {error}", program.display()))
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.running {
            // Immediate: nothing in a throwaway cluster is worth a shutdown checkpoint.
            let data = self.data_dir();
            let _ = self.run(
                "pg_ctl",
                &[
                    "stop".as_ref(),
                    "-D".as_ref(),
                    data.as_os_str(),
                    "-m".as_ref(),
                    "immediate".as_ref(),
                    "-w".as_ref(),
                ],
            );
        }
        // The temp dir removes itself after this.
    }
}

/// A libpq connection string for the superuser on 127.0.0.1:`port` (the server's or a
/// proxy's).
pub fn connection_string(port: u16) -> String {
    format!("host=127.0.0.1 port={port} user={SUPERUSER} dbname=postgres")
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

/// The folder holding both `initdb` and `pg_ctl`: PATH first, else Debian's
/// /usr/lib/postgresql/<version>/bin with the newest version.
fn find_bin_dir() -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
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

fn running_as_root() -> bool {
    id(&["-u"]) == 0
}

fn postgres_user_ids() -> (u32, u32) {
    (id(&["-u", "postgres"]), id(&["-g", "postgres"]))
}

fn id(args: &[&str]) -> u32 {
    let out = Command::new("id").args(args).output().expect("run `id`");
    assert!(
        out.status.success(),
        "`id {}` failed (is there a `postgres` user? `apt-get install postgresql` makes one): {}",
        args.join(" "),
        output_text(&out)
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("`id {}` printed no number", args.join(" ")))
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap_or_else(|error| panic!("open {}: {error}", path.display()));
    file.write_all(text.as_bytes())
        .unwrap_or_else(|error| panic!("write {}: {error}", path.display()));
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
