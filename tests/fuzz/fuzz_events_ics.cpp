// A museum's programme exported from a calendar (packs/events_ics.h: iCalendar through libical,
// series expanded by our recurrence rules), then checked and ordered as the pack builder does.
#include "fuzz_events.h"
#include "packs/events_ics.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::programme("events/programme.ics", fuzz::text_of(data, size), packs::import_ics);
  return 0;
}
