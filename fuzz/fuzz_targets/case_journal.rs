//! The case journal reader never panics; a journal it accepts replays to the same book
//! after a write-and-read round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::case::{CaseBook, write_header};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(book) = CaseBook::replay_journal(text) {
            let mut again = write_header(None);
            for f in book.facts() {
                again.push_str(&serde_json::to_string(f).unwrap());
                again.push('\n');
            }
            assert_eq!(CaseBook::replay_journal(&again).unwrap(), book);
        }
    }
});
