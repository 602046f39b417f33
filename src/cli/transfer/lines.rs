//! Line numbers of CSV rows, as an editor shows them.

use csv::ByteRecord;

/// Line numbers as an editor shows them. The csv reader's own line count puts a row where
/// the previous row's terminator ended: before the "\n" of a "\r\n", and before any blank
/// lines. Its byte offset is exact, so lines are counted from that, past those line breaks.
pub(crate) struct Lines<'a> {
    data: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lines {
            data,
            offset: 0,
            line: 1,
        }
    }

    /// Rows must be asked for in file order.
    pub(crate) fn start_of(&mut self, record: &ByteRecord) -> u64 {
        let from = record
            .position()
            .map_or(self.offset, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(self.offset, self.data.len());
        let breaks = self.data[from..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = from + breaks;
        for (i, &b) in self.data[self.offset..start].iter().enumerate() {
            let next = self.data.get(self.offset + i + 1);
            // "\r\n", "\n" and a lone "\r" each end one line.
            if b == b'\n' || (b == b'\r' && next != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.offset = start;
        self.line
    }
}
