//! Command-line flags, as plain data; commands turn them into settings.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Amur: China–Russia regional cooperation news → a knowledge base with provenance.
#[derive(Debug, Parser)]
#[command(name = "amur", version, about, long_about = None)]
#[command(
    after_help = "Exit status: 0 all inputs processed; 1 some inputs failed (named on stderr); 2 the run could not proceed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and print one JSON record per article (shared/spec/RECORD.md).
    Extract(ExtractArgs),
    /// Reference data: validate it, or show where it comes from.
    #[command(subcommand)]
    Refdata(RefdataCommand),
}

#[derive(Debug, Subcommand)]
pub enum RefdataCommand {
    /// Validate the reference files; exit 2 on any error (warnings are listed too).
    Check {
        /// Reference data folder (default: the embedded data).
        #[arg(long, value_name = "DIR")]
        refdata: Option<PathBuf>,
        /// Also list warnings (names shared by two entities).
        #[arg(long)]
        warnings: bool,
    },
}

/// Output layout of records.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RecordFormat {
    /// One JSON object per line.
    Jsonl,
    /// Indented JSON objects, one after another.
    Pretty,
}

/// Main-text extractor for HTML.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractorArg {
    /// dom_smoothie for Russian and Chinese pages, trafilatura otherwise.
    Auto,
    /// Always trafilatura.
    Trafilatura,
    /// Always dom_smoothie (Readability).
    Readability,
}

/// Options shared by every command that reads articles.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files, folders (read recursively, hidden entries skipped) or - for standard input.
    /// Formats: plain text, HTML, WARC (.warc, .warc.gz), JSON Lines; any may be gzipped.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Largest page accepted, in bytes after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_size: usize,
    /// Replace undecodable bytes with U+FFFD instead of failing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Main-text extractor for HTML pages.
    #[arg(long, value_enum, default_value_t = ExtractorArg::Auto)]
    pub extractor: ExtractorArg,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Do not print per-file errors (the exit status still reports them).
    #[arg(short, long)]
    pub quiet: bool,
    /// Reference data folder (default: the data embedded in the binary).
    #[arg(long, value_name = "DIR", env = "AMUR_REFDATA")]
    pub refdata: Option<PathBuf>,
    /// Treat this day as today when judging publication dates (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write records to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = RecordFormat::Jsonl)]
    pub format: RecordFormat,
}
