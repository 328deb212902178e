//! `amur serve`: parses the flags and runs `amur-server`; the server does the work.

use crate::args::ServeArgs;
use crate::messages::Status;
use anyhow::Context;
use std::path::Path;

pub fn run(data: &Path, a: ServeArgs) -> anyhow::Result<Status> {
    let mut config = amur_server::Config::new(data.to_path_buf());
    config.token = a.token.filter(|t| !t.is_empty());
    config.max_body = a.max_body;
    config.timeout = std::time::Duration::from_secs(a.timeout.max(1));
    let writes = config.token.is_some();
    amur_server::serve(&config, a.addr, |bound| {
        let scope = if bound.ip().is_loopback() {
            "loopback only"
        } else {
            "reachable from the network"
        };
        let mode = if writes {
            "writes enabled with the token"
        } else {
            "read-only (no token)"
        };
        eprintln!(
            "amur: serving {} on http://{bound}/ ({scope}, {mode}); Ctrl-C stops",
            data.display()
        );
    })
    .with_context(|| format!("cannot serve the knowledge base in {}", data.display()))?;
    Ok(Status::Ok)
}
