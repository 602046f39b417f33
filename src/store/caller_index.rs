//! The callers' trigram index (`caller_fts`), one row per caller that can be found, and
//! `caller_index_rows`, which says which row is whose: the index itself cannot find a
//! caller's row without reading all of it.

use rusqlite::{Connection, params};

use super::Result;

/// Puts the caller in the index with `haystack` as what they can be found by, replacing
/// what was there.
pub(super) fn index_caller(conn: &Connection, caller_id: &str, haystack: &str) -> Result<()> {
    unindex_caller(conn, caller_id)?;
    conn.prepare_cached("INSERT INTO caller_fts (caller_id, haystack) VALUES (?1, ?2)")?
        .execute(params![caller_id, haystack])?;
    let row = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO caller_index_rows (caller_id, fts_row) VALUES (?1, ?2)")?
        .execute(params![caller_id, row])?;
    Ok(())
}

/// Takes the caller out of the index: they are found no more.
pub(super) fn unindex_caller(conn: &Connection, caller_id: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM caller_fts
         WHERE rowid IN (SELECT fts_row FROM caller_index_rows WHERE caller_id = ?1)",
    )?
    .execute([caller_id])?;
    conn.prepare_cached("DELETE FROM caller_index_rows WHERE caller_id = ?1")?
        .execute([caller_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::domain::NewCaller;
    use crate::domain::caller_change::CallerEdit;
    use crate::store::Store;

    /// Every caller that can be found has one row in the index, and the map names it.
    fn one_row_each(store: &Store) -> (i64, i64, i64) {
        let count = |sql: &str| -> i64 { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        (
            count("SELECT count(*) FROM caller_fts"),
            count("SELECT count(*) FROM caller_index_rows"),
            count(
                "SELECT count(*) FROM caller_index_rows m JOIN caller_fts f ON f.rowid = m.fts_row
                 WHERE f.caller_id = m.caller_id",
            ),
        )
    }

    #[test]
    fn edits_merges_and_forgetting_keep_one_index_row_per_findable_caller() {
        let mut store = Store::open_in_memory("anna").unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        let mut add = |name: &str, phone: &str| {
            let new = NewCaller {
                name: name.into(),
                phones: vec![phone.into()],
                ..NewCaller::default()
            };
            store.create_caller(&new, at).unwrap().id
        };
        let jan = add("Jan de Vries", "0612345678");
        let twin = add("J. de Vries", "0612345678");
        let piet = add("Piet Bakker", "0698765432");
        assert_eq!(one_row_each(&store), (3, 3, 3));

        let edit = CallerEdit {
            name: Some("Johannes de Vries".into()),
            ..CallerEdit::default()
        };
        store.edit_caller(&jan, &edit, at).unwrap();
        assert_eq!(one_row_each(&store), (3, 3, 3));
        let names = |store: &Store, query: &str| -> Vec<String> {
            store
                .search_callers(query, 5)
                .unwrap()
                .into_iter()
                .map(|hit| hit.name)
                .collect()
        };
        assert_eq!(names(&store, "Johannes"), ["Johannes de Vries"]);

        store.merge_callers(&jan, &twin, at).unwrap();
        assert_eq!(one_row_each(&store), (2, 2, 2));
        assert!(!names(&store, "de Vries").contains(&"J. de Vries".to_string()));

        store.forget_caller(&piet, at).unwrap();
        assert_eq!(one_row_each(&store), (1, 1, 1));
        assert!(names(&store, "Bakker").is_empty());
    }
}
