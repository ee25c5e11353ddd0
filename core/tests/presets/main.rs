//! One test module per bundled preset: the rules its seed report states verbatim — levels,
//! staffing template, admission list items, thresholds. Expected values are written here
//! from the seed's own words (quoted), never read back from the preset.

mod seed000;
mod seed001;
mod seed002;
mod seed003;
mod seed004;

use chrono::NaiveDate;
use wangge::admission::{CheckRequest, Item, ListKind, Role as ItemRole};
use wangge::grid::GridKind;
use wangge::policy::Policy;
use wangge::staffing::{RoleRule, Template};

pub fn preset(id: &str) -> Policy {
    Policy::preset(id).unwrap_or_else(|e| panic!("{id}: {e}"))
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The items of one list (every version) of a preset's initial register.
pub fn items(p: &Policy, list: ListKind) -> Vec<&Item> {
    p.admission
        .initial
        .entries()
        .iter()
        .map(|e| e.item())
        .filter(|i| i.list == list)
        .collect()
}

/// The names of a list, sorted.
pub fn names(p: &Policy, list: ListKind) -> Vec<String> {
    let mut v: Vec<String> = items(p, list).iter().map(|i| i.name.clone()).collect();
    v.sort();
    v
}

/// Splits a seed enumeration ("甲、乙、丙和丁") into its terms.
pub fn terms(quote: &str) -> Vec<String> {
    quote
        .split(['、', '和'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The rule of `role` in `t` (panics when absent).
pub fn role<'a>(t: &'a Template, role: &str) -> &'a RoleRule {
    t.roles
        .iter()
        .find(|r| r.role.to_string() == role)
        .unwrap_or_else(|| panic!("template {} has no rule for {role}", t.id))
}

/// Level ids and names of a preset, top-down.
pub fn levels(p: &Policy) -> Vec<(String, String)> {
    p.grid
        .levels
        .all()
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect()
}

/// Whether a push of the task named `name` onto a basic grid on `date` is admitted.
pub fn admits_task(p: &Policy, name: &str, date: &str) -> bool {
    p.admission
        .initial
        .check(&CheckRequest::name(
            ListKind::Task,
            name,
            GridKind::Basic,
            day(date),
        ))
        .unwrap()
        .is_allowed()
}

/// Whether an item is led by the grid.
pub fn leads(i: &Item) -> bool {
    i.role == ItemRole::Lead
}
