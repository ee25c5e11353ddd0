//! The policy's `[admission]` section: the authority rules and the initial lists.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AdmissionError;
use super::{Act, AdmissionList, AdmissionRules, Item, ListKind, Transition, UnitKind, check_text};
use crate::code::AdminCode;

/// The `[admission]` section as written.
///
/// The initial items share one approval record (`approved`) and come into force on
/// `effective`; each becomes version 1 of its code, proposed and enforced by the approving
/// unit on the approval date. Later changes go through [`super::Transition`]s on the list
/// file, not through the policy.
///
/// ```toml
/// [admission]
/// approvers = ["county_governance_office"]
/// approved = { date = "2018-01-01", by = { unit = "county_governance_office", name = "区综治办" }, document = "…" }
/// effective = "2018-01-01"
///
/// [[admission.items]]
/// list = "task"
/// code = "RW-001"
/// name = "…"
/// department = "…"
/// role = "lead"
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdmissionPolicyFile {
    /// Unit kinds that approve, enforce and retire items. Defaults to
    /// `["county_governance_office"]` (seed 000: 须经区综治办审核).
    pub approvers: Vec<UnitKind>,
    /// Approvers for particular lists (`summon = ["county_government"]`). Defaults to none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub approvers_by_list: BTreeMap<ListKind, Vec<UnitKind>>,
    /// Unit kinds that may propose items. Defaults to `["department", "town",
    /// "county_governance_office"]`.
    pub proposers: Vec<UnitKind>,
    /// Title of the initial register. Defaults to none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The jurisdiction's code. Defaults to none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<AdminCode>,
    /// The approval record of the initial items (unit, date, document number). Required
    /// when `items` is not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<Act>,
    /// First day the initial items are in force. Defaults to the approval date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<NaiveDate>,
    /// The initial items of all four lists. Defaults to none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

impl Default for AdmissionPolicyFile {
    fn default() -> Self {
        let r = AdmissionRules::default();
        AdmissionPolicyFile {
            approvers: r.approvers,
            approvers_by_list: r.approvers_by_list,
            proposers: r.proposers,
            title: None,
            jurisdiction: None,
            approved: None,
            effective: None,
            items: Vec::new(),
        }
    }
}

/// The validated `[admission]` section: the rules and the initial register built from the
/// items through the same lifecycle checks as every later change.
///
/// ```
/// use wangge::admission::{ListKind, UnitKind};
/// let p = wangge::policy::Policy::preset("seed000")?;
/// assert_eq!(p.admission.rules.approvers, [UnitKind::CountyGovernanceOffice]);
/// assert!(p.admission.initial.entries().iter().any(|e| e.item().list == ListKind::Report));
/// # Ok::<(), wangge::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdmissionPolicy {
    /// Who may propose and approve.
    pub rules: AdmissionRules,
    /// The initial lists.
    pub initial: AdmissionList,
}

impl TryFrom<AdmissionPolicyFile> for AdmissionPolicy {
    type Error = AdmissionError;
    fn try_from(f: AdmissionPolicyFile) -> Result<Self, AdmissionError> {
        let rules = AdmissionRules {
            approvers: f.approvers,
            approvers_by_list: f.approvers_by_list,
            proposers: f.proposers,
        };
        rules
            .validate()
            .map_err(|(field, m)| AdmissionError::section(format!("admission.{field}"), m))?;
        if let Some(t) = &f.title {
            check_text(t, 200, true).map_err(|m| AdmissionError::section("admission.title", m))?;
        }
        let mut list = AdmissionList::new(f.title, f.jurisdiction);
        if f.items.is_empty() {
            return Ok(AdmissionPolicy {
                rules,
                initial: list,
            });
        }
        let approved = f.approved.ok_or_else(|| {
            AdmissionError::section("admission.approved", "is required when items are listed")
        })?;
        let document = approved.document.clone().ok_or_else(|| {
            AdmissionError::section(
                "admission.approved.document",
                "an approval needs its document number",
            )
        })?;
        if approved.effective.is_some() {
            return Err(AdmissionError::section(
                "admission.approved.effective",
                "give the effective date as admission.effective",
            ));
        }
        let effective = f.effective.unwrap_or(approved.date);
        if effective < approved.date {
            return Err(AdmissionError::section(
                "admission.effective",
                format!("is before the approval on {}", approved.date),
            ));
        }
        let mut codes = BTreeSet::new();
        for (i, item) in f.items.into_iter().enumerate() {
            let field = format!("admission.items[{i}]");
            if !codes.insert(item.code.clone()) {
                return Err(AdmissionError::section(
                    format!("{field}.code"),
                    format!("{} is listed twice", item.code),
                ));
            }
            let code = item.code.clone();
            let steps = [
                Transition::Propose {
                    date: approved.date,
                    by: approved.by.clone(),
                    item,
                    document: None,
                    reason: None,
                },
                Transition::Approve {
                    code: code.clone(),
                    version: None,
                    date: approved.date,
                    by: approved.by.clone(),
                    document: document.clone(),
                },
                Transition::Enforce {
                    code,
                    version: None,
                    date: approved.date,
                    by: approved.by.clone(),
                    effective: Some(effective),
                    document: None,
                },
            ];
            for t in &steps {
                list.apply(t, &rules)
                    .map_err(|e| AdmissionError::section(field.clone(), e.to_string()))?;
            }
        }
        list.revision = 0;
        Ok(AdmissionPolicy {
            rules,
            initial: list,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::Policy;

    const BASE: &str = "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n";

    #[test]
    fn errors_name_the_field() {
        let cases = [
            ("[admission]\napprovers = []", "admission.approvers"),
            ("[admission]\nproposers = []", "admission.proposers"),
            (
                "[admission]\napprovers_by_list = { summon = [] }",
                "admission.approvers_by_list.summon",
            ),
            (
                "[[admission.items]]\nlist='task'\ncode='A'\nname='a'\ndepartment='d'\nrole='lead'",
                "admission.approved",
            ),
            (
                "[admission]\napproved = { date = '2020-01-01', by = { unit = 'county_governance_office' } }\n[[admission.items]]\nlist='task'\ncode='A'\nname='a'\ndepartment='d'\nrole='lead'",
                "admission.approved.document",
            ),
            (
                "[admission]\neffective = '2019-01-01'\napproved = { date = '2020-01-01', by = { unit = 'county_governance_office' }, document = 'D' }\n[[admission.items]]\nlist='task'\ncode='A'\nname='a'\ndepartment='d'\nrole='lead'",
                "admission.effective",
            ),
            (
                "[admission]\napproved = { date = '2020-01-01', by = { unit = 'county_governance_office' }, document = 'D' }\n[[admission.items]]\nlist='task'\ncode='A'\nname='a'\ndepartment='d'\nrole='lead'\n[[admission.items]]\nlist='task'\ncode='A'\nname='b'\ndepartment='d'\nrole='lead'",
                "admission.items[1].code",
            ),
            (
                "[admission]\napproved = { date = '2020-01-01', by = { unit = 'department', name = 'd' }, document = 'D' }\n[[admission.items]]\nlist='task'\ncode='A'\nname='a'\ndepartment='d'\nrole='lead'",
                "admission.items[0]",
            ),
            (
                "[admission]\napproved = { date = '2020-01-01', by = { unit = 'county_governance_office' }, document = 'D' }\n[[admission.items]]\nlist='task'\ncode='A'\nname=''\ndepartment='d'\nrole='lead'",
                "admission.items[0]",
            ),
            ("[admission]\nbogus = 1", "bogus"),
        ];
        for (text, field) in cases {
            let e = Policy::from_toml_str(&format!("{BASE}{text}")).unwrap_err();
            assert!(e.to_string().contains(field), "{field}: {e}");
        }
    }

    #[test]
    fn empty_section_is_the_default() {
        let p = Policy::from_toml_str(BASE).unwrap();
        assert!(p.admission.initial.entries().is_empty());
        assert_eq!(
            p.admission.rules,
            crate::admission::AdmissionRules::default()
        );
    }
}
