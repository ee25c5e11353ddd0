// Generated from wangge::ErrorCode::ALL by bindings-mobile/tests/generated.rs (WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated). Do not edit.
@file:Suppress("unused")

package org.wangge

/** The stable numeric code of docs/ERRORS.md (the same in every binding). */
val WanggeException.code: Int
    get() = when (this) {
        is WanggeException.InvalidArgument -> 1
        is WanggeException.InvalidJson -> 2
        is WanggeException.InvalidToml -> 3
        is WanggeException.InputTooLarge -> 4
        is WanggeException.InvalidUtf8 -> 5
        is WanggeException.NullArgument -> 6
        is WanggeException.InvalidDateTime -> 7
        is WanggeException.Internal -> 98
        is WanggeException.Panic -> 99
        is WanggeException.InvalidAdminCode -> 100
        is WanggeException.InvalidGridCode -> 101
        is WanggeException.GridCodeLayoutMismatch -> 102
        is WanggeException.SequenceOutOfRange -> 103
        is WanggeException.InvalidCoordinate -> 150
        is WanggeException.InvalidGeometry -> 151
        is WanggeException.InvalidGeojson -> 152
        is WanggeException.UnknownCrs -> 153
        is WanggeException.DuplicateUnit -> 200
        is WanggeException.UnknownParent -> 201
        is WanggeException.ParentMismatch -> 202
        is WanggeException.LevelMismatch -> 203
        is WanggeException.InvalidValidity -> 204
        is WanggeException.UnknownUnit -> 205
        is WanggeException.EmptyLayer -> 206
        is WanggeException.InvalidPolicy -> 250
        is WanggeException.UnsupportedPolicyVersion -> 251
        is WanggeException.UnknownPreset -> 252
        is WanggeException.UnknownYear -> 300
        is WanggeException.InvalidCalendar -> 301
        is WanggeException.InvalidHolidayData -> 302
        is WanggeException.CalendarOutOfRange -> 303
        is WanggeException.InvalidRoster -> 350
        is WanggeException.UnsupportedRosterVersion -> 351
        is WanggeException.UnknownPerson -> 352
        is WanggeException.DuplicatePerson -> 353
        is WanggeException.OverlappingAssignment -> 354
        is WanggeException.UnknownGrid -> 355
        is WanggeException.AssignmentOutsideGrid -> 356
        is WanggeException.InvalidIdNumber -> 357
        is WanggeException.UnknownRole -> 358
        is WanggeException.UnknownTemplate -> 359
        is WanggeException.InvalidAdmissionList -> 400
        is WanggeException.UnsupportedAdmissionFormat -> 401
        is WanggeException.AdmissionUnauthorized -> 402
        is WanggeException.InvalidAdmissionTransition -> 403
        is WanggeException.UnknownAdmissionItem -> 404
        is WanggeException.AdmissionRejected -> 405
        is WanggeException.CaseUnauthorized -> 450
        is WanggeException.CaseOutOfJurisdiction -> 451
        is WanggeException.InvalidCaseTransition -> 452
        is WanggeException.UnknownCase -> 453
        is WanggeException.UnknownCategory -> 454
        is WanggeException.InvalidCommand -> 455
        is WanggeException.InvalidJournal -> 456
        is WanggeException.UnsupportedJournalFormat -> 457
        is WanggeException.CaseRuleViolation -> 458
        is WanggeException.CaseExists -> 459
        is WanggeException.CaseNotHandler -> 460
        is WanggeException.UnknownDepartment -> 461
        is WanggeException.CaseNotLocated -> 462
        is WanggeException.InvalidRecords -> 500
        is WanggeException.InvalidPeriod -> 501
        is WanggeException.InvalidScoreSheet -> 502
        is WanggeException.UnknownScoreSheet -> 503
        is WanggeException.InvalidScoringInput -> 504
    }

/** The stable snake-case name of the code (`"invalid_json"`). */
val WanggeException.name: String
    get() = when (this) {
        is WanggeException.InvalidArgument -> "invalid_argument"
        is WanggeException.InvalidJson -> "invalid_json"
        is WanggeException.InvalidToml -> "invalid_toml"
        is WanggeException.InputTooLarge -> "input_too_large"
        is WanggeException.InvalidUtf8 -> "invalid_utf8"
        is WanggeException.NullArgument -> "null_argument"
        is WanggeException.InvalidDateTime -> "invalid_date_time"
        is WanggeException.Internal -> "internal"
        is WanggeException.Panic -> "panic"
        is WanggeException.InvalidAdminCode -> "invalid_admin_code"
        is WanggeException.InvalidGridCode -> "invalid_grid_code"
        is WanggeException.GridCodeLayoutMismatch -> "grid_code_layout_mismatch"
        is WanggeException.SequenceOutOfRange -> "sequence_out_of_range"
        is WanggeException.InvalidCoordinate -> "invalid_coordinate"
        is WanggeException.InvalidGeometry -> "invalid_geometry"
        is WanggeException.InvalidGeojson -> "invalid_geojson"
        is WanggeException.UnknownCrs -> "unknown_crs"
        is WanggeException.DuplicateUnit -> "duplicate_unit"
        is WanggeException.UnknownParent -> "unknown_parent"
        is WanggeException.ParentMismatch -> "parent_mismatch"
        is WanggeException.LevelMismatch -> "level_mismatch"
        is WanggeException.InvalidValidity -> "invalid_validity"
        is WanggeException.UnknownUnit -> "unknown_unit"
        is WanggeException.EmptyLayer -> "empty_layer"
        is WanggeException.InvalidPolicy -> "invalid_policy"
        is WanggeException.UnsupportedPolicyVersion -> "unsupported_policy_version"
        is WanggeException.UnknownPreset -> "unknown_preset"
        is WanggeException.UnknownYear -> "unknown_year"
        is WanggeException.InvalidCalendar -> "invalid_calendar"
        is WanggeException.InvalidHolidayData -> "invalid_holiday_data"
        is WanggeException.CalendarOutOfRange -> "calendar_out_of_range"
        is WanggeException.InvalidRoster -> "invalid_roster"
        is WanggeException.UnsupportedRosterVersion -> "unsupported_roster_version"
        is WanggeException.UnknownPerson -> "unknown_person"
        is WanggeException.DuplicatePerson -> "duplicate_person"
        is WanggeException.OverlappingAssignment -> "overlapping_assignment"
        is WanggeException.UnknownGrid -> "unknown_grid"
        is WanggeException.AssignmentOutsideGrid -> "assignment_outside_grid"
        is WanggeException.InvalidIdNumber -> "invalid_id_number"
        is WanggeException.UnknownRole -> "unknown_role"
        is WanggeException.UnknownTemplate -> "unknown_template"
        is WanggeException.InvalidAdmissionList -> "invalid_admission_list"
        is WanggeException.UnsupportedAdmissionFormat -> "unsupported_admission_format"
        is WanggeException.AdmissionUnauthorized -> "admission_unauthorized"
        is WanggeException.InvalidAdmissionTransition -> "invalid_admission_transition"
        is WanggeException.UnknownAdmissionItem -> "unknown_admission_item"
        is WanggeException.AdmissionRejected -> "admission_rejected"
        is WanggeException.CaseUnauthorized -> "case_unauthorized"
        is WanggeException.CaseOutOfJurisdiction -> "case_out_of_jurisdiction"
        is WanggeException.InvalidCaseTransition -> "invalid_case_transition"
        is WanggeException.UnknownCase -> "unknown_case"
        is WanggeException.UnknownCategory -> "unknown_category"
        is WanggeException.InvalidCommand -> "invalid_command"
        is WanggeException.InvalidJournal -> "invalid_journal"
        is WanggeException.UnsupportedJournalFormat -> "unsupported_journal_format"
        is WanggeException.CaseRuleViolation -> "case_rule_violation"
        is WanggeException.CaseExists -> "case_exists"
        is WanggeException.CaseNotHandler -> "case_not_handler"
        is WanggeException.UnknownDepartment -> "unknown_department"
        is WanggeException.CaseNotLocated -> "case_not_located"
        is WanggeException.InvalidRecords -> "invalid_records"
        is WanggeException.InvalidPeriod -> "invalid_period"
        is WanggeException.InvalidScoreSheet -> "invalid_score_sheet"
        is WanggeException.UnknownScoreSheet -> "unknown_score_sheet"
        is WanggeException.InvalidScoringInput -> "invalid_scoring_input"
    }
