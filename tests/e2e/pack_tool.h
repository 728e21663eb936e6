#pragma once
// The curator's side for end-to-end tests: the real orpheus-pack (ORPHEUS_PACK) making keys and
// small signed packs, and a kiosk configuration naming a store. Shared by the packs' and the
// fleet's end-to-end tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/source_tree.h"

namespace orpheus::e2e {

inline test::RunResult pack_tool(std::vector<std::string> args, int timeout_s = 300) {
  args.insert(args.begin(), ORPHEUS_PACK);
  return test::run(args, timeout_s);
}

// A small pack source (three items, one large image so there are tiles) at `version`.
inline void write_source(const std::filesystem::path& src, const std::filesystem::path& media, const std::string& version) {
  test::write_good_tree(src, media);
  std::string toml = test::kPackToml;
  toml.replace(toml.find("1.2.3"), 5, version);
  test::write_text(src / "pack.toml", toml);
}

// A photo of noise (JPEG at quality 92: 4000 x 3000 is ~20 MB), added to the amphora's images:
// makes a pack big enough that copying or downloading it takes a while. `seed` changes the noise.
inline void add_noise_image(const std::filesystem::path& src, int width = 4000, int height = 3000, unsigned seed = 7) {
  media::Image noise = test::solid(width, height, 0, 0, 0);
  std::mt19937 rng(seed);
  for (std::size_t i = 0; i < noise.pixels.size(); ++i)
    if (i % 4 != 3) noise.pixels[i] = static_cast<std::uint8_t>(rng());
  test::write_bytes(src / "images/noise.jpg", media::encode_jpeg(noise, 92));
  std::ofstream(src / "items/gold/amphora.toml", std::ios::app) << "\n[[images]]\nfile = \"images/noise.jpg\"\n";
}

struct PackOptions {
  bool big = false;            // with a 4000 x 3000 noise photo
  int noise_width = 0, noise_height = 0;  // a noise photo of this size instead (0: none unless big)
  std::string summary;         // replaces the amphora's summary (one changed item)
};

// Builds DIR/pack-VERSION.db, signed with `key` unless empty.
inline std::filesystem::path make_pack(const test::TempDir& dir, const std::string& version, const std::filesystem::path& key,
                                       const PackOptions& o = {}) {
  const std::filesystem::path src = dir / ("src-" + version), media = dir / ("media-" + version),
                              out = dir / ("pack-" + version + ".db");
  write_source(src, media, version);
  if (o.big) add_noise_image(src);
  else if (o.noise_width > 0) add_noise_image(src, o.noise_width, o.noise_height);
  if (!o.summary.empty()) {
    const auto file = src / "items/gold/amphora.toml";
    std::string toml = test::read_text(file);
    const auto at = toml.find("summary");
    REQUIRE(at != std::string::npos);
    toml.replace(at, toml.find('\n', at) - at, "summary = { bg = \"" + o.summary + "\" }");
    test::write_text(file, toml);
  }
  auto r = pack_tool({"build", "-q", src.string(), "--media-dir", media.string(), "-o", out.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  if (!key.empty()) {
    r = pack_tool({"sign", "-q", out.string(), "--key", key.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  return out;
}

inline std::filesystem::path make_pack(const test::TempDir& dir, const std::string& version, const std::filesystem::path& key,
                                       bool big) {
  PackOptions o;
  o.big = big;
  return make_pack(dir, version, key, o);
}

struct Keys {
  std::filesystem::path secret, pub, other_secret, other_pub;
};

inline Keys make_keys(const test::TempDir& dir) {
  auto r = pack_tool({"keygen", (dir / "keys/museum").string(), "--comment", "Museum curators"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("orpheus-ed25519:") != std::string::npos);
  r = pack_tool({"keygen", "-q", (dir / "keys/stranger").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return {dir / "keys/museum.key", dir / "keys/museum.pub", dir / "keys/stranger.key", dir / "keys/stranger.pub"};
}

// `orpheus-pack list --json` of the store a configuration names.
inline nlohmann::json list_json(const std::filesystem::path& config) {
  const auto r = pack_tool({"list", "--json", "--config", config.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace orpheus::e2e
