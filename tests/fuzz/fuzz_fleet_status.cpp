// What kiosks send back (fleet/status.h): status.json files the museum's web server stores and
// `orpheus-pack fleet-status` reads as a folder of kiosks. Input: one status text, stored as it is
// (signed by nobody we know) and, when it is a JSON object, signed again with a kiosk key in that
// kiosk's folder (so that mutations reach the fields). The same bytes are read as a kiosk's health
// file, whose fields a status carries.
#include <cstdlib>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fleet/signed_json.h"
#include "fleet/status.h"
#include "fuzz_keys.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  (void)fuzz::signing_key();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const trust::PublicKey kiosk = fuzz::signing_key().public_key();
  std::filesystem::remove_all(fuzz::Scratch::dir() / "fleet");
  fuzz::write_file("fleet/someone/status.json", text);
  fuzz::write_file("fleet/someone/usage-2026-12-01-2026-12-07.json", "");

  nlohmann::json j = fuzz::parse_to_resign(text);
  if (j.is_object()) {
    j.erase("signature");
    if (!j["kiosk"].is_object()) j["kiosk"] = nlohmann::json::object();
    j["kiosk"]["public_key"] = kiosk.text();
    j["kiosk"]["id"] = kiosk.id();
    const std::string resigned = fleet::signed_json_text(std::move(j), "orpheus-status-v1", fuzz::signing_key());
    fuzz::write_file("fleet/" + kiosk.id() + "/status.json", resigned);
    try {
      const fleet::KioskStatus s = fleet::parse_status(resigned, "fuzz");
      // What a kiosk wrote reads back the same.
      if (!(fleet::parse_status(fleet::status_text(s, fuzz::signing_key()), "again") == s)) std::abort();
    } catch (const fleet::StatusError& e) {
      fuzz::refused(e);
    }
  }
  fleet::FleetOptions options;
  options.now = "2026-12-08T12:00:00Z";
  const auto rows = fleet::read_fleet(fuzz::Scratch::dir() / "fleet", options);
  std::ostringstream out;
  fleet::print_fleet_table(rows, out);
  (void)fleet::fleet_json(rows);

  (void)fleet::read_health(fuzz::write_file("health.json", text));
  return 0;
}
