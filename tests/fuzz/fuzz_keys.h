#pragma once
// A key pair for the targets whose documents are signed (channel, kiosk status, usage export):
// an input is also tried re-signed with it, so that mutations reach the fields behind the signature.
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "trust/seal.h"

namespace orpheus::fuzz {

inline const trust::SecretKey& signing_key() {
  static const trust::SecretKey key = [] {
    std::filesystem::create_directories(Scratch::dir() / "keys");
    const auto files = trust::generate_key_pair(Scratch::dir() / "keys" / "fuzz", "fuzz", true);
    return trust::read_secret_key(files.secret_file);
  }();
  return key;
}

// The input as a JSON object to sign again; discarded (not an object) when it is not JSON or is
// nested deeper than any of these documents (writing it out would recurse per level).
inline nlohmann::json parse_to_resign(std::string_view text) {
  bool deep = false;
  nlohmann::json j = nlohmann::json::parse(
      text, [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return !(deep = deep || depth > 32); }, false);
  return deep || !j.is_object() ? nlohmann::json(nlohmann::json::value_t::discarded) : j;
}

}  // namespace orpheus::fuzz
