//! Names in three languages, organisations, phone numbers and codes, as people write them.

use fastrand::Rng;

use super::{DOCUMENTED, Land, one, pick};
use crate::domain::fold::fold;

const NL_FIRST: &str = "Jan|Anouk|Daan|Sanne|Ruud|Femke|Pieter|Lotte|Bram|Eline|Joost|Marieke|Sem|\
    Noëlle|Thijs|Floor|Wouter|Iris|Gijs|Renée|Maarten|Chloë|René|IJsbrand|Zoë|Koen|Esther|Joëlle|\
    Sjoerd|Ilse|Michiel|Annemiek|Niels|Ingrid|Hendrik|Willemijn|Jeroen|Marloes|Tim|Fleur|Lars|\
    Janneke|Jasper|Merel|Stijn|Lieke|Bart|Roos|Jan-Willem|Geert";
const NL_LAST: &str = "de Vries|van den Berg|Bakker|Jansen|van Dijk|Visser|de Jong|Smit|Mulder|\
    de Bruijn|van der Meer|Dijkstra|Hoekstra|de Wit|van Rijn|IJzerman|Meijer|de Rooij|Kuijpers|\
    van Leeuwen|Hendriks|Vermeulen|Brouwer|van IJzendoorn|Bosman|de Graaf|Wijnands|Blijleven|\
    Janssen|Peters|van der Linden|Koster|Prins|Huisman|Post|Kok|Schouten|Willems|van Beek|\
    Verhoeven|Dekker|Timmermans|Groen|van 't Hof|Çelik|El Amrani|Nijland|Schröder|Ruïs|Vrieling";
// Ödön is left out: the one Ödön on the desk is the one the documentation and the benchmark
// search for.
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
const ORGS_NL: &str = "Gemeente @|Ziekenhuis @|Openbare Bibliotheek @|\
    Stedelijk Gymnasium @|Woonbedrijf @|Notariskantoor @|Installatiebedrijf @ B.V.|GGD @";
const PLACES_NL: &str = "Utrecht|Zwolle|IJsselstein|Súdwest-Fryslân|'s-Hertogenbosch|\
    Leiden|Groningen|Delft|Almere|Enschede|Tilburg|Haarlem|Amersfoort|Nijmegen|Leeuwarden|\
    Maastricht|Den Helder|Emmen|Zoetermeer|Dordrecht";
const ORGS_HU: &str = "@ Vízmű Zrt.|@ Gépgyártó Kft.|@ Pékség Bt.|@ Kórház|\
    @ Logisztika Kft.|@ Általános Iskola|@ Könyvtár";
const PLACES_HU: &str = "Győri|Szegedi|Debreceni|Pécsi|Miskolci|Soproni|Egri|\
    Kecskeméti|Budapesti|Székesfehérvári|Nyíregyházi|Szombathelyi";
const ORGS_EN: &str = "@ Primary School|@ Dental Practice|@ Logistics Ltd|\
    @ Solicitors|@ Surgery|@ Housing Trust|@ Veterinary Clinic";
const PLACES_EN: &str = "Northgate|Harbour Lane|Fenwick|Greenway|Ashford|Kingsbridge|\
    Millbrook|Redhill|Thornbury|Westfield|Oakham|Hollins";

/// A name as the caller gives it, with the first and last name it was made of. Hungarians
/// often give the family name first, and the desk keeps it as given.
pub fn person(rng: &mut Rng, land: Land) -> (String, &'static str, &'static str) {
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
pub fn team(rng: &mut Rng, agent: &str, size: usize) -> Vec<String> {
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
pub fn org_code(organization: &str, land: Land) -> String {
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
pub fn phone(rng: &mut Rng, land: Land) -> String {
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
        // Ofcom keeps these ranges free for drama, so no real Briton is rung by mistake.
        (Land::En, 0) => format!("+44 7700 900{:03}", rng.u16(0..1000)),
        (Land::En, 1) => format!("0161 496 0{:03}", rng.u16(0..1000)),
        (Land::En, _) => format!("+44 20 7946 0{:03}", rng.u16(0..1000)),
    }
}

/// Without 0/O and 1/I, which callers read out ambiguously.
pub fn licence(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut part = || String::from_iter((0..4).map(|_| one(rng, ALPHABET) as char));
    format!("LIC-{}-{}", part(), part())
}

/// Asset tags, unique on the desk: a fixed stride through all of them visits each once.
#[derive(Default)]
pub struct Tags {
    handed_out: u64,
}

impl Tags {
    const KINDS: [&str; 4] = ["NB", "PC", "MON", "TEL"];
    const PER_KIND: u64 = 90_000;

    pub fn hand_out(&mut self) -> String {
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
