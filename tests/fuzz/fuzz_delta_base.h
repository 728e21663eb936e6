#pragma once
// The older pack fuzz_fleet_delta applies patches to, and fuzz_seed_packs makes its seed patches
// against: 64 KiB that look like pages of a database, the same on every run.
#include <cstdint>
#include <vector>

namespace orpheus::fuzz {

inline std::vector<std::uint8_t> delta_base() {
  std::vector<std::uint8_t> bytes(64 * 1024);
  std::uint32_t x = 2463534242u;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i % 4096 < 2048) {  // half of each page text-like and repeating, half noise
      bytes[i] = static_cast<std::uint8_t>("Thracian gold, Rogozen treasure; "[i % 33]);
    } else {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      bytes[i] = static_cast<std::uint8_t>(x);
    }
  }
  return bytes;
}

}  // namespace orpheus::fuzz
