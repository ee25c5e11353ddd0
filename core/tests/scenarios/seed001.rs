//! Seed 001.

use super::*;
