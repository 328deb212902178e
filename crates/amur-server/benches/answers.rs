//! Time per answer of the server's routes, in process (no sockets): the
//! router over a store, one request at a time, the body read to the end.
//!
//! `AMUR_BENCH_STORE=DIR cargo bench -p amur-server --bench answers` with a
//! store made by `amur --data DIR bench-store --articles N`; `AMUR_BENCH_N`
//! requests per route (default 2000), best of three rounds; `AMUR_BENCH_ONLY=TEXT`
//! keeps the routes containing TEXT.

use axum::body::Body;
use axum::http::Request;
use std::time::Instant;
use tower::ServiceExt;

const ROUTES: &[&str] = &[
    "/api/events?limit=20",
    "/api/events?type=meeting&pair=CN-HL:RU-PRI&from=2019-01-01&limit=20",
    "/api/events?type=signing&region=RU-AMU&limit=20",
    "/api/search?q=Heilongjiang&limit=20",
];

fn main() {
    let Some(dir) = std::env::var_os("AMUR_BENCH_STORE") else {
        eprintln!("answers: set AMUR_BENCH_STORE=DIR (a store made by `amur bench-store`)");
        return;
    };
    let n: usize = std::env::var("AMUR_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let only = std::env::var("AMUR_BENCH_ONLY").unwrap_or_default();
    let app = amur_server::router(&amur_server::Config::new(dir.into())).expect("open the store");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        for route in ROUTES.iter().filter(|r| r.contains(only.as_str())) {
            let once = || async {
                let req = Request::get(*route).body(Body::empty()).expect("request");
                let resp = app.clone().oneshot(req).await.expect("answer");
                assert!(resp.status().is_success(), "{route}: {}", resp.status());
                axum::body::to_bytes(resp.into_body(), usize::MAX)
                    .await
                    .expect("body")
                    .len()
            };
            let mut size = 0;
            for _ in 0..50 {
                size = once().await;
            }
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t = Instant::now();
                for _ in 0..n {
                    once().await;
                }
                best = best.min(t.elapsed().as_secs_f64() / n as f64);
            }
            println!(
                "{route}: {:.0} us per answer ({:.0} answers/s on one thread), {size} bytes",
                best * 1e6,
                1.0 / best
            );
        }
    });
}
