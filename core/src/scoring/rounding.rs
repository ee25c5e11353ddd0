//! Display rounding of rates: decimals and mode are policy, and exact.

use serde::{Deserialize, Serialize};

/// How a rate is rounded for display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero (四舍五入).
    #[default]
    HalfUp,
    /// Half to even (banker's rounding).
    HalfEven,
    /// Toward zero (truncation): seed 002's 137,901 ÷ 139,345 = 98.96 % shown as "98.9%".
    Down,
}

/// Display rounding: `decimals` places of the percentage, in `mode`.
///
/// The rounding is done in integers on the exact fraction, so a rate that lies exactly on
/// a half is rounded by the mode, never by float noise.
///
/// ```
/// use wangge::scoring::{Rounding, RoundingMode};
/// let down = Rounding { decimals: 1, mode: RoundingMode::Down };
/// assert_eq!(down.percent(137_901_000, 139_345), "98.9%");
/// let up = Rounding { decimals: 1, mode: RoundingMode::HalfUp };
/// assert_eq!(up.percent(137_901_000, 139_345), "99.0%");
/// assert_eq!(Rounding::default().percent(911_000, 972), "93.72%");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rounding {
    /// Decimal places of the percentage (0–6; default 2).
    pub decimals: u8,
    /// The mode (default half-up).
    pub mode: RoundingMode,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            decimals: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

/// The most decimals a rounding may ask for.
pub(crate) const MAX_DECIMALS: u8 = 6;

impl Rounding {
    /// Formats `numerator_milli / 1000 ÷ denominator` as a percentage (`"93.72%"`).
    /// The denominator must not be 0 (a rate with an empty denominator is not applicable
    /// and has no display).
    pub fn percent(&self, numerator_milli: u128, denominator: u64) -> String {
        let d = u32::from(self.decimals.min(MAX_DECIMALS));
        let scale = 10u128.pow(d);
        let q = numerator_milli * 100 * scale;
        let r = u128::from(denominator.max(1)) * 1000;
        let (mut v, rem) = (q / r, q % r);
        let up = match self.mode {
            RoundingMode::Down => false,
            RoundingMode::HalfUp => 2 * rem >= r,
            RoundingMode::HalfEven => 2 * rem > r || (2 * rem == r && v % 2 == 1),
        };
        if up {
            v += 1;
        }
        if d == 0 {
            format!("{v}%")
        } else {
            format!("{}.{:0width$}%", v / scale, v % scale, width = d as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundingMode::*;

    fn r(decimals: u8, mode: RoundingMode) -> Rounding {
        Rounding { decimals, mode }
    }

    #[test]
    fn halves_follow_the_mode() {
        // 1/8 = 12.5 %: a true half at 0 decimals.
        assert_eq!(r(0, HalfUp).percent(1000, 8), "13%");
        assert_eq!(r(0, HalfEven).percent(1000, 8), "12%");
        assert_eq!(r(0, Down).percent(1000, 8), "12%");
        // 3/8 = 37.5 %.
        assert_eq!(r(0, HalfEven).percent(3000, 8), "38%");
        // 1/3 and 2/3.
        assert_eq!(r(2, HalfUp).percent(1000, 3), "33.33%");
        assert_eq!(r(2, HalfUp).percent(2000, 3), "66.67%");
        assert_eq!(r(2, Down).percent(2000, 3), "66.66%");
        assert_eq!(r(3, HalfUp).percent(0, 5), "0.000%");
        assert_eq!(r(1, HalfUp).percent(5000, 5), "100.0%");
    }

    proptest::proptest! {
        /// Down ≤ half-even ≤ half-up, and they differ by at most one last digit.
        #[test]
        fn modes_are_ordered(num in 0u64..10_000_000, den in 1u64..10_000, d in 0u8..4) {
            let num = u128::from(num.min(den * 1000));
            let parse = |s: String| s.trim_end_matches('%').replace('.', "").parse::<u64>().unwrap();
            let (a, b, c) = (
                parse(r(d, Down).percent(num, den)),
                parse(r(d, HalfEven).percent(num, den)),
                parse(r(d, HalfUp).percent(num, den)),
            );
            proptest::prop_assert!(a <= b && b <= c && c - a <= 1);
        }
    }
}
