//! Errors from reading case records.

use serde::Serialize;

use crate::error::ErrorCode;

/// One bad row: its line (1-based, the header is line 1 of a CSV file), the field if one
/// is to blame, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The line the row starts on (1-based).
    pub line: usize,
    /// The column or JSON field at fault, if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}, field {field}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Errors from reading case records ([`ErrorCode::InvalidRecords`], or
/// [`ErrorCode::InputTooLarge`] for too many rows).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The CSV header is missing, names an unknown or repeated column, or lacks a required one.
    #[error("invalid case records: header: {0}")]
    Header(String),
    /// A row does not parse.
    #[error("invalid case records: {0}")]
    Row(BadRow),
    /// More rows than [`super::ReadOptions::max_rows`].
    #[error(
        "case records: line {line}: more than {limit} rows (the limit, wangge::record::MAX_ROWS)"
    )]
    TooManyRows {
        /// The line the first row over the limit starts on.
        line: usize,
        /// The limit.
        limit: usize,
    },
}

impl RecordError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, record::{read_csv, ReadOptions}};
    /// let e = read_csv("", ReadOptions::default()).unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::InvalidRecords);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            RecordError::TooManyRows { .. } => ErrorCode::InputTooLarge,
            _ => ErrorCode::InvalidRecords,
        }
    }

    /// The bad row, if the error is about one.
    pub fn bad_row(&self) -> Option<&BadRow> {
        match self {
            RecordError::Row(r) => Some(r),
            RecordError::Header(_) | RecordError::TooManyRows { .. } => None,
        }
    }
}
