// Replay scripts (app/replay_script.h): what --replay reads, JSONL from tests and technicians.
// Every raw pointer event parsed is also written back with to_script_line and must read back
// as the very same event (what --record relies on).
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "app/replay_script.h"
#include "fuzz_support.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(fuzz::text_of(data, size))};
  std::vector<app::ScriptStep> steps;
  try {
    steps = app::parse_script(in, "fuzz.jsonl");
  } catch (const app::ScriptError& e) {
    fuzz::refused(e);
    return 0;
  }
  for (const auto& s : steps) {
    if (s.kind != app::ScriptStep::Kind::pointer) continue;
    const auto& e = s.pointer;
    if (std::fabs(e.x) > 1e6 || std::fabs(e.y) > 1e6) continue;  // a pinch's fingers may lie outside
    std::istringstream again(app::to_script_line(e));
    const auto back = app::parse_script(again, "again");  // throws (a crash here) if it does not read
    if (back.size() != 1 || back[0].pointer.t_ms != e.t_ms || back[0].pointer.kind != e.kind ||
        back[0].pointer.id != e.id || back[0].pointer.x != e.x || back[0].pointer.y != e.y)
      std::abort();
  }
  return 0;
}
