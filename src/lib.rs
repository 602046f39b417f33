//! balie: a servicedesk in the terminal, on one local SQLite file.
//!
//! The source is grouped in wings, each with one job (see README, "How it is built"):
//! `domain` holds the rules and value types, `store` is the only code that speaks SQL, `app`
//! is the pure state of the desk and `ui` draws it, `desk` is where the app meets the store
//! and the terminal, and `cli` is the command line. `config`, `i18n` and `keymap` are the
//! settings, words and keys that every wing reads.

pub mod app;
pub mod cli;
pub mod config;
pub mod desk;
pub mod domain;
pub mod i18n;
pub mod keymap;
pub mod store;
pub mod sync;
pub mod ui;
