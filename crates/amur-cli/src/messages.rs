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
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
