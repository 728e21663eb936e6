// Usage exports (usage/summary.h, report.h): signed JSON files from many kiosks that
// `orpheus-stats verify` and `report` read (a SAX reader of our own, checking as it goes). Input:
// one export, read as it is and, when it is a JSON object, signed again with a kiosk key (so that
// mutations reach past the signature); one that reads is summed into a report with a second copy
// of itself (overlapping days) and rendered as HTML, and written out again must read back.
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "fuzz_keys.h"
#include "usage/report.h"
#include "usage/summary.h"

using namespace orpheus;

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

void use(const usage::Export& e) {
  usage::ReportInput input;
  input.exports = {{"a.json", e}, {"b.json", e}};
  input.refused = {{"c.json", "not an export"}};
  const usage::Report report = usage::build_report(std::move(input));
  (void)usage::render_html(report, "en");
  (void)usage::render_html(report, "bg");
  for (const auto& d : e.days) (void)usage::parse_day(usage::day_text(d));
  try {
    (void)usage::parse_export(usage::export_text(e, fuzz::signing_key()), "again.json");
  } catch (const usage::ExportError& x) {
    std::fprintf(stderr, "an export read does not read back once written: %s\n", x.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  (void)fuzz::signing_key();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  try {
    use(usage::parse_export(text, "fuzz.json"));
  } catch (const usage::ExportError& e) {
    fuzz::refused(e);
  }

  nlohmann::json j = fuzz::parse_to_resign(text);
  if (!j.is_object()) return 0;
  const trust::PublicKey kiosk = fuzz::signing_key().public_key();
  j.erase("signature");
  if (!j["kiosk"].is_object()) j["kiosk"] = nlohmann::json::object();
  j["kiosk"]["public_key"] = kiosk.text();
  j["kiosk"]["id"] = kiosk.id();
  const std::string message = std::string("orpheus-usage-v1", 17) + j.dump();
  j["signature"] = trust::signature_text(trust::sign_message(bytes_of(message), fuzz::signing_key()));
  try {
    use(usage::parse_export(j.dump(1), "resigned.json"));
  } catch (const usage::ExportError& e) {
    fuzz::refused(e);
  }
  return 0;
}
