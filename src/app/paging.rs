//! How many rows of a long list to load. A desk may hold thousands of open tickets, but an
//! agent looks at the top of the queue; loading (and computing SLA clocks for) every one of
//! them on each change would cost more than a frame. A list loads a page at a time and
//! grows as the cursor nears its end.

/// Rows loaded for a queue: the desk's SLA clocks are worked out for each of them.
pub const QUEUE_PAGE: usize = 100;
/// Rows loaded for the promises pane.
pub const PROMISE_PAGE: usize = 50;

/// Rows to load so that at least half a page lies beyond the cursor.
pub fn rows_for(selected: usize, page: usize) -> usize {
    ((selected + page / 2) / page + 1) * page
}

/// Whether a list of `loaded` rows may have more behind it: a list shorter than a whole
/// number of pages is all there is.
pub fn may_have_more(loaded: usize, page: usize) -> bool {
    loaded > 0 && loaded.is_multiple_of(page)
}

/// Whether moving the cursor to `selected` needs more rows than a list of `loaded` rows
/// holds.
pub fn needs_more(selected: usize, loaded: usize, page: usize) -> bool {
    may_have_more(loaded, page) && rows_for(selected, page) > loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_at_first_and_another_once_the_cursor_is_half_a_page_from_the_end() {
        assert_eq!(rows_for(0, 100), 100);
        assert_eq!(rows_for(49, 100), 100);
        assert_eq!(rows_for(50, 100), 200);
        assert_eq!(rows_for(149, 100), 200);
        assert_eq!(rows_for(150, 100), 300);
    }

    #[test]
    fn a_short_list_is_complete_and_a_full_one_grows() {
        assert!(
            !needs_more(60, 73, 100),
            "73 of 100 asked for: that is all there is"
        );
        assert!(needs_more(50, 100, 100));
        assert!(!needs_more(49, 100, 100));
        assert!(!needs_more(0, 0, 100));
    }
}
