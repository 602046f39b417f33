//! The hybrid logical clock that orders what desks write. Desk clocks drift (a laptop ten
//! minutes slow is ordinary), so wall time alone would put a reply before what it answers.
//! A desk's clock never goes back and never stays behind anything it has seen from other
//! desks: `now` is the larger of the wall clock and the last stamp, plus a counter for stamps
//! in the same millisecond. Stamps are text that sorts in clock order: wall milliseconds,
//! counter, then the desk's id, which breaks the last tie the same way on every desk.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
}

impl Hlc {
    /// The next stamp after `self` at wall time `now_ms`.
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
            }
        } else {
            Hlc {
                wall_ms: self.wall_ms,
                counter: self.counter.saturating_add(1),
            }
        }
    }

    /// The clock after seeing a stamp from another desk: never behind it.
    pub fn observe(self, seen: Hlc) -> Hlc {
        self.max(seen)
    }

    pub fn stamp(self, desk: &str) -> String {
        format!("{:013}-{:06}-{desk}", self.wall_ms.max(0), self.counter)
    }

    /// Reads the clock part of a stamp; `None` for text that is not one.
    pub fn parse(stamp: &str) -> Option<Hlc> {
        let mut parts = stamp.splitn(3, '-');
        let wall_ms = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        Some(Hlc { wall_ms, counter })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_desk_stamps_after_what_it_has_seen() {
        let fast = Hlc::default().tick(10_000_000);
        let slow = Hlc::default().tick(9_400_000).observe(fast).tick(9_400_001);
        assert!(slow > fast);
        assert!(slow.stamp("b") > fast.stamp("a"));
    }

    #[test]
    fn stamps_in_one_millisecond_are_ordered_by_counter() {
        let first = Hlc::default().tick(5);
        let second = first.tick(5);
        assert!(second > first);
        assert!(second.stamp("d") > first.stamp("d"));
        assert_eq!(Hlc::parse(&second.stamp("d")), Some(second));
    }

    #[test]
    fn stamps_sort_as_text_in_clock_order() {
        let early = Hlc {
            wall_ms: 999,
            counter: 7,
        }
        .stamp("z");
        let late = Hlc {
            wall_ms: 1000,
            counter: 0,
        }
        .stamp("a");
        assert!(late > early);
    }
}
