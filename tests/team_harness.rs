//! The team store's test harness itself: a throwaway PostgreSQL behind a proxy the test
//! controls, so that later tests can trust a cut, a black hole, a delay and a crash to do
//! what they say.

mod support;

use postgres::{Client, NoTls};
use std::time::{Duration, Instant};
use support::postgres::{Postgres, connection_string};
use support::proxy::Proxy;

/// Bounds every connection attempt, so that a broken harness fails instead of hanging.
const CONNECT_BOUND: Duration = Duration::from_secs(10);

fn connect(port: u16) -> Result<Client, postgres::Error> {
    let mut config: postgres::Config = connection_string(port)
        .parse()
        .expect("a valid connection string");
    config.connect_timeout(CONNECT_BOUND);
    config.connect(NoTls)
}

fn answer(client: &mut Client) -> Result<i32, postgres::Error> {
    Ok(client.query_one("SELECT 40 + 2", &[])?.get(0))
}

#[test]
fn a_cut_fails_the_connection_and_after_a_pass_a_new_one_works() {
    let Some(server) = Postgres::start() else {
        return;
    };
    let proxy = Proxy::to(server.port());
    let mut client = connect(proxy.port()).expect("connect through the proxy");
    assert_eq!(answer(&mut client).expect("a query through the proxy"), 42);
    assert_eq!(proxy.open_connections(), 1);

    proxy.cut();
    assert!(
        answer(&mut client).is_err(),
        "a query over a cut connection"
    );
    assert!(
        client.is_closed(),
        "the client knows its connection is gone"
    );
    assert!(connect(proxy.port()).is_err(), "a new connection while cut");
    assert_eq!(proxy.open_connections(), 0);

    proxy.pass();
    let mut again = connect(proxy.port()).expect("connect again after the cut");
    assert_eq!(answer(&mut again).expect("a query after the cut"), 42);

    // A delay slows every chunk each way but loses nothing: one round trip holds two chunks.
    let per_chunk = Duration::from_millis(100);
    proxy.delay(per_chunk);
    let started = Instant::now();
    let rows = again
        .simple_query("SELECT 'still here'")
        .expect("a query through a delay");
    assert!(
        started.elapsed() >= 2 * per_chunk,
        "the delay held the query back"
    );
    let still_here = rows.iter().find_map(|message| match message {
        postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_owned),
        _ => None,
    });
    assert_eq!(still_here.as_deref(), Some("still here"));
}

#[test]
fn a_black_hole_times_a_query_out_while_the_server_itself_is_fine() {
    let Some(server) = Postgres::start() else {
        return;
    };
    let proxy = Proxy::to(server.port());
    let mut client = connect(proxy.port()).expect("connect through the proxy");
    client
        .is_valid(CONNECT_BOUND)
        .expect("the connection works before the black hole");

    proxy.black_hole();
    let lost = client.is_valid(Duration::from_millis(300));
    assert!(
        lost.is_err(),
        "a query into the black hole answered: {lost:?}"
    );
    assert_eq!(proxy.open_connections(), 1, "the black hole closes nothing");
    let mut direct = connect(server.port()).expect("connect to the server directly");
    assert_eq!(answer(&mut direct).expect("a direct query"), 42);

    // The lost client is given up. Its drop waits for the server's goodbye, which never comes
    // after a swallowed query, so the connection is cut first, as a client's own timeout would.
    proxy.cut();
    drop(client);
    proxy.pass();
    let mut again = connect(proxy.port()).expect("connect after the black hole");
    assert_eq!(
        answer(&mut again).expect("a query after the black hole"),
        42
    );
}

#[test]
fn a_crashed_server_fails_the_next_query_and_after_a_restart_serves_what_was_committed() {
    let Some(mut server) = Postgres::start() else {
        return;
    };
    let proxy = Proxy::to(server.port());
    let mut client = connect(proxy.port()).expect("connect through the proxy");
    client
        .batch_execute(
            "CREATE TABLE notes (id text PRIMARY KEY, body text NOT NULL);
             INSERT INTO notes VALUES ('n1', 'called back');",
        )
        .expect("write before the crash");

    server.stop_immediately();
    assert!(answer(&mut client).is_err(), "a query after the crash");
    assert!(
        connect(proxy.port()).is_err(),
        "a new connection to a dead server"
    );

    server.restart();
    let mut again = connect(proxy.port()).expect("connect after the restart");
    let body: String = again
        .query_one("SELECT body FROM notes WHERE id = 'n1'", &[])
        .expect("the committed note after recovery")
        .get(0);
    assert_eq!(body, "called back");
}
