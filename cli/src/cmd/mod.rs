//! One module per subcommand group.

pub mod grid;
pub mod policy;
