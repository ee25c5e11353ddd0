//! `wangge calendar …`: working days, holidays and deadlines.
//!
//! The calendar is the default (State Council holidays, 08:30–12:00 and 13:30–17:30 Monday
//! to Friday, Asia/Shanghai) unless `--calendar FILE` (a calendar file, TOML or JSON) or
//! `--policy FILE|PRESET` (the policy's `[calendar]` section) says otherwise;
//! `--holidays FILE` adds official years in the holiday data format (a new year or a
//! correction).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;
use wangge::Error;
use wangge::calendar::api::{day_json, format_instant, parse_day, parse_instant, years_json};
use wangge::calendar::{Calendar, CalendarFile, DurationUnit, HolidayData};

use crate::io::{EXIT_OK, print_json, read_text};

/// Which calendar to use.
#[derive(Debug, Args)]
pub struct CalendarOpts {
    /// A calendar file (TOML or JSON, the format of a policy's [calendar] section).
    #[arg(long, value_name = "FILE", conflicts_with = "policy")]
    calendar: Option<PathBuf>,
    /// Take the calendar from a policy file or a bundled preset (seed000 … seed004).
    #[arg(long, value_name = "FILE|PRESET")]
    policy: Option<PathBuf>,
    /// Official holiday data to add (JSON: a data file, one year, or a list of years).
    #[arg(long, value_name = "FILE")]
    holidays: Option<PathBuf>,
}

impl CalendarOpts {
    fn build(&self) -> Result<Calendar, Error> {
        let cal = match (&self.calendar, &self.policy) {
            (Some(path), _) => {
                Calendar::from_file(CalendarFile::from_str_auto(&read_text(path)?)?)?
            }
            (None, Some(p)) => crate::cmd::policy::load(p)?.calendar,
            (None, None) => Calendar::china(),
        };
        match &self.holidays {
            None => Ok(cal),
            Some(path) => {
                let data = HolidayData::from_json_str(&read_text(path)?)?;
                Ok(cal.with_years(&data.years)?)
            }
        }
    }
}

/// The duration of `add`: exactly one of these.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct DurationOpts {
    /// Working days (by the calendar's day rule; default: the close of the N-th working
    /// day after the start date).
    #[arg(long, value_name = "N")]
    working_days: Option<u32>,
    /// Working hours.
    #[arg(long, value_name = "H")]
    working_hours: Option<u32>,
    /// Working minutes.
    #[arg(long, value_name = "M")]
    working_minutes: Option<u32>,
    /// Calendar days (same local time N days later).
    #[arg(long, value_name = "N")]
    natural_days: Option<u32>,
    /// Elapsed hours.
    #[arg(long, value_name = "H")]
    natural_hours: Option<u32>,
    /// Elapsed minutes.
    #[arg(long, value_name = "M")]
    natural_minutes: Option<u32>,
}

impl DurationOpts {
    /// The amount and unit given (clap makes exactly one present).
    fn amount(&self) -> (u32, DurationUnit) {
        [
            (self.working_days, DurationUnit::WorkingDays),
            (self.working_hours, DurationUnit::WorkingHours),
            (self.working_minutes, DurationUnit::WorkingMinutes),
            (self.natural_days, DurationUnit::NaturalDays),
            (self.natural_hours, DurationUnit::NaturalHours),
            (self.natural_minutes, DurationUnit::NaturalMinutes),
        ]
        .into_iter()
        .find_map(|(n, u)| n.map(|n| (n, u)))
        .unwrap_or((0, DurationUnit::NaturalMinutes))
    }
}

/// Calendar subcommands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Deadline after a duration: `{"deadline": RFC3339}`.
    Add {
        /// Start instant, RFC 3339 with offset (2026-02-13T16:00:00+08:00).
        #[arg(long)]
        start: String,
        #[command(flatten)]
        duration: DurationOpts,
        #[command(flatten)]
        calendar: CalendarOpts,
    },
    /// Working minutes in [start, end): `{"working_minutes": N}`.
    Between {
        /// Start instant, RFC 3339.
        #[arg(long)]
        start: String,
        /// End instant, RFC 3339.
        #[arg(long)]
        end: String,
        #[command(flatten)]
        calendar: CalendarOpts,
    },
    /// What a date is: `{"date", "working", "kind", "name"}`.
    Day {
        /// The date, YYYY-MM-DD.
        date: String,
        #[command(flatten)]
        calendar: CalendarOpts,
    },
    /// The earliest working instant at or after an instant: `{"next": RFC3339}`.
    Next {
        /// The instant, RFC 3339.
        #[arg(long)]
        at: String,
        #[command(flatten)]
        calendar: CalendarOpts,
    },
    /// Working days d with start < d ≤ end: `{"working_days": N}`.
    WorkingDays {
        /// Start date, YYYY-MM-DD.
        #[arg(long)]
        start: String,
        /// End date, YYYY-MM-DD.
        #[arg(long)]
        end: String,
        #[command(flatten)]
        calendar: CalendarOpts,
    },
    /// The official years loaded, with their source notices.
    Years {
        #[command(flatten)]
        calendar: CalendarOpts,
    },
}

fn date(s: &str) -> Result<chrono::NaiveDate, Error> {
    Ok(parse_day(s)?)
}

/// Runs a calendar subcommand.
pub fn run(cmd: CalendarCommand) -> Result<u8, Error> {
    match cmd {
        CalendarCommand::Add {
            start,
            duration: d,
            calendar,
        } => {
            let cal = calendar.build()?;
            let start = parse_instant(&start)?;
            let (n, unit) = d.amount();
            let due = cal.add_duration(&start, n, unit)?;
            print_json(&json!({"deadline": format_instant(&due)}))?;
        }
        CalendarCommand::Between {
            start,
            end,
            calendar,
        } => {
            let cal = calendar.build()?;
            let n = cal.between(&parse_instant(&start)?, &parse_instant(&end)?)?;
            print_json(&json!({"working_minutes": n}))?;
        }
        CalendarCommand::Day { date: d, calendar } => {
            let cal = calendar.build()?;
            print_json(&day_json(&cal.day(date(&d)?)?))?;
        }
        CalendarCommand::Next { at, calendar } => {
            let cal = calendar.build()?;
            let t = cal.next_working(&parse_instant(&at)?)?;
            print_json(&json!({"next": format_instant(&t)}))?;
        }
        CalendarCommand::WorkingDays {
            start,
            end,
            calendar,
        } => {
            let cal = calendar.build()?;
            let n = cal.working_days_between(date(&start)?, date(&end)?)?;
            print_json(&json!({"working_days": n}))?;
        }
        CalendarCommand::Years { calendar } => {
            print_json(&years_json(&calendar.build()?))?;
        }
    }
    Ok(EXIT_OK)
}
