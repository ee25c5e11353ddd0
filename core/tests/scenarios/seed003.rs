//! Seed 003.

use super::*;
