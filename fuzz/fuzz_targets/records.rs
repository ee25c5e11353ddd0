//! The case-record readers (CSV, JSON Lines) never panic; what the CSV reader accepts, the
//! writer writes back into text the reader reads as the same records.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::record::{ReadOptions, read_csv, read_jsonl, write_csv};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = read_jsonl(text, ReadOptions::default());
    // Give the CSV reader a valid header half of the time, so that rows get parsed.
    let with_header = format!(
        "id,grid,category,class,urgency,tier,source,reported_at,status,worker,due_at,rating\n{text}"
    );
    for t in [text, with_header.as_str()] {
        let _ = read_csv(t, ReadOptions::default());
        if let Ok(set) = read_csv(
            t,
            ReadOptions {
                skip_bad_rows: true,
                ..ReadOptions::default()
            },
        ) {
            let back = read_csv(&write_csv(&set.records), ReadOptions::default())
                .expect("the writer's output reads back");
            assert_eq!(back.records, set.records);
        }
    }
});
