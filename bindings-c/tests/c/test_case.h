/* The case book object: commands one at a time, refusals that change nothing, the
 * journal written by one book opening another. */
#ifndef WANGGE_TEST_CASE_H
#define WANGGE_TEST_CASE_H

#include "harness.h"
#include "wangge.h"

#define GRID "371323100201001"

static const char REPORT[] =
    "{\"id\":\"k1\",\"case\":\"C1\",\"op\":\"report\",\"at\":\"2026-03-02T09:00:00+08:00\","
    "\"actor\":{\"person\":\"w1\",\"role\":\"grid_worker\",\"unit\":\"" GRID "\"},"
    "\"args\":{\"category\":\"矛盾纠纷\",\"urgency\":\"routine\",\"grid\":\"" GRID "\"}}";

/* A worker of another grid accepting the case: refused. */
static const char FOREIGN_ACCEPT[] =
    "{\"id\":\"k2\",\"case\":\"C1\",\"op\":\"accept\",\"at\":\"2026-03-02T10:00:00+08:00\","
    "\"actor\":{\"person\":\"w2\",\"role\":\"grid_worker\",\"unit\":\"371323100201002\"}}";

static size_t book_facts(const wangge_case_book *b) {
    size_t n = 0;
    CHECK(wangge_case_book_fact_count(b, &n) == WANGGE_STATUS_OK, "fact_count");
    return n;
}

static void test_case_book(void) {
    wangge_case_book *book = NULL;
    CHECK(wangge_case_book_open("seed009", 7, NULL, 0, NULL, 0, &book) ==
              WANGGE_STATUS_UNKNOWN_PRESET && book == NULL,
          "unknown preset: %s", wangge_last_error_message());
    CHECK(wangge_case_book_open("seed001", 7, NULL, 0, "{\"format\":\"x\"}\n", 15, &book) ==
              WANGGE_STATUS_INVALID_JOURNAL && book == NULL,
          "damaged journal: %s", wangge_last_error_message());
    CHECK(wangge_case_book_open("seed001", 7, NULL, 0, NULL, 0, NULL) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
    CHECK(wangge_case_book_open("seed001", 7, NULL, 0, NULL, 0, &book) == WANGGE_STATUS_OK,
          "open: %s", wangge_last_error_message());
    if (book == NULL) return;

    char *out = NULL;
    size_t len = 0;
    CHECK(wangge_case_book_execute(book, REPORT, strlen(REPORT), &out, &len) ==
              WANGGE_STATUS_OK, "report: %s", wangge_last_error_message());
    CHECK(out != NULL && out[0] == '[' && strstr(out, "\"type\":\"reported\"") != NULL &&
              strlen(out) == len, "the reported fact: %s", out ? out : "(null)");
    wangge_string_free(out);
    CHECK(book_facts(book) == 1, "one fact");

    /* The same command id again: no effect. */
    out = NULL;
    CHECK(wangge_case_book_execute(book, REPORT, strlen(REPORT), &out, NULL) ==
              WANGGE_STATUS_OK && out != NULL && strcmp(out, "[]") == 0,
          "a repeated command id has no effect: %s", out ? out : "(null)");
    wangge_string_free(out);

    /* Refused: a typed status, the reason, nothing written. */
    out = (char *)0x1;
    wangge_status s = wangge_case_book_execute(book, FOREIGN_ACCEPT, strlen(FOREIGN_ACCEPT),
                                               &out, NULL);
    CHECK(s == WANGGE_STATUS_CASE_UNAUTHORIZED || s == WANGGE_STATUS_CASE_OUT_OF_JURISDICTION,
          "refused: %d %s", (int)s, wangge_last_error_message());
    CHECK(out == (char *)0x1, "out untouched on refusal");
    CHECK(book_facts(book) == 1, "a refused command changes nothing");
    CHECK(wangge_case_book_execute(book, "{", 1, &out, NULL) == WANGGE_STATUS_INVALID_COMMAND,
          "malformed command: %s", wangge_last_error_message());

    out = NULL;
    CHECK(wangge_case_book_state(book, "C1", 2, NULL, 0, &out, NULL) == WANGGE_STATUS_OK &&
              out != NULL && strstr(out, "\"grid\":\"" GRID "\"") != NULL &&
              strstr(out, "\"status\":\"reported\"") != NULL,
          "state: %s", out ? out : "(null)");
    wangge_string_free(out);
    out = NULL;
    CHECK(wangge_case_book_state(book, "C9", 2, NULL, 0, &out, NULL) == WANGGE_STATUS_OK &&
              out != NULL && strcmp(out, "null") == 0, "unknown case: null");
    wangge_string_free(out);
    CHECK(wangge_case_book_history(book, "C9", 2, &out, NULL) == WANGGE_STATUS_UNKNOWN_CASE,
          "history of an unknown case");
    out = NULL;
    CHECK(wangge_case_book_state(book, "C1", 2, "tomorrow", 8, &out, NULL) ==
              WANGGE_STATUS_INVALID_DATE_TIME, "bad instant: %s", wangge_last_error_message());

    /* Breaches three months later, recorded once. */
    const char *late = "2026-06-01T09:00:00+08:00";
    out = NULL;
    CHECK(wangge_case_book_tick(book, late, strlen(late), &out, NULL) == WANGGE_STATUS_OK &&
              out != NULL && strstr(out, "\"type\":\"breached\"") != NULL,
          "tick: %s", out ? out : wangge_last_error_message());
    wangge_string_free(out);
    size_t after_tick = book_facts(book);
    CHECK(after_tick > 1, "breach facts added");
    out = NULL;
    CHECK(wangge_case_book_tick(book, late, strlen(late), &out, NULL) == WANGGE_STATUS_OK &&
              out != NULL && strcmp(out, "[]") == 0, "a breach is recorded once");
    wangge_string_free(out);

    /* The journal opens another book with the same states and records. */
    char *journal = NULL;
    size_t journal_len = 0;
    CHECK(wangge_case_book_journal(book, &journal, &journal_len) == WANGGE_STATUS_OK &&
              journal != NULL && strncmp(journal, "{\"format\":\"wangge.case.journal\"", 31) == 0,
          "journal");
    wangge_case_book *again = NULL;
    CHECK(wangge_case_book_open("seed001", 7, NULL, 0, journal, journal_len, &again) ==
              WANGGE_STATUS_OK, "reopen: %s", wangge_last_error_message());
    if (again != NULL) {
        CHECK(book_facts(again) == after_tick, "same facts");
        char *a = NULL, *b = NULL;
        CHECK(wangge_case_book_states(book, late, strlen(late), &a, NULL) == WANGGE_STATUS_OK &&
                  wangge_case_book_states(again, late, strlen(late), &b, NULL) ==
                      WANGGE_STATUS_OK && a != NULL && b != NULL && strcmp(a, b) == 0,
              "same states");
        wangge_string_free(a);
        wangge_string_free(b);
        a = NULL;
        CHECK(wangge_case_book_records(again, NULL, 0, &a, NULL) == WANGGE_STATUS_OK &&
                  a != NULL && strstr(a, "\"id\":\"C1\"") != NULL,
              "records: %s", a ? a : "(null)");
        wangge_string_free(a);
        wangge_case_book_free(again);
    }
    wangge_string_free(journal);
    wangge_case_book_free(book);
    wangge_case_book_free(NULL);
}

#endif
