//! One module per subcommand group.

pub mod grid;
pub mod locate;
pub mod policy;
