//! Command-line flags, as plain data; commands turn them into settings.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Amur: China–Russia regional cooperation news → a knowledge base with provenance.
#[derive(Debug, Parser)]
#[command(name = "amur", version, about, long_about = None)]
#[command(
    after_help = "Exit status: 0 all inputs processed (search: something found); 1 some inputs failed, named on stderr (search: nothing found); 2 the run could not proceed (bad flags or filter values, a missing, corrupt or newer store, another writer with --no-wait). A closed stdout ends quietly with 0."
)]
pub struct Cli {
    /// Data directory of the knowledge base.
    #[arg(
        long,
        global = true,
        env = "AMUR_DATA",
        default_value = "amur-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,
    /// Writers (ingest, reindex, curate): fail at once if another amur is writing, instead of waiting.
    #[arg(long, global = true)]
    pub no_wait: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and print one JSON record per article (shared/spec/RECORD.md).
    Extract(ExtractArgs),
    /// Extract articles and store them in the knowledge base (idempotent, resumable).
    Ingest(IngestArgs),
    /// Re-extract every stored article with this version of Amur.
    Reindex {
        /// Data folder, `data/` (or its `reference/` folder); default: the embedded data.
        #[arg(long, value_name = "DIR", env = "AMUR_REFDATA")]
        refdata: Option<PathBuf>,
    },
    /// Full-text search (Russian and English stemming, Chinese bigrams) with filters.
    Search(SearchArgs),
    /// Events as a timeline, with filters; every row has an id and its sources.
    Events(EventsArgs),
    /// Signed documents (agreements, memoranda, contracts…), with filters.
    Agreements(FactArgs),
    /// Trade and investment figures, with filters.
    Figures(FactArgs),
    /// One fact (event:…, agreement:…, figure:…) or article (its id) with its evidence marked.
    Show {
        /// An id from events, agreements or figures, or an article id.
        id: String,
        /// Output layout (table: readable text).
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// The profile of one entity: names, offices, events, co-participants, articles.
    Entity {
        /// Entity id (region:RU-PRI), ISO code (RU-AMU) or a name in any language.
        key: String,
        /// Output layout.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Counts: articles per language and year, events per type, province × region matrix.
    Stats {
        /// Output layout.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Analyst corrections, kept apart and re-applied after every ingest and reindex.
    #[command(subcommand)]
    Curate(CurateCommand),
    /// Export the knowledge base.
    Export {
        /// jsonl (records), csv (one file per table, into --output DIR), gexf (co-participation graph), parquet.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (jsonl, gexf; standard output when absent) or folder (csv, parquet; required).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Serve the JSON API, Atom feeds and the dashboard over HTTP (loopback by default).
    Serve(ServeArgs),
    /// Scale benchmark on a synthetic corpus (ingest rate, query latency, size); wipes --data.
    #[command(hide = true)]
    BenchStore {
        /// Articles to generate and ingest.
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
    },
    /// Reference data: validate it, or show where it comes from.
    #[command(subcommand)]
    Refdata(RefdataCommand),
}

#[derive(Debug, Subcommand)]
pub enum RefdataCommand {
    /// Validate every data file (reference, lexicon, rules); exit 2 on any error.
    Check {
        /// Data folder, `data/` (or its `reference/` folder); default: the embedded data.
        #[arg(long, value_name = "DIR")]
        refdata: Option<PathBuf>,
        /// Also list warnings (names shared by two entities).
        #[arg(long)]
        warnings: bool,
    },
}

/// Layout of query results.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns for reading.
    Table,
    /// JSON.
    Json,
    /// CSV with a header.
    Csv,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// JSON Lines of records.
    Jsonl,
    /// CSV tables.
    Csv,
    /// GEXF graph.
    Gexf,
    /// Parquet tables.
    Parquet,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find (any of the three languages).
    pub query: String,
    /// Only articles in this language (en, ru, zh).
    #[arg(long)]
    pub lang: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Only articles naming this entity (id or name).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles concerning this region (ISO code, e.g. RU-PRI).
    #[arg(long)]
    pub region: Option<String>,
    /// Most results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// visit, meeting, signing, forum, launch.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// occurred or planned.
    #[arg(long)]
    pub status: Option<String>,
    /// An entity (id, ISO code or name) taking part.
    #[arg(long)]
    pub entity: Option<String>,
    /// A region (ISO code, e.g. RU-AMU) a participant or the place belongs to.
    #[arg(long)]
    pub region: Option<String>,
    /// Two regions, e.g. CN-HL:RU-AMU.
    #[arg(long)]
    pub pair: Option<String>,
    /// On or after (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// On or before (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Most events.
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Filters of `agreements` and `figures`.
#[derive(Debug, clap::Args)]
pub struct FactArgs {
    /// Agreement kind (agreement, memorandum, contract, joint_statement, protocol) or figure kind (trade, investment).
    #[arg(long)]
    pub kind: Option<String>,
    /// Figures: turnover, export or import.
    #[arg(long)]
    pub flow: Option<String>,
    /// An entity (id, ISO code or name): a party, reporter or partner.
    #[arg(long)]
    pub entity: Option<String>,
    /// A region (ISO code) a party belongs to.
    #[arg(long)]
    pub region: Option<String>,
    /// Two regions, e.g. CN-HL:RU-AMU.
    #[arg(long)]
    pub pair: Option<String>,
    /// On or after (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub from: Option<String>,
    /// On or before (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub to: Option<String>,
    /// Most rows.
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Subcommand)]
pub enum CurateCommand {
    /// B is the same as A: two entities (ids, codes or names), or two events (event:DOC#N).
    Merge { a: String, b: String },
    /// Separate one report (event:DOC#N, as listed by `amur show EVENT`) from its event.
    Split { event: String },
    /// Give an entity a new canonical name.
    Rename { id: String, name: String },
    /// Remove a wrong entity, or an event (event:DOC#N).
    Reject { id: String },
    /// List the recorded corrections, numbered.
    List {
        /// Output layout.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Revert correction N (see `curate list`).
    Undo { n: i64 },
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
    /// Time budget per page, in seconds: a page still being extracted after
    /// it is reported as an error and skipped, and the batch goes on (0: none).
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    pub input_timeout: f64,
    /// Do not print per-file errors (the exit status still reports them).
    #[arg(short, long)]
    pub quiet: bool,
    /// Data folder, `data/` (or its `reference/` folder); default: the data embedded in the binary.
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

/// Options of `amur serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback exposes the store to the network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Bearer token that allows curation and uploads; without one the server is read-only.
    #[arg(long, env = "AMUR_TOKEN", value_name = "T", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body (uploads), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_body: usize,
    /// Time limit per request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
}
