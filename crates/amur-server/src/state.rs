//! Shared state: the data directory, the token, the reference data, and a
//! small pool of read-only store handles. SQLite and tantivy calls block, so
//! every store call runs on tokio's blocking pool with a handle taken from here.

use crate::error::{ApiError, ApiResult};
use amur_refdata::RefData;
use amur_store::{Store, Wait};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How often a pooled handle looks for index commits made by other processes.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

struct Pooled {
    store: Store,
    checked: Instant,
    generation: u64,
}

/// Store calls allowed at once: twice the cores, at least four.
fn readers() -> usize {
    std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).max(4))
}

/// What every handler can reach.
pub struct AppState {
    /// The data directory.
    pub data: PathBuf,
    /// The bearer token that allows writes (None: read-only).
    pub token: Option<String>,
    /// Reference data (region codes for filters, terms of office for profiles).
    pub refdata: RefData,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// The OpenAPI document served (region codes from `refdata`).
    pub openapi: String,
    pool: Mutex<Vec<Pooled>>,
    // Store calls running at once (and so handles in the pool): more than
    // the cores can run only adds handles with cold caches and switches.
    readers: tokio::sync::Semaphore,
    // Bumped by every write through this server, so readers reload at once.
    generation: AtomicU64,
    pipeline: OnceLock<amur_extract::Pipeline>,
}

impl AppState {
    /// State for `data`; checks that a store is there (only ingest creates one).
    pub fn new(
        data: PathBuf,
        token: Option<String>,
        refdata: RefData,
        max_body: usize,
        openapi: String,
    ) -> amur_store::Result<Self> {
        let first = Store::open(&data)?;
        Ok(AppState {
            data,
            token,
            refdata,
            max_body,
            openapi,
            pool: Mutex::new(vec![Pooled {
                store: first,
                checked: Instant::now(),
                generation: 0,
            }]),
            generation: AtomicU64::new(0),
            pipeline: OnceLock::new(),
            readers: tokio::sync::Semaphore::new(readers()),
        })
    }

    /// Whether writes are enabled.
    pub fn writable(&self) -> bool {
        self.token.is_some()
    }

    /// The extraction pipeline, built on the first ingest (it is large).
    pub fn pipeline(&self) -> &amur_extract::Pipeline {
        self.pipeline
            .get_or_init(|| amur_extract::Pipeline::new(&self.refdata))
    }

    fn take(&self) -> ApiResult<Pooled> {
        let pooled = self
            .pool
            .lock()
            .map_err(|_| ApiError::Internal("store pool poisoned".into()))?
            .pop();
        let now = Instant::now();
        let generation = self.generation.load(Ordering::Acquire);
        match pooled {
            Some(mut p) => {
                if p.generation != generation || now.duration_since(p.checked) >= RELOAD_EVERY {
                    p.store.index.reload()?;
                    p.checked = now;
                    p.generation = generation;
                }
                Ok(p)
            }
            None => Ok(Pooled {
                store: Store::open(&self.data)?,
                checked: now,
                generation,
            }),
        }
    }

    fn give_back(&self, p: Pooled) {
        // A poisoned pool only loses the handle; the next call opens a new one.
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(p);
        }
    }

    /// Runs `f` with a read-only store handle on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &AppState) -> ApiResult<T> + Send + 'static,
    {
        let _permit = self
            .readers
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let p = state.take()?;
            let out = f(&p.store, &state);
            state.give_back(p);
            out
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }

    /// Runs `f` with the store opened for writing. Never waits: another
    /// writer (a CLI `amur ingest`) makes it fail with 409 at once, so a
    /// request never hangs on the lock and the CLI never waits on the server
    /// for longer than one write.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &AppState) -> ApiResult<T> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = Store::open_writer(&state.data, Wait::Fail, &mut || {})?;
            let out = f(&mut store, &state);
            drop(store);
            state.generation.fetch_add(1, Ordering::AcqRel);
            out
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }
}
