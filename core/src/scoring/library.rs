//! The library of published sheets, usable from any policy by id.

use serde::Deserialize;

use super::SheetFile;

const LIBRARY: &str = include_str!("library.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryFile {
    sheets: Vec<SheetFile>,
}

fn sheets() -> Vec<SheetFile> {
    crate::toml_value::from_str::<LibraryFile>(LIBRARY)
        .map(|l| l.sheets)
        .unwrap_or_default()
}

/// The ids of the library's sheets: 金华 unit sheet, 数字城管 posts (supervisor, operator,
/// shift lead, dispatcher, department, region 一类 / 二类), Beijing 三率, a 星级考评 sheet
/// and 江山's monthly grid sheet.
///
/// ```
/// let ids = wangge::scoring::library_sheet_ids();
/// assert!(ids.contains(&"jinhua_unit".to_string()));
/// assert!(ids.contains(&"beijing_three_rates".to_string()));
/// ```
pub fn library_sheet_ids() -> Vec<String> {
    sheets().into_iter().map(|s| s.id).collect()
}

/// A library sheet as written, by id.
pub fn library_sheet(id: &str) -> Option<SheetFile> {
    sheets().into_iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_sheet_is_valid() {
        let lib: LibraryFile = toml::from_str(LIBRARY).unwrap();
        assert!(lib.sheets.len() >= 11);
        let p = super::super::ScoringPolicy::default();
        for s in &lib.sheets {
            p.sheet(&s.id).unwrap_or_else(|e| panic!("{}: {e}", s.id));
        }
    }
}
