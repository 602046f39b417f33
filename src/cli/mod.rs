//! The command line: the arguments, the verbs for scripts, the team lead's reports, import
//! and export, the demo desk and the benchmark.

pub mod args;
pub mod bench;
pub mod call_log;
pub mod demo;
pub mod failure;
pub mod ics;
pub mod import;
pub mod maintenance;
pub mod output;
pub mod phone;
pub mod reports;
pub mod samples;
pub mod team;
pub mod transfer;
pub mod verbs;
