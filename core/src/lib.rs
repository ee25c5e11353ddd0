//! # wangge — grid-based community governance (网格化服务管理) rules
//!
//! `wangge` models China's grid governance: the grid tree and its codes ([`code`],
//! [`grid`], [`geo`]), coverage validation ([`grid::coverage`]) and point location
//! ([`grid::GridIndex`]), the working calendar that deadlines are counted in
//! ([`calendar`]), the staffing of grids ([`staffing`]: 3+X+N templates, rosters,
//! validation), the admission lists of grid work ([`admission`]), and the rules a county
//! writes as a [`policy`]. Every operation is also a JSON operation ([`api`]) that the
//! bindings expose. It is a pure library:
//! no file or network I/O, no clock, no randomness, no global state, no `unsafe`. Time is
//! always passed in. The same inputs give the same outputs on every platform, which is
//! what lets the C, WASM and Kotlin/Swift bindings run the very same rules.
//!
//! Every error carries a stable numeric [`ErrorCode`] shared by all bindings.
//!
//! ```
//! use wangge::code::GridCode;
//! let code: GridCode = "371323100201001".parse()?;
//! assert_eq!(code.community().to_string(), "371323100201");
//! # Ok::<(), wangge::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod actor;
pub mod admission;
pub mod api;
pub mod calendar;
pub mod case;
pub mod code;
pub mod error;
pub mod geo;
pub mod grid;
mod parallel;
pub mod policy;
pub mod record;
pub mod scoring;
pub mod staffing;
pub mod toml_value;

pub use error::{Error, ErrorCode, Result};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
