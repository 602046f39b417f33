//! The terminal edge: raw mode, the event loop, and the effects that need the terminal
//! ($EDITOR, suspend). Everything else happens in `Desk` and `App`.

use std::io::{self, Stdout, Write as _};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{Action, TerminalEffect};
use crate::config::Notifications;
use crate::desk::Desk;
use crate::desk::background_search::BackgroundSearch;
use crate::desk::terminal_watch::{Alarm, Seen, Stopped, Watch};
use crate::ui::{self, Theme};

/// How often countdowns redraw and other desks' changes are looked for.
const TICK: Duration = Duration::from_millis(250);
/// How long after the last key or click the desk counts the agent as idle.
const IDLE: Duration = Duration::from_secs(2);
/// How often a running background search is asked for its answer.
const SEARCH_POLL: Duration = Duration::from_millis(5);

/// How long the event loop has to stop on its own after SIGHUP or SIGTERM.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Presses, releases and the wheel (xterm mode 1000) in SGR coordinates (1006), which have
/// no 223-column limit. Crossterm's `EnableMouseCapture` also asks for every movement of the
/// pointer, a stream of events over ssh that the desk has no use for.
const CAPTURE_CLICKS: &[u8] = b"\x1b[?1000h\x1b[?1006h";

/// Runs the desk in the terminal. `search` ranks every caller in the background when the
/// desk is too large for a keystroke to do so (see `background_search`).
///
/// A closed terminal or a signal ends it with a `Stopped` error, after the draft is kept.
pub fn run(mut desk: Desk, search: Option<BackgroundSearch>) -> Result<()> {
    install_panic_hook();
    let (watch, alarm) = Watch::new().context("watching the terminal")?;
    watch_for_hangup(alarm)?;
    let theme = Theme::from_env(desk.app.config.theme);
    let mut terminal = enter(desk.app.config.mouse)?;
    let result = event_loop(&mut terminal, &mut desk, search.as_ref(), &theme, &watch);
    // Whatever ended the loop (quit, a signal, a closed terminal, an error), a half-typed
    // form is kept, first of all: a closed terminal may be followed by SIGKILL.
    let kept = desk.keep_draft_at_exit(Utc::now());
    leave();
    match (result, kept) {
        (Err(error), Err(not_kept)) => {
            Err(error.context(format!("what was being typed was not kept: {not_kept}")))
        }
        (Err(error), Ok(())) => Err(error),
        (Ok(()), Err(not_kept)) => {
            Err(anyhow::anyhow!(not_kept).context("what was being typed was not kept"))
        }
        (Ok(()), Ok(())) => Ok(()),
    }
}

fn event_loop(
    terminal: &mut Term,
    desk: &mut Desk,
    search: Option<&BackgroundSearch>,
    theme: &Theme,
    watch: &Watch,
) -> Result<()> {
    let mut last_tick = Instant::now();
    let mut last_input = Instant::now();
    let mouse = desk.app.config.mouse;
    loop {
        // Clicks are placed on the layout of the frame the agent is looking at.
        let screen = match terminal.draw(|frame| ui::draw(frame, &desk.app, theme)) {
            Ok(frame) => frame.area,
            Err(_) if watch.terminal_closed() => return Err(Stopped::TerminalClosed.into()),
            Err(error) => return Err(error.into()),
        };
        // While the app awaits a background pass, look for its answer every few milliseconds;
        // the app stops waiting once the search is closed or typed on.
        let searching = search.is_some() && desk.app.search_pending();
        let wait = if searching { SEARCH_POLL } else { TICK };
        let now = Utc::now();
        if let Some(stopped) = watch.stopped() {
            return Err(stopped.into());
        }
        // Crossterm touches the terminal only when it has no event left from its last read
        // (keys typed fast arrive in one read), and then only once `poll(2)` has said there
        // is input and no hang-up: on a closed terminal its reader would spin for ever.
        let mut ready = event::poll(Duration::ZERO)?;
        if !ready {
            match watch.wait(wait)? {
                Seen::Stop(stopped) => return Err(stopped.into()),
                Seen::Input => ready = event::poll(Duration::ZERO)?,
                Seen::Nothing => {}
            }
        }
        let mut effects = if ready {
            last_input = Instant::now();
            match event::read()? {
                // Only presses: with some terminals a release would type every letter twice.
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    desk.dispatch(Action::Key(key), now)
                }
                Event::Paste(text) => desk.dispatch(Action::Paste(text), now),
                Event::Mouse(event) => desk.dispatch(Action::Mouse { event, screen }, now),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        if let Some(found) = search.and_then(BackgroundSearch::try_result) {
            let hits = Action::CallerHits {
                query: found.query,
                hits: found.hits,
                exhaustive: true,
            };
            effects.extend(desk.dispatch(hits, now));
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            effects.extend(desk.poll_changes(now));
            effects.extend(desk.dispatch(Action::Tick, now));
            if last_input.elapsed() >= IDLE {
                desk.keep_cards_while_idle();
            }
        }
        while let Some(effect) = effects.pop() {
            match effect {
                TerminalEffect::Quit => return Ok(()),
                TerminalEffect::Suspend => suspend(terminal, mouse)?,
                TerminalEffect::Copy(text) => copy(&text)?,
                TerminalEffect::Notify(text) => notify(&text, desk.app.config.notifications)?,
                // Without a background search the quick hits stand.
                TerminalEffect::SearchEverywhere(query) => {
                    if let Some(search) = search {
                        search.search(query);
                    }
                }
                TerminalEffect::OpenEditor { ticket_id, initial } => {
                    let action = match edit(terminal, &initial, mouse) {
                        Ok((text, failed)) => Action::EditorClosed {
                            ticket_id,
                            text,
                            failed,
                        },
                        Err(error) => Action::EditorFailed(format!("{error:#}")),
                    };
                    effects.extend(desk.dispatch(action, Utc::now()));
                }
                TerminalEffect::EditArticle {
                    slug,
                    path,
                    initial,
                } => {
                    let error = edit_article(terminal, &path, &initial, mouse)
                        .err()
                        .map(|e| format!("{e:#}"));
                    let edited = crate::app::kb::KbAction::Edited { slug, error };
                    effects.extend(desk.dispatch(Action::Kb(edited), Utc::now()));
                }
            }
        }
    }
}

/// The bell, and a desktop notification carried by the terminal itself where the agent
/// turned those on. Caller names and ticket text are printed into an escape sequence, so
/// control characters are dropped first: a name must not be able to end the sequence.
fn notify(text: &str, notifications: Notifications) -> Result<()> {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let mut out = io::stdout();
    out.write_all(b"\x07")?;
    match notifications {
        Notifications::Off => {}
        Notifications::Osc9 => write!(out, "\x1b]9;balie: {clean}\x1b\\")?,
        Notifications::Osc777 => write!(out, "\x1b]777;notify;balie;{clean}\x1b\\")?,
    }
    out.flush()?;
    Ok(())
}

/// The terminal puts the text on the clipboard; see `clipboard`.
fn copy(text: &str) -> Result<()> {
    let mut out = io::stdout();
    out.write_all(crate::desk::clipboard::osc52(text).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// An ssh session that drops sends SIGHUP; a shutdown sends SIGTERM. The alarm wakes the
/// event loop at once, which keeps the draft and restores the terminal. Should the loop be
/// stuck all the same (crossterm reading a terminal that closed between `poll(2)` and its
/// read), this thread ends the process after a grace. Every write is a transaction:
/// nothing committed is lost and nothing half-written remains.
fn watch_for_hangup(alarm: Alarm) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .context("installing signal handlers")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            alarm.ring(signal);
            std::thread::sleep(HANGUP_GRACE);
            leave();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// `mouse` captures clicks and the wheel; without it the terminal keeps its own selection.
fn enter(mouse: bool) -> Result<Term> {
    enable_raw_mode().context("switching the terminal to raw mode")?;
    // Clearing through crossterm, not `Terminal::clear`: that one asks the terminal for the
    // cursor position, and a terminal that never answers (a bare pty) would stall the start.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    if mouse {
        let mut out = io::stdout();
        out.write_all(CAPTURE_CLICKS)?;
        out.flush()?;
    }
    Ok(Terminal::new(CrosstermBackend::new(io::stdout()))?)
}

/// Restores the terminal; safe to call more than once (panic hook, then normal exit), and
/// whether or not the mouse was captured.
fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = io::stdout().flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Ctrl-Z: raw mode swallows the key, so stop ourselves the way the shell would have.
fn suspend(terminal: &mut Term, mouse: bool) -> Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = enter(mouse)?;
    Ok(())
}

/// Runs $VISUAL or $EDITOR on a private temporary file and returns what it holds, even when
/// the editor fails, so nothing typed is lost.
fn edit(terminal: &mut Term, initial: &str, mouse: bool) -> Result<(String, bool)> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut file = tempfile::Builder::new()
        .prefix("balie-note-")
        .suffix(".md")
        .tempfile()
        .context("creating a file for the editor")?;
    file.write_all(initial.as_bytes())
        .and_then(|()| file.flush())
        .context("writing the file for the editor")?;
    leave();
    // Through the shell, so that EDITOR="code --wait" works as it does for git.
    let status = Process::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    *terminal = enter(mouse)?;
    let text = std::fs::read_to_string(file.path()).unwrap_or_default();
    // An editor that could not start at all is reported; one that exited with an error
    // still hands back whatever it saved.
    let status = status.with_context(|| format!("starting the editor `{editor}`"))?;
    Ok((text, !status.success()))
}

/// Runs the editor on an article's own file, writing `initial` there first when the file
/// does not exist yet. The library is read again afterwards whatever the editor did.
fn edit_article(
    terminal: &mut Term,
    path: &std::path::Path,
    initial: &str,
    mouse: bool,
) -> Result<()> {
    if !path.exists() {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("creating {}", folder.display()))?;
        }
        std::fs::write(path, initial).with_context(|| format!("writing {}", path.display()))?;
    }
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    leave();
    let status = Process::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    *terminal = enter(mouse)?;
    let status = status.with_context(|| format!("starting the editor `{editor}`"))?;
    if !status.success() {
        anyhow::bail!("the editor `{editor}` exited with {status}");
    }
    Ok(())
}
