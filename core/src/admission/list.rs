//! The register ([`AdmissionList`]) and its file format ([`AdmissionListFile`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::item::{MAX_SAFE, category_ancestors};
use super::{
    Act, Action, AdmissionError, AdmissionRules, Budget, Entry, Frequency, Item, KindPattern,
    ListKind, Role, check_text,
};
use crate::code::AdminCode;
use crate::grid::{GridKind, Validity};

/// The newest list file format this release reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The largest list text [`AdmissionList::parse`] reads (16 MiB).
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// The largest number of entries a list may hold.
pub const MAX_ENTRIES: usize = 100_000;

/// The list file as written (TOML or JSON): a format version, an optional title and
/// jurisdiction, a revision counter and the entries. Unknown fields are errors.
///
/// ```
/// use wangge::admission::AdmissionListFile;
/// let f: AdmissionListFile = serde_json::from_str(r#"{"format": 1, "title": "沂水县网格事务准入清单"}"#).unwrap();
/// assert!(f.entries.is_empty());
/// assert!(serde_json::from_str::<AdmissionListFile>(r#"{"format": 1, "colour": 1}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdmissionListFile {
    /// File format version. Must be 1.
    pub format: u32,
    /// Title (`"沂水县网格事务准入清单"`). Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The county (or town) whose register this is. Defaults to none (actors' codes are
    /// then not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<AdminCode>,
    /// How many transitions the register has gone through. Defaults to 0.
    #[serde(default)]
    pub revision: u64,
    /// Every version of every item. Defaults to none.
    #[serde(default)]
    pub entries: Vec<EntryFile>,
}

impl AdmissionListFile {
    /// The file as TOML.
    ///
    /// ```
    /// use wangge::admission::AdmissionListFile;
    /// let f: AdmissionListFile = serde_json::from_str(r#"{"format": 1, "title": "清单"}"#).unwrap();
    /// assert!(f.to_toml()?.contains("title = \"清单\""));
    /// # Ok::<(), wangge::admission::AdmissionError>(())
    /// ```
    pub fn to_toml(&self) -> Result<String, AdmissionError> {
        toml::to_string(self).map_err(|e| AdmissionError::Syntax(e.to_string()))
    }
}

/// One entry as written: the item's fields, its version and its lifecycle steps.
///
/// See [`Item`] for the item fields and [`Act`] for the steps. `approved` needs a
/// `document`; `enforced` and `retired` may carry an `effective` date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    /// Which list.
    pub list: ListKind,
    /// Item code.
    pub code: String,
    /// Version of the code, from 1.
    pub version: u32,
    /// Name.
    pub name: String,
    /// Owning department.
    pub department: String,
    /// Legal or policy basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Lead or assist.
    pub role: Role,
    /// Grid kinds (empty: every kind).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grid_kinds: Vec<KindPattern>,
    /// Case categories admitted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Units the item is limited to (empty: everywhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<AdminCode>,
    /// Cadence of recurring work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Validity of the item, `[from, to)`.
    #[serde(default, skip_serializing_if = "is_unbounded")]
    pub validity: Validity,
    /// Yearly budget that follows the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// The proposal.
    pub proposed: Act,
    /// The approval record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<Act>,
    /// The enforcement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforced: Option<Act>,
    /// The retirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Act>,
}

fn is_unbounded(v: &Validity) -> bool {
    v.from.is_none() && v.to.is_none()
}

impl From<&Entry> for EntryFile {
    fn from(e: &Entry) -> Self {
        let i = e.item.clone();
        EntryFile {
            list: i.list,
            code: i.code,
            version: e.version,
            name: i.name,
            department: i.department,
            legal_basis: i.legal_basis,
            role: i.role,
            grid_kinds: i.grid_kinds,
            categories: i.categories,
            scope: i.scope,
            frequency: i.frequency,
            validity: i.validity,
            budget: i.budget,
            proposed: e.proposed.clone(),
            approved: e.approved.clone(),
            enforced: e.enforced.clone(),
            retired: e.retired.clone(),
        }
    }
}

impl From<EntryFile> for Entry {
    fn from(f: EntryFile) -> Self {
        Entry {
            item: Item {
                list: f.list,
                code: f.code,
                name: f.name,
                department: f.department,
                legal_basis: f.legal_basis,
                role: f.role,
                grid_kinds: f.grid_kinds,
                categories: f.categories,
                scope: f.scope,
                frequency: f.frequency,
                validity: f.validity,
                budget: f.budget,
            },
            version: f.version,
            proposed: f.proposed,
            approved: f.approved,
            enforced: f.enforced,
            retired: f.retired,
        }
    }
}

/// The admission register of one jurisdiction: every version of every item on the task,
/// service, reporting and summon lists, with its lifecycle. Always consistent: it is only
/// built by [`AdmissionList::parse`] (or from a policy) and changed by
/// [`AdmissionList::apply`], which check everything first and change nothing on error.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{AdmissionList, ListKind};
/// let list = AdmissionList::preset("seed001")?;
/// let on: NaiveDate = "2021-06-01".parse().unwrap();
/// let services: Vec<_> = list.in_force(ListKind::Service, on).map(|e| e.item().name.as_str()).collect();
/// assert!(services.contains(&"低保申报"));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdmissionList {
    pub(super) title: Option<String>,
    pub(super) jurisdiction: Option<AdminCode>,
    pub(super) revision: u64,
    /// Sorted by (code, version).
    pub(super) entries: Vec<Entry>,
    /// code → index range of its versions in `entries`.
    pub(super) by_code: HashMap<String, (usize, usize)>,
    /// (list, name) → entry indices.
    pub(super) by_name: HashMap<(ListKind, String), Vec<usize>>,
    /// (list, category) → entry indices.
    pub(super) by_category: HashMap<(ListKind, String), Vec<usize>>,
}

impl AdmissionList {
    /// An empty register.
    ///
    /// ```
    /// use wangge::admission::AdmissionList;
    /// let list = AdmissionList::new(Some("演示县准入清单".into()), Some("371323".parse()?));
    /// assert!(list.entries().is_empty());
    /// assert_eq!(list.revision(), 0);
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn new(title: Option<String>, jurisdiction: Option<AdminCode>) -> AdmissionList {
        AdmissionList {
            title,
            jurisdiction,
            ..AdmissionList::default()
        }
    }

    /// The initial register of a bundled policy preset (`seed000` … `seed004`).
    pub fn preset(id: &str) -> Result<AdmissionList, crate::Error> {
        Ok(crate::policy::Policy::preset(id)?.admission.initial)
    }

    /// Reads a list file (TOML, or JSON when the first non-blank character is `{`) and
    /// checks it: structure, every entry, the versions of every code, and the authority of
    /// every recorded step under `rules`.
    ///
    /// Errors name the entry (`entries[3] (RW-001 v2)`) and the field.
    pub fn parse(text: &str, rules: &AdmissionRules) -> Result<AdmissionList, AdmissionError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(AdmissionError::TooLarge(format!(
                "admission list text of {} bytes exceeds {MAX_TEXT_BYTES}",
                text.len()
            )));
        }
        // Both syntaxes read their entries as JSON values, so the entry types are
        // deserialized from one value type only (one copy of that code in the WASM module).
        let raw: RawFile = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| AdmissionError::Syntax(e.to_string()))?
        } else {
            crate::toml_value::from_str(text).map_err(AdmissionError::Syntax)?
        };
        let file = raw.into_file()?;
        AdmissionList::from_file(file, rules)
    }

    /// Reads a list file already parsed as JSON (see [`AdmissionList::parse`]).
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, AdmissionRules};
    /// let v = serde_json::json!({"format": 1, "entries": [{"list": "task"}]});
    /// let e = AdmissionList::from_json_value(v, &AdmissionRules::default()).unwrap_err();
    /// assert!(e.to_string().contains("entries[0]"), "{e}");
    /// ```
    pub fn from_json_value(
        value: serde_json::Value,
        rules: &AdmissionRules,
    ) -> Result<AdmissionList, AdmissionError> {
        let raw: RawFile =
            serde_json::from_value(value).map_err(|e| AdmissionError::Syntax(e.to_string()))?;
        let file = raw.into_file()?;
        AdmissionList::from_file(file, rules)
    }

    /// Checks a list already deserialized (see [`AdmissionList::parse`]).
    pub fn from_file(
        file: AdmissionListFile,
        rules: &AdmissionRules,
    ) -> Result<AdmissionList, AdmissionError> {
        if file.format == 0 || file.format > FORMAT_VERSION {
            return Err(AdmissionError::UnsupportedFormat {
                found: file.format,
                max: FORMAT_VERSION,
            });
        }
        if let Some(t) = &file.title {
            check_text(t, 200, true).map_err(|m| AdmissionError::invalid("list", "title", m))?;
        }
        if file.revision > MAX_SAFE {
            return Err(AdmissionError::invalid(
                "list",
                "revision",
                "must be at most 2^53",
            ));
        }
        if file.entries.len() > MAX_ENTRIES {
            return Err(AdmissionError::TooLarge(format!(
                "{} entries exceed the limit of {MAX_ENTRIES}",
                file.entries.len()
            )));
        }
        let mut entries = Vec::with_capacity(file.entries.len());
        for (i, f) in file.entries.into_iter().enumerate() {
            let e = Entry::from(f);
            let who = format!(
                "entries[{i}] ({} v{})",
                super::short(&e.item.code),
                e.version
            );
            check_entry(&e, rules, file.jurisdiction).map_err(|err| rename(err, &who))?;
            entries.push((i, e));
        }
        entries.sort_by(|(_, a), (_, b)| {
            (a.item.code.as_str(), a.version).cmp(&(b.item.code.as_str(), b.version))
        });
        check_versions(&entries)?;
        let mut list = AdmissionList {
            title: file.title,
            jurisdiction: file.jurisdiction,
            revision: file.revision,
            entries: entries.into_iter().map(|(_, e)| e).collect(),
            ..AdmissionList::default()
        };
        list.reindex();
        Ok(list)
    }

    /// Re-checks the authority of every recorded step under `rules` (for a list read under
    /// other rules).
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, AdmissionRules, UnitKind};
    /// let list = AdmissionList::preset("seed000")?;
    /// assert!(list.audit(&AdmissionRules::default()).is_ok());
    /// let towns_only = AdmissionRules { approvers: vec![UnitKind::Town], ..AdmissionRules::default() };
    /// assert!(list.audit(&towns_only).is_err());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn audit(&self, rules: &AdmissionRules) -> Result<(), AdmissionError> {
        for e in &self.entries {
            check_authority(e, rules, self.jurisdiction).map_err(|err| rename(err, &e.label()))?;
        }
        Ok(())
    }

    /// The file form (entries sorted by code and version).
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, AdmissionRules};
    /// let list = AdmissionList::preset("seed002")?;
    /// let file = list.to_file();
    /// assert_eq!(file.entries.len(), list.entries().len());
    /// assert_eq!(AdmissionList::from_file(file, &AdmissionRules::default())?, list);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn to_file(&self) -> AdmissionListFile {
        AdmissionListFile {
            format: FORMAT_VERSION,
            title: self.title.clone(),
            jurisdiction: self.jurisdiction,
            revision: self.revision,
            entries: self.entries.iter().map(EntryFile::from).collect(),
        }
    }

    /// The list as pretty-printed JSON (the file form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_file()).unwrap_or_default()
    }

    /// The list as TOML (the file form).
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, AdmissionRules};
    /// let list = AdmissionList::preset("seed003")?;
    /// let back = AdmissionList::parse(&list.to_toml()?, &AdmissionRules::default())?;
    /// assert_eq!(back, list);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn to_toml(&self) -> Result<String, AdmissionError> {
        self.to_file().to_toml()
    }

    /// Title.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Jurisdiction.
    pub fn jurisdiction(&self) -> Option<AdminCode> {
        self.jurisdiction
    }

    /// The number of transitions applied so far.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Every entry, sorted by code then version.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The versions of a code, oldest first (empty if unknown).
    ///
    /// ```
    /// let list = wangge::admission::AdmissionList::preset("seed000")?;
    /// assert_eq!(list.versions("RW-001").len(), 1);
    /// assert!(list.versions("NOPE").is_empty());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn versions(&self, code: &str) -> &[Entry] {
        self.by_code
            .get(code)
            .map_or(&[][..], |&(a, b)| &self.entries[a..b])
    }

    /// One version of a code.
    ///
    /// ```
    /// let list = wangge::admission::AdmissionList::preset("seed001")?;
    /// assert_eq!(list.entry("FW-004", 1).unwrap().item().name, "低保申报");
    /// assert!(list.entry("FW-004", 2).is_none());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn entry(&self, code: &str, version: u32) -> Option<&Entry> {
        self.versions(code).iter().find(|e| e.version == version)
    }

    /// The entries of list `kind` in force on `date`: "what was on the list on date D".
    /// At most one version of each code is in force on any day.
    pub fn in_force(&self, kind: ListKind, date: NaiveDate) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| e.item.list == kind && e.in_force_on(date))
    }

    /// The entries of list `kind` in force on `date` that apply to grids of kind `grid`.
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, ListKind};
    /// use wangge::grid::{GridKind, SiteKind};
    /// let list = AdmissionList::preset("seed001")?;
    /// let on = "2021-05-01".parse().unwrap();
    /// let school = list.in_force_for(ListKind::Service, on, GridKind::Dedicated(SiteKind::School));
    /// let names: Vec<_> = school.map(|e| e.item().name.as_str()).collect();
    /// assert_eq!(names, ["心理咨询", "司法调解", "环境整治"]);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn in_force_for(
        &self,
        kind: ListKind,
        date: NaiveDate,
        grid: GridKind,
    ) -> impl Iterator<Item = &Entry> {
        self.in_force(kind, date)
            .filter(move |e| e.item.applies_to_kind(grid))
    }

    /// Candidate entries for a name in a list.
    pub(super) fn named(&self, kind: ListKind, name: &str) -> &[usize] {
        self.by_name
            .get(&(kind, name.to_string()))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Candidate entries admitting a category (or an ancestor of it) in a list, in entry
    /// order, without duplicates.
    pub(super) fn admitting(&self, kind: ListKind, category: &str) -> Vec<usize> {
        let mut out: Vec<usize> = category_ancestors(category)
            .filter_map(|c| self.by_category.get(&(kind, c.to_string())))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Rebuilds the lookup tables from `entries` (which must be sorted).
    pub(super) fn reindex(&mut self) {
        self.by_code.clear();
        self.by_name.clear();
        self.by_category.clear();
        let mut start = 0;
        for i in 0..self.entries.len() {
            let e = &self.entries[i];
            if i + 1 == self.entries.len() || self.entries[i + 1].item.code != e.item.code {
                self.by_code.insert(e.item.code.clone(), (start, i + 1));
                start = i + 1;
            }
            self.by_name
                .entry((e.item.list, e.item.name.clone()))
                .or_default()
                .push(i);
            for c in &e.item.categories {
                self.by_category
                    .entry((e.item.list, c.clone()))
                    .or_default()
                    .push(i);
            }
        }
    }
}

/// The list file with its entries still undecoded, so that an entry's error can name it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: u32,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    jurisdiction: Option<AdminCode>,
    #[serde(default)]
    revision: u64,
    #[serde(default = "Vec::new")]
    entries: Vec<serde_json::Value>,
}

impl RawFile {
    fn into_file(self) -> Result<AdmissionListFile, AdmissionError> {
        if self.entries.len() > MAX_ENTRIES {
            return Err(AdmissionError::TooLarge(format!(
                "{} entries exceed the limit of {MAX_ENTRIES}",
                self.entries.len()
            )));
        }
        let mut entries = Vec::with_capacity(self.entries.len());
        for (i, v) in self.entries.into_iter().enumerate() {
            let name = v
                .get("code")
                .and_then(|c| c.as_str())
                .map(|c| format!(" ({})", super::short(c)))
                .unwrap_or_default();
            entries.push(
                EntryFile::deserialize(v)
                    .map_err(|e| AdmissionError::Syntax(format!("entries[{i}]{name}: {e}")))?,
            );
        }
        Ok(AdmissionListFile {
            format: self.format,
            title: self.title,
            jurisdiction: self.jurisdiction,
            revision: self.revision,
            entries,
        })
    }
}

/// Puts the entry's name on an error raised without one.
fn rename(err: AdmissionError, who: &str) -> AdmissionError {
    match err {
        AdmissionError::InvalidEntry { field, message, .. } => AdmissionError::InvalidEntry {
            entry: who.to_string(),
            field,
            message,
        },
        AdmissionError::Unauthorized {
            action,
            actor,
            reason,
            ..
        } => AdmissionError::Unauthorized {
            action,
            actor,
            target: who.to_string(),
            reason,
        },
        other => other,
    }
}

pub(super) fn check_act(act: &Act, field: &str) -> Result<(), AdmissionError> {
    let bad = |f: &str, m: &str| AdmissionError::invalid("", format!("{field}.{f}"), m);
    if let Some(n) = &act.by.name {
        check_text(n, 100, true).map_err(|m| bad("by.name", m))?;
    }
    if let Some(d) = &act.document {
        check_text(d, 200, true).map_err(|m| bad("document", m))?;
    }
    if let Some(r) = &act.reason {
        check_text(r, 500, true).map_err(|m| bad("reason", m))?;
    }
    if act.effective_date() < act.date {
        return Err(bad("effective", "must not be before the step's date"));
    }
    Ok(())
}

/// Checks one entry on its own: the item, the steps and their order, and their authority.
fn check_entry(
    e: &Entry,
    rules: &AdmissionRules,
    jurisdiction: Option<AdminCode>,
) -> Result<(), AdmissionError> {
    e.item.validate()?;
    let bad = |f: &str, m: &str| AdmissionError::invalid("", f, m);
    if e.version == 0 {
        return Err(bad("version", "must be at least 1"));
    }
    check_act(&e.proposed, "proposed")?;
    if e.proposed.effective.is_some() {
        return Err(bad(
            "proposed.effective",
            "a proposal has no effective date",
        ));
    }
    let mut last = e.proposed.date;
    if let Some(a) = &e.approved {
        check_act(a, "approved")?;
        if a.document.is_none() {
            return Err(bad(
                "approved.document",
                "an approval must give its document number",
            ));
        }
        if a.effective.is_some() {
            return Err(bad(
                "approved.effective",
                "an approval has no effective date",
            ));
        }
        if a.date < last {
            return Err(bad("approved.date", "is before the proposal"));
        }
        last = a.date;
    }
    if let Some(en) = &e.enforced {
        check_act(en, "enforced")?;
        if e.approved.is_none() {
            return Err(bad(
                "enforced",
                "an entry must be approved before it is enforced",
            ));
        }
        if en.date < last {
            return Err(bad("enforced.date", "is before the approval"));
        }
        last = en.date;
    }
    if let Some(r) = &e.retired {
        check_act(r, "retired")?;
        if r.date < last {
            return Err(bad("retired.date", "is before an earlier step"));
        }
    }
    check_authority(e, rules, jurisdiction)
}

/// Checks that every recorded step was taken by a unit allowed to take it.
fn check_authority(
    e: &Entry,
    rules: &AdmissionRules,
    jurisdiction: Option<AdminCode>,
) -> Result<(), AdmissionError> {
    rules.may_propose(&e.proposed.by, &e.item, jurisdiction)?;
    for (action, act) in [
        (Action::Approve, &e.approved),
        (Action::Enforce, &e.enforced),
        (Action::Retire, &e.retired),
    ] {
        if let Some(act) = act {
            rules
                .may_decide(action, &act.by, e.item.list, jurisdiction)
                .map_err(|reason| AdmissionError::Unauthorized {
                    action,
                    actor: act.by.to_string(),
                    target: e.label(),
                    reason,
                })?;
        }
    }
    Ok(())
}

/// Checks the versions of every code: numbered 1..=n without gaps, all on one list, at
/// most one pending (and only the newest), in-force intervals in version order without
/// overlap.
fn check_versions(sorted: &[(usize, Entry)]) -> Result<(), AdmissionError> {
    let mut i = 0;
    while i < sorted.len() {
        let code = &sorted[i].1.item.code;
        let mut j = i;
        while j < sorted.len() && sorted[j].1.item.code == *code {
            j += 1;
        }
        let group = &sorted[i..j];
        let mut open_until: Option<Option<NaiveDate>> = None;
        for (k, (idx, e)) in group.iter().enumerate() {
            let who = format!("entries[{idx}] ({} v{})", super::short(code), e.version);
            let bad = |f: &str, m: String| AdmissionError::invalid(&who, f, m);
            if e.version as usize != k + 1 {
                return Err(bad(
                    "version",
                    format!("versions of {code} must run 1, 2, 3 … without gaps or repeats"),
                ));
            }
            if e.item.list != group[0].1.item.list {
                return Err(bad(
                    "list",
                    format!("every version of {code} must be on the same list"),
                ));
            }
            if e.is_pending() && k + 1 != group.len() {
                return Err(bad(
                    "proposed",
                    "only the newest version of a code may be pending".into(),
                ));
            }
            if let Some((from, to)) = e.in_force_interval() {
                if let Some(prev_end) = open_until
                    && prev_end.is_none_or(|t| t > from)
                {
                    return Err(bad(
                        "enforced.effective",
                        "overlaps the period an earlier version is in force".into(),
                    ));
                }
                open_until = Some(to);
            }
        }
        i = j;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
format = 1
jurisdiction = "371323"
[[entries]]
list = "task"
code = "RW-1"
version = 1
name = "走访"
department = "民政局"
role = "lead"
proposed = { date = "2024-01-01", by = { unit = "department", name = "民政局" } }
approved = { date = "2024-01-05", by = { unit = "county_governance_office" }, document = "D1" }
enforced = { date = "2024-01-05", by = { unit = "county_governance_office" }, effective = "2024-02-01" }
"#;

    fn parse(text: &str) -> Result<AdmissionList, AdmissionError> {
        AdmissionList::parse(text, &AdmissionRules::default())
    }

    #[test]
    fn reads_and_round_trips() {
        let l = parse(BASE).unwrap();
        assert_eq!(l.entries().len(), 1);
        let back = parse(&l.to_json()).unwrap();
        assert_eq!(back, l);
        let back = parse(&l.to_toml().unwrap()).unwrap();
        assert_eq!(back, l);
    }

    #[test]
    fn errors_name_the_entry_and_field() {
        let cases = [
            (BASE.replace("document = \"D1\"", ""), "approved.document"),
            (
                BASE.replace("effective = \"2024-02-01\"", "effective = \"2024-01-01\""),
                "enforced.effective",
            ),
            (
                BASE.replace(
                    "date = \"2024-01-05\", by = { unit = \"county_governance_office\" }, document",
                    "date = \"2023-01-05\", by = { unit = \"county_governance_office\" }, document",
                ),
                "approved.date",
            ),
            (BASE.replace("version = 1", "version = 0"), "version"),
            (BASE.replace("name = \"走访\"", "name = \"\""), "name"),
        ];
        for (text, field) in cases {
            let e = parse(&text).unwrap_err();
            assert!(e.to_string().contains(field), "{field}: {e}");
            assert!(e.to_string().contains("RW-1"), "{e}");
        }
        let e = parse(&BASE.replace("role = \"lead\"", "role = \"lead\"\nhue = 3")).unwrap_err();
        assert!(e.to_string().contains("hue"), "{e}");
    }

    #[test]
    fn authority_of_recorded_steps_is_checked() {
        let forged = BASE.replace(
            "approved = { date = \"2024-01-05\", by = { unit = \"county_governance_office\" }",
            "approved = { date = \"2024-01-05\", by = { unit = \"department\", name = \"民政局\" }",
        );
        let e = parse(&forged).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::AdmissionUnauthorized);
        let other_dept = BASE.replace(
            "by = { unit = \"department\", name = \"民政局\" }",
            "by = { unit = \"department\", name = \"住建局\" }",
        );
        assert!(parse(&other_dept).is_err());
        let other_county = BASE.replace(
            "by = { unit = \"county_governance_office\" }, document",
            "by = { unit = \"county_governance_office\", code = \"371324\" }, document",
        );
        assert!(parse(&other_county).is_err());
    }

    #[test]
    fn versions_are_checked() {
        let second = BASE
            .replace("[[entries]]", "")
            .replace("format = 1\njurisdiction = \"371323\"", "");
        let two = format!(
            "{BASE}\n[[entries]]{}",
            second.replace("version = 1", "version = 2")
        );
        // v1 open-ended and v2 in force from the same day: overlap.
        let e = parse(&two).unwrap_err();
        assert!(e.to_string().contains("overlaps"), "{e}");
        let gap = format!(
            "{BASE}\n[[entries]]{}",
            second.replace("version = 1", "version = 3")
        );
        assert!(
            parse(&gap)
                .unwrap_err()
                .to_string()
                .contains("without gaps")
        );
        let dup = format!("{BASE}\n[[entries]]{second}");
        assert!(parse(&dup).is_err());
    }

    #[test]
    fn limits_and_formats() {
        assert_eq!(
            parse("format = 2").unwrap_err().code(),
            crate::ErrorCode::UnsupportedAdmissionFormat
        );
        assert_eq!(
            parse("format = 0").unwrap_err().code(),
            crate::ErrorCode::UnsupportedAdmissionFormat
        );
        assert_eq!(
            parse("{").unwrap_err().code(),
            crate::ErrorCode::InvalidAdmissionList
        );
        let big = " ".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(
            parse(&big).unwrap_err().code(),
            crate::ErrorCode::InputTooLarge
        );
        assert!(parse("format = 1").unwrap().entries().is_empty());
    }
}
