//! balie: a servicedesk in the terminal, on one local SQLite file.

pub mod app;
pub mod background_search;
pub mod bench;
pub mod business;
pub mod cli;
pub mod commands;
pub mod config;
pub mod deadline;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod first_contact;
pub mod fold;
pub mod handover;
pub mod ics;
pub mod import;
pub mod keymap;
pub mod matching;
pub mod outcome;
pub mod report;
pub mod runtime;
pub mod sla;
pub mod store;
pub mod transfer;
pub mod ui;
pub mod when;
