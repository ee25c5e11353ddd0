//! The working calendar class.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wangge::ErrorCode;
use wangge::api::args::PolicySource;
use wangge::calendar::api::{calendar_from, format_instant, parse_day, parse_instant, years_json};
use wasm_bindgen::prelude::*;

use crate::{err, js_error, shape_err, to_js, ts};

#[wasm_bindgen(typescript_custom_section)]
const CALENDAR_YEARS_TS: &str = r#"
/** The holiday years a calendar holds (the output of `calendar.years`). */
export interface CalendarYears {
  /** IANA time zone of the calendar, e.g. "Asia/Shanghai". */
  time_zone: string;
  /** What a year without data does: fail, or use weekends only. */
  unknown_years: "error" | "weekends_only";
  years: {
    year: number;
    origin: "bundled" | "injected";
    sources: { title: string; issued?: string; url?: string }[];
  }[];
}
"#;

/// Which calendar to build (the same fields as the `calendar.*` operations): none for the
/// national calendar, or at most one of `policy`, `calendar`, plus optionally `holidays`
/// (official years added at run time).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct CalendarOptions {
    /// A policy whose `[calendar]` section to use: a bundled preset id (`"seed003"`) or
    /// TOML/JSON text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub policy: Option<String>,
    /// A calendar file as an object (time zone, work periods, local days …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub calendar: Option<serde_json::Value>,
    /// Official holiday years: `[{year, sources, holidays}, …]` or a whole data file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "unknown")]
    pub holidays: Option<serde_json::Value>,
}

/// The unit of `Calendar.add`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Working days (counted by the calendar's day rule).
    WorkingDays,
    /// Working hours.
    WorkingHours,
    /// Working minutes.
    WorkingMinutes,
    /// Calendar days: the same local time N dates later.
    NaturalDays,
    /// Elapsed hours.
    NaturalHours,
    /// Elapsed minutes.
    NaturalMinutes,
}

impl From<DurationUnit> for wangge::calendar::DurationUnit {
    fn from(u: DurationUnit) -> Self {
        use wangge::calendar::DurationUnit as U;
        match u {
            DurationUnit::WorkingDays => U::WorkingDays,
            DurationUnit::WorkingHours => U::WorkingHours,
            DurationUnit::WorkingMinutes => U::WorkingMinutes,
            DurationUnit::NaturalDays => U::NaturalDays,
            DurationUnit::NaturalHours => U::NaturalHours,
            DurationUnit::NaturalMinutes => U::NaturalMinutes,
        }
    }
}

/// The kind of a day.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A working day of the weekly schedule.
    Workday,
    /// A rest day of the weekly schedule.
    Weekend,
    /// An official or local rest day.
    Holiday,
    /// A working day on a day the weekly schedule rests (调休上班).
    MakeupWorkday,
}

/// One day of a calendar (the output of `calendar.day`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct DayInfo {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// Whether it is a working day.
    pub working: bool,
    /// Its kind.
    pub kind: DayKind,
    /// The festival or local day's name, for listed dates.
    pub name: Option<String>,
}

/// A working calendar: time zone, work periods, holidays and make-up days.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Calendar {
    inner: wangge::calendar::Calendar,
}

#[wasm_bindgen]
impl Calendar {
    /// The calendar `options` select (no options: the national calendar).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<CalendarOptions>>) -> Result<Calendar, JsValue> {
        let o = match options {
            // Through serde_json so that unknown keys are refused like in the JSON ops.
            Some(o) => {
                let v: serde_json::Value =
                    serde_wasm_bindgen::from_value(o.js_value()).map_err(shape_err)?;
                wangge::api::Limits::default()
                    .check_value("options", &v)
                    .map_err(err)?;
                serde_json::from_value(v).map_err(shape_err)?
            }
            None => CalendarOptions::default(),
        };
        let policy = o.policy.map(PolicySource::Text);
        let inner = calendar_from(policy.as_ref(), o.calendar.as_ref(), o.holidays.as_ref())
            .map_err(err)?;
        Ok(Calendar { inner })
    }

    /// The deadline `amount` units after `start` (RFC 3339 with offset), as RFC 3339 in
    /// the calendar's time zone. `amount` is a whole number ≥ 0.
    pub fn add(&self, start: &str, amount: f64, unit: Ts<DurationUnit>) -> Result<String, JsValue> {
        let unit = unit.to_rust().map_err(shape_err)?;
        if !(amount >= 0.0 && amount <= f64::from(u32::MAX) && amount.fract() == 0.0) {
            return Err(js_error(
                ErrorCode::InvalidArgument,
                &format!("amount {amount} is not a whole number in 0..=4294967295"),
            ));
        }
        let n = amount as u32;
        let t = parse_instant(start).map_err(err)?;
        let due = self.inner.add_duration(&t, n, unit.into()).map_err(err)?;
        Ok(format_instant(&due))
    }

    /// Working minutes in `[start, end)` (RFC 3339), negative when `end` is earlier.
    pub fn between(&self, start: &str, end: &str) -> Result<f64, JsValue> {
        let a = parse_instant(start).map_err(err)?;
        let b = parse_instant(end).map_err(err)?;
        Ok(self.inner.between(&a, &b).map_err(err)? as f64)
    }

    /// Working days `d` with `start < d ≤ end` (`YYYY-MM-DD`), negative when `end` is earlier.
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, start: &str, end: &str) -> Result<f64, JsValue> {
        let a = parse_day(start).map_err(err)?;
        let b = parse_day(end).map_err(err)?;
        Ok(self.inner.working_days_between(a, b).map_err(err)? as f64)
    }

    /// The earliest working instant at or after `at` (RFC 3339).
    #[wasm_bindgen(js_name = nextWorking)]
    pub fn next_working(&self, at: &str) -> Result<String, JsValue> {
        let t = parse_instant(at).map_err(err)?;
        Ok(format_instant(&self.inner.next_working(&t).map_err(err)?))
    }

    /// One day (`YYYY-MM-DD`): working or not, its kind and its festival name.
    pub fn day(&self, date: &str) -> Result<Ts<DayInfo>, JsValue> {
        let d = self.inner.day(parse_day(date).map_err(err)?).map_err(err)?;
        ts(&DayInfo {
            date: d.date.to_string(),
            working: d.working,
            kind: match d.kind {
                wangge::calendar::DayKind::Workday => DayKind::Workday,
                wangge::calendar::DayKind::Weekend => DayKind::Weekend,
                wangge::calendar::DayKind::Holiday => DayKind::Holiday,
                wangge::calendar::DayKind::MakeupWorkday => DayKind::MakeupWorkday,
            },
            name: d.name,
        })
    }

    /// The holiday years the calendar holds and where they come from.
    #[wasm_bindgen(unchecked_return_type = "CalendarYears")]
    pub fn years(&self) -> Result<JsValue, JsValue> {
        to_js(&years_json(&self.inner))
    }
}
