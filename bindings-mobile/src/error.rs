//! The error every function of the mobile binding returns. Generated from wangge::ErrorCode::ALL by bindings-mobile/tests/generated.rs (WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated). Do not edit.

use wangge::ErrorCode;

/// A failure with its stable code: one variant per code of `docs/ERRORS.md`. The
/// message is the human text; `code` and `name` are added to the exceptions by
/// the companion files (`WanggeErrorCodes.kt`, `WanggeErrorCodes.swift`, `__init__.py`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
#[non_exhaustive]
pub enum WanggeError {
    /// 1 — an argument is invalid (参数无效).
    #[error("{0}")]
    InvalidArgument(String),
    /// 2 — malformed or mistyped JSON input (JSON 输入格式错误).
    #[error("{0}")]
    InvalidJson(String),
    /// 3 — malformed or mistyped TOML input (TOML 输入格式错误).
    #[error("{0}")]
    InvalidToml(String),
    /// 4 — input exceeds a size limit (输入超出大小限制).
    #[error("{0}")]
    InputTooLarge(String),
    /// 5 — text is not valid UTF-8 (文本不是有效的 UTF-8).
    #[error("{0}")]
    InvalidUtf8(String),
    /// 6 — a required argument is null (必需参数为空).
    #[error("{0}")]
    NullArgument(String),
    /// 7 — invalid date or time (日期或时间无效).
    #[error("{0}")]
    InvalidDateTime(String),
    /// 98 — internal error (内部错误).
    #[error("{0}")]
    Internal(String),
    /// 99 — panic caught at the library boundary (库内部发生异常).
    #[error("{0}")]
    Panic(String),
    /// 100 — invalid administrative division code (行政区划代码无效).
    #[error("{0}")]
    InvalidAdminCode(String),
    /// 101 — invalid grid code (网格编码无效).
    #[error("{0}")]
    InvalidGridCode(String),
    /// 102 — grid code layout differs from the policy's (网格编码位数与政策规定不符).
    #[error("{0}")]
    GridCodeLayoutMismatch(String),
    /// 103 — grid sequence number out of range (网格顺序码超出范围).
    #[error("{0}")]
    SequenceOutOfRange(String),
    /// 150 — coordinate is NaN, infinite or out of range (坐标无效).
    #[error("{0}")]
    InvalidCoordinate(String),
    /// 151 — invalid geometry (几何图形无效).
    #[error("{0}")]
    InvalidGeometry(String),
    /// 152 — invalid GeoJSON (GeoJSON 无效).
    #[error("{0}")]
    InvalidGeojson(String),
    /// 153 — unknown coordinate reference system (未知坐标系).
    #[error("{0}")]
    UnknownCrs(String),
    /// 200 — duplicate unit code (单元编码重复).
    #[error("{0}")]
    DuplicateUnit(String),
    /// 201 — unknown parent unit (上级单元不存在).
    #[error("{0}")]
    UnknownParent(String),
    /// 202 — code does not match its parent (编码与上级单元不符).
    #[error("{0}")]
    ParentMismatch(String),
    /// 203 — unit level does not fit the hierarchy (单元层级与层级设置不符).
    #[error("{0}")]
    LevelMismatch(String),
    /// 204 — validity interval is empty or inverted (有效期无效).
    #[error("{0}")]
    InvalidValidity(String),
    /// 205 — unknown unit (单元不存在).
    #[error("{0}")]
    UnknownUnit(String),
    /// 206 — the layer has no usable grid (图层中没有可用网格).
    #[error("{0}")]
    EmptyLayer(String),
    /// 250 — invalid policy (政策配置无效).
    #[error("{0}")]
    InvalidPolicy(String),
    /// 251 — unsupported policy format version (政策配置版本不受支持).
    #[error("{0}")]
    UnsupportedPolicyVersion(String),
    /// 252 — unknown policy preset (未知的政策预设).
    #[error("{0}")]
    UnknownPreset(String),
    /// 300 — no holiday data for that year (缺少该年份的节假日数据).
    #[error("{0}")]
    UnknownYear(String),
    /// 301 — invalid working calendar (工作日历配置无效).
    #[error("{0}")]
    InvalidCalendar(String),
    /// 302 — invalid holiday data (节假日数据无效).
    #[error("{0}")]
    InvalidHolidayData(String),
    /// 303 — date or duration outside the supported range (日期或时长超出支持范围).
    #[error("{0}")]
    CalendarOutOfRange(String),
    /// 350 — invalid roster (人员名册无效).
    #[error("{0}")]
    InvalidRoster(String),
    /// 351 — unsupported roster format version (人员名册版本不受支持).
    #[error("{0}")]
    UnsupportedRosterVersion(String),
    /// 352 — unknown person (人员不存在).
    #[error("{0}")]
    UnknownPerson(String),
    /// 353 — duplicate person id (人员编号重复).
    #[error("{0}")]
    DuplicatePerson(String),
    /// 354 — overlapping assignments for the same post (同一岗位任职时间重叠).
    #[error("{0}")]
    OverlappingAssignment(String),
    /// 355 — assignment to an unknown grid (任职网格不存在).
    #[error("{0}")]
    UnknownGrid(String),
    /// 356 — assignment outside the grid's validity (任职时间超出网格有效期).
    #[error("{0}")]
    AssignmentOutsideGrid(String),
    /// 357 — invalid resident ID number (公民身份号码无效).
    #[error("{0}")]
    InvalidIdNumber(String),
    /// 358 — unknown role (未知的网格岗位).
    #[error("{0}")]
    UnknownRole(String),
    /// 359 — unknown staffing template (未知的力量配备模板).
    #[error("{0}")]
    UnknownTemplate(String),
    /// 400 — invalid admission list (准入清单无效).
    #[error("{0}")]
    InvalidAdmissionList(String),
    /// 401 — unsupported admission list format version (准入清单格式版本不受支持).
    #[error("{0}")]
    UnsupportedAdmissionFormat(String),
    /// 402 — not the approving authority for this step (无权审核或变更该准入事项).
    #[error("{0}")]
    AdmissionUnauthorized(String),
    /// 403 — lifecycle step not allowed in this state (准入事项当前状态不允许该操作).
    #[error("{0}")]
    InvalidAdmissionTransition(String),
    /// 404 — unknown admission item (准入事项不存在).
    #[error("{0}")]
    UnknownAdmissionItem(String),
    /// 405 — not on the admission list in force (事项未纳入网格准入清单,不得下派).
    #[error("{0}")]
    AdmissionRejected(String),
    /// 450 — role not allowed to do this operation (无权执行该事件操作).
    #[error("{0}")]
    CaseUnauthorized(String),
    /// 451 — unit has no jurisdiction over the case (不属于本单位管辖的事件).
    #[error("{0}")]
    CaseOutOfJurisdiction(String),
    /// 452 — operation not allowed in the case's state (事件当前状态不允许该操作).
    #[error("{0}")]
    InvalidCaseTransition(String),
    /// 453 — unknown case (事件不存在).
    #[error("{0}")]
    UnknownCase(String),
    /// 454 — unknown case category (未知的事件类别).
    #[error("{0}")]
    UnknownCategory(String),
    /// 455 — invalid case command (事件指令无效).
    #[error("{0}")]
    InvalidCommand(String),
    /// 456 — invalid case journal (事件日志无效).
    #[error("{0}")]
    InvalidJournal(String),
    /// 457 — unsupported case journal format version (事件日志格式版本不受支持).
    #[error("{0}")]
    UnsupportedJournalFormat(String),
    /// 458 — a case rule of the policy forbids it (违反事件办理规则).
    #[error("{0}")]
    CaseRuleViolation(String),
    /// 459 — case exists already (事件编号已存在).
    #[error("{0}")]
    CaseExists(String),
    /// 460 — only the handling unit may do this (非事件承办单位).
    #[error("{0}")]
    CaseNotHandler(String),
    /// 461 — unknown department (未知的职能部门).
    #[error("{0}")]
    UnknownDepartment(String),
    /// 462 — the case could not be located to a grid (事件无法定位到网格).
    #[error("{0}")]
    CaseNotLocated(String),
    /// 500 — invalid case records (案件记录无效).
    #[error("{0}")]
    InvalidRecords(String),
    /// 501 — invalid assessment period (考核周期无效).
    #[error("{0}")]
    InvalidPeriod(String),
    /// 502 — invalid score sheet (考核评分表无效).
    #[error("{0}")]
    InvalidScoreSheet(String),
    /// 503 — unknown score sheet (考核评分表不存在).
    #[error("{0}")]
    UnknownScoreSheet(String),
    /// 504 — invalid scoring input (考核输入无效).
    #[error("{0}")]
    InvalidScoringInput(String),
}

impl WanggeError {
    /// The error for a core error code and message.
    pub fn new(code: ErrorCode, message: String) -> WanggeError {
        match code {
            ErrorCode::InvalidArgument => WanggeError::InvalidArgument(message),
            ErrorCode::InvalidJson => WanggeError::InvalidJson(message),
            ErrorCode::InvalidToml => WanggeError::InvalidToml(message),
            ErrorCode::InputTooLarge => WanggeError::InputTooLarge(message),
            ErrorCode::InvalidUtf8 => WanggeError::InvalidUtf8(message),
            ErrorCode::NullArgument => WanggeError::NullArgument(message),
            ErrorCode::InvalidDateTime => WanggeError::InvalidDateTime(message),
            ErrorCode::Internal => WanggeError::Internal(message),
            ErrorCode::Panic => WanggeError::Panic(message),
            ErrorCode::InvalidAdminCode => WanggeError::InvalidAdminCode(message),
            ErrorCode::InvalidGridCode => WanggeError::InvalidGridCode(message),
            ErrorCode::GridCodeLayoutMismatch => WanggeError::GridCodeLayoutMismatch(message),
            ErrorCode::SequenceOutOfRange => WanggeError::SequenceOutOfRange(message),
            ErrorCode::InvalidCoordinate => WanggeError::InvalidCoordinate(message),
            ErrorCode::InvalidGeometry => WanggeError::InvalidGeometry(message),
            ErrorCode::InvalidGeoJson => WanggeError::InvalidGeojson(message),
            ErrorCode::UnknownCrs => WanggeError::UnknownCrs(message),
            ErrorCode::DuplicateUnit => WanggeError::DuplicateUnit(message),
            ErrorCode::UnknownParent => WanggeError::UnknownParent(message),
            ErrorCode::ParentMismatch => WanggeError::ParentMismatch(message),
            ErrorCode::LevelMismatch => WanggeError::LevelMismatch(message),
            ErrorCode::InvalidValidity => WanggeError::InvalidValidity(message),
            ErrorCode::UnknownUnit => WanggeError::UnknownUnit(message),
            ErrorCode::EmptyLayer => WanggeError::EmptyLayer(message),
            ErrorCode::InvalidPolicy => WanggeError::InvalidPolicy(message),
            ErrorCode::UnsupportedPolicyVersion => WanggeError::UnsupportedPolicyVersion(message),
            ErrorCode::UnknownPreset => WanggeError::UnknownPreset(message),
            ErrorCode::UnknownYear => WanggeError::UnknownYear(message),
            ErrorCode::InvalidCalendar => WanggeError::InvalidCalendar(message),
            ErrorCode::InvalidHolidayData => WanggeError::InvalidHolidayData(message),
            ErrorCode::CalendarOutOfRange => WanggeError::CalendarOutOfRange(message),
            ErrorCode::InvalidRoster => WanggeError::InvalidRoster(message),
            ErrorCode::UnsupportedRosterVersion => WanggeError::UnsupportedRosterVersion(message),
            ErrorCode::UnknownPerson => WanggeError::UnknownPerson(message),
            ErrorCode::DuplicatePerson => WanggeError::DuplicatePerson(message),
            ErrorCode::OverlappingAssignment => WanggeError::OverlappingAssignment(message),
            ErrorCode::UnknownGrid => WanggeError::UnknownGrid(message),
            ErrorCode::AssignmentOutsideGrid => WanggeError::AssignmentOutsideGrid(message),
            ErrorCode::InvalidIdNumber => WanggeError::InvalidIdNumber(message),
            ErrorCode::UnknownRole => WanggeError::UnknownRole(message),
            ErrorCode::UnknownTemplate => WanggeError::UnknownTemplate(message),
            ErrorCode::InvalidAdmissionList => WanggeError::InvalidAdmissionList(message),
            ErrorCode::UnsupportedAdmissionFormat => WanggeError::UnsupportedAdmissionFormat(message),
            ErrorCode::AdmissionUnauthorized => WanggeError::AdmissionUnauthorized(message),
            ErrorCode::InvalidAdmissionTransition => WanggeError::InvalidAdmissionTransition(message),
            ErrorCode::UnknownAdmissionItem => WanggeError::UnknownAdmissionItem(message),
            ErrorCode::AdmissionRejected => WanggeError::AdmissionRejected(message),
            ErrorCode::CaseUnauthorized => WanggeError::CaseUnauthorized(message),
            ErrorCode::CaseOutOfJurisdiction => WanggeError::CaseOutOfJurisdiction(message),
            ErrorCode::InvalidCaseTransition => WanggeError::InvalidCaseTransition(message),
            ErrorCode::UnknownCase => WanggeError::UnknownCase(message),
            ErrorCode::UnknownCategory => WanggeError::UnknownCategory(message),
            ErrorCode::InvalidCommand => WanggeError::InvalidCommand(message),
            ErrorCode::InvalidJournal => WanggeError::InvalidJournal(message),
            ErrorCode::UnsupportedJournalFormat => WanggeError::UnsupportedJournalFormat(message),
            ErrorCode::CaseRuleViolation => WanggeError::CaseRuleViolation(message),
            ErrorCode::CaseExists => WanggeError::CaseExists(message),
            ErrorCode::CaseNotHandler => WanggeError::CaseNotHandler(message),
            ErrorCode::UnknownDepartment => WanggeError::UnknownDepartment(message),
            ErrorCode::CaseNotLocated => WanggeError::CaseNotLocated(message),
            ErrorCode::InvalidRecords => WanggeError::InvalidRecords(message),
            ErrorCode::InvalidPeriod => WanggeError::InvalidPeriod(message),
            ErrorCode::InvalidScoreSheet => WanggeError::InvalidScoreSheet(message),
            ErrorCode::UnknownScoreSheet => WanggeError::UnknownScoreSheet(message),
            ErrorCode::InvalidScoringInput => WanggeError::InvalidScoringInput(message),
            _ => WanggeError::Internal(message),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            WanggeError::InvalidArgument(_) => ErrorCode::InvalidArgument,
            WanggeError::InvalidJson(_) => ErrorCode::InvalidJson,
            WanggeError::InvalidToml(_) => ErrorCode::InvalidToml,
            WanggeError::InputTooLarge(_) => ErrorCode::InputTooLarge,
            WanggeError::InvalidUtf8(_) => ErrorCode::InvalidUtf8,
            WanggeError::NullArgument(_) => ErrorCode::NullArgument,
            WanggeError::InvalidDateTime(_) => ErrorCode::InvalidDateTime,
            WanggeError::Internal(_) => ErrorCode::Internal,
            WanggeError::Panic(_) => ErrorCode::Panic,
            WanggeError::InvalidAdminCode(_) => ErrorCode::InvalidAdminCode,
            WanggeError::InvalidGridCode(_) => ErrorCode::InvalidGridCode,
            WanggeError::GridCodeLayoutMismatch(_) => ErrorCode::GridCodeLayoutMismatch,
            WanggeError::SequenceOutOfRange(_) => ErrorCode::SequenceOutOfRange,
            WanggeError::InvalidCoordinate(_) => ErrorCode::InvalidCoordinate,
            WanggeError::InvalidGeometry(_) => ErrorCode::InvalidGeometry,
            WanggeError::InvalidGeojson(_) => ErrorCode::InvalidGeoJson,
            WanggeError::UnknownCrs(_) => ErrorCode::UnknownCrs,
            WanggeError::DuplicateUnit(_) => ErrorCode::DuplicateUnit,
            WanggeError::UnknownParent(_) => ErrorCode::UnknownParent,
            WanggeError::ParentMismatch(_) => ErrorCode::ParentMismatch,
            WanggeError::LevelMismatch(_) => ErrorCode::LevelMismatch,
            WanggeError::InvalidValidity(_) => ErrorCode::InvalidValidity,
            WanggeError::UnknownUnit(_) => ErrorCode::UnknownUnit,
            WanggeError::EmptyLayer(_) => ErrorCode::EmptyLayer,
            WanggeError::InvalidPolicy(_) => ErrorCode::InvalidPolicy,
            WanggeError::UnsupportedPolicyVersion(_) => ErrorCode::UnsupportedPolicyVersion,
            WanggeError::UnknownPreset(_) => ErrorCode::UnknownPreset,
            WanggeError::UnknownYear(_) => ErrorCode::UnknownYear,
            WanggeError::InvalidCalendar(_) => ErrorCode::InvalidCalendar,
            WanggeError::InvalidHolidayData(_) => ErrorCode::InvalidHolidayData,
            WanggeError::CalendarOutOfRange(_) => ErrorCode::CalendarOutOfRange,
            WanggeError::InvalidRoster(_) => ErrorCode::InvalidRoster,
            WanggeError::UnsupportedRosterVersion(_) => ErrorCode::UnsupportedRosterVersion,
            WanggeError::UnknownPerson(_) => ErrorCode::UnknownPerson,
            WanggeError::DuplicatePerson(_) => ErrorCode::DuplicatePerson,
            WanggeError::OverlappingAssignment(_) => ErrorCode::OverlappingAssignment,
            WanggeError::UnknownGrid(_) => ErrorCode::UnknownGrid,
            WanggeError::AssignmentOutsideGrid(_) => ErrorCode::AssignmentOutsideGrid,
            WanggeError::InvalidIdNumber(_) => ErrorCode::InvalidIdNumber,
            WanggeError::UnknownRole(_) => ErrorCode::UnknownRole,
            WanggeError::UnknownTemplate(_) => ErrorCode::UnknownTemplate,
            WanggeError::InvalidAdmissionList(_) => ErrorCode::InvalidAdmissionList,
            WanggeError::UnsupportedAdmissionFormat(_) => ErrorCode::UnsupportedAdmissionFormat,
            WanggeError::AdmissionUnauthorized(_) => ErrorCode::AdmissionUnauthorized,
            WanggeError::InvalidAdmissionTransition(_) => ErrorCode::InvalidAdmissionTransition,
            WanggeError::UnknownAdmissionItem(_) => ErrorCode::UnknownAdmissionItem,
            WanggeError::AdmissionRejected(_) => ErrorCode::AdmissionRejected,
            WanggeError::CaseUnauthorized(_) => ErrorCode::CaseUnauthorized,
            WanggeError::CaseOutOfJurisdiction(_) => ErrorCode::CaseOutOfJurisdiction,
            WanggeError::InvalidCaseTransition(_) => ErrorCode::InvalidCaseTransition,
            WanggeError::UnknownCase(_) => ErrorCode::UnknownCase,
            WanggeError::UnknownCategory(_) => ErrorCode::UnknownCategory,
            WanggeError::InvalidCommand(_) => ErrorCode::InvalidCommand,
            WanggeError::InvalidJournal(_) => ErrorCode::InvalidJournal,
            WanggeError::UnsupportedJournalFormat(_) => ErrorCode::UnsupportedJournalFormat,
            WanggeError::CaseRuleViolation(_) => ErrorCode::CaseRuleViolation,
            WanggeError::CaseExists(_) => ErrorCode::CaseExists,
            WanggeError::CaseNotHandler(_) => ErrorCode::CaseNotHandler,
            WanggeError::UnknownDepartment(_) => ErrorCode::UnknownDepartment,
            WanggeError::CaseNotLocated(_) => ErrorCode::CaseNotLocated,
            WanggeError::InvalidRecords(_) => ErrorCode::InvalidRecords,
            WanggeError::InvalidPeriod(_) => ErrorCode::InvalidPeriod,
            WanggeError::InvalidScoreSheet(_) => ErrorCode::InvalidScoreSheet,
            WanggeError::UnknownScoreSheet(_) => ErrorCode::UnknownScoreSheet,
            WanggeError::InvalidScoringInput(_) => ErrorCode::InvalidScoringInput,
        }
    }
}
