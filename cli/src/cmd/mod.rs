//! One module per subcommand group.

pub mod admission;
pub mod calendar;
pub mod case;
pub mod demo;
pub mod grid;
pub mod locate;
pub mod policy;
pub mod roster;
pub mod score;
