//! What a desk does as it closes the file: fold a long write-ahead log into it.
//!
//! The log is kept when a connection closes (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`), so that a
//! command writing one promise pays for one commit and not for a checkpoint. But the next
//! process that opens the file on its own cannot trust the log's shared index and reads the
//! whole log back, frame by frame, before its first query: at 15 promises written from the
//! command line that was 475 frames, 5 ms added to every `balie overdue` after them. So
//! whoever closes the file with more than `LONG_LOG` of log folds it in first.

use std::time::Duration;

use super::Store;

/// Beyond this much log, reading it back at the next open costs more than folding it in
/// now: two promises written, about 64 pages.
const LONG_LOG: u64 = 256 * 1024;

/// How long closing waits for another connection before it leaves the log as it is.
const CLOSING_WAIT: Duration = Duration::from_millis(200);

impl Drop for Store {
    fn drop(&mut self) {
        let Some(path) = &self.path else {
            return;
        };
        let mut log = path.clone().into_os_string();
        log.push("-wal");
        if std::fs::metadata(&log).map_or(0, |m| m.len()) <= LONG_LOG {
            return;
        }
        // A moment's wait at most: the desk's own background connection may be closing at
        // the same instant. While another desk reads or writes for longer, the log stays
        // for later (that desk, or the next to close, folds it in). The connection closes
        // next, so its timeout is not set back.
        let _ = self.conn.busy_timeout(CLOSING_WAIT);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}
