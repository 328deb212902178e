//! A small harness: run the built `amur` in a fresh folder and read its records.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate's test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository's `examples/` folder.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Runs `amur` with `args` in `dir`.
pub fn amur(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amur"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run amur")
}

/// The JSON records on stdout.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("stdout line is JSON"))
        .collect()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts equality and prints both sides on failure, labelled.
macro_rules! eqnice {
    ($expected:expr, $got:expr, $what:expr) => {{
        let (e, g) = (&$expected, &$got);
        if e != g {
            panic!("\n{}\nexpected: {:?}\n     got: {:?}\n", $what, e, g);
        }
    }};
}
