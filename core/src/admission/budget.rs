//! Funding follows the task (费随事转): yearly budgets per department and per grid
//! ([`AdmissionList::budget`]).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::item::MAX_SAFE;
use super::{AdmissionError, AdmissionList, BudgetBasis, GridRef};
use crate::code::{GridCode, UnitCode};

/// A department's yearly total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentAmount {
    /// The department owning the items.
    pub department: String,
    /// Yearly amount in fen.
    pub amount_fen: u64,
}

/// A grid's yearly total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridAmount {
    /// The grid.
    pub grid: GridCode,
    /// Yearly amount in fen.
    pub amount_fen: u64,
}

/// The yearly budgets of the items in force on a date, per department and per grid.
///
/// `total_fen` = sum over departments = sum over grids + `unallocated_fen` (lump sums of
/// items no listed grid receives).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTotals {
    /// The day the list was read.
    pub on: NaiveDate,
    /// Sum of everything, in fen.
    pub total_fen: u64,
    /// Lump sums no listed grid receives, in fen.
    pub unallocated_fen: u64,
    /// Per owning department, by name.
    pub by_department: Vec<DepartmentAmount>,
    /// Per grid, by code (every grid given, zero included).
    pub by_grid: Vec<GridAmount>,
}

impl AdmissionList {
    /// Totals the yearly budgets of every item (on any list) in force on `on`.
    ///
    /// A per-grid budget is paid to each grid the item applies to (kind and scope); a lump
    /// sum is shared equally among them, the remainder fen going one each to the first
    /// grids by code, so that the parts add up exactly.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::admission::{AdmissionList, GridRef};
    /// use wangge::grid::GridKind;
    /// let list = AdmissionList::preset("seed000")?;
    /// let grids = [
    ///     GridRef::new("330102016001001".parse()?, GridKind::Basic),
    ///     GridRef::new("330102016001002".parse()?, GridKind::Basic),
    /// ];
    /// let t = list.budget("2019-06-01".parse().unwrap(), &grids)?;
    /// let sum: u64 = t.by_grid.iter().map(|g| g.amount_fen).sum();
    /// assert_eq!(sum + t.unallocated_fen, t.total_fen);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn budget(&self, on: NaiveDate, grids: &[GridRef]) -> Result<BudgetTotals, AdmissionError> {
        let mut sorted: Vec<&GridRef> = grids.iter().collect();
        sorted.sort_by_key(|g| g.code);
        let mut seen = HashSet::with_capacity(grids.len());
        for g in &sorted {
            if !seen.insert(g.code) {
                return Err(AdmissionError::InvalidRequest(format!(
                    "grid {} is listed twice",
                    g.code
                )));
            }
        }
        let mut per_grid = vec![0u128; sorted.len()];
        let mut per_dept: BTreeMap<&str, u128> = BTreeMap::new();
        let mut unallocated = 0u128;
        for e in self.entries.iter().filter(|e| e.in_force_on(on)) {
            let Some(b) = e.item.budget else { continue };
            let targets: Vec<usize> = (0..sorted.len())
                .filter(|&k| {
                    e.item.applies_to_kind(sorted[k].kind)
                        && e.item.applies_to_unit(Some(UnitCode::Grid(sorted[k].code)))
                })
                .collect();
            let amount = u128::from(b.amount_fen);
            let n = targets.len() as u128;
            let dept = per_dept.entry(e.item.department.as_str()).or_default();
            match b.basis {
                BudgetBasis::PerGrid => {
                    *dept += amount * n;
                    for &k in &targets {
                        per_grid[k] += amount;
                    }
                }
                BudgetBasis::LumpSum => {
                    *dept += amount;
                    if n == 0 {
                        unallocated += amount;
                        continue;
                    }
                    let (share, rest) = (amount / n, amount % n);
                    for (j, &k) in targets.iter().enumerate() {
                        per_grid[k] += share + u128::from((j as u128) < rest);
                    }
                }
            }
        }
        let fit = |v: u128| -> Result<u64, AdmissionError> {
            u64::try_from(v)
                .ok()
                .filter(|&v| v <= MAX_SAFE)
                .ok_or_else(|| AdmissionError::TooLarge("a budget total exceeds 2^53 fen".into()))
        };
        let total: u128 = per_dept.values().sum();
        Ok(BudgetTotals {
            on,
            total_fen: fit(total)?,
            unallocated_fen: fit(unallocated)?,
            by_department: per_dept
                .into_iter()
                .map(|(d, v)| {
                    Ok(DepartmentAmount {
                        department: d.to_string(),
                        amount_fen: fit(v)?,
                    })
                })
                .collect::<Result<_, AdmissionError>>()?,
            by_grid: sorted
                .iter()
                .zip(per_grid)
                .map(|(g, v)| {
                    Ok(GridAmount {
                        grid: g.code,
                        amount_fen: fit(v)?,
                    })
                })
                .collect::<Result<_, AdmissionError>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::{Actor, AdmissionRules, Budget, Item, Transition, UnitKind};
    use crate::grid::GridKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn list() -> AdmissionList {
        let rules = AdmissionRules::default();
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        let mut l = AdmissionList::new(None, None);
        let items = [
            ("A", "河长办", BudgetBasis::PerGrid, 50_000, "['basic']"),
            ("B", "河长办", BudgetBasis::LumpSum, 100_001, "['basic']"),
            ("C", "交警大队", BudgetBasis::LumpSum, 7, "['dedicated']"),
        ];
        for (code, dept, basis, amount, kinds) in items {
            let mut item: Item = toml::from_str(&format!(
                "list='task'\ncode='{code}'\nname='{code}'\ndepartment='{dept}'\nrole='assist'\ngrid_kinds={kinds}"
            ))
            .unwrap();
            item.budget = Some(Budget {
                amount_fen: amount,
                basis,
            });
            let by = Actor::new(UnitKind::Department).named(dept);
            l.apply(
                &Transition::Propose {
                    date: d("2024-01-01"),
                    by,
                    item,
                    document: None,
                    reason: None,
                },
                &rules,
            )
            .unwrap();
            l.apply(
                &Transition::Approve {
                    code: code.into(),
                    version: None,
                    date: d("2024-01-01"),
                    by: office.clone(),
                    document: "D".into(),
                },
                &rules,
            )
            .unwrap();
            l.apply(
                &Transition::Enforce {
                    code: code.into(),
                    version: None,
                    date: d("2024-01-01"),
                    by: office.clone(),
                    effective: None,
                    document: None,
                },
                &rules,
            )
            .unwrap();
        }
        l
    }

    #[test]
    fn totals_add_up() {
        let l = list();
        let grids: Vec<GridRef> = ["371323100201003", "371323100201001", "371323100201002"]
            .iter()
            .map(|c| GridRef::new(c.parse().unwrap(), GridKind::Basic))
            .collect();
        let t = l.budget(d("2024-06-01"), &grids).unwrap();
        assert_eq!(
            t.by_department,
            [
                DepartmentAmount {
                    department: "交警大队".into(),
                    amount_fen: 7
                },
                DepartmentAmount {
                    department: "河长办".into(),
                    amount_fen: 150_000 + 100_001
                },
            ]
        );
        // 100,001 fen over 3 grids: 33,334 to the first two by code, 33,333 to the last.
        let amounts: Vec<u64> = t.by_grid.iter().map(|g| g.amount_fen).collect();
        assert_eq!(amounts, [50_000 + 33_334, 50_000 + 33_334, 50_000 + 33_333]);
        assert_eq!(t.by_grid[0].grid.to_string(), "371323100201001");
        assert_eq!(t.unallocated_fen, 7);
        assert_eq!(t.total_fen, amounts.iter().sum::<u64>() + 7);
        // Nothing is in force before 2024.
        assert_eq!(l.budget(d("2023-12-31"), &grids).unwrap().total_fen, 0);
        assert!(
            l.budget(d("2024-06-01"), &[grids[0].clone(), grids[0].clone()])
                .is_err()
        );
    }
}
