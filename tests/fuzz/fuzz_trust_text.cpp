// The trust texts read from configuration and from files others send (trust/seal.h,
// usage/report.h): public keys ("orpheus-ed25519:BASE64"), signatures, content hashes, key files
// and the trusted-kiosks lists `orpheus-stats report --trusted` reads.
#include "fuzz_support.h"
#include "trust/seal.h"
#include "usage/report.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  try {
    (void)trust::parse_public_key(text);
  } catch (const trust::TrustError& e) {
    fuzz::refused(e);
  }
  try {
    (void)trust::parse_signature(text);
  } catch (const trust::TrustError& e) {
    fuzz::refused(e);
  }
  (void)trust::parse_hash(text);
  const auto file = fuzz::write_file("kiosks.pub", text);
  try {
    (void)trust::read_public_key(file);
  } catch (const trust::TrustError& e) {
    fuzz::refused(e);
  }
  try {
    (void)usage::read_trusted_kiosks({file});
  } catch (const trust::TrustError& e) {
    fuzz::refused(e);
  }
  return 0;
}
