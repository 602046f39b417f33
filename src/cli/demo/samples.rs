//! The demo desk's own cast: the organisations its callers work for and the agent's team.
//! People, numbers and problems come from `cli::samples`, as the benchmark's do.

use crate::cli::samples::Land;
use crate::domain::Channel;
use Land::{En, Hu, Nl};

/// Name, e-mail domain, country and the customer code the desk knows the organisation by.
#[rustfmt::skip]
pub(super) const ORGS: &[(&str, &str, Land, &str)] = &[
    ("Gemeente Utrecht", "utrecht.nl", Nl, "KLANT-0042"),
    ("Gemeente Zwolle", "zwolle.nl", Nl, "KLANT-0107"),
    ("Gemeente IJsselstein", "ijsselstein.nl", Nl, "KLANT-0233"),
    ("Gemeente Súdwest-Fryslân", "sudwestfryslan.nl", Nl, "KLANT-0318"),
    ("Gemeente 's-Hertogenbosch", "s-hertogenbosch.nl", Nl, "KLANT-0451"),
    ("Ziekenhuis Gelderse Vallei", "zgv.nl", Nl, "KLANT-0520"),
    ("Stedelijk Gymnasium Leiden", "sgleiden.nl", Nl, "KLANT-0611"),
    ("OBS De Regenboog", "obsderegenboog.nl", Nl, "KLANT-0774"),
    ("Bakkerij Van Dijk", "bakkerijvandijk.nl", Nl, "KLANT-0815"),
    ("Fietsenwinkel De Ketting", "deketting.nl", Nl, "KLANT-0902"),
    ("Magyar Posta Zrt.", "posta.hu", Hu, "UGYF-1187"),
    ("Tisza Logisztika Kft.", "tiszalogisztika.hu", Hu, "UGYF-1203"),
    ("Győri Gépgyártó Kft.", "gyorigep.hu", Hu, "UGYF-1245"),
    ("Bolyai János Gimnázium", "bolyai-gimn.hu", Hu, "UGYF-1302"),
    ("Dunakanyar Pékség Bt.", "dunakanyarpekseg.hu", Hu, "UGYF-1356"),
    ("Szegedi Vízmű Zrt.", "szegedivizmu.hu", Hu, "UGYF-1419"),
    ("Northgate Primary School", "northgate.sch.uk", En, "CUST-0311"),
    ("Harbour Lane Dental Practice", "harbourlanedental.co.uk", En, "CUST-0378"),
    ("Fenwick & Hale Solicitors", "fenwickhale.co.uk", En, "CUST-0412"),
    ("Greenway Logistics Ltd", "greenwaylogistics.co.uk", En, "CUST-0466"),
];

/// Colleagues of `DemoOptions::agent`; the first four that are not the agent make the team.
pub(super) const TEAM: &str = "Marieke Hoekstra|Bence Szabó|Tom Fletcher|Lotte Mulder|Kata Molnár";

/// The channel a sample text names, so that "E-mail the guide" is an e-mail and "Left a
/// voicemail" a phone call; `None` for words that fit any channel ("Let caller know").
pub(super) fn channel_told(text: &str) -> Option<Channel> {
    let text = text.to_lowercase();
    if text.contains("e-mail") {
        Some(Channel::Email)
    } else if (text.starts_with("call") && !text.starts_with("caller"))
        || text.contains("rings")
        || text.contains("voicemail")
    {
        Some(Channel::Phone)
    } else {
        None
    }
}
