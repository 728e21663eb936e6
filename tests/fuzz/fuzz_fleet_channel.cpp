// The fleet's channel file (fleet/channel.h): fetched by every kiosk from a web server and believed
// once its signature checks. Input: the channel's text, read as it is (what a forger or a damaged
// download reaches) and, when it is a JSON object, signed again with a trusted key (what a
// curator's mistakes reach). A channel read back must choose for a kiosk and write itself out
// again as the same channel.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "fleet/channel.h"
#include "fleet/signed_json.h"
#include "fuzz_keys.h"

using namespace orpheus;

namespace {

void use(const fleet::Channel& c) {
  fleet::check_channel(c);  // parse_channel made every check: must not throw
  for (const char* version : {"0.1.0", "9"})
    for (const char* group : {"", "plovdiv"}) {
      fleet::KioskFacts kiosk{"a1b2c3", group, version, "2026-12-08T12:00:00Z", std::nullopt};
      if (!c.packs.empty()) kiosk.installed = fleet::Installed{c.packs[0].id, c.packs[0].version, c.packs[0].hash};
      (void)fleet::choose(c, kiosk);
    }
  for (const auto& p : c.packs) {
    (void)fleet::rollout_bucket("a1b2c3", p.hash);
    if (!p.patches.empty()) (void)fleet::patch_from(p, p.patches[0].from);
    (void)fleet::compare_versions(p.version, c.packs[0].version);
  }
  try {
    fleet::check_fresh(c, "2026-12-08T12:00:00Z", 3, "fuzz");
  } catch (const fleet::ChannelError& e) {
    fuzz::refused(e);
  }
  const trust::PublicKey trusted[] = {fuzz::signing_key().public_key()};
  const fleet::Channel again = fleet::parse_channel(fleet::channel_text(c, fuzz::signing_key()), trusted, "again");
  if (!(again == c)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  (void)fuzz::signing_key();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const trust::PublicKey trusted[] = {fuzz::signing_key().public_key()};
  try {
    use(fleet::parse_channel(text, trusted, "fuzz"));
  } catch (const fleet::ChannelError& e) {
    fuzz::refused(e);
  }
  (void)fleet::to_utc(text.substr(0, 40));
  (void)fleet::safe_relative_name(text.substr(0, 80));

  nlohmann::json j = fuzz::parse_to_resign(text);
  if (!j.is_object()) return 0;
  j.erase("signature");
  j["signer"] = trusted[0].text();
  try {
    use(fleet::parse_channel(fleet::signed_json_text(std::move(j), "orpheus-channel-v1", fuzz::signing_key()), trusted,
                             "fuzz"));
  } catch (const fleet::ChannelError& e) {
    fuzz::refused(e);
  }
  return 0;
}
