//! Scoring tests: published figures computed from records built here, and properties.

mod fixtures;
mod props;
mod published;
