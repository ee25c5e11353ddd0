//! The one error model shared by the core and every binding.
//!
//! Every module has its own [`thiserror`] enum (for example [`crate::code::CodeError`]);
//! each of them maps to a stable numeric [`ErrorCode`]. The crate-wide [`Error`] wraps
//! them all. Bindings (C, WASM, Kotlin/Swift/Python, CLI) carry the same number, the
//! same snake-case name and the English message, so a host can branch on the code and
//! show the message.
//!
//! Codes are **append-only**: a value, once published, keeps its meaning forever and is
//! never reused. Ranges are reserved per module:
//!
//! | range | module |
//! |---|---|
//! | 1–99 | general (input, JSON, limits, internal) |
//! | 100–149 | [`crate::code`] administrative and grid codes |
//! | 150–199 | [`crate::geo`] geometry, coordinates, GeoJSON |
//! | 200–249 | [`crate::grid`] grid tree, index, coverage |
//! | 250–299 | [`crate::policy`] policy files and presets |
//! | 300–349 | [`crate::calendar`] working calendar and holiday data |
//! | 350–399 | staffing |
//! | 400–449 | admission lists |
//! | 450–499 | cases |
//! | 500–549 | scoring |
//!
//! The full table with Chinese and English summaries is [`ErrorCode::ALL`] and is
//! rendered in `docs/ERRORS.md` (a test keeps the two in step).

use std::fmt;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $value:literal, $name:literal, $en:literal, $zh:literal; )*) => {
        /// A stable numeric error code. See the [module documentation](self) for the ranges.
        ///
        /// ```
        /// use wangge::ErrorCode;
        /// assert_eq!(ErrorCode::InvalidJson.value(), 2);
        /// assert_eq!(ErrorCode::from_value(2), Some(ErrorCode::InvalidJson));
        /// assert_eq!(ErrorCode::InvalidJson.name(), "invalid_json");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant = $value, )*
        }

        impl ErrorCode {
            /// Every code, in numeric order of declaration.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The numeric value (stable across releases and bindings).
            pub const fn value(self) -> u32 { self as u32 }

            /// The code for a numeric value, if it is one.
            pub fn from_value(value: u32) -> Option<ErrorCode> {
                match value { $( $value => Some(ErrorCode::$variant), )* _ => None }
            }

            /// The stable snake-case name (`"invalid_json"`), used in JSON error objects.
            pub const fn name(self) -> &'static str {
                match self { $( ErrorCode::$variant => $name, )* }
            }

            /// A one-line English summary of the error class.
            pub const fn summary_en(self) -> &'static str {
                match self { $( ErrorCode::$variant => $en, )* }
            }

            /// A one-line Chinese summary of the error class (for end users).
            pub const fn summary_zh(self) -> &'static str {
                match self { $( ErrorCode::$variant => $zh, )* }
            }
        }
    };
}

error_codes! {
    // ---- 1–99 general -------------------------------------------------------------
    /// An argument is out of its documented domain.
    InvalidArgument = 1, "invalid_argument", "an argument is invalid", "参数无效";
    /// Input is not well-formed JSON or does not have the expected shape.
    InvalidJson = 2, "invalid_json", "malformed or mistyped JSON input", "JSON 输入格式错误";
    /// Input is not well-formed TOML or does not have the expected shape.
    InvalidToml = 3, "invalid_toml", "malformed or mistyped TOML input", "TOML 输入格式错误";
    /// Input exceeds a documented size limit.
    InputTooLarge = 4, "input_too_large", "input exceeds a size limit", "输入超出大小限制";
    /// Text input is not valid UTF-8.
    InvalidUtf8 = 5, "invalid_utf8", "text is not valid UTF-8", "文本不是有效的 UTF-8";
    /// A required pointer or value was null/absent (bindings).
    NullArgument = 6, "null_argument", "a required argument is null", "必需参数为空";
    /// A date or time could not be parsed or is out of range.
    InvalidDateTime = 7, "invalid_date_time", "invalid date or time", "日期或时间无效";
    /// A bug: an internal invariant was broken. Please report it.
    Internal = 98, "internal", "internal error", "内部错误";
    /// A panic was caught at a binding boundary. Please report it.
    Panic = 99, "panic", "panic caught at the library boundary", "库内部发生异常";

    // ---- 100–149 codes ------------------------------------------------------------
    /// An administrative division code is malformed or not a known division.
    InvalidAdminCode = 100, "invalid_admin_code", "invalid administrative division code", "行政区划代码无效";
    /// A grid code is malformed.
    InvalidGridCode = 101, "invalid_grid_code", "invalid grid code", "网格编码无效";
    /// A grid code uses a layout other than the one the policy requires.
    GridCodeLayoutMismatch = 102, "grid_code_layout_mismatch", "grid code layout differs from the policy's", "网格编码位数与政策规定不符";
    /// A sequence number does not fit the layout.
    SequenceOutOfRange = 103, "sequence_out_of_range", "grid sequence number out of range", "网格顺序码超出范围";

    // ---- 150–199 geometry ---------------------------------------------------------
    /// A coordinate is NaN, infinite or outside the valid range.
    InvalidCoordinate = 150, "invalid_coordinate", "coordinate is NaN, infinite or out of range", "坐标无效";
    /// A ring or polygon is not valid (unclosed, too few points, self-intersecting).
    InvalidGeometry = 151, "invalid_geometry", "invalid geometry", "几何图形无效";
    /// GeoJSON input does not follow RFC 7946 or the expected feature properties.
    InvalidGeoJson = 152, "invalid_geojson", "invalid GeoJSON", "GeoJSON 无效";
    /// An unknown coordinate reference system was named.
    UnknownCrs = 153, "unknown_crs", "unknown coordinate reference system", "未知坐标系";

    // ---- 200–249 grid tree --------------------------------------------------------
    /// Two units carry the same code with overlapping validity.
    DuplicateUnit = 200, "duplicate_unit", "duplicate unit code", "单元编码重复";
    /// A unit names a parent that does not exist in the tree.
    UnknownParent = 201, "unknown_parent", "unknown parent unit", "上级单元不存在";
    /// A unit's code does not extend its parent's code.
    ParentMismatch = 202, "parent_mismatch", "code does not match its parent", "编码与上级单元不符";
    /// A unit sits at a level its parent cannot hold.
    LevelMismatch = 203, "level_mismatch", "unit level does not fit the hierarchy", "单元层级与层级设置不符";
    /// A unit's validity interval is empty or inverted.
    InvalidValidity = 204, "invalid_validity", "validity interval is empty or inverted", "有效期无效";
    /// No unit with the given code exists.
    UnknownUnit = 205, "unknown_unit", "unknown unit", "单元不存在";
    /// The grid layer is empty or cannot be indexed.
    EmptyLayer = 206, "empty_layer", "the layer has no usable grid", "图层中没有可用网格";

    // ---- 250–299 policy -----------------------------------------------------------
    /// A policy file has an invalid, inconsistent or unknown field.
    InvalidPolicy = 250, "invalid_policy", "invalid policy", "政策配置无效";
    /// A policy file has a format version this release cannot read.
    UnsupportedPolicyVersion = 251, "unsupported_policy_version", "unsupported policy format version", "政策配置版本不受支持";
    /// No bundled preset has the given name.
    UnknownPreset = 252, "unknown_preset", "unknown policy preset", "未知的政策预设";

    // ---- 300–349 calendar ---------------------------------------------------------
    /// A date falls in a year for which the calendar has no official holiday data.
    UnknownYear = 300, "unknown_year", "no holiday data for that year", "缺少该年份的节假日数据";
    /// A calendar (time zone, work periods, local days, flags) is invalid.
    InvalidCalendar = 301, "invalid_calendar", "invalid working calendar", "工作日历配置无效";
    /// Holiday data (a year's rest and make-up days and its source notice) is invalid.
    InvalidHolidayData = 302, "invalid_holiday_data", "invalid holiday data", "节假日数据无效";
    /// An instant, date or duration lies outside the range the calendar supports.
    CalendarOutOfRange = 303, "calendar_out_of_range", "date or duration outside the supported range", "日期或时长超出支持范围";

    // ---- 350–399 staffing ---------------------------------------------------------
    /// A roster file is malformed or has an invalid entry.
    InvalidRoster = 350, "invalid_roster", "invalid roster", "人员名册无效";
    /// A roster file has a format version this release cannot read.
    UnsupportedRosterVersion = 351, "unsupported_roster_version", "unsupported roster format version", "人员名册版本不受支持";
    /// An assignment names a person who is not on the roster.
    UnknownPerson = 352, "unknown_person", "unknown person", "人员不存在";
    /// Two people on a roster share an id.
    DuplicatePerson = 353, "duplicate_person", "duplicate person id", "人员编号重复";
    /// One person holds the same role in the same grid twice at once.
    OverlappingAssignment = 354, "overlapping_assignment", "overlapping assignments for the same post", "同一岗位任职时间重叠";
    /// An assignment names a grid that is not in the grid list.
    UnknownGrid = 355, "unknown_grid", "assignment to an unknown grid", "任职网格不存在";
    /// An assignment reaches outside its grid's validity.
    AssignmentOutsideGrid = 356, "assignment_outside_grid", "assignment outside the grid's validity", "任职时间超出网格有效期";
    /// A resident ID number fails GB 11643.
    InvalidIdNumber = 357, "invalid_id_number", "invalid resident ID number", "公民身份号码无效";
    /// A role name is not known.
    UnknownRole = 358, "unknown_role", "unknown role", "未知的网格岗位";
    /// A staffing template id is not in the policy.
    UnknownTemplate = 359, "unknown_template", "unknown staffing template", "未知的力量配备模板";

    // ---- 400–449 admission lists --------------------------------------------------
    /// An admission list file, entry or item has an invalid, inconsistent or unknown field.
    InvalidAdmissionList = 400, "invalid_admission_list", "invalid admission list", "准入清单无效";
    /// An admission list file has a format version this release cannot read.
    UnsupportedAdmissionFormat = 401, "unsupported_admission_format", "unsupported admission list format version", "准入清单格式版本不受支持";
    /// The actor is not the authority for this lifecycle step.
    AdmissionUnauthorized = 402, "admission_unauthorized", "not the approving authority for this step", "无权审核或变更该准入事项";
    /// The lifecycle step does not fit the item's state or dates.
    InvalidAdmissionTransition = 403, "invalid_admission_transition", "lifecycle step not allowed in this state", "准入事项当前状态不允许该操作";
    /// No admission item (or version) with that code.
    UnknownAdmissionItem = 404, "unknown_admission_item", "unknown admission item", "准入事项不存在";
    /// A push onto a grid was refused: the item is not on the list in force.
    AdmissionRejected = 405, "admission_rejected", "not on the admission list in force", "事项未纳入网格准入清单,不得下派";

    // ---- 450–499 cases ------------------------------------------------------------
    /// The actor's role may not do this operation (authorization table).
    CaseUnauthorized = 450, "case_unauthorized", "role not allowed to do this operation", "无权执行该事件操作";
    /// The actor's unit has no jurisdiction over the case.
    CaseOutOfJurisdiction = 451, "case_out_of_jurisdiction", "unit has no jurisdiction over the case", "不属于本单位管辖的事件";
    /// The operation is not allowed in the case's state.
    InvalidCaseTransition = 452, "invalid_case_transition", "operation not allowed in the case's state", "事件当前状态不允许该操作";
    /// No case with that id.
    UnknownCase = 453, "unknown_case", "unknown case", "事件不存在";
    /// The category is not in the policy's catalogue.
    UnknownCategory = 454, "unknown_category", "unknown case category", "未知的事件类别";
    /// A command is malformed (shape, ids, arguments).
    InvalidCommand = 455, "invalid_command", "invalid case command", "事件指令无效";
    /// A journal line is damaged or a fact is out of order.
    InvalidJournal = 456, "invalid_journal", "invalid case journal", "事件日志无效";
    /// A journal has a format version this release cannot read.
    UnsupportedJournalFormat = 457, "unsupported_journal_format", "unsupported case journal format version", "事件日志格式版本不受支持";
    /// A policy rule forbids the operation (claim window, routine-only delegation …).
    CaseRuleViolation = 458, "case_rule_violation", "a case rule of the policy forbids it", "违反事件办理规则";
    /// A report names a case id that exists already.
    CaseExists = 459, "case_exists", "case exists already", "事件编号已存在";
    /// Only the unit handling the case may do this.
    CaseNotHandler = 460, "case_not_handler", "only the handling unit may do this", "非事件承办单位";
    /// The department is not in the policy.
    UnknownDepartment = 461, "unknown_department", "unknown department", "未知的职能部门";
    /// The reported point lies in no grid, or no grid index was given.
    CaseNotLocated = 462, "case_not_located", "the case could not be located to a grid", "事件无法定位到网格";

    // ---- 500–549 scoring ----------------------------------------------------------
    /// A case record file has a bad header or a bad row (named by its line and field).
    InvalidRecords = 500, "invalid_records", "invalid case records", "案件记录无效";
    /// A period is malformed (`2016-12`, `2016-Q4`, `2016`) or out of range.
    InvalidPeriod = 501, "invalid_period", "invalid assessment period", "考核周期无效";
    /// A score sheet or the scoring policy is invalid (points do not add up to the scale …).
    InvalidScoreSheet = 502, "invalid_score_sheet", "invalid score sheet", "考核评分表无效";
    /// No score sheet with that id in the policy or the sheet library.
    UnknownScoreSheet = 503, "unknown_score_sheet", "unknown score sheet", "考核评分表不存在";
    /// A scoring input (per-unit values, partials to merge, grouping) is invalid.
    InvalidScoringInput = 504, "invalid_scoring_input", "invalid scoring input", "考核输入无效";
}

impl ErrorCode {
    /// The table of every code as Markdown (the content of `docs/ERRORS.md`).
    ///
    /// ```
    /// let md = wangge::ErrorCode::table_markdown();
    /// assert!(md.contains("| 2 | `invalid_json` |"));
    /// ```
    pub fn table_markdown() -> String {
        let mut s = String::from(
            "# Error codes\n\n\
             Stable numeric codes shared by the core, the C ABI (`wangge_status`), WASM \
             (`error.code`), Kotlin/Swift/Python (`code`) and the CLI (`{\"error\": {\"code\": …}}`).\n\
             Codes are append-only: a published value is never reused or changed.\n\
             This file is generated from `core/src/error.rs` (`WANGGE_BLESS=1 cargo test -p wangge errors_md`).\n\n\
             | code | name | meaning | 含义 |\n|---:|---|---|---|\n",
        );
        for c in ErrorCode::ALL {
            s.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                c.value(),
                c.name(),
                c.summary_en(),
                c.summary_zh()
            ));
        }
        s
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Crate-wide error: any module error, with its stable [`ErrorCode`].
///
/// ```
/// use wangge::{Error, ErrorCode, code::AdminCode};
/// let err: Error = "12345".parse::<AdminCode>().unwrap_err().into();
/// assert_eq!(err.code(), ErrorCode::InvalidAdminCode);
/// assert!(err.to_string().contains("12345"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An administrative or grid code error.
    #[error(transparent)]
    Code(#[from] crate::code::CodeError),
    /// A geometry or GeoJSON error.
    #[error(transparent)]
    Geo(#[from] crate::geo::GeoError),
    /// A grid tree, index or coverage error.
    #[error(transparent)]
    Grid(#[from] crate::grid::GridError),
    /// A policy error.
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyError),
    /// An admission list error.
    #[error(transparent)]
    Admission(#[from] crate::admission::AdmissionError),
    /// A working-calendar error.
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    /// A roster or staffing error.
    #[error(transparent)]
    Staffing(#[from] crate::staffing::StaffingError),
    /// A case engine error.
    #[error(transparent)]
    Case(#[from] crate::case::CaseError),

    /// A case record file error.
    #[error(transparent)]
    Record(#[from] crate::record::RecordError),
    /// A scoring error.
    #[error(transparent)]
    Scoring(#[from] crate::scoring::ScoringError),
    /// A general input error (malformed JSON crossing a binding, oversize input …).
    #[error("{message}")]
    Input {
        /// The error class.
        code: ErrorCode,
        /// What went wrong, naming the offending field or value.
        message: String,
    },
}

impl Error {
    /// The stable error code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Code(e) => e.code(),
            Error::Geo(e) => e.code(),
            Error::Grid(e) => e.code(),
            Error::Policy(e) => e.code(),
            Error::Admission(e) => e.code(),
            Error::Calendar(e) => e.code(),
            Error::Staffing(e) => e.code(),
            Error::Case(e) => e.code(),

            Error::Record(e) => e.code(),
            Error::Scoring(e) => e.code(),
            Error::Input { code, .. } => *code,
        }
    }

    /// A general input error with the given code and message.
    ///
    /// ```
    /// use wangge::{Error, ErrorCode};
    /// let e = Error::input(ErrorCode::InvalidJson, "expected an object");
    /// assert_eq!(e.code(), ErrorCode::InvalidJson);
    /// ```
    pub fn input(code: ErrorCode, message: impl Into<String>) -> Error {
        Error::Input {
            code,
            message: message.into(),
        }
    }

    /// The JSON error object every binding and the CLI emit:
    /// `{"error": {"code": 2, "name": "invalid_json", "message": "…"}}`.
    ///
    /// ```
    /// use wangge::{Error, ErrorCode};
    /// let v = Error::input(ErrorCode::InvalidJson, "bad").to_json();
    /// assert_eq!(v["error"]["code"], 2);
    /// assert_eq!(v["error"]["name"], "invalid_json");
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "code": self.code().value(),
                "name": self.code().name(),
                "message": self.to_string(),
            }
        })
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::input(ErrorCode::InvalidJson, e.to_string())
    }
}

/// Shorthand for results with the crate-wide [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut values = HashSet::new();
        let mut names = HashSet::new();
        for &c in ErrorCode::ALL {
            assert!(values.insert(c.value()), "duplicate value {}", c.value());
            assert!(names.insert(c.name()), "duplicate name {}", c.name());
            assert_eq!(ErrorCode::from_value(c.value()), Some(c));
            assert!(!c.summary_en().is_empty() && !c.summary_zh().is_empty());
        }
        assert_eq!(ErrorCode::from_value(0), None);
    }

    /// `docs/ERRORS.md` is rendered from [`ErrorCode::ALL`]; run the tests with
    /// `WANGGE_BLESS=1` to rewrite it after adding a code.
    #[test]
    fn errors_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/ERRORS.md");
        let want = ErrorCode::table_markdown();
        let have = std::fs::read_to_string(path).unwrap_or_default();
        if have != want {
            if std::env::var_os("WANGGE_BLESS").is_some() {
                std::fs::write(path, &want).unwrap();
            } else {
                panic!("docs/ERRORS.md is stale: rerun with WANGGE_BLESS=1");
            }
        }
    }
}
