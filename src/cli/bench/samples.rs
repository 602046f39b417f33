//! The benchmark desk's material: names in three languages, organisations, phone formats,
//! codes, and the problems callers ring about. Alternatives are separated by `|`.

use fastrand::Rng;

use crate::domain::NewCaller;
use crate::domain::fold::{fold, phone_digits};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Land {
    Nl,
    Hu,
    En,
}

const NL_FIRST: &str = "Jan|Anouk|Daan|Sanne|Ruud|Femke|Pieter|Lotte|Bram|Eline|Joost|Marieke|Sem|\
    Noëlle|Thijs|Floor|Wouter|Iris|Gijs|Renée|Maarten|Chloë|René|IJsbrand|Zoë|Koen|Esther|Joëlle|\
    Sjoerd|Ilse|Michiel|Annemiek|Niels|Ingrid|Hendrik|Willemijn|Jeroen|Marloes|Tim|Fleur|Lars|\
    Janneke|Jasper|Merel|Stijn|Lieke|Bart|Roos|Jan-Willem|Geert";
const NL_LAST: &str = "de Vries|van den Berg|Bakker|Jansen|van Dijk|Visser|de Jong|Smit|Mulder|\
    de Bruijn|van der Meer|Dijkstra|Hoekstra|de Wit|van Rijn|IJzerman|Meijer|de Rooij|Kuijpers|\
    van Leeuwen|Hendriks|Vermeulen|Brouwer|van IJzendoorn|Bosman|de Graaf|Wijnands|Blijleven|\
    Janssen|Peters|van der Linden|Koster|Prins|Huisman|Post|Kok|Schouten|Willems|van Beek|\
    Verhoeven|Dekker|Timmermans|Groen|van 't Hof|Çelik|El Amrani|Nijland|Schröder|Ruïs|Vrieling";
// Ödön is left out: the one Ödön on the desk is the one the benchmark searches for.
const HU_FIRST: &str = "Erzsébet|Győző|Zsófia|Ármin|Réka|László|Katalin|Bence|Anikó|Gábor|Ildikó|\
    Zoltán|Eszter|Tünde|Péter|Júlia|Márton|Dóra|Levente|Ágnes|Csaba|Orsolya|Ferenc|Emőke|István|\
    Hajnalka|Tamás|Boglárka|Szilárd|Krisztina|Ernő|Gyöngyi|Ünige|Attila|Balázs|Dániel|Éva|Judit|\
    Kristóf|Lőrinc|Mónika|Nóra|Örs|Pál|Rozália|Sándor|Tímea|Vilmos|Zsolt|Ákos";
const HU_LAST: &str = "Kovács|Szőke|Tóth|Nagy|Fekete|Horváth|Szabó|Kiss|Varga|Molnár|Németh|\
    Farkas|Balogh|Papp|Takács|Juhász|Lakatos|Mészáros|Oláh|Simon|Rácz|Fehér|Pásztor|Vörös|Szűcs|\
    Bíró|Gulyás|Hegedűs|Kelemen|Lőrincz|Győri|Bűdy|Sipos|Fodor|Csonka|Magyar|Bognár|Vágó|Ördög|\
    Szilágyi";
const EN_FIRST: &str = "James|Emily|Oliver|Charlotte|Harry|Sophie|Jack|Amelia|George|Grace|Thomas|\
    Lucy|William|Hannah|Daniel|Chloe|Samuel|Megan|Joseph|Zoë|Liam|Niamh|Rhys|Siobhan|Aoife|Seán|\
    Ffion|Dylan|Eleanor|Freya|Callum|Imogen|Ewan|Isla|Rory|Poppy|Alfie|Mia|Finley|Ruby";
const EN_LAST: &str = "Smith|Jones|Taylor|Brown|Williams|Wilson|Johnson|Davies|Robinson|Wright|\
    Thompson|Evans|Walker|White|Roberts|Green|Hall|Wood|O'Brien|Clarke|Hughes|Patel|Murphy|\
    Fletcher|MacDonald|Ó Súilleabháin|Kaur|Nowak|Khan|Price|Bennett|Griffiths|Lloyd|Morgan|\
    Ní Bhriain|Doyle";

/// Organisations are a kind of body in a place: `@` stands for the place.
pub(super) const ORGS_NL: &str = "Gemeente @|Ziekenhuis @|Openbare Bibliotheek @|\
    Stedelijk Gymnasium @|Woonbedrijf @|Notariskantoor @|Installatiebedrijf @ B.V.|GGD @";
pub(super) const PLACES_NL: &str = "Utrecht|Zwolle|IJsselstein|Súdwest-Fryslân|'s-Hertogenbosch|\
    Leiden|Groningen|Delft|Almere|Enschede|Tilburg|Haarlem|Amersfoort|Nijmegen|Leeuwarden|\
    Maastricht|Den Helder|Emmen|Zoetermeer|Dordrecht";
pub(super) const ORGS_HU: &str = "@ Vízmű Zrt.|@ Gépgyártó Kft.|@ Pékség Bt.|@ Kórház|\
    @ Logisztika Kft.|@ Általános Iskola|@ Könyvtár";
pub(super) const PLACES_HU: &str = "Győri|Szegedi|Debreceni|Pécsi|Miskolci|Soproni|Egri|\
    Kecskeméti|Budapesti|Székesfehérvári|Nyíregyházi|Szombathelyi";
pub(super) const ORGS_EN: &str = "@ Primary School|@ Dental Practice|@ Logistics Ltd|\
    @ Solicitors|@ Surgery|@ Housing Trust|@ Veterinary Clinic";
pub(super) const PLACES_EN: &str = "Northgate|Harbour Lane|Fenwick|Greenway|Ashford|Kingsbridge|\
    Millbrook|Redhill|Thornbury|Westfield|Oakham|Hollins";

/// The callers the benchmark searches for, found as the README says they are.
pub(super) struct Documented {
    pub name: &'static str,
    organization: &'static str,
    phone: &'static str,
    email: &'static str,
    tag: &'static str,
}

#[rustfmt::skip]
pub(super) const DOCUMENTED: [Documented; 2] = [
    Documented { name: "Jan de Vries", organization: "Gemeente Utrecht", phone: "+31 6 1234 5678",
        email: "jan.devries@utrecht.nl", tag: "NB-20431" },
    Documented { name: "Ödön Kovács", organization: "Magyar Posta Zrt.", phone: "+36 30 123 4567",
        email: "kovacs.odon@posta.hu", tag: "NB-31877" },
];

impl Documented {
    pub fn caller(&self) -> NewCaller {
        NewCaller {
            name: self.name.into(),
            organization: self.organization.into(),
            phones: vec![self.phone.into()],
            emails: vec![self.email.into()],
            identifiers: vec![self.tag.into(), org_code(self.organization, Land::Nl)],
        }
    }
}

/// True when a search for a documented caller's number would also find `phone`.
pub(super) fn collides(phone: &str) -> bool {
    let digits = phone_digits(phone);
    DOCUMENTED.iter().any(|d| {
        let theirs = phone_digits(d.phone);
        let national = theirs.get(2..).unwrap_or_default();
        digits.contains(&theirs) || digits.contains(national)
    })
}

pub(super) fn pick<'t>(rng: &mut Rng, alternatives: &'t str) -> &'t str {
    let count = alternatives.split('|').count();
    let chosen = alternatives.split('|').nth(rng.usize(..count));
    chosen.unwrap_or_default().trim()
}

pub(super) fn one<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// A name as the caller gives it, with the first and last name it was made of. Hungarians
/// often give the family name first, and the desk keeps it as given.
pub(super) fn person(rng: &mut Rng, land: Land) -> (String, &'static str, &'static str) {
    let (firsts, lasts) = match land {
        Land::Nl => (NL_FIRST, NL_LAST),
        Land::Hu => (HU_FIRST, HU_LAST),
        Land::En => (EN_FIRST, EN_LAST),
    };
    let (first, last) = (pick(rng, firsts), pick(rng, lasts));
    let name = match land {
        Land::Hu if rng.u8(0..100) < 30 => format!("{last} {first}"),
        _ => format!("{first} {last}"),
    };
    (name, first, last)
}

/// The agent first, then colleagues with names from all three countries.
pub(super) fn team(rng: &mut Rng, agent: &str, size: usize) -> Vec<String> {
    let mut team = vec![agent.to_string()];
    while team.len() < size {
        let land = one(rng, &[Land::Nl, Land::Hu, Land::En]);
        let (name, _, _) = person(rng, land);
        if !team.iter().any(|t| fold(t) == fold(&name)) {
            team.push(name);
        }
    }
    team
}

/// An organisation, the country it is in, and its e-mail domain.
pub(super) fn organization(rng: &mut Rng) -> (String, Land) {
    let (land, orgs, places) = match rng.u8(0..4) {
        0 | 1 => (Land::Nl, ORGS_NL, PLACES_NL),
        2 => (Land::Hu, ORGS_HU, PLACES_HU),
        _ => (Land::En, ORGS_EN, PLACES_EN),
    };
    let name = pick(rng, orgs).replace('@', pick(rng, places));
    (name, land)
}

/// The customer number the desk knows an organisation by; the same for all its people.
pub(super) fn org_code(organization: &str, land: Land) -> String {
    let hash = organization.bytes().fold(2_166_136_261_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    });
    let prefix = match land {
        Land::Nl => "KLANT",
        Land::Hu => "UGYF",
        Land::En => "CUST",
    };
    format!("{prefix}-{:04}", hash % 10_000)
}

/// Formats as people write them down: international and national, mobile and landline.
pub(super) fn phone(rng: &mut Rng, land: Land) -> String {
    let (a, b) = (rng.u16(200..1000), rng.u16(0..10_000));
    match (land, rng.u8(0..4)) {
        (Land::Nl, 0) => format!("+31 6 {:04} {b:04}", rng.u16(1000..10_000)),
        (Land::Nl, 1) => format!("06-{:08}", rng.u32(10_000_000..100_000_000)),
        (Land::Nl, 2) => format!("+31 (0)6 {:08}", rng.u32(10_000_000..100_000_000)),
        (Land::Nl, _) => {
            let area = one(rng, &["020", "030", "010", "038", "073", "058"]);
            format!("{area}-{a:03} {b:04}")
        }
        (Land::Hu, 0) => format!("06 1 {a:03} {b:04}"),
        (Land::Hu, 1) => format!("06-30-{a:03}-{b:04}"),
        (Land::Hu, _) => format!("+36 {} {a:03} {b:04}", one(rng, &["20", "30", "70"])),
        (Land::En, 0) => format!("+44 7700 {a:03}{:03}", rng.u16(0..1000)),
        (Land::En, 1) => format!("0161 {a:03} {b:04}"),
        (Land::En, _) => format!("+44 20 7946 {b:04}"),
    }
}

/// Without 0/O and 1/I, which callers read out ambiguously.
pub(super) fn licence(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut part = || String::from_iter((0..4).map(|_| one(rng, ALPHABET) as char));
    format!("LIC-{}-{}", part(), part())
}

/// Hungarian addresses usually put the family name first; elsewhere styles vary per firm.
pub(super) fn email(rng: &mut Rng, first: &str, last: &str, land: Land, org: &str) -> String {
    let ascii = |s: &str| fold(s).replace(|c: char| !c.is_ascii_alphanumeric(), "");
    let (first, last, domain) = (ascii(first), ascii(last), ascii(org));
    let tld = match land {
        Land::Nl => "nl",
        Land::Hu => "hu",
        Land::En => "co.uk",
    };
    let local = match (land, rng.u8(0..3)) {
        (Land::Hu, _) => format!("{last}.{first}"),
        (_, 0) => format!("{}.{last}", first.get(..1).unwrap_or_default()),
        (_, 1) => format!("{first}{last}"),
        _ => format!("{first}.{last}"),
    };
    format!("{local}@{domain}.{tld}")
}

/// Asset tags, unique on the desk: a fixed stride through all of them visits each once.
#[derive(Default)]
pub(super) struct Tags {
    handed_out: u64,
}

impl Tags {
    const KINDS: [&str; 4] = ["NB", "PC", "MON", "TEL"];
    const PER_KIND: u64 = 90_000;

    pub fn next(&mut self) -> String {
        loop {
            let all = Self::PER_KIND * Self::KINDS.len() as u64;
            let index = (self.handed_out * 7_919 + 12_345) % all;
            self.handed_out += 1;
            let kind = Self::KINDS[(index / Self::PER_KIND) as usize];
            let tag = format!("{kind}-{}", 10_000 + index % Self::PER_KIND);
            if !DOCUMENTED.iter().any(|d| d.tag == tag) {
                return tag;
            }
        }
    }
}

/// Category, impact, urgency, subject, what the caller said, the fix, the promise.
pub(super) type Issue = (
    &'static str,
    u8,
    u8,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
pub(super) const ISSUES: &[Issue] = &[
    ("Network", 3, 2, "VPN disconnects every hour", "The VPN drops roughly every hour.", "Pushed the new VPN profile.", "Call back when the network team has checked the gateway logs"),
    ("E-mail", 3, 3, "Contacts gone after phone sync", "Contacts disappeared after setting up the new phone.", "Restored the contacts from deleted items.", "Call back after the restore has finished"),
    ("Printing", 3, 3, "Printer on floor 2 jams", "The printer jams on double-sided jobs.", "Vendor replaced the duplex roller.", "Let caller know when the engineer is booked"),
    ("Account", 4, 2, "Password expired, cannot log in", "The password expired over the weekend.", "Reset the password and unlocked the account.", "Call back when the account lock has cleared"),
    ("Account", 3, 2, "Phone with authenticator app lost", "Lost the phone with the authenticator app.", "Registered the authenticator on the new phone.", "Call back to register the new phone together"),
    ("Hardware", 3, 2, "Laptop stuck at manufacturer logo", "The laptop does not get past the logo.", "Replacement laptop handed over.", "Call back when the replacement laptop is ready"),
    ("Software", 4, 3, "Others cannot hear me in Teams", "In meetings nobody hears the caller.", "Set the headset as the default device.", "Check with caller after tomorrow's meeting"),
    ("Software", 3, 3, "Licence expired message at start", "The application says the licence expired.", "Assigned a free licence.", "E-mail caller when purchasing has approved the licence"),
    ("Network", 1, 1, "No internet at branch office", "The whole branch has been offline since this morning.", "Provider repaired the line.", "Call back with the provider's repair time"),
    ("Hardware", 4, 4, "Docking station does not see second screen", "The second screen stays black.", "New docking station delivered.", "Call back when the new docking station has arrived"),
    ("Software", 3, 3, "Excel closes when opening team workbook", "Excel closes without a message.", "Disabled the outdated add-in.", "Check back after the add-in vendor replies"),
    ("E-mail", 3, 3, "Team mailbox missing in Outlook", "The team mailbox is gone since yesterday.", "Restored the mailbox permission.", "Call back once replication has finished"),
    ("E-mail", 2, 2, "Mail to customers bounces", "Mail to customers bounces with a spam message.", "Delisting confirmed, test mails arrive.", "Let caller know when the delisting is confirmed"),
    ("Network", 3, 3, "Wi-Fi in meeting room unusable", "Wi-Fi drops every few minutes.", "Replaced the access point.", "Call back when the access point is replaced"),
    ("Account", 4, 4, "Account for new colleague starting Monday", "Needs access for a new colleague.", "Account ready, details sent to the manager.", "E-mail the login details to the manager"),
    ("Printing", 4, 4, "Scans to e-mail never arrive", "Scans never reach the mailbox.", "Updated the scanner's mail settings.", "Call back after the scanner settings are updated"),
    ("Software", 3, 3, "Update stuck at 30 percent", "The update has been stuck for two hours.", "Freed disk space and reran the update.", "Check the update status in the morning"),
    ("Other", 5, 4, "How to forward calls on the desk phone", "Asks how to forward calls.", "Explained the steps.", "E-mail the step-by-step guide"),
    ("Account", 4, 2, "Kan niet inloggen na wachtwoordwijziging", "Cannot log in after the password change.", "Removed the old password from the phone.", "Call back when the account lock has cleared"),
    ("Printing", 3, 3, "Papierstoring printer tweede verdieping", "The printer jams on every job.", "Vendor cleaned the rollers.", "Let caller know when the engineer is booked"),
    ("Network", 2, 2, "Geen netwerk op locatie sinds vanochtend", "No network at the location.", "Power restored to the switch.", "Call back when facilities have checked the power"),
    ("Network", 3, 2, "Folyamatosan megszakad a VPN-kapcsolat", "The VPN keeps disconnecting.", "Client updated and certificate renewed.", "Call back when the network team has checked the gateway logs"),
    ("Account", 4, 2, "Zárolták a fiókomat", "Account locked after the holiday.", "Password reset, caller logged in.", "Call back when the account lock has cleared"),
    ("Hardware", 3, 2, "Lefagy a laptop indításkor", "The laptop freezes during start-up.", "Rolled back the graphics driver.", "Call back when the replacement laptop is ready"),
];

pub(super) const NOTES: &str = "Remote session: reproduced the problem.|Checked the known errors, \
    nothing similar.|Escalated to second line.|Two colleagues on the same floor report this too.|\
    Caller works part-time, reachable Monday to Wednesday.";
pub(super) const INBOUND: &str = "Caller rings back, the problem is still there.|Caller asks for an \
    update.|Caller e-mails a screenshot of the error.|Caller reports it happened again.";
pub(super) const KEPT: &str = "Called back as agreed.|Called back, walked through the fix together.|\
    E-mailed the update as agreed.";
pub(super) const CANCEL: &str = "Caller solved it themselves.|Caller is on leave.|Replaced by an \
    on-site visit.|A colleague already informed the caller.";
pub(super) const CALLBACK: &str = "Caller asked to be called back";
pub(super) const RESCHEDULE: &str = "Vendor needs another day.|Caller asked to call after lunch.|\
    Replacement part delayed.";
