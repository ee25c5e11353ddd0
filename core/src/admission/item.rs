//! One admitted matter ([`Item`]) and its parts.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{AdmissionError, ListKind, PeriodKind, check_text};
use crate::code::{AdminCode, UnitCode};
use crate::grid::{GridKind, Validity};

/// The largest integer every binding carries exactly (2^53).
pub(crate) const MAX_SAFE: u64 = 1 << 53;

/// Whether the grid leads the matter or assists the owning department (seed 004: 负责 …
/// vs 协助做好 …).
///
/// ```
/// use wangge::admission::Role;
/// assert_eq!(serde_json::to_string(&Role::Assist).unwrap(), "\"assist\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头: the grid handles the matter itself.
    #[serde(alias = "牵头", alias = "负责")]
    Lead,
    /// 协助/配合: the grid assists the owning department.
    #[serde(alias = "协助", alias = "配合")]
    Assist,
}

/// Which grids an item applies to: one kind, or every dedicated grid.
///
/// Written as `"basic"`, `"micro"`, `"dedicated"` (every dedicated grid, whatever its
/// site) or `"dedicated:<site>"`; the Chinese names of [`GridKind`] are accepted.
///
/// ```
/// use wangge::admission::KindPattern;
/// use wangge::grid::{GridKind, SiteKind};
/// let any: KindPattern = "dedicated".parse()?;
/// assert!(any.matches(GridKind::Dedicated(SiteKind::School)));
/// let school: KindPattern = "专属网格:学校".parse()?;
/// assert!(!school.matches(GridKind::Dedicated(SiteKind::Park)));
/// assert_eq!(school.to_string(), "dedicated:school");
/// # Ok::<(), wangge::admission::AdmissionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KindPattern {
    /// Exactly this kind.
    Kind(GridKind),
    /// Every dedicated grid (专属网格 of any site).
    AnyDedicated,
}

impl KindPattern {
    /// Whether a grid of kind `k` matches.
    pub fn matches(self, k: GridKind) -> bool {
        match self {
            KindPattern::Kind(p) => p == k,
            KindPattern::AnyDedicated => matches!(k, GridKind::Dedicated(_)),
        }
    }
}

impl fmt::Display for KindPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KindPattern::Kind(k) => k.fmt(f),
            KindPattern::AnyDedicated => f.write_str("dedicated"),
        }
    }
}

impl FromStr for KindPattern {
    type Err = AdmissionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dedicated" | "专属网格" => Ok(KindPattern::AnyDedicated),
            _ => s.parse::<GridKind>().map(KindPattern::Kind).map_err(|_| {
                AdmissionError::InvalidRequest(format!(
                    "unknown grid kind {:?} (expected basic, micro, dedicated or dedicated:<site>)",
                    super::short(s)
                ))
            }),
        }
    }
}

impl From<GridKind> for KindPattern {
    fn from(k: GridKind) -> Self {
        KindPattern::Kind(k)
    }
}

impl Serialize for KindPattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KindPattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The three classes of key subjects a grid visits regularly (seed 000: 骨干对象、服务对象、
/// 管控对象), plus key places (重点场所).
///
/// ```
/// use wangge::admission::KeySubject;
/// let k: KeySubject = serde_json::from_str("\"管控对象\"").unwrap();
/// assert_eq!(k, KeySubject::Control);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySubject {
    /// 骨干对象: party members, village cadres, informants — the grid's backbone.
    #[serde(alias = "骨干对象")]
    Backbone,
    /// 服务对象: elderly, disabled, households in difficulty — people served.
    #[serde(alias = "服务对象")]
    Service,
    /// 管控对象: people under supervision (community correction, severe mental disorder …).
    #[serde(alias = "管控对象")]
    Control,
    /// 重点场所: key places (rental housing, hazardous sites …).
    #[serde(alias = "重点场所")]
    Place,
}

/// How often a recurring item is due: `times` per period of kind `every`, optionally per
/// key subject of a class (the host's registry says how many each grid has).
///
/// Visit cadences in use (facts): high-risk elderly at least weekly, key elderly monthly,
/// others quarterly; severe mental disorder risk level 3–5 weekly, 0–2 monthly.
///
/// ```
/// use wangge::admission::{Frequency, PeriodKind};
/// let f: Frequency = toml::from_str(r#"
///     every = "week"
///     subject = "service"
///     subject_class = "high_risk_elderly"
/// "#).unwrap();
/// assert_eq!((f.every, f.times), (PeriodKind::Week, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// The period.
    pub every: PeriodKind,
    /// How many times per period (per subject when a subject class is named). Defaults to 1.
    #[serde(default = "one")]
    pub times: u32,
    /// The class of key subject visited, if the item is a visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<KeySubject>,
    /// The host's name for the group of subjects (`"high_risk_elderly"`); grids report how
    /// many of each class they hold ([`super::GridRef::subjects`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_class: Option<String>,
}

fn one() -> u32 {
    1
}

/// How an item's budget is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetBasis {
    /// The amount is paid for every grid the item applies to.
    PerGrid,
    /// The amount is one yearly sum, shared equally among the grids the item applies to.
    LumpSum,
}

/// The yearly budget that moves with an item (费随事转, seed 000), in fen (分; 1 yuan =
/// 100 fen), so that sums are exact.
///
/// ```
/// use wangge::admission::{Budget, BudgetBasis};
/// let b: Budget = toml::from_str("amount_fen = 120000\nbasis = 'per_grid'").unwrap();
/// assert_eq!(b.basis, BudgetBasis::PerGrid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Yearly amount in fen, at most 2^53.
    pub amount_fen: u64,
    /// Per grid or one sum.
    pub basis: BudgetBasis,
}

/// One admitted matter: what it is, whose it is, where it applies, how often, with what
/// money. Its lifecycle lives in the [`super::Entry`] that holds it.
///
/// ```
/// use wangge::admission::{Item, ListKind, Role};
/// let item: Item = toml::from_str(r#"
///     list = "service"
///     code = "FW-004"
///     name = "低保申报"
///     department = "区民政局"
///     role = "assist"
///     grid_kinds = ["basic"]
/// "#).unwrap();
/// item.validate()?;
/// assert_eq!((item.list, item.role), (ListKind::Service, Role::Assist));
/// # Ok::<(), wangge::admission::AdmissionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Which list the item is on.
    pub list: ListKind,
    /// The item's code, unique in the register (1–64 characters, no white space, no `/`).
    pub code: String,
    /// Name (`"高龄津贴发放"`).
    pub name: String,
    /// Owning department (`"区民政局"`); only it may push the item onto grids.
    pub department: String,
    /// Legal or policy basis (law, article, document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Whether the grid leads or assists.
    pub role: Role,
    /// Grid kinds the item applies to. Defaults to every kind (empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grid_kinds: Vec<KindPattern>,
    /// Case categories the item admits (`"矛盾纠纷/邻里纠纷"`): an item admitting a category
    /// admits its whole subtree (`/`-separated). Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Units (county, town or community codes) the item is limited to. Defaults to the
    /// whole jurisdiction (empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<AdminCode>,
    /// Cadence, for recurring items. Defaults to none (one-off work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Validity dates of the item itself, `[from, to)`. Defaults to unbounded.
    #[serde(default, skip_serializing_if = "is_unbounded")]
    pub validity: Validity,
    /// The budget that follows the item. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
}

fn is_unbounded(v: &Validity) -> bool {
    v.from.is_none() && v.to.is_none()
}

/// Whether `code` is a well-formed item code.
pub(crate) fn check_code(code: &str) -> Result<(), &'static str> {
    if code.is_empty() {
        return Err("must not be empty");
    }
    if code.chars().count() > 64 {
        return Err("is longer than 64 characters");
    }
    if code
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '/')
    {
        return Err("must not contain white space, control characters or '/'");
    }
    Ok(())
}

/// Whether `c` is a well-formed category path.
pub(crate) fn check_category(c: &str) -> Result<(), &'static str> {
    check_text(c, 200, true)?;
    if c.split('/').any(|seg| seg.trim().is_empty()) {
        return Err("must be a '/'-separated path without empty segments");
    }
    Ok(())
}

impl Item {
    /// Checks every field; the error names the item and the field.
    pub fn validate(&self) -> Result<(), AdmissionError> {
        let who = || super::short(&self.code);
        let bad = |field: &str, m: &str| AdmissionError::invalid(who(), field, m);
        check_code(&self.code).map_err(|m| bad("code", m))?;
        check_text(&self.name, 200, true).map_err(|m| bad("name", m))?;
        check_text(&self.department, 100, true).map_err(|m| bad("department", m))?;
        if let Some(l) = &self.legal_basis {
            check_text(l, 2000, true).map_err(|m| bad("legal_basis", m))?;
        }
        let mut kinds = BTreeSet::new();
        for k in &self.grid_kinds {
            if !kinds.insert(*k) {
                return Err(bad("grid_kinds", &format!("{k} is listed twice")));
            }
        }
        if self.categories.len() > 1000 {
            return Err(bad("categories", "more than 1000 categories"));
        }
        let mut cats = BTreeSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            check_category(c).map_err(|m| bad(&format!("categories[{i}]"), m))?;
            if !cats.insert(c.as_str()) {
                return Err(bad(&format!("categories[{i}]"), "is listed twice"));
            }
        }
        let mut scope = BTreeSet::new();
        for (i, s) in self.scope.iter().enumerate() {
            if !scope.insert(*s) {
                return Err(bad(&format!("scope[{i}]"), "is listed twice"));
            }
        }
        if let Some(f) = &self.frequency {
            if f.times == 0 || f.times > 1000 {
                return Err(bad("frequency.times", "must be between 1 and 1000"));
            }
            if let Some(c) = &f.subject_class {
                check_code(c).map_err(|m| bad("frequency.subject_class", m))?;
            }
        }
        if !self.validity.is_valid() {
            return Err(bad("validity", "`to` must be after `from`"));
        }
        if let Some(b) = &self.budget
            && b.amount_fen > MAX_SAFE
        {
            return Err(bad("budget.amount_fen", "must be at most 2^53"));
        }
        Ok(())
    }

    /// Whether the item applies to a grid of kind `kind`.
    pub fn applies_to_kind(&self, kind: GridKind) -> bool {
        self.grid_kinds.is_empty() || self.grid_kinds.iter().any(|p| p.matches(kind))
    }

    /// Whether the item applies to a unit (by its scope); `None` means "unit unknown",
    /// which matches only items without a scope.
    ///
    /// ```
    /// use wangge::admission::Item;
    /// let mut item: Item = toml::from_str(
    ///     "list='task'\ncode='X'\nname='x'\ndepartment='d'\nrole='lead'\nscope=['371323100000']",
    /// ).unwrap();
    /// assert!(item.applies_to_unit(Some("371323100201001".parse()?)));
    /// assert!(!item.applies_to_unit(Some("371323101201001".parse()?)));
    /// assert!(!item.applies_to_unit(None));
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn applies_to_unit(&self, unit: Option<UnitCode>) -> bool {
        if self.scope.is_empty() {
            return true;
        }
        let Some(unit) = unit else { return false };
        let admin = match unit {
            UnitCode::Admin(a) => a,
            UnitCode::Grid(g) => g.community(),
        };
        self.scope.iter().any(|s| s.contains(&admin))
    }

    /// Whether the item admits case category `category` (the category or one of its
    /// ancestors is listed).
    ///
    /// ```
    /// use wangge::admission::Item;
    /// let item: Item = toml::from_str(
    ///     "list='task'\ncode='X'\nname='x'\ndepartment='d'\nrole='lead'\ncategories=['矛盾纠纷']",
    /// ).unwrap();
    /// assert!(item.admits_category("矛盾纠纷/邻里纠纷"));
    /// assert!(!item.admits_category("矛盾纠纷类"));
    /// ```
    pub fn admits_category(&self, category: &str) -> bool {
        category_ancestors(category).any(|a| self.categories.iter().any(|c| c == a))
    }
}

/// `a/b/c`, `a/b`, `a`: the category and its ancestors, longest first.
pub(crate) fn category_ancestors(category: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(category);
    std::iter::from_fn(move || {
        let cur = next?;
        next = cur.rfind('/').map(|i| &cur[..i]);
        Some(cur)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::SiteKind;

    fn item() -> Item {
        toml::from_str("list='task'\ncode='RW-1'\nname='走访'\ndepartment='民政局'\nrole='lead'")
            .unwrap()
    }

    #[test]
    fn ancestors() {
        let v: Vec<_> = category_ancestors("a/b/c").collect();
        assert_eq!(v, ["a/b/c", "a/b", "a"]);
        assert_eq!(category_ancestors("x").count(), 1);
    }

    #[test]
    fn validation_names_the_field() {
        let mut i = item();
        assert!(i.validate().is_ok());
        i.code = "a b".into();
        let e = i.validate().unwrap_err();
        assert!(e.to_string().contains("code"), "{e}");
        let mut i = item();
        i.categories = vec!["a//b".into()];
        assert!(
            i.validate()
                .unwrap_err()
                .to_string()
                .contains("categories[0]")
        );
        let mut i = item();
        i.frequency = Some(Frequency {
            every: PeriodKind::Week,
            times: 0,
            subject: None,
            subject_class: None,
        });
        assert!(i.validate().unwrap_err().to_string().contains("times"));
        let mut i = item();
        i.budget = Some(Budget {
            amount_fen: MAX_SAFE + 1,
            basis: BudgetBasis::LumpSum,
        });
        assert!(i.validate().is_err());
        let mut i = item();
        i.grid_kinds = vec![KindPattern::AnyDedicated, KindPattern::AnyDedicated];
        assert!(i.validate().is_err());
        let mut i = item();
        i.name = " 走访".into();
        assert!(i.validate().is_err());
    }

    #[test]
    fn kind_patterns() {
        let i: Item = toml::from_str(
            "list='task'\ncode='X'\nname='x'\ndepartment='d'\nrole='assist'\ngrid_kinds=['basic','dedicated:school']",
        )
        .unwrap();
        assert!(i.applies_to_kind(GridKind::Basic));
        assert!(i.applies_to_kind(GridKind::Dedicated(SiteKind::School)));
        assert!(!i.applies_to_kind(GridKind::Micro));
        assert!(item().applies_to_kind(GridKind::Micro));
        assert!("dedicated:zoo".parse::<KindPattern>().is_err());
        for s in SiteKind::ALL {
            let p = KindPattern::Kind(GridKind::Dedicated(s));
            assert_eq!(p.to_string().parse::<KindPattern>().unwrap(), p);
        }
    }
}
