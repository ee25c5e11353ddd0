//! One module per subcommand group.

pub mod admission;
pub mod policy;
