/* A panic inside the library becomes WANGGE_STATUS_PANIC with a message, and the library
 * keeps working. Built against a library compiled with the `test-panic` feature only. */
#define WANGGE_TEST_PANIC 1
#include "harness.h"
#include "wangge.h"

int main(void) {
    CHECK(wangge_test_panic() == WANGGE_STATUS_PANIC, "status");
    CHECK(strstr(wangge_last_error_message(), "deliberate panic") != NULL, "message: %s",
          wangge_last_error_message());
    wangge_code_info info;
    CHECK(wangge_code_parse("371323", 6, &info) == WANGGE_STATUS_OK, "works after a panic");
    CHECK(wangge_test_panic() == WANGGE_STATUS_PANIC, "again");
    return harness_summary();
}
