//! `wangge_status`, generated from `wangge::ErrorCode::ALL` by `src/status_tests.rs`
//! (`WANGGE_BLESS=1 cargo test -p wangge-c --lib status_tests`). Do not edit.

use wangge_core::ErrorCode;

/// What every fallible function returns: `WANGGE_STATUS_OK` (0) or the stable error code
/// of `docs/ERRORS.md`, the same number as in every other binding. Values are append-only.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum wangge_status {
    /// Success.
    Ok = 0,
    /// an argument is invalid (参数无效).
    InvalidArgument = 1,
    /// malformed or mistyped JSON input (JSON 输入格式错误).
    InvalidJson = 2,
    /// malformed or mistyped TOML input (TOML 输入格式错误).
    InvalidToml = 3,
    /// input exceeds a size limit (输入超出大小限制).
    InputTooLarge = 4,
    /// text is not valid UTF-8 (文本不是有效的 UTF-8).
    InvalidUtf8 = 5,
    /// a required argument is null (必需参数为空).
    NullArgument = 6,
    /// invalid date or time (日期或时间无效).
    InvalidDateTime = 7,
    /// internal error (内部错误).
    Internal = 98,
    /// panic caught at the library boundary (库内部发生异常).
    Panic = 99,
    /// invalid administrative division code (行政区划代码无效).
    InvalidAdminCode = 100,
    /// invalid grid code (网格编码无效).
    InvalidGridCode = 101,
    /// grid code layout differs from the policy's (网格编码位数与政策规定不符).
    GridCodeLayoutMismatch = 102,
    /// grid sequence number out of range (网格顺序码超出范围).
    SequenceOutOfRange = 103,
    /// coordinate is NaN, infinite or out of range (坐标无效).
    InvalidCoordinate = 150,
    /// invalid geometry (几何图形无效).
    InvalidGeometry = 151,
    /// invalid GeoJSON (GeoJSON 无效).
    InvalidGeojson = 152,
    /// unknown coordinate reference system (未知坐标系).
    UnknownCrs = 153,
    /// duplicate unit code (单元编码重复).
    DuplicateUnit = 200,
    /// unknown parent unit (上级单元不存在).
    UnknownParent = 201,
    /// code does not match its parent (编码与上级单元不符).
    ParentMismatch = 202,
    /// unit level does not fit the hierarchy (单元层级与层级设置不符).
    LevelMismatch = 203,
    /// validity interval is empty or inverted (有效期无效).
    InvalidValidity = 204,
    /// unknown unit (单元不存在).
    UnknownUnit = 205,
    /// the layer has no usable grid (图层中没有可用网格).
    EmptyLayer = 206,
    /// invalid policy (政策配置无效).
    InvalidPolicy = 250,
    /// unsupported policy format version (政策配置版本不受支持).
    UnsupportedPolicyVersion = 251,
    /// unknown policy preset (未知的政策预设).
    UnknownPreset = 252,
    /// no holiday data for that year (缺少该年份的节假日数据).
    UnknownYear = 300,
    /// invalid working calendar (工作日历配置无效).
    InvalidCalendar = 301,
    /// invalid holiday data (节假日数据无效).
    InvalidHolidayData = 302,
    /// date or duration outside the supported range (日期或时长超出支持范围).
    CalendarOutOfRange = 303,
    /// invalid roster (人员名册无效).
    InvalidRoster = 350,
    /// unsupported roster format version (人员名册版本不受支持).
    UnsupportedRosterVersion = 351,
    /// unknown person (人员不存在).
    UnknownPerson = 352,
    /// duplicate person id (人员编号重复).
    DuplicatePerson = 353,
    /// overlapping assignments for the same post (同一岗位任职时间重叠).
    OverlappingAssignment = 354,
    /// assignment to an unknown grid (任职网格不存在).
    UnknownGrid = 355,
    /// assignment outside the grid's validity (任职时间超出网格有效期).
    AssignmentOutsideGrid = 356,
    /// invalid resident ID number (公民身份号码无效).
    InvalidIdNumber = 357,
    /// unknown role (未知的网格岗位).
    UnknownRole = 358,
    /// unknown staffing template (未知的力量配备模板).
    UnknownTemplate = 359,
    /// invalid admission list (准入清单无效).
    InvalidAdmissionList = 400,
    /// unsupported admission list format version (准入清单格式版本不受支持).
    UnsupportedAdmissionFormat = 401,
    /// not the approving authority for this step (无权审核或变更该准入事项).
    AdmissionUnauthorized = 402,
    /// lifecycle step not allowed in this state (准入事项当前状态不允许该操作).
    InvalidAdmissionTransition = 403,
    /// unknown admission item (准入事项不存在).
    UnknownAdmissionItem = 404,
    /// not on the admission list in force (事项未纳入网格准入清单,不得下派).
    AdmissionRejected = 405,
    /// role not allowed to do this operation (无权执行该事件操作).
    CaseUnauthorized = 450,
    /// unit has no jurisdiction over the case (不属于本单位管辖的事件).
    CaseOutOfJurisdiction = 451,
    /// operation not allowed in the case's state (事件当前状态不允许该操作).
    InvalidCaseTransition = 452,
    /// unknown case (事件不存在).
    UnknownCase = 453,
    /// unknown case category (未知的事件类别).
    UnknownCategory = 454,
    /// invalid case command (事件指令无效).
    InvalidCommand = 455,
    /// invalid case journal (事件日志无效).
    InvalidJournal = 456,
    /// unsupported case journal format version (事件日志格式版本不受支持).
    UnsupportedJournalFormat = 457,
    /// a case rule of the policy forbids it (违反事件办理规则).
    CaseRuleViolation = 458,
    /// case exists already (事件编号已存在).
    CaseExists = 459,
    /// only the handling unit may do this (非事件承办单位).
    CaseNotHandler = 460,
    /// unknown department (未知的职能部门).
    UnknownDepartment = 461,
    /// the case could not be located to a grid (事件无法定位到网格).
    CaseNotLocated = 462,
    /// invalid case records (案件记录无效).
    InvalidRecords = 500,
    /// invalid assessment period (考核周期无效).
    InvalidPeriod = 501,
    /// invalid score sheet (考核评分表无效).
    InvalidScoreSheet = 502,
    /// unknown score sheet (考核评分表不存在).
    UnknownScoreSheet = 503,
    /// invalid scoring input (考核输入无效).
    InvalidScoringInput = 504,
}

impl wangge_status {
    /// The status for a core error code.
    pub fn from_code(code: ErrorCode) -> wangge_status {
        match code {
            ErrorCode::InvalidArgument => wangge_status::InvalidArgument,
            ErrorCode::InvalidJson => wangge_status::InvalidJson,
            ErrorCode::InvalidToml => wangge_status::InvalidToml,
            ErrorCode::InputTooLarge => wangge_status::InputTooLarge,
            ErrorCode::InvalidUtf8 => wangge_status::InvalidUtf8,
            ErrorCode::NullArgument => wangge_status::NullArgument,
            ErrorCode::InvalidDateTime => wangge_status::InvalidDateTime,
            ErrorCode::Internal => wangge_status::Internal,
            ErrorCode::Panic => wangge_status::Panic,
            ErrorCode::InvalidAdminCode => wangge_status::InvalidAdminCode,
            ErrorCode::InvalidGridCode => wangge_status::InvalidGridCode,
            ErrorCode::GridCodeLayoutMismatch => wangge_status::GridCodeLayoutMismatch,
            ErrorCode::SequenceOutOfRange => wangge_status::SequenceOutOfRange,
            ErrorCode::InvalidCoordinate => wangge_status::InvalidCoordinate,
            ErrorCode::InvalidGeometry => wangge_status::InvalidGeometry,
            ErrorCode::InvalidGeoJson => wangge_status::InvalidGeojson,
            ErrorCode::UnknownCrs => wangge_status::UnknownCrs,
            ErrorCode::DuplicateUnit => wangge_status::DuplicateUnit,
            ErrorCode::UnknownParent => wangge_status::UnknownParent,
            ErrorCode::ParentMismatch => wangge_status::ParentMismatch,
            ErrorCode::LevelMismatch => wangge_status::LevelMismatch,
            ErrorCode::InvalidValidity => wangge_status::InvalidValidity,
            ErrorCode::UnknownUnit => wangge_status::UnknownUnit,
            ErrorCode::EmptyLayer => wangge_status::EmptyLayer,
            ErrorCode::InvalidPolicy => wangge_status::InvalidPolicy,
            ErrorCode::UnsupportedPolicyVersion => wangge_status::UnsupportedPolicyVersion,
            ErrorCode::UnknownPreset => wangge_status::UnknownPreset,
            ErrorCode::UnknownYear => wangge_status::UnknownYear,
            ErrorCode::InvalidCalendar => wangge_status::InvalidCalendar,
            ErrorCode::InvalidHolidayData => wangge_status::InvalidHolidayData,
            ErrorCode::CalendarOutOfRange => wangge_status::CalendarOutOfRange,
            ErrorCode::InvalidRoster => wangge_status::InvalidRoster,
            ErrorCode::UnsupportedRosterVersion => wangge_status::UnsupportedRosterVersion,
            ErrorCode::UnknownPerson => wangge_status::UnknownPerson,
            ErrorCode::DuplicatePerson => wangge_status::DuplicatePerson,
            ErrorCode::OverlappingAssignment => wangge_status::OverlappingAssignment,
            ErrorCode::UnknownGrid => wangge_status::UnknownGrid,
            ErrorCode::AssignmentOutsideGrid => wangge_status::AssignmentOutsideGrid,
            ErrorCode::InvalidIdNumber => wangge_status::InvalidIdNumber,
            ErrorCode::UnknownRole => wangge_status::UnknownRole,
            ErrorCode::UnknownTemplate => wangge_status::UnknownTemplate,
            ErrorCode::InvalidAdmissionList => wangge_status::InvalidAdmissionList,
            ErrorCode::UnsupportedAdmissionFormat => wangge_status::UnsupportedAdmissionFormat,
            ErrorCode::AdmissionUnauthorized => wangge_status::AdmissionUnauthorized,
            ErrorCode::InvalidAdmissionTransition => wangge_status::InvalidAdmissionTransition,
            ErrorCode::UnknownAdmissionItem => wangge_status::UnknownAdmissionItem,
            ErrorCode::AdmissionRejected => wangge_status::AdmissionRejected,
            ErrorCode::CaseUnauthorized => wangge_status::CaseUnauthorized,
            ErrorCode::CaseOutOfJurisdiction => wangge_status::CaseOutOfJurisdiction,
            ErrorCode::InvalidCaseTransition => wangge_status::InvalidCaseTransition,
            ErrorCode::UnknownCase => wangge_status::UnknownCase,
            ErrorCode::UnknownCategory => wangge_status::UnknownCategory,
            ErrorCode::InvalidCommand => wangge_status::InvalidCommand,
            ErrorCode::InvalidJournal => wangge_status::InvalidJournal,
            ErrorCode::UnsupportedJournalFormat => wangge_status::UnsupportedJournalFormat,
            ErrorCode::CaseRuleViolation => wangge_status::CaseRuleViolation,
            ErrorCode::CaseExists => wangge_status::CaseExists,
            ErrorCode::CaseNotHandler => wangge_status::CaseNotHandler,
            ErrorCode::UnknownDepartment => wangge_status::UnknownDepartment,
            ErrorCode::CaseNotLocated => wangge_status::CaseNotLocated,
            ErrorCode::InvalidRecords => wangge_status::InvalidRecords,
            ErrorCode::InvalidPeriod => wangge_status::InvalidPeriod,
            ErrorCode::InvalidScoreSheet => wangge_status::InvalidScoreSheet,
            ErrorCode::UnknownScoreSheet => wangge_status::UnknownScoreSheet,
            ErrorCode::InvalidScoringInput => wangge_status::InvalidScoringInput,
            _ => wangge_status::Internal,
        }
    }

    /// The stable snake-case name as a C string (`c"invalid_json"`).
    pub const fn c_name(self) -> &'static std::ffi::CStr {
        match self {
            wangge_status::Ok => c"ok",
            wangge_status::InvalidArgument => c"invalid_argument",
            wangge_status::InvalidJson => c"invalid_json",
            wangge_status::InvalidToml => c"invalid_toml",
            wangge_status::InputTooLarge => c"input_too_large",
            wangge_status::InvalidUtf8 => c"invalid_utf8",
            wangge_status::NullArgument => c"null_argument",
            wangge_status::InvalidDateTime => c"invalid_date_time",
            wangge_status::Internal => c"internal",
            wangge_status::Panic => c"panic",
            wangge_status::InvalidAdminCode => c"invalid_admin_code",
            wangge_status::InvalidGridCode => c"invalid_grid_code",
            wangge_status::GridCodeLayoutMismatch => c"grid_code_layout_mismatch",
            wangge_status::SequenceOutOfRange => c"sequence_out_of_range",
            wangge_status::InvalidCoordinate => c"invalid_coordinate",
            wangge_status::InvalidGeometry => c"invalid_geometry",
            wangge_status::InvalidGeojson => c"invalid_geojson",
            wangge_status::UnknownCrs => c"unknown_crs",
            wangge_status::DuplicateUnit => c"duplicate_unit",
            wangge_status::UnknownParent => c"unknown_parent",
            wangge_status::ParentMismatch => c"parent_mismatch",
            wangge_status::LevelMismatch => c"level_mismatch",
            wangge_status::InvalidValidity => c"invalid_validity",
            wangge_status::UnknownUnit => c"unknown_unit",
            wangge_status::EmptyLayer => c"empty_layer",
            wangge_status::InvalidPolicy => c"invalid_policy",
            wangge_status::UnsupportedPolicyVersion => c"unsupported_policy_version",
            wangge_status::UnknownPreset => c"unknown_preset",
            wangge_status::UnknownYear => c"unknown_year",
            wangge_status::InvalidCalendar => c"invalid_calendar",
            wangge_status::InvalidHolidayData => c"invalid_holiday_data",
            wangge_status::CalendarOutOfRange => c"calendar_out_of_range",
            wangge_status::InvalidRoster => c"invalid_roster",
            wangge_status::UnsupportedRosterVersion => c"unsupported_roster_version",
            wangge_status::UnknownPerson => c"unknown_person",
            wangge_status::DuplicatePerson => c"duplicate_person",
            wangge_status::OverlappingAssignment => c"overlapping_assignment",
            wangge_status::UnknownGrid => c"unknown_grid",
            wangge_status::AssignmentOutsideGrid => c"assignment_outside_grid",
            wangge_status::InvalidIdNumber => c"invalid_id_number",
            wangge_status::UnknownRole => c"unknown_role",
            wangge_status::UnknownTemplate => c"unknown_template",
            wangge_status::InvalidAdmissionList => c"invalid_admission_list",
            wangge_status::UnsupportedAdmissionFormat => c"unsupported_admission_format",
            wangge_status::AdmissionUnauthorized => c"admission_unauthorized",
            wangge_status::InvalidAdmissionTransition => c"invalid_admission_transition",
            wangge_status::UnknownAdmissionItem => c"unknown_admission_item",
            wangge_status::AdmissionRejected => c"admission_rejected",
            wangge_status::CaseUnauthorized => c"case_unauthorized",
            wangge_status::CaseOutOfJurisdiction => c"case_out_of_jurisdiction",
            wangge_status::InvalidCaseTransition => c"invalid_case_transition",
            wangge_status::UnknownCase => c"unknown_case",
            wangge_status::UnknownCategory => c"unknown_category",
            wangge_status::InvalidCommand => c"invalid_command",
            wangge_status::InvalidJournal => c"invalid_journal",
            wangge_status::UnsupportedJournalFormat => c"unsupported_journal_format",
            wangge_status::CaseRuleViolation => c"case_rule_violation",
            wangge_status::CaseExists => c"case_exists",
            wangge_status::CaseNotHandler => c"case_not_handler",
            wangge_status::UnknownDepartment => c"unknown_department",
            wangge_status::CaseNotLocated => c"case_not_located",
            wangge_status::InvalidRecords => c"invalid_records",
            wangge_status::InvalidPeriod => c"invalid_period",
            wangge_status::InvalidScoreSheet => c"invalid_score_sheet",
            wangge_status::UnknownScoreSheet => c"unknown_score_sheet",
            wangge_status::InvalidScoringInput => c"invalid_scoring_input",
        }
    }
}
