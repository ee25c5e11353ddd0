//! The `case.*` JSON operations (see [`crate::api`]).
