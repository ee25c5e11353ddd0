# Generated from wangge::ErrorCode::ALL by bindings-mobile/tests/generated.rs (WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated). Do not edit.
"""wangge: grid-based community governance (网格化服务管理) rules.

The generated UniFFI module `wangge.wangge`, re-exported, with `code` (the stable
number of docs/ERRORS.md) and `name` (its snake-case name) on every `WanggeError`.
"""

from .wangge import *  # noqa: F401,F403
from .wangge import WanggeError

_CODES = {
    "InvalidArgument": (1, "invalid_argument"),
    "InvalidJson": (2, "invalid_json"),
    "InvalidToml": (3, "invalid_toml"),
    "InputTooLarge": (4, "input_too_large"),
    "InvalidUtf8": (5, "invalid_utf8"),
    "NullArgument": (6, "null_argument"),
    "InvalidDateTime": (7, "invalid_date_time"),
    "Internal": (98, "internal"),
    "Panic": (99, "panic"),
    "InvalidAdminCode": (100, "invalid_admin_code"),
    "InvalidGridCode": (101, "invalid_grid_code"),
    "GridCodeLayoutMismatch": (102, "grid_code_layout_mismatch"),
    "SequenceOutOfRange": (103, "sequence_out_of_range"),
    "InvalidCoordinate": (150, "invalid_coordinate"),
    "InvalidGeometry": (151, "invalid_geometry"),
    "InvalidGeojson": (152, "invalid_geojson"),
    "UnknownCrs": (153, "unknown_crs"),
    "DuplicateUnit": (200, "duplicate_unit"),
    "UnknownParent": (201, "unknown_parent"),
    "ParentMismatch": (202, "parent_mismatch"),
    "LevelMismatch": (203, "level_mismatch"),
    "InvalidValidity": (204, "invalid_validity"),
    "UnknownUnit": (205, "unknown_unit"),
    "EmptyLayer": (206, "empty_layer"),
    "InvalidPolicy": (250, "invalid_policy"),
    "UnsupportedPolicyVersion": (251, "unsupported_policy_version"),
    "UnknownPreset": (252, "unknown_preset"),
    "UnknownYear": (300, "unknown_year"),
    "InvalidCalendar": (301, "invalid_calendar"),
    "InvalidHolidayData": (302, "invalid_holiday_data"),
    "CalendarOutOfRange": (303, "calendar_out_of_range"),
    "InvalidRoster": (350, "invalid_roster"),
    "UnsupportedRosterVersion": (351, "unsupported_roster_version"),
    "UnknownPerson": (352, "unknown_person"),
    "DuplicatePerson": (353, "duplicate_person"),
    "OverlappingAssignment": (354, "overlapping_assignment"),
    "UnknownGrid": (355, "unknown_grid"),
    "AssignmentOutsideGrid": (356, "assignment_outside_grid"),
    "InvalidIdNumber": (357, "invalid_id_number"),
    "UnknownRole": (358, "unknown_role"),
    "UnknownTemplate": (359, "unknown_template"),
    "InvalidAdmissionList": (400, "invalid_admission_list"),
    "UnsupportedAdmissionFormat": (401, "unsupported_admission_format"),
    "AdmissionUnauthorized": (402, "admission_unauthorized"),
    "InvalidAdmissionTransition": (403, "invalid_admission_transition"),
    "UnknownAdmissionItem": (404, "unknown_admission_item"),
    "AdmissionRejected": (405, "admission_rejected"),
    "CaseUnauthorized": (450, "case_unauthorized"),
    "CaseOutOfJurisdiction": (451, "case_out_of_jurisdiction"),
    "InvalidCaseTransition": (452, "invalid_case_transition"),
    "UnknownCase": (453, "unknown_case"),
    "UnknownCategory": (454, "unknown_category"),
    "InvalidCommand": (455, "invalid_command"),
    "InvalidJournal": (456, "invalid_journal"),
    "UnsupportedJournalFormat": (457, "unsupported_journal_format"),
    "CaseRuleViolation": (458, "case_rule_violation"),
    "CaseExists": (459, "case_exists"),
    "CaseNotHandler": (460, "case_not_handler"),
    "UnknownDepartment": (461, "unknown_department"),
    "CaseNotLocated": (462, "case_not_located"),
    "InvalidRecords": (500, "invalid_records"),
    "InvalidPeriod": (501, "invalid_period"),
    "InvalidScoreSheet": (502, "invalid_score_sheet"),
    "UnknownScoreSheet": (503, "unknown_score_sheet"),
    "InvalidScoringInput": (504, "invalid_scoring_input"),
}

for _variant, (_code, _name) in _CODES.items():
    _cls = getattr(WanggeError, _variant)
    _cls.code = _code
    _cls.name = _name
del _variant, _code, _name, _cls
