//! One module per subcommand.

pub mod extract;
pub mod read;
