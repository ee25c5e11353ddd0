//! Bundled presets, one per seed locality, embedded at compile time.

/// `(id, TOML text)` of every bundled preset.
///
/// ```
/// assert_eq!(wangge::policy::PRESETS.len(), 5);
/// ```
pub const PRESETS: &[(&str, &str)] = &[
    ("seed000", include_str!("../../presets/seed000.toml")),
    ("seed001", include_str!("../../presets/seed001.toml")),
    ("seed002", include_str!("../../presets/seed002.toml")),
    ("seed003", include_str!("../../presets/seed003.toml")),
    ("seed004", include_str!("../../presets/seed004.toml")),
];

pub(super) fn text(id: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}
