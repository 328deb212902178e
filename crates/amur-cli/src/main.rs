//! `amur`: the command-line front of the Amur pipeline.
//!
//! This binary only parses flags and glues the library crates together; every
//! stage lives in its own crate (`amur-sources`, `amur-clean`, `amur-extract`).
//!
//! Exit status: 0 when every input was processed, 1 when the run finished but
//! some inputs failed (each named on stderr), 2 when the run could not proceed.

mod args;
mod commands;
mod messages;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Extract(a) => commands::extract::run(a),
        args::Command::Ingest(a) => commands::store::ingest(&cli.data, cli.no_wait, a),
        args::Command::Reindex { refdata } => {
            commands::store::reindex(&cli.data, cli.no_wait, refdata.as_deref())
        }
        args::Command::Search(a) => commands::store::search(&cli.data, a),
        args::Command::Events(a) => commands::store::events(&cli.data, a),
        args::Command::Agreements(a) => commands::store::agreements(&cli.data, a),
        args::Command::Figures(a) => commands::store::figures(&cli.data, a),
        args::Command::Show { id, format } => commands::store::show(&cli.data, &id, format),
        args::Command::Entity { key, format } => commands::store::entity(&cli.data, &key, format),
        args::Command::Stats { format } => commands::store::stats(&cli.data, format),
        args::Command::Curate(c) => commands::store::curate(&cli.data, cli.no_wait, c),
        args::Command::Export { format, output } => {
            commands::store::export(&cli.data, format, output.as_deref())
        }
        args::Command::Serve(a) => commands::serve::run(&cli.data, a),
        args::Command::BenchStore { articles } => commands::bench::run(&cli.data, articles),
        args::Command::Refdata(c) => commands::refdata::run(c),
    };
    match result {
        Ok(status) => status.into(),
        Err(e) => {
            if messages::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("amur: {e:#}");
            ExitCode::from(2)
        }
    }
}
