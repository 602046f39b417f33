//! A TCP proxy on 127.0.0.1 between a client and a server, whose network the test controls:
//! pass, cut, black hole or delay. Threads and std only; at most `MAX_CONNECTIONS` at once;
//! everything stops when the proxy is dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// More connections than any test opens; beyond it a new one is closed at once.
pub const MAX_CONNECTIONS: usize = 64;

const CHUNK: usize = 16 * 1024;

/// What the network between client and server does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Bytes flow both ways.
    Pass,
    /// Every open connection is closed; new ones are accepted and closed at once.
    Cut,
    /// Connections stay open but nothing arrives: bytes either way are swallowed, and new
    /// connections are accepted and never reach the server.
    BlackHole,
    /// Bytes flow, each chunk held back this long first.
    Delay(Duration),
}

pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

struct Shared {
    upstream: SocketAddr,
    mode: Mutex<Mode>,
    stopping: AtomicBool,
    next_id: AtomicU64,
    /// Both sockets of every open connection, so that a cut or a drop can close them from here.
    open: Mutex<Vec<(u64, TcpStream, Option<TcpStream>)>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl Proxy {
    /// A proxy on a free port of 127.0.0.1 forwarding to `upstream_port` there, in `Mode::Pass`.
    pub fn to(upstream_port: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy on 127.0.0.1");
        let port = listener.local_addr().expect("the proxy's address").port();
        let shared = Arc::new(Shared {
            upstream: SocketAddr::from(([127, 0, 0, 1], upstream_port)),
            mode: Mutex::new(Mode::Pass),
            stopping: AtomicBool::new(false),
            next_id: AtomicU64::new(0),
            open: Mutex::new(Vec::new()),
            workers: Mutex::new(Vec::new()),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_loop(&listener, &shared))
        };
        Proxy {
            port,
            shared,
            acceptor: Some(acceptor),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn set(&self, mode: Mode) {
        *lock(&self.shared.mode) = mode;
        if mode == Mode::Cut {
            self.shared.close_all();
        }
    }

    pub fn pass(&self) {
        self.set(Mode::Pass);
    }

    pub fn cut(&self) {
        self.set(Mode::Cut);
    }

    pub fn black_hole(&self) {
        self.set(Mode::BlackHole);
    }

    pub fn delay(&self, per_chunk: Duration) {
        self.set(Mode::Delay(per_chunk));
    }

    /// Connections open through the proxy right now.
    pub fn open_connections(&self) -> usize {
        lock(&self.shared.open).len()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.close_all();
        // The acceptor blocks in `accept`; one connection of our own wakes it to see the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        // A connection accepted just before the flag was set is closed too.
        self.shared.close_all();
        let workers = std::mem::take(&mut *lock(&self.shared.workers));
        for worker in workers {
            let _ = worker.join();
        }
    }
}

impl Shared {
    fn mode(&self) -> Mode {
        *lock(&self.mode)
    }

    fn close_all(&self) {
        for (_, client, server) in lock(&self.open).drain(..) {
            close(&client, server.as_ref());
        }
    }

    fn forget(&self, id: u64) {
        lock(&self.open).retain(|(open, _, _)| *open != id);
    }

    fn spawn(&self, work: impl FnOnce() + Send + 'static) {
        let mut workers = lock(&self.workers);
        workers.retain(|worker| !worker.is_finished());
        workers.push(std::thread::spawn(work));
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for client in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(client) = client else {
            // Out of descriptors or the like: wait a moment rather than spin.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let mode = shared.mode();
        if mode == Mode::Cut || lock(&shared.open).len() >= MAX_CONNECTIONS {
            drop(client);
            continue;
        }
        let server = if mode == Mode::BlackHole {
            None
        } else {
            match TcpStream::connect(shared.upstream) {
                Ok(server) => Some(server),
                // The server is down: the client sees its connection closed, as from a real one.
                Err(_) => continue,
            }
        };
        open_connection(shared, client, server);
    }
}

fn open_connection(shared: &Arc<Shared>, client: TcpStream, server: Option<TcpStream>) {
    let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
    let (Ok(client_handle), Ok(server_handle)) = (
        client.try_clone(),
        server.as_ref().map(TcpStream::try_clone).transpose(),
    ) else {
        return;
    };
    lock(&shared.open).push((id, client_handle, server_handle));
    match server {
        Some(server) => {
            let (Ok(client_in), Ok(server_in)) = (client.try_clone(), server.try_clone()) else {
                close(&client, Some(&server));
                shared.forget(id);
                return;
            };
            let up = Arc::clone(shared);
            shared.spawn(move || pump(id, client_in, server, &up));
            let down = Arc::clone(shared);
            shared.spawn(move || pump(id, server_in, client, &down));
        }
        None => {
            let sink = Arc::clone(shared);
            shared.spawn(move || swallow(id, client, &sink));
        }
    }
}

/// Copies `from` to `to` chunk by chunk, doing to each chunk what the mode says; when either
/// side ends, the whole connection ends.
fn pump(id: u64, mut from: TcpStream, mut to: TcpStream, shared: &Shared) {
    let mut buffer = vec![0; CHUNK];
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        match shared.mode() {
            Mode::Pass => {}
            Mode::Cut => break,
            Mode::BlackHole => continue,
            Mode::Delay(by) => std::thread::sleep(by),
        }
        if shared.stopping.load(Ordering::SeqCst) || to.write_all(&buffer[..read]).is_err() {
            break;
        }
    }
    close(&from, Some(&to));
    shared.forget(id);
}

/// A connection accepted while the network is a black hole: read and dropped until closed.
fn swallow(id: u64, mut client: TcpStream, shared: &Shared) {
    let mut buffer = vec![0; CHUNK];
    while matches!(client.read(&mut buffer), Ok(read) if read > 0) {}
    close(&client, None);
    shared.forget(id);
}

fn close(client: &TcpStream, server: Option<&TcpStream>) {
    let _ = client.shutdown(Shutdown::Both);
    if let Some(server) = server {
        let _ = server.shutdown(Shutdown::Both);
    }
}

/// A poisoned lock only means a proxy thread panicked; the state it guards stays usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
