//! One module per subcommand.

pub mod bench;
pub mod extract;
pub mod read;
pub mod refdata;
pub mod serve;
pub mod store;
