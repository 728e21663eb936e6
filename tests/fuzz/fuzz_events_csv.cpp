// A museum's programme as a CSV file (packs/events_csv.h: a spreadsheet, the museum's own system),
// then checked and ordered as the pack builder does.
#include "fuzz_events.h"
#include "packs/events_csv.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::programme("events/programme.csv", fuzz::text_of(data, size), packs::import_events_csv);
  return 0;
}
