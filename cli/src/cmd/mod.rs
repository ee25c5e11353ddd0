//! One module per subcommand group.

pub mod policy;
pub mod roster;
