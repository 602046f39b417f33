//! Typing while another process holds the desk's write lock, as a large import or
//! `forget`'s rebuild does: every key must still reach the screen within a frame.
//!
//! The holder is this program again (`bench --hold-lock`), in a process of its own, because
//! SQLite's locks between processes are the ones an import takes.

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::measure::time;
use super::report::{Budget, Row};
use crate::app::{Action, Popup};
use crate::config::Config;
use crate::desk::Desk;
use crate::keymap::Command as DeskCommand;
use crate::store::{Store, StoreError};
use crate::ui::{self, Theme};

const HELD: &str = "held";
/// Every so often the agent presses Enter to save, which finds the lock held too.
const SAVE_EVERY: usize = 25;

/// `bench --hold-lock PATH`: takes the write lock, says so on stdout, and keeps it until
/// stdin closes. Nothing is written.
pub fn hold_lock(path: &Path, agent: &str) -> Result<()> {
    let mut store = Store::open(path, agent)?;
    store.in_transaction::<(), StoreError>(false, |_| {
        println!("{HELD}");
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        Ok(())
    })?;
    Ok(())
}

/// Keys typed into a note while another process holds the lock. Each sample is a key, the
/// tick that tries to keep the draft (pessimistically after every key, not every quarter
/// second) and the frame.
pub fn keystrokes_while_held(
    path: &Path,
    config: &Config,
    samples: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Result<Row> {
    let mut desk = Desk::new(super::open_desk(path, config)?, config.clone(), now);
    desk.dispatch(Action::Command(DeskCommand::Open), now);
    desk.dispatch(Action::Command(DeskCommand::Note), now);
    if !matches!(desk.app.popup, Some(Popup::Form(_))) {
        bail!("the note form did not open on the benchmark desk");
    }
    let program = std::env::current_exe().context("finding this program to hold the lock")?;
    let mut holder = Command::new(&program)
        .arg("bench")
        .arg("--hold-lock")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("running {}", program.display()))?;
    let mut said = String::new();
    if let Some(out) = holder.stdout.take() {
        BufReader::new(out).read_line(&mut said)?;
    }
    if said.trim() != HELD {
        let _ = holder.kill();
        bail!("the process meant to hold the write lock did not take it");
    }
    let measured = type_note(&mut desk, samples, now, theme);
    // Closing its stdin lets the holder go.
    drop(holder.stdin.take());
    let _ = holder.wait();
    let durations = measured?;
    Ok(Row::timed(
        "keystroke + draft save + frame while another process holds the write lock",
        Budget::P99(16.0),
        &durations,
    ))
}

fn type_note(
    desk: &mut Desk,
    samples: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Result<Vec<std::time::Duration>> {
    let mut terminal = Terminal::new(TestBackend::new(
        super::measure::WIDTH,
        super::measure::HEIGHT,
    ))?;
    let mut durations = Vec::with_capacity(samples);
    let letters = "caller reports the vpn drops every hour ";
    for (n, c) in letters.chars().cycle().take(samples).enumerate() {
        let code = if n % SAVE_EVERY == SAVE_EVERY - 1 {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        time(&mut durations, || -> Result<()> {
            desk.dispatch(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
            desk.dispatch(Action::Tick, now);
            terminal.draw(|frame| ui::draw(frame, &desk.app, theme))?;
            Ok(())
        })?;
    }
    if !desk.writes_held_up() || !matches!(desk.app.popup, Some(Popup::Form(_))) {
        bail!("the desk did not find the database held; the figure would mislead");
    }
    Ok(durations)
}
