//! Who may propose, approve, enforce and retire items ([`AdmissionRules`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Action, Actor, AdmissionError, Item, ListKind, UnitKind};
use crate::code::AdminCode;

/// The authority rules of one jurisdiction (from the policy's `[admission]` section).
///
/// * Approving, enforcing and retiring an item is for the approvers of its list (by
///   default the county governance office: seed 000 "全科网格新增事项须经区综治办审核后纳入").
/// * Proposing is for the proposers; a department may propose only its own items.
/// * An actor that gives its administrative code must sit on the list's line of
///   jurisdiction (the jurisdiction itself, a unit inside it, or a unit above it).
///
/// ```
/// use wangge::admission::{Action, Actor, AdmissionRules, ListKind, UnitKind};
/// let rules = AdmissionRules::default();
/// let office = Actor::new(UnitKind::CountyGovernanceOffice);
/// let dept = Actor::new(UnitKind::Department).named("区民政局");
/// assert!(rules.may_decide(Action::Approve, &office, ListKind::Task, None).is_ok());
/// assert!(rules.may_decide(Action::Approve, &dept, ListKind::Task, None).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdmissionRules {
    /// Unit kinds that approve, enforce and retire items. Defaults to
    /// `["county_governance_office"]`.
    pub approvers: Vec<UnitKind>,
    /// Approvers for particular lists, replacing `approvers` for them. Defaults to none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub approvers_by_list: BTreeMap<ListKind, Vec<UnitKind>>,
    /// Unit kinds that may propose items. Defaults to `["department", "town",
    /// "county_governance_office"]`.
    pub proposers: Vec<UnitKind>,
}

impl Default for AdmissionRules {
    fn default() -> Self {
        AdmissionRules {
            approvers: vec![UnitKind::CountyGovernanceOffice],
            approvers_by_list: BTreeMap::new(),
            proposers: vec![
                UnitKind::Department,
                UnitKind::Town,
                UnitKind::CountyGovernanceOffice,
            ],
        }
    }
}

fn names(kinds: &[UnitKind]) -> String {
    if kinds.is_empty() {
        return "nobody".into();
    }
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

impl AdmissionRules {
    /// The unit kinds that approve, enforce and retire items of `list`.
    ///
    /// ```
    /// use wangge::admission::{AdmissionRules, ListKind, UnitKind};
    /// let mut rules = AdmissionRules::default();
    /// rules.approvers_by_list.insert(ListKind::Summon, vec![UnitKind::CountyGovernment]);
    /// assert_eq!(rules.approvers_for(ListKind::Summon), [UnitKind::CountyGovernment]);
    /// assert_eq!(rules.approvers_for(ListKind::Task), [UnitKind::CountyGovernanceOffice]);
    /// ```
    pub fn approvers_for(&self, list: ListKind) -> &[UnitKind] {
        self.approvers_by_list
            .get(&list)
            .map_or(&self.approvers[..], Vec::as_slice)
    }

    /// Checks that `actor` may propose `item` (version of its code) in a list with the
    /// given jurisdiction; the error names the actor, the item and who may.
    ///
    /// ```
    /// use wangge::admission::{Actor, AdmissionRules, Item, UnitKind};
    /// let item: Item = toml::from_str("list='task'\ncode='X'\nname='x'\ndepartment='区民政局'\nrole='assist'").unwrap();
    /// let rules = AdmissionRules::default();
    /// assert!(rules.may_propose(&Actor::new(UnitKind::Department).named("区民政局"), &item, None).is_ok());
    /// let e = rules.may_propose(&Actor::new(UnitKind::Department).named("区住建局"), &item, None).unwrap_err();
    /// assert!(e.to_string().contains("区民政局"));
    /// ```
    pub fn may_propose(
        &self,
        actor: &Actor,
        item: &Item,
        jurisdiction: Option<AdminCode>,
    ) -> Result<(), AdmissionError> {
        let deny = |reason: String| AdmissionError::Unauthorized {
            action: Action::Propose,
            actor: actor.to_string(),
            target: item.code.clone(),
            reason,
        };
        if !self.proposers.contains(&actor.unit) {
            return Err(deny(format!("only {} may propose", names(&self.proposers))));
        }
        if actor.unit == UnitKind::Department && actor.name.as_deref() != Some(&item.department) {
            return Err(deny(format!(
                "a department may propose only its own items; this one belongs to {}",
                item.department
            )));
        }
        check_jurisdiction(actor, jurisdiction).map_err(deny)
    }

    /// Checks that `actor` may approve, enforce or retire an item of `list`.
    pub fn may_decide(
        &self,
        action: Action,
        actor: &Actor,
        list: ListKind,
        jurisdiction: Option<AdminCode>,
    ) -> Result<(), String> {
        let allowed = self.approvers_for(list);
        if !allowed.contains(&actor.unit) {
            return Err(format!(
                "only {} may {action} items of the {list} list",
                names(allowed)
            ));
        }
        check_jurisdiction(actor, jurisdiction)
    }

    /// Checks the rules themselves: every list has at least one approver and the
    /// proposers are not empty; the error names the field.
    pub(crate) fn validate(&self) -> Result<(), (String, String)> {
        if self.approvers.is_empty() {
            return Err((
                "approvers".into(),
                "must name at least one unit kind".into(),
            ));
        }
        for (k, v) in &self.approvers_by_list {
            if v.is_empty() {
                return Err((
                    format!("approvers_by_list.{k}"),
                    "must name at least one unit kind".into(),
                ));
            }
        }
        if self.proposers.is_empty() {
            return Err((
                "proposers".into(),
                "must name at least one unit kind".into(),
            ));
        }
        Ok(())
    }
}

fn check_jurisdiction(actor: &Actor, jurisdiction: Option<AdminCode>) -> Result<(), String> {
    if let (Some(j), Some(c)) = (jurisdiction, actor.code)
        && !j.contains(&c)
        && !c.contains(&j)
    {
        return Err(format!("{c} is outside the list's jurisdiction {j}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdiction_line() {
        let j: AdminCode = "371323".parse().unwrap();
        let rules = AdmissionRules::default();
        let office = |c: &str| {
            Actor::new(UnitKind::CountyGovernanceOffice).coded(c.parse::<AdminCode>().unwrap())
        };
        for ok in ["371323", "371323100000", "371300"] {
            assert!(
                rules
                    .may_decide(Action::Approve, &office(ok), ListKind::Task, Some(j))
                    .is_ok(),
                "{ok}"
            );
        }
        let e = rules
            .may_decide(Action::Approve, &office("371324"), ListKind::Task, Some(j))
            .unwrap_err();
        assert!(e.contains("371324") && e.contains("371323"), "{e}");
    }

    #[test]
    fn per_list_approvers() {
        let mut rules = AdmissionRules::default();
        rules
            .approvers_by_list
            .insert(ListKind::Summon, vec![UnitKind::CountyGovernment]);
        let gov = Actor::new(UnitKind::CountyGovernment);
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        assert!(
            rules
                .may_decide(Action::Enforce, &gov, ListKind::Summon, None)
                .is_ok()
        );
        assert!(
            rules
                .may_decide(Action::Enforce, &office, ListKind::Summon, None)
                .is_err()
        );
        assert!(
            rules
                .may_decide(Action::Enforce, &office, ListKind::Task, None)
                .is_ok()
        );
    }
}
