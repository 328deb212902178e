//! Integration tests of the `amur` binary: one test binary, modules by theme.

#[macro_use]
mod util;

mod bad_input;
mod examples;
mod formats;
mod issue11;
mod serve;
mod store;
