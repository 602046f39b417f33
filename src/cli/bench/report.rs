//! The results: percentiles, the machine they were measured on, and the table or JSON.

use std::time::Duration;

use serde::Serialize;

/// Which percentile a budget limits. The design's plain "≤ 1 ms" is read as every time
/// but the slowest one in a hundred, so it limits p99; "≤ 1 ms p50" limits p50.
#[derive(Clone, Copy, Debug)]
pub enum Budget {
    None,
    P50(f64),
    P99(f64),
    Both { p50: f64, p99: f64 },
}

impl Budget {
    fn p50(self) -> Option<f64> {
        match self {
            Budget::P50(ms) | Budget::Both { p50: ms, .. } => Some(ms),
            Budget::P99(_) | Budget::None => None,
        }
    }

    fn p99(self) -> Option<f64> {
        match self {
            Budget::P99(ms) | Budget::Both { p99: ms, .. } => Some(ms),
            Budget::P50(_) | Budget::None => None,
        }
    }
}

/// One line of the report; every row has every field, so `--json` prints an array of
/// objects of one shape:
///
/// ```json
/// {"name": "…", "samples": 500, "p50_ms": 0.41, "p99_ms": 0.93, "budget_ms": 1.0,
///  "budget_p50_ms": null, "budget_p99_ms": 1.0, "peak_mb": null, "budget_mb": null,
///  "met": true}
/// ```
///
/// `budget_ms` is the design's limit for the row in one number: the p99 limit, or the p50
/// one where the design sets only that; the two fields after it say which percentile each
/// limit applies to.
///
/// Timings fill the `_ms` fields and leave `peak_mb` and `budget_mb` null; the "peak RSS"
/// rows are the other way round, with `samples` 1. The team store's rows add rates
/// (`per_s`, changes a second) and counts (`count`, with `budget_count` the most allowed,
/// for changes lost or stored twice); every other row leaves those three null. A budget field is null when it does not
/// apply, and `met` is null for a row without any budget (the generation time, and the
/// disk's own sync time beside the note's).
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub samples: usize,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub budget_ms: Option<f64>,
    pub budget_p50_ms: Option<f64>,
    pub budget_p99_ms: Option<f64>,
    pub peak_mb: Option<f64>,
    pub budget_mb: Option<f64>,
    /// Space on disk, for the row that measures a size instead of a time.
    pub disk_mb: Option<f64>,
    pub per_s: Option<f64>,
    pub count: Option<i64>,
    pub budget_count: Option<i64>,
    pub met: Option<bool>,
    /// A breakdown of the row above it, indented in the table.
    #[serde(skip)]
    pub detail: bool,
}

impl Row {
    pub fn into_detail(self) -> Row {
        Row {
            detail: true,
            ..self
        }
    }

    pub fn timed(name: &str, budget: Budget, durations: &[Duration]) -> Row {
        let mut ms: Vec<f64> = durations.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let (p50, p99) = (percentile(&ms, 50), percentile(&ms, 99));
        let within = |value: Option<f64>, limit: Option<f64>| match (value, limit) {
            (Some(value), Some(limit)) => value <= limit,
            _ => true,
        };
        Row {
            name: name.to_string(),
            samples: ms.len(),
            p50_ms: p50,
            p99_ms: p99,
            budget_ms: budget.p99().or(budget.p50()),
            budget_p50_ms: budget.p50(),
            budget_p99_ms: budget.p99(),
            peak_mb: None,
            budget_mb: None,
            disk_mb: None,
            per_s: None,
            count: None,
            budget_count: None,
            detail: false,
            met: match budget {
                Budget::None => None,
                _ => Some(within(p50, budget.p50()) && within(p99, budget.p99())),
            },
        }
    }

    pub fn once(name: &str, took: Duration) -> Row {
        let ms = Some(took.as_secs_f64() * 1e3);
        Row {
            name: name.to_string(),
            samples: 1,
            p50_ms: ms,
            p99_ms: ms,
            budget_ms: None,
            budget_p50_ms: None,
            budget_p99_ms: None,
            peak_mb: None,
            budget_mb: None,
            disk_mb: None,
            per_s: None,
            count: None,
            budget_count: None,
            met: None,
            detail: false,
        }
    }

    pub fn peak_rss(mb: f64, budget_mb: f64) -> Row {
        Row::memory(
            "peak RSS of the desk (VmHWM, before the report commands)",
            mb,
            budget_mb,
        )
    }

    pub fn memory(name: &str, mb: f64, budget_mb: f64) -> Row {
        Row {
            p50_ms: None,
            p99_ms: None,
            peak_mb: Some(mb),
            budget_mb: Some(budget_mb),
            met: Some(mb <= budget_mb),
            ..Row::once(name, Duration::ZERO)
        }
    }

    /// So many a second over a measured stretch; no budget.
    pub fn rate(name: &str, per_s: f64) -> Row {
        Row {
            p50_ms: None,
            p99_ms: None,
            per_s: Some(per_s),
            ..Row::once(name, Duration::ZERO)
        }
    }

    /// A count that must not exceed `at_most`.
    pub fn count(name: &str, count: i64, at_most: i64) -> Row {
        Row {
            p50_ms: None,
            p99_ms: None,
            count: Some(count),
            budget_count: Some(at_most),
            met: Some(count <= at_most),
            ..Row::once(name, Duration::ZERO)
        }
    }
}

impl Row {
    pub fn disk(name: &str, bytes: i64) -> Row {
        Row {
            p50_ms: None,
            p99_ms: None,
            disk_mb: Some(bytes as f64 / 1e6),
            ..Row::once(name, Duration::ZERO)
        }
    }
}

/// Nearest rank: the smallest sample that at least `pct` percent of samples do not exceed.
fn percentile(sorted: &[f64], pct: usize) -> Option<f64> {
    let rank = (sorted.len() * pct).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

pub struct Machine {
    pub cores: usize,
    pub cpu: String,
}

impl Machine {
    pub fn this_one() -> Machine {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| line.strip_prefix("model name"))
            .and_then(|rest| rest.split_once(':'))
            .map_or("unknown CPU".to_string(), |(_, model)| {
                model.trim().to_string()
            });
        Machine { cores, cpu }
    }
}

/// The high-water mark of this process's resident memory, from Linux's /proc.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

pub fn json(rows: &[Row]) -> serde_json::Result<String> {
    serde_json::to_string_pretty(rows)
}

pub fn table(rows: &[Row]) -> String {
    let indent = |row: &Row| if row.detail { "  " } else { "" };
    let names: Vec<String> = rows
        .iter()
        .map(|r| format!("{}{}", indent(r), r.name))
        .collect();
    let name_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(4);
    let mut out = format!(
        "{:<name_width$}  {:>9}  {:>9}  {:<18}  {}\n",
        "name", "p50 ms", "p99 ms", "budget", "met"
    );
    for (row, name) in rows.iter().zip(&names) {
        let (p50, p99) = match (row.peak_mb.or(row.disk_mb), row.per_s, row.count) {
            (Some(mb), _, _) => (format!("{mb:.1} MB"), String::new()),
            (_, Some(rate), _) => (format!("{rate:.0}/s"), String::new()),
            (_, _, Some(count)) => (count.to_string(), String::new()),
            _ => (number(row.p50_ms), number(row.p99_ms)),
        };
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        out.push_str(&format!(
            "{:<name_width$}  {p50:>9}  {p99:>9}  {:<18}  {met}\n",
            name,
            budget_text(row)
        ));
    }
    out
}

fn number(value: Option<f64>) -> String {
    match value {
        Some(ms) if ms >= 100.0 => format!("{ms:.0}"),
        Some(ms) if ms >= 10.0 => format!("{ms:.1}"),
        Some(ms) => format!("{ms:.2}"),
        None => "-".to_string(),
    }
}

fn budget_text(row: &Row) -> String {
    if let Some(at_most) = row.budget_count {
        return format!("<= {at_most}");
    }
    match (row.budget_p50_ms, row.budget_p99_ms, row.budget_mb) {
        (_, _, Some(mb)) => format!("<= {mb} MB"),
        (Some(p50), Some(p99), _) => format!("p50 <= {p50}, p99 <= {p99}"),
        (Some(p50), None, _) => format!("p50 <= {p50}"),
        (None, Some(p99), _) => format!("p99 <= {p99}"),
        (None, None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let ms: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&ms, 50), Some(50.0));
        assert_eq!(percentile(&ms, 99), Some(99.0));
        assert_eq!(percentile(&[7.0], 99), Some(7.0));
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn a_budget_is_met_only_when_every_limit_holds() {
        let durations: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let both = Row::timed(
            "x",
            Budget::Both {
                p50: 60.0,
                p99: 98.0,
            },
            &durations,
        );
        assert_eq!(both.met, Some(false));
        let p50 = Row::timed("x", Budget::P50(60.0), &durations);
        assert_eq!(p50.met, Some(true));
    }

    #[test]
    fn every_row_has_the_same_fields() {
        let rows = [
            Row::timed("t", Budget::P99(1.0), &[Duration::from_micros(300)]),
            Row::peak_rss(40.0, 64.0),
            Row::once("g", Duration::from_secs(1)),
            Row::rate("r", 120.0),
            Row::count("c", 0, 0),
        ];
        let value = serde_json::to_value(rows).unwrap();
        let keys = |i: usize| {
            let object = value[i].as_object().unwrap();
            object.keys().cloned().collect::<Vec<_>>()
        };
        assert_eq!(keys(0), keys(1));
        assert_eq!(keys(0), keys(2));
        assert_eq!(keys(0), keys(3));
        assert_eq!(keys(0), keys(4));
        assert!(value[1]["p50_ms"].is_null());
        assert_eq!(value[1]["peak_mb"], 40.0);
        assert_eq!(value[3]["per_s"], 120.0);
        assert!(value[3]["p50_ms"].is_null());
        assert_eq!(value[4]["met"], true);
    }

    #[test]
    fn a_count_over_its_limit_is_not_met_and_shows_in_the_table() {
        let lost = Row::count("changes lost", 3, 0);
        assert_eq!(lost.met, Some(false));
        let text = table(&[lost, Row::rate("pushed", 41.6)]);
        let line = text.lines().nth(1).unwrap();
        assert!(line.contains("changes lost") && line.contains(" 3 ") && line.contains("<= 0"));
        assert!(line.ends_with("NO"), "{line}");
        assert!(text.lines().nth(2).unwrap().contains("42/s"), "{text}");
    }
}
