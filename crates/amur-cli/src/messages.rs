//! Messages to the user on stderr, and the run's exit status.
//!
//! Library crates never print; this module is the one place that does.

use std::process::ExitCode;

/// How a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every input was processed.
    Ok,
    /// The run finished, but some inputs failed.
    SomeFailed,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Ok => ExitCode::SUCCESS,
            Status::SomeFailed => ExitCode::from(1),
        }
    }
}

/// Prints one failed input as one line.
pub fn input_error(quiet: bool, err: &dyn std::fmt::Display) {
    if !quiet {
        eprintln!("amur: {err}");
    }
}

/// Whether an error chain ends in a closed pipe (`amur extract … | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    // The io error may sit inside a JSON or store error that does not expose
    // it as a source, so each known wrapper is asked too.
    let pipe = |k: std::io::ErrorKind| k == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| pipe(io.kind()))
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(pipe)
            || match c.downcast_ref::<amur_store::Error>() {
                Some(amur_store::Error::Io { source, .. }) => pipe(source.kind()),
                Some(amur_store::Error::Json(j)) => j.io_error_kind().is_some_and(pipe),
                _ => false,
            }
    })
}
