#pragma once
// Synthetic usage exports (kiosk/usage/summary.h) for the report's tests and benchmark: museums of
// different sizes and audiences, kiosks open 9 or 10 hours a day and closed on Mondays, busier at
// weekends and in summer, visits drawn one by one (length, language, objects viewed with a
// popularity curve over the demo pack's 41 objects, searches, narration, accessibility modes), so
// every export is internally consistent. The same options give the same numbers on every call.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "trust/seal.h"
#include "usage/summary.h"

namespace orpheus::test {

struct SyntheticObject {
  const char* slug;
  const char* bg;
  const char* en;
};
// The demo pack's objects (content/thracology): slug and titles.
std::span<const SyntheticObject> synthetic_objects();

struct SyntheticUsage {
  int institutions = 10;
  int kiosks = 50;                    // per institution
  int days = 365;
  std::string first_day = "2027-01-01";
  std::uint32_t seed = 23;
};

// Kiosk `kiosk` of institution `institution` (both from 0): its days, unsigned (export_text signs
// them). Named "Kiosk K" of "Museum I ..." ; kiosk.id/public_key are left empty.
usage::Export synthetic_export(const SyntheticUsage& o, int institution, int kiosk);

struct SyntheticFiles {
  std::vector<std::filesystem::path> exports;  // DIR/usage-I-K.json
  std::filesystem::path keys;                  // DIR/keys: kiosk-I-K.key and .pub per kiosk
};
// Every kiosk's export signed with a key of its own, written `threads` at a time (0: one per core).
SyntheticFiles write_synthetic_exports(const SyntheticUsage& o, const std::filesystem::path& dir, unsigned threads = 0);

}  // namespace orpheus::test
