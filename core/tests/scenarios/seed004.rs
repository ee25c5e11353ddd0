//! Seed 004.

use super::*;
