//! `balie caller find`, and the rule that turns `--caller` into one caller.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Unmatched;
use crate::cli::output::{ListFormat, write_csv, write_json, write_table};
use crate::domain::{Caller, CallerHit};
use crate::store::{CallerLookup, Store};

/// One caller in `balie caller find --format json`. A stable interface (README.md).
#[derive(Debug, Serialize)]
pub struct CallerRow {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub identifiers: Vec<String>,
}

/// The same in CSV, where a cell holds several values separated by `;`, as the import
/// reads them.
#[derive(Debug, Serialize)]
struct CallerCsvRow<'a> {
    id: &'a str,
    name: &'a str,
    organization: &'a str,
    phones: String,
    emails: String,
    identifiers: String,
}

impl From<Caller> for CallerRow {
    fn from(caller: Caller) -> CallerRow {
        CallerRow {
            id: caller.id,
            name: caller.name,
            organization: caller.organization,
            phones: caller.phones,
            emails: caller.emails,
            identifiers: caller.identifiers,
        }
    }
}

/// Prints the callers the desk's search finds for `query`, best match first. Finding
/// nobody is an `Unmatched` error, so that `if balie caller find …` reads naturally.
pub fn find(
    store: &Store,
    query: &str,
    limit: usize,
    format: ListFormat,
    out: &mut impl Write,
) -> Result<()> {
    let hits = store.search_callers(query, limit)?;
    if hits.is_empty() {
        return Err(Unmatched(format!("no caller matches `{}`", query.trim())).into());
    }
    let mut rows = Vec::with_capacity(hits.len());
    for hit in &hits {
        // A caller erased between the search and here is simply left out.
        if let Some(caller) = store.caller(&hit.id)? {
            rows.push(CallerRow::from(caller));
        }
    }
    match format {
        ListFormat::Json => write_json(out, &rows)?,
        ListFormat::Csv => {
            let csv: Vec<CallerCsvRow> = rows
                .iter()
                .map(|r| CallerCsvRow {
                    id: &r.id,
                    name: &r.name,
                    organization: &r.organization,
                    phones: r.phones.join(";"),
                    emails: r.emails.join(";"),
                    identifiers: r.identifiers.join(";"),
                })
                .collect();
            write_csv(out, &csv)?;
        }
        ListFormat::Ids => {
            for row in &rows {
                writeln!(out, "{}", row.id)?;
            }
        }
        ListFormat::Table => {
            let header = [
                "id",
                "name",
                "organisation",
                "phone",
                "e-mail",
                "identifiers",
            ];
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.name.clone(),
                        r.organization.clone(),
                        r.phones.join(", "),
                        r.emails.join(", "),
                        r.identifiers.join(", "),
                    ]
                })
                .collect();
            write_table(out, &header, &lines)?;
        }
    }
    Ok(())
}

/// The caller `--caller` names: an id, or a search that finds exactly one caller (the
/// rule `balie forget` uses). Otherwise the candidates go to `err` and the error is
/// `Unmatched`.
pub fn resolve(store: &Store, query: &str, err: &mut impl Write) -> Result<Caller> {
    match store.find_one_caller(query)? {
        CallerLookup::One(caller) => Ok(caller),
        CallerLookup::NotFound => {
            Err(Unmatched(format!("no caller matches `{}`", query.trim())).into())
        }
        CallerLookup::Several(hits) => {
            write_candidates(query, &hits, err)?;
            Err(Unmatched("name one caller by its id".to_string()).into())
        }
    }
}

/// The callers a query could mean, under a line that starts `balie: ` as every error does.
pub(crate) fn write_candidates(
    query: &str,
    hits: &[CallerHit],
    err: &mut impl Write,
) -> Result<()> {
    writeln!(
        err,
        "balie: `{}` matches {} callers:",
        query.trim(),
        hits.len()
    )?;
    for hit in hits {
        let org = if hit.organization.is_empty() {
            String::new()
        } else {
            format!(" · {}", hit.organization)
        };
        writeln!(err, "  {}  {}{org}", hit.id, hit.name)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NewCaller;
    use chrono::Utc;

    fn desk() -> Store {
        let mut store = Store::open_in_memory("anna").unwrap();
        for (name, phone, email) in [
            ("Jan de Vries", "+31 6 1234 5678", "jan@utrecht.nl"),
            ("Janet Vrieling", "+44 20 7946 0123", "janet@acme.co.uk"),
            ("Ödön Kovács", "+36 30 123 4567", "kovacs.odon@posta.hu"),
        ] {
            let new = NewCaller {
                name: name.into(),
                organization: "Acme; Ltd".into(),
                phones: vec![phone.into()],
                emails: vec![email.into()],
                identifiers: vec!["NB-1".into(), "NB-2".into()],
            };
            store.create_caller(&new, Utc::now()).unwrap();
        }
        store
    }

    fn found(store: &Store, query: &str, format: ListFormat) -> Result<String> {
        let mut out = Vec::new();
        find(store, query, 20, format, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn find_prints_every_format_and_nobody_is_unmatched() {
        let store = desk();
        let table = found(&store, "odon", ListFormat::Table).unwrap();
        assert!(table.starts_with("id "), "{table}");
        assert!(table.contains("Ödön Kovács"), "{table}");
        let json: serde_json::Value =
            serde_json::from_str(&found(&store, "0612345678", ListFormat::Json).unwrap()).unwrap();
        assert_eq!(json[0]["name"], "Jan de Vries");
        assert_eq!(json[0]["phones"][0], "+31 6 1234 5678");
        assert_eq!(json[0]["identifiers"][1], "NB-2");

        let csv = found(&store, "kovacs", ListFormat::Csv).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            [
                "id",
                "name",
                "organization",
                "phones",
                "emails",
                "identifiers"
            ]
        );
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[2], "Acme; Ltd");
        assert_eq!(&row[5], "NB-1;NB-2");

        let ids = found(&store, "jan", ListFormat::Ids).unwrap();
        assert_eq!(ids.lines().count(), 2, "{ids}");
        for id in ids.lines() {
            assert!(store.caller(id).unwrap().is_some(), "{id} is a caller id");
        }

        let nobody = found(&store, "zzqx", ListFormat::Table).unwrap_err();
        assert!(nobody.downcast_ref::<Unmatched>().is_some());
        assert_eq!(nobody.to_string(), "no caller matches `zzqx`");
    }

    #[test]
    fn resolve_takes_one_caller_and_lists_the_candidates_otherwise() {
        let store = desk();
        let mut err = Vec::new();
        let jan = resolve(&store, "jan@utrecht.nl", &mut err).unwrap();
        assert_eq!(jan.name, "Jan de Vries");
        let by_id = resolve(&store, &jan.id, &mut err).unwrap();
        assert_eq!(by_id, jan);
        assert!(err.is_empty());

        // A whole word of the name, as a person says it, beats "Janet" and fuzzy hits.
        assert_eq!(resolve(&store, "jan", &mut err).unwrap(), jan);
        for named in ["Ödön", "odon", "kovacs ODON"] {
            let odon = resolve(&store, named, &mut err).unwrap();
            assert_eq!(odon.name, "Ödön Kovács", "{named}");
        }
        assert!(err.is_empty());

        let several = resolve(&store, "vri", &mut err).unwrap_err();
        assert!(several.downcast_ref::<Unmatched>().is_some());
        let listed = String::from_utf8(std::mem::take(&mut err)).unwrap();
        assert!(
            listed.starts_with("balie: `vri` matches 2 callers:"),
            "{listed}"
        );
        assert!(listed.contains(&jan.id), "{listed}");
        assert!(listed.contains("Janet Vrieling · Acme; Ltd"), "{listed}");
        // Every word must be a whole word: all three work at Acme, one of them is Jan.
        resolve(&store, "acme", &mut err).unwrap_err();
        assert!(
            String::from_utf8(std::mem::take(&mut err))
                .unwrap()
                .contains("matches 3 callers")
        );
        assert_eq!(resolve(&store, "jan acme", &mut err).unwrap(), jan);

        let none = resolve(&store, "Piet Bakker", &mut Vec::new()).unwrap_err();
        assert_eq!(none.to_string(), "no caller matches `Piet Bakker`");
    }
}
