#pragma once
// Small JSON documents signed in place (the channel, the kiosk status): Ed25519 over
// DOMAIN + '\0' + the canonical form of the object without its "signature" member (keys sorted,
// no whitespace, strings with only the escapes JSON requires: nlohmann's compact dump of an
// object whose numbers are all integers), the signature added as "signature" (base64).
// Re-indenting a file keeps it valid; changing any value breaks it. Any thread.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "trust/seal.h"

namespace orpheus::fleet {

// The object with "signature" added, pretty-printed (two spaces), ending in a newline.
std::string signed_json_text(nlohmann::json object, std::string_view domain, const trust::SecretKey& key);

// Whether `object`'s "signature" (a string; absent or malformed: false) verifies with `key`.
bool verify_signed_json(const nlohmann::json& object, std::string_view domain, const trust::PublicKey& key);

}  // namespace orpheus::fleet
