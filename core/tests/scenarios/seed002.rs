//! Seed 002.

use super::*;
