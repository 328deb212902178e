//! One module per subcommand.

pub mod extract;
pub mod read;
pub mod refdata;
