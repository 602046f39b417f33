//! The team store over TLS: a server signed by a private authority is reached only with that
//! authority in `[team] ca_file`, and only under a name its certificate holds.

mod support;

use balie::store::Store;
use balie::sync::{self, Address, SyncError};
use chrono::Utc;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
use support::team::Team;

struct Authority {
    ca_pem: String,
    cert_pem: String,
    key_pem: String,
}

/// A private certificate authority and a server certificate it signed for `names`.
fn authority(names: &[SanType]) -> Authority {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "balie test authority");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let mut server = CertificateParams::new(Vec::<String>::new()).unwrap();
    server.subject_alt_names = names.to_vec();
    let server_cert = server.signed_by(&server_key, &ca_cert, &ca_key).unwrap();
    Authority {
        ca_pem: ca_cert.pem(),
        cert_pem: server_cert.pem(),
        key_pem: server_key.serialize_pem(),
    }
}

fn join(team: &Team, ca_file: Option<&std::path::Path>) -> Result<(), SyncError> {
    let path = team
        .dir
        .path()
        .join(format!("{}.db", balie::domain::new_id()));
    let mut store = Store::open(&path, "Anna").unwrap();
    let address = Address::parse(&format!(
        "postgres://anna@127.0.0.1:{}/postgres?sslmode=require",
        team.server.port()
    ))
    .unwrap();
    sync::join(&mut store, &address, ca_file, Utc::now(), &mut |_| {}).map(|_| ())
}

#[test]
fn a_private_authority_in_ca_file_is_trusted_and_nothing_else_is() {
    let Some(mut team) = Team::start(&["Anna"]) else {
        return;
    };
    let ip = SanType::IpAddress("127.0.0.1".parse().unwrap());
    let signed = authority(&[ip]);
    team.server.enable_tls(&signed.cert_pem, &signed.key_pem);
    let ca_file = team.dir.path().join("team-ca.pem");
    std::fs::write(&ca_file, &signed.ca_pem).unwrap();

    let refused = join(&team, None).expect_err("an unknown authority is refused");
    assert!(
        refused.to_string().contains("certificate"),
        "the refusal says why: {refused}"
    );
    join(&team, Some(&ca_file)).expect("the private authority is trusted");
}

#[test]
fn a_certificate_for_another_host_is_refused() {
    let Some(mut team) = Team::start(&["Anna"]) else {
        return;
    };
    let elsewhere = authority(&[SanType::DnsName("db.example.org".try_into().unwrap())]);
    team.server
        .enable_tls(&elsewhere.cert_pem, &elsewhere.key_pem);
    let ca_file = team.dir.path().join("team-ca.pem");
    std::fs::write(&ca_file, &elsewhere.ca_pem).unwrap();
    let refused = join(&team, Some(&ca_file)).expect_err("the name does not match");
    assert!(
        refused.to_string().contains("certificate"),
        "the refusal says why: {refused}"
    );
}
