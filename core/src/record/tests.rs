//! Reader and writer tests: round trips, quoting, bad rows and headers.

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;

use super::*;

const HEAD: &str = "id,grid,category,class,urgency,tier,source,reported_at,status";

fn row(id: &str) -> String {
    format!(
        "{id},371323100201001,占道经营,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,closed"
    )
}

#[test]
fn header_order_is_free_and_optional_columns_may_be_missing() {
    let text = "status,id,reported_at,grid,category,class,urgency,tier,source,due_at\r\n\
                closed,C9,2016-12-01T09:00:00+08:00,371323100201001,x,component,urgent,t4,hotline,\r\n";
    let set = read_csv(text, ReadOptions::default()).unwrap();
    let r = &set.records[0];
    assert_eq!(r.id, "C9");
    assert_eq!(r.class, CaseClass::Component);
    assert_eq!(r.urgency, Urgency::Urgent);
    assert_eq!(r.due_at, None);
    assert_eq!(
        (r.rework, r.supervision, r.deferred),
        (0, Supervision::None, false)
    );
}

#[test]
fn quoted_fields_with_commas_quotes_and_newlines() {
    let text = format!(
        "{HEAD},handler\n\"C1\",371323100201001,\"a, \"\"b\"\"\nc\",event,routine,t1,patrol,2016-12-01T09:00:00+08:00,closed,\"\"\n{}, h\n",
        row("C2")
    );
    let set = read_csv(&text, ReadOptions::default()).unwrap();
    assert_eq!(set.records.len(), 2);
    assert_eq!(set.records[0].category, "a, \"b\"\nc");
    assert_eq!(set.records[0].handler, "");
    assert_eq!(set.records[1].handler, " h");
    // The row after the multi-line field is on line 4: a bad one there is named so.
    let text = text.replace("C2,371323100201001", "C2,37132310020100X");
    let e = read_csv(&text, ReadOptions::default()).unwrap_err();
    let bad = e.bad_row().unwrap();
    assert_eq!((bad.line, bad.field.as_deref()), (4, Some("grid")));
}

#[test]
fn bad_rows_fail_or_are_skipped_and_reported() {
    let text = format!(
        "{HEAD}\n{}\n{}\n\n{}\n{}\n{}\n",
        row("C1"),
        row("C2").replace("event", "thing"),
        row("C3").replace(",closed", ""),
        row("C4").replace("C4,", "\"C4\"x,"),
        row("C5")
    );
    let e = read_csv(&text, ReadOptions::default()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::InvalidRecords);
    assert_eq!(e.bad_row().unwrap().line, 3);
    assert!(e.to_string().contains("line 3, field class"), "{e}");
    let set = read_csv(
        &text,
        ReadOptions {
            skip_bad_rows: true,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let ids: Vec<_> = set.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["C1", "C5"]);
    let lines: Vec<_> = set.skipped.iter().map(|b| b.line).collect();
    assert_eq!(lines, [3, 5, 6]);
    assert!(set.skipped[1].message.contains("expected 9 fields"));
}

#[test]
fn required_fields_and_flags() {
    let e = read_csv(&format!("{HEAD}\n{}\n", row("")), ReadOptions::default()).unwrap_err();
    assert_eq!(e.bad_row().unwrap().field.as_deref(), Some("id"));
    let text = format!("{HEAD},deferred\n{},yes\n", row("C1"));
    let e = read_csv(&text, ReadOptions::default()).unwrap_err();
    assert_eq!(e.bad_row().unwrap().field.as_deref(), Some("deferred"));
    let text = format!("{HEAD},deferred,rework\n{},1,3\n", row("C1"));
    let r = &read_csv(&text, ReadOptions::default()).unwrap().records[0];
    assert!(r.deferred);
    assert_eq!(r.rework, 3);
}

#[test]
fn header_errors() {
    for (text, needle) in [
        ("", "empty"),
        ("id,grid,colour\n", "colour"),
        (&*format!("{HEAD},id\n"), "twice"),
        (
            "id,grid,category,class,urgency,tier,source,reported_at\n",
            "status",
        ),
    ] {
        let e = read_csv(text, ReadOptions::default()).unwrap_err();
        assert!(matches!(e, RecordError::Header(_)), "{text}");
        assert!(e.to_string().contains(needle), "{e}");
    }
}

#[test]
fn jsonl_names_line_and_field() {
    let line = serde_json::to_string(&sample(0)).unwrap();
    let text = format!(
        "{line}\n{}\n",
        line.replace("\"rework\":0", "\"rework\":-1")
    );
    let e = read_jsonl(&text, ReadOptions::default()).unwrap_err();
    let bad = e.bad_row().unwrap();
    assert_eq!((bad.line, bad.field.as_deref()), (2, Some("rework")));
    let set = read_jsonl(
        &format!("{text}{{\n"),
        ReadOptions {
            skip_bad_rows: true,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(set.records.len(), 1);
    assert_eq!(
        set.skipped.iter().map(|b| b.line).collect::<Vec<_>>(),
        [2, 3]
    );
}

fn sample(i: u32) -> CaseRecord {
    let t = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2016, 12, 1, 9, 0, 0)
        .unwrap();
    CaseRecord {
        id: format!("C{i}"),
        grid: "371323100201001".parse().unwrap(),
        handler: String::new(),
        worker: None,
        category: "占道经营".into(),
        class: CaseClass::Event,
        urgency: Urgency::Routine,
        tier: Tier::T1,
        source: Source::Patrol,
        reported_at: t,
        accepted_at: None,
        due_at: None,
        closed_at: None,
        status: CaseStatus::Reported,
        rework: 0,
        supervision: Supervision::None,
        rating: None,
        contacted: None,
        resolved: None,
        leader_assigned: false,
        deferred: false,
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ]{1,8}",
        "[a-z,\"\n\r 网格]{1,8}",
        Just("\"".to_string()),
    ]
}

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4_000_000_000, -12i32..=14, 0u32..3).prop_map(|(s, h, frac)| {
        let off = FixedOffset::east_opt(h * 3600).unwrap();
        let nanos = [0, 500_000_000, 123_456_789][frac as usize];
        off.timestamp_opt(s, nanos).unwrap()
    })
}

fn record() -> impl Strategy<Value = CaseRecord> {
    (
        (text(), text(), proptest::option::of(text()), text()),
        (0u8..2, 0u8..3, 0u8..4, 0u8..6, 0u8..9, 0u8..4, 0u8..4),
        (
            instant(),
            proptest::option::of(instant()),
            proptest::option::of(instant()),
            proptest::option::of(instant()),
        ),
        (
            0u32..5,
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            any::<bool>(),
            any::<bool>(),
            1u32..999,
        ),
    )
        .prop_map(|((id, handler, worker, category), e, t, f)| {
            use CaseStatus::*;
            CaseRecord {
                id,
                grid: format!("371323100201{:03}", f.5).parse().unwrap(),
                handler,
                worker,
                category,
                class: [CaseClass::Event, CaseClass::Component][e.0 as usize],
                urgency: [Urgency::Routine, Urgency::Important, Urgency::Urgent][e.1 as usize],
                tier: [Tier::T1, Tier::T2, Tier::T3, Tier::T4][e.2 as usize],
                source: [
                    Source::Patrol,
                    Source::Resident,
                    Source::Hotline,
                    Source::Sensor,
                    Source::Department,
                    Source::Leader,
                ][e.3 as usize],
                status: [
                    Reported, Accepted, Assigned, InProgress, Resolved, Closed, Suspended, Voided,
                    Merged,
                ][e.4 as usize],
                supervision: [
                    Supervision::None,
                    Supervision::Normal,
                    Supervision::Yellow,
                    Supervision::Red,
                ][e.5 as usize],
                rating: [
                    None,
                    Some(Rating::Satisfied),
                    Some(Rating::BasicallySatisfied),
                    Some(Rating::Unsatisfied),
                ][e.6 as usize],
                reported_at: t.0,
                accepted_at: t.1,
                due_at: t.2,
                closed_at: t.3,
                rework: f.0,
                contacted: f.1,
                resolved: f.2,
                leader_assigned: f.3,
                deferred: f.4,
            }
        })
}

/// Equal as records and with the same offsets (DateTime equality ignores the offset).
fn same(a: &[CaseRecord], b: &[CaseRecord]) -> bool {
    a == b
        && a.iter().zip(b).all(|(x, y)| {
            [x.reported_at]
                .into_iter()
                .chain(x.due_at)
                .zip([y.reported_at].into_iter().chain(y.due_at))
                .all(|(p, q)| p.offset() == q.offset())
        })
}

proptest! {
    /// Whatever the writer writes, the reader reads back as the same records.
    #[test]
    fn csv_round_trip(records in proptest::collection::vec(record(), 0..20)) {
        let text = write_csv(&records);
        let back = read_csv(&text, ReadOptions::default()).unwrap();
        prop_assert!(back.skipped.is_empty());
        prop_assert!(same(&back.records, &records));
        // JSON Lines of the same records read back too.
        let lines: Vec<String> =
            records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        let back = read_jsonl(&lines.join("\n"), ReadOptions::default()).unwrap();
        prop_assert_eq!(back.records, records);
    }

    /// Any text: the reader returns records or a typed error, never panics, and skipping
    /// never fails past the header.
    #[test]
    fn csv_reader_never_panics(body in "[a-z0-9,\"\r\n:+T-]{0,200}") {
        let text = format!("{HEAD}\n{body}");
        let _ = read_csv(&text, ReadOptions::default());
        let skip = ReadOptions { skip_bad_rows: true, ..ReadOptions::default() };
        prop_assert!(read_csv(&text, skip).is_ok());
    }
}

/// The row count is capped: at the limit a file reads, one row more (good or bad) is
/// `input_too_large` naming the line; blank lines do not count.
#[test]
fn row_counts_are_capped() {
    let csv = format!("{HEAD}\n{}\n\n{}\n{}\n", row("C1"), row("C2"), row("C3"));
    let jsonl: String = read_csv(&csv, ReadOptions::default())
        .unwrap()
        .records
        .iter()
        .map(|r| format!("{}\n\n", serde_json::to_string(r).unwrap()))
        .collect();
    let at = ReadOptions {
        max_rows: 3,
        ..ReadOptions::default()
    };
    assert_eq!(read_csv(&csv, at).unwrap().records.len(), 3);
    assert_eq!(read_jsonl(&jsonl, at).unwrap().records.len(), 3);
    let below = ReadOptions {
        max_rows: 2,
        ..ReadOptions::default()
    };
    let e = read_csv(&csv, below).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::InputTooLarge);
    assert!(
        e.to_string().contains("line 5") && e.to_string().contains("more than 2 rows"),
        "{e}"
    );
    let e = read_jsonl(&jsonl, below).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::InputTooLarge);
    assert!(e.to_string().contains("line 5"), "{e}");
    // Skipped rows count too.
    let bad = csv.replace("event", "thing");
    let skip = ReadOptions {
        skip_bad_rows: true,
        max_rows: 2,
    };
    assert_eq!(
        read_csv(&bad, skip).unwrap_err().code(),
        crate::ErrorCode::InputTooLarge
    );
    assert_eq!(ReadOptions::default().max_rows, 10_000_000);
}
