// Generated from wangge::ErrorCode::ALL by bindings-mobile/tests/generated.rs (WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated). Do not edit.

extension WanggeError {
    /// The stable numeric code of docs/ERRORS.md (the same in every binding).
    public var code: UInt32 {
        switch self {
        case .InvalidArgument: return 1
        case .InvalidJson: return 2
        case .InvalidToml: return 3
        case .InputTooLarge: return 4
        case .InvalidUtf8: return 5
        case .NullArgument: return 6
        case .InvalidDateTime: return 7
        case .Internal: return 98
        case .Panic: return 99
        case .InvalidAdminCode: return 100
        case .InvalidGridCode: return 101
        case .GridCodeLayoutMismatch: return 102
        case .SequenceOutOfRange: return 103
        case .InvalidCoordinate: return 150
        case .InvalidGeometry: return 151
        case .InvalidGeojson: return 152
        case .UnknownCrs: return 153
        case .DuplicateUnit: return 200
        case .UnknownParent: return 201
        case .ParentMismatch: return 202
        case .LevelMismatch: return 203
        case .InvalidValidity: return 204
        case .UnknownUnit: return 205
        case .EmptyLayer: return 206
        case .InvalidPolicy: return 250
        case .UnsupportedPolicyVersion: return 251
        case .UnknownPreset: return 252
        case .UnknownYear: return 300
        case .InvalidCalendar: return 301
        case .InvalidHolidayData: return 302
        case .CalendarOutOfRange: return 303
        case .InvalidRoster: return 350
        case .UnsupportedRosterVersion: return 351
        case .UnknownPerson: return 352
        case .DuplicatePerson: return 353
        case .OverlappingAssignment: return 354
        case .UnknownGrid: return 355
        case .AssignmentOutsideGrid: return 356
        case .InvalidIdNumber: return 357
        case .UnknownRole: return 358
        case .UnknownTemplate: return 359
        case .InvalidAdmissionList: return 400
        case .UnsupportedAdmissionFormat: return 401
        case .AdmissionUnauthorized: return 402
        case .InvalidAdmissionTransition: return 403
        case .UnknownAdmissionItem: return 404
        case .AdmissionRejected: return 405
        case .CaseUnauthorized: return 450
        case .CaseOutOfJurisdiction: return 451
        case .InvalidCaseTransition: return 452
        case .UnknownCase: return 453
        case .UnknownCategory: return 454
        case .InvalidCommand: return 455
        case .InvalidJournal: return 456
        case .UnsupportedJournalFormat: return 457
        case .CaseRuleViolation: return 458
        case .CaseExists: return 459
        case .CaseNotHandler: return 460
        case .UnknownDepartment: return 461
        case .CaseNotLocated: return 462
        case .InvalidRecords: return 500
        case .InvalidPeriod: return 501
        case .InvalidScoreSheet: return 502
        case .UnknownScoreSheet: return 503
        case .InvalidScoringInput: return 504
        }
    }

    /// The stable snake-case name of the code.
    public var name: String {
        switch self {
        case .InvalidArgument: return "invalid_argument"
        case .InvalidJson: return "invalid_json"
        case .InvalidToml: return "invalid_toml"
        case .InputTooLarge: return "input_too_large"
        case .InvalidUtf8: return "invalid_utf8"
        case .NullArgument: return "null_argument"
        case .InvalidDateTime: return "invalid_date_time"
        case .Internal: return "internal"
        case .Panic: return "panic"
        case .InvalidAdminCode: return "invalid_admin_code"
        case .InvalidGridCode: return "invalid_grid_code"
        case .GridCodeLayoutMismatch: return "grid_code_layout_mismatch"
        case .SequenceOutOfRange: return "sequence_out_of_range"
        case .InvalidCoordinate: return "invalid_coordinate"
        case .InvalidGeometry: return "invalid_geometry"
        case .InvalidGeojson: return "invalid_geojson"
        case .UnknownCrs: return "unknown_crs"
        case .DuplicateUnit: return "duplicate_unit"
        case .UnknownParent: return "unknown_parent"
        case .ParentMismatch: return "parent_mismatch"
        case .LevelMismatch: return "level_mismatch"
        case .InvalidValidity: return "invalid_validity"
        case .UnknownUnit: return "unknown_unit"
        case .EmptyLayer: return "empty_layer"
        case .InvalidPolicy: return "invalid_policy"
        case .UnsupportedPolicyVersion: return "unsupported_policy_version"
        case .UnknownPreset: return "unknown_preset"
        case .UnknownYear: return "unknown_year"
        case .InvalidCalendar: return "invalid_calendar"
        case .InvalidHolidayData: return "invalid_holiday_data"
        case .CalendarOutOfRange: return "calendar_out_of_range"
        case .InvalidRoster: return "invalid_roster"
        case .UnsupportedRosterVersion: return "unsupported_roster_version"
        case .UnknownPerson: return "unknown_person"
        case .DuplicatePerson: return "duplicate_person"
        case .OverlappingAssignment: return "overlapping_assignment"
        case .UnknownGrid: return "unknown_grid"
        case .AssignmentOutsideGrid: return "assignment_outside_grid"
        case .InvalidIdNumber: return "invalid_id_number"
        case .UnknownRole: return "unknown_role"
        case .UnknownTemplate: return "unknown_template"
        case .InvalidAdmissionList: return "invalid_admission_list"
        case .UnsupportedAdmissionFormat: return "unsupported_admission_format"
        case .AdmissionUnauthorized: return "admission_unauthorized"
        case .InvalidAdmissionTransition: return "invalid_admission_transition"
        case .UnknownAdmissionItem: return "unknown_admission_item"
        case .AdmissionRejected: return "admission_rejected"
        case .CaseUnauthorized: return "case_unauthorized"
        case .CaseOutOfJurisdiction: return "case_out_of_jurisdiction"
        case .InvalidCaseTransition: return "invalid_case_transition"
        case .UnknownCase: return "unknown_case"
        case .UnknownCategory: return "unknown_category"
        case .InvalidCommand: return "invalid_command"
        case .InvalidJournal: return "invalid_journal"
        case .UnsupportedJournalFormat: return "unsupported_journal_format"
        case .CaseRuleViolation: return "case_rule_violation"
        case .CaseExists: return "case_exists"
        case .CaseNotHandler: return "case_not_handler"
        case .UnknownDepartment: return "unknown_department"
        case .CaseNotLocated: return "case_not_located"
        case .InvalidRecords: return "invalid_records"
        case .InvalidPeriod: return "invalid_period"
        case .InvalidScoreSheet: return "invalid_score_sheet"
        case .UnknownScoreSheet: return "unknown_score_sheet"
        case .InvalidScoringInput: return "invalid_scoring_input"
        }
    }

    /// The human message.
    public var message: String {
        switch self {
        case .InvalidArgument(let message): return message
        case .InvalidJson(let message): return message
        case .InvalidToml(let message): return message
        case .InputTooLarge(let message): return message
        case .InvalidUtf8(let message): return message
        case .NullArgument(let message): return message
        case .InvalidDateTime(let message): return message
        case .Internal(let message): return message
        case .Panic(let message): return message
        case .InvalidAdminCode(let message): return message
        case .InvalidGridCode(let message): return message
        case .GridCodeLayoutMismatch(let message): return message
        case .SequenceOutOfRange(let message): return message
        case .InvalidCoordinate(let message): return message
        case .InvalidGeometry(let message): return message
        case .InvalidGeojson(let message): return message
        case .UnknownCrs(let message): return message
        case .DuplicateUnit(let message): return message
        case .UnknownParent(let message): return message
        case .ParentMismatch(let message): return message
        case .LevelMismatch(let message): return message
        case .InvalidValidity(let message): return message
        case .UnknownUnit(let message): return message
        case .EmptyLayer(let message): return message
        case .InvalidPolicy(let message): return message
        case .UnsupportedPolicyVersion(let message): return message
        case .UnknownPreset(let message): return message
        case .UnknownYear(let message): return message
        case .InvalidCalendar(let message): return message
        case .InvalidHolidayData(let message): return message
        case .CalendarOutOfRange(let message): return message
        case .InvalidRoster(let message): return message
        case .UnsupportedRosterVersion(let message): return message
        case .UnknownPerson(let message): return message
        case .DuplicatePerson(let message): return message
        case .OverlappingAssignment(let message): return message
        case .UnknownGrid(let message): return message
        case .AssignmentOutsideGrid(let message): return message
        case .InvalidIdNumber(let message): return message
        case .UnknownRole(let message): return message
        case .UnknownTemplate(let message): return message
        case .InvalidAdmissionList(let message): return message
        case .UnsupportedAdmissionFormat(let message): return message
        case .AdmissionUnauthorized(let message): return message
        case .InvalidAdmissionTransition(let message): return message
        case .UnknownAdmissionItem(let message): return message
        case .AdmissionRejected(let message): return message
        case .CaseUnauthorized(let message): return message
        case .CaseOutOfJurisdiction(let message): return message
        case .InvalidCaseTransition(let message): return message
        case .UnknownCase(let message): return message
        case .UnknownCategory(let message): return message
        case .InvalidCommand(let message): return message
        case .InvalidJournal(let message): return message
        case .UnsupportedJournalFormat(let message): return message
        case .CaseRuleViolation(let message): return message
        case .CaseExists(let message): return message
        case .CaseNotHandler(let message): return message
        case .UnknownDepartment(let message): return message
        case .CaseNotLocated(let message): return message
        case .InvalidRecords(let message): return message
        case .InvalidPeriod(let message): return message
        case .InvalidScoreSheet(let message): return message
        case .UnknownScoreSheet(let message): return message
        case .InvalidScoringInput(let message): return message
        }
    }
}
