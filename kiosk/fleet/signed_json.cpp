#include "fleet/signed_json.h"

#include <span>

namespace orpheus::fleet {
namespace {

std::string signed_message(nlohmann::json object, std::string_view domain) {
  object.erase("signature");
  std::string message(domain);
  message += '\0';
  message += object.dump();
  return message;
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string signed_json_text(nlohmann::json object, std::string_view domain, const trust::SecretKey& key) {
  const std::string message = signed_message(object, domain);
  object["signature"] = trust::signature_text(trust::sign_message(bytes_of(message), key));
  return object.dump(2) + "\n";
}

bool verify_signed_json(const nlohmann::json& object, std::string_view domain, const trust::PublicKey& key) {
  if (!object.is_object()) return false;
  const auto it = object.find("signature");
  if (it == object.end() || !it->is_string()) return false;
  trust::Signature signature;
  try {
    signature = trust::parse_signature(it->get_ref<const std::string&>());
  } catch (const trust::TrustError&) {
    return false;
  }
  return trust::verify_message(bytes_of(signed_message(object, domain)), signature, key);
}

}  // namespace orpheus::fleet
