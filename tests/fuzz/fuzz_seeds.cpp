// Seeds that are files no one writes by hand, made with the project's own writers:
//   fuzz_seeds OUT  ->  OUT/pack/*.db         small packs: the unit tests' hand-written one at every
//                                             schema version, the e2e sources built, and a pack with
//                                             a picture (tiles), a narration, a timeline and events;
//                                             each with 1 KiB pages (VACUUM), built ones sealed again
//                       OUT/fleet_delta/*.zst patches against fuzz_delta_base()
//                       OUT/vorbis/*.ogg      short tones, mono and stereo, several rates
//                       OUT/fleet_channel/, OUT/fleet_status/, OUT/usage_export/   signed documents
// scripts/fuzz.sh puts them into the corpora; CTest replays them through the targets.
#include <cmath>
#include <cstdio>
#include <fstream>

#include "catalog/sqlite.h"
#include "fleet/channel.h"
#include "fleet/delta.h"
#include "fleet/status.h"
#include "fuzz_delta_base.h"
#include "media/image.h"
#include "media/vorbis_encode.h"
#include "packs/builder.h"
#include "support/synthetic_usage.h"
#include "trust/seal.h"
#include "unit/catalog/test_pack.h"
#include "usage/summary.h"

namespace fs = std::filesystem;
using namespace orpheus;

namespace {

void write(const fs::path& file, std::string_view bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
void write(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  write(file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// Smaller pages make a smaller file (every table and index takes one at least): faster to mutate.
// A built pack is sealed again (its bytes changed); the hand-written ones have no seal.
void shrink(const fs::path& pack, bool sealed) {
  {
    sql::Database db(pack, sql::Database::Mode::read_write_create);
    db.exec("PRAGMA page_size = 1024; VACUUM;");
  }
  if (sealed) trust::write_content_hash(pack);
}

std::vector<std::int16_t> tone(int rate, int channels, double seconds) {
  std::vector<std::int16_t> s;
  const int frames = static_cast<int>(rate * seconds);
  for (int i = 0; i < frames; ++i)
    for (int c = 0; c < channels; ++c)
      s.push_back(static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * (440 + 110 * c) * i / rate)));
  return s;
}

void build(const fs::path& source, const fs::path& out, const fs::path& media = {}) {
  packs::BuildOptions o;
  o.source_dir = source;
  o.output = out;
  o.threads = 1;
  if (!media.empty()) o.media_dirs = {media};
  const auto result = packs::build_pack(o);
  for (const auto& p : result.problems) std::fprintf(stderr, "%s\n", p.str().c_str());
  if (!result.ok()) throw std::runtime_error("cannot build the seed pack from " + source.string());
  shrink(out, true);
}

// A source with what the e2e packs lack: a picture large enough for tiles, a recorded narration,
// a timeline, a collection schedule and an event.
void write_rich_source(const fs::path& src) {
  write(src / "pack.toml", R"(id = "fuzz.seed"
version = "1.0.0"
default_language = "bg"
languages = ["bg", "en"]
title = { bg = "Семе", en = "Seed" }
time_zone = "Europe/Sofia"
)");
  write(src / "collections/gold.toml", R"(id = "gold"
order = 1
title = { bg = "Злато", en = "Gold" }
schedule = { from = "2026-01-01", days = ["mon", "sat"], hours = ["09:00-13:00"] }
)");
  write(src / "items/rhyton.toml", R"(id = "rhyton"
collection = "gold"
order = 1
date = { from = -400, to = -300, certainty = "circa" }
title = { bg = "Ритон", en = "Rhyton" }
summary = { bg = "Златен съд.", en = "A gold vessel." }
description = { bg = "Дълго описание.", en = "A longer text." }
credit = { bg = "Музей", en = "Museum" }

[[images]]
file = "rhyton.png"
caption = { bg = "Отстрани", en = "Side view" }
)");
  write(src / "timeline.toml", R"([[period]]
id = "odrysian-kingdom"
name = { bg = "Одриско царство", en = "Odrysian kingdom" }
date = { from = -480, to = -280, certainty = "circa" }
colour = "#a8743a"
)");
  write(src / "events/lecture.toml", R"(id = "lecture"
title = { bg = "Лекция", en = "Lecture" }
summary = { bg = "За ритона.", en = "On the rhyton." }
start = "2027-01-28T18:00"
duration = "1h30min"
repeat = { every = "week", until = "2027-03-01" }
audience = ["adults"]
free = true
image_item = "rhyton"
)");
  media::Image picture{2100, 16, 4, {}};  // wider than the display size (2048): tiles
  picture.pixels.resize(std::size_t{2100} * 16 * 4);
  for (std::size_t i = 0; i < picture.pixels.size(); ++i) picture.pixels[i] = static_cast<std::uint8_t>(i / 4 % 2100 / 9);
  write(src / "rhyton.png", media::encode_png(picture));
  write(src / "narration/rhyton.bg.ogg", media::encode_vorbis(tone(16000, 1, 1.0), 16000, 1, 0.1f));
}

void packs_seeds(const fs::path& out, const fs::path& work) {
  for (int v = catalog::kMinReadableVersion; v <= catalog::kSchemaVersion; ++v) {
    const fs::path f = out / ("small-v" + std::to_string(v) + ".db");
    fs::remove(f);
    test::write_small_pack(f, v);
    shrink(f, false);
  }
  for (const char* name : {"no-pictures", "world-scripts"})
    build(fs::path(ORPHEUS_SOURCE_DIR) / "tests/e2e/packs" / name, out / (std::string(name) + ".db"));
  write_rich_source(work / "rich");
  build(work / "rich", out / "rich.db");
}

void delta_seeds(const fs::path& out, const fs::path& work) {
  const auto base = fuzz::delta_base();
  write(work / "base.db", base);
  auto changed = base;
  for (std::size_t i = 100; i < changed.size(); i += 5000) changed[i] ^= 0x5a;
  write(work / "changed.db", changed);
  auto longer = base;
  longer.insert(longer.begin() + 3000, base.begin(), base.begin() + 9000);
  write(work / "longer.db", longer);
  fleet::make_patch(work / "base.db", work / "changed.db", out / "changed.zst", 3);
  fleet::make_patch(work / "base.db", work / "longer.db", out / "longer.zst", 3);
  fleet::make_patch(work / "base.db", work / "base.db", out / "same.zst", 1);
}

void vorbis_seeds(const fs::path& out) {
  write(out / "mono-8k.ogg", media::encode_vorbis(tone(8000, 1, 0.3), 8000, 1, 0.0f));
  write(out / "stereo-22k.ogg", media::encode_vorbis(tone(22050, 2, 0.2), 22050, 2, 0.1f));
  write(out / "mono-44k.ogg", media::encode_vorbis(tone(44100, 1, 0.1), 44100, 1, 0.3f));
}

trust::ContentHash hash_of(char c) {
  trust::ContentHash h{};
  h.fill(static_cast<std::uint8_t>(c));
  return h;
}

void document_seeds(const fs::path& out, const fs::path& work) {
  const auto keys = trust::generate_key_pair(work / "seed", "seed", true);
  const trust::SecretKey key = trust::read_secret_key(keys.secret_file);

  fleet::Channel c;
  c.name = "stable";
  c.serial = 12;
  c.published = "2026-12-07T10:00:00Z";
  c.expires = "2027-03-07T10:00:00Z";
  c.packs.push_back({"bg.thracology.demo", "1.0.1", "packs/bg.thracology.demo-1.0.1-3f2a9c1e.db", 140042240, hash_of('a'),
                     {{hash_of('b'), "packs/bg.thracology.demo-1.0.1-3f2a9c1e.from-1a2b3c4d.zst", 819237, hash_of('c')}}});
  c.packs.push_back({"bg.thracology.demo", "1.0.0", "packs/bg.thracology.demo-1.0.0-1a2b3c4d.db", 140000000, hash_of('b'), {}});
  c.rollouts.push_back({"plovdiv", "bg.thracology.demo", "1.0.1", "2026-12-08T06:00:00Z", 25, "0.1.0", false});
  c.rollouts.push_back({"*", "bg.thracology.demo", "1.0.0", "", 100, "", true});
  write(out / "fleet_channel/channel.json", fleet::channel_text(c, key));

  fleet::KioskStatus s;
  s.name = "Gold room";
  s.institution = "Regional Museum Plovdiv";
  s.group = "plovdiv";
  s.written = "2026-12-07T10:00:00Z";
  s.orpheus_version = "0.1.0";
  s.pack = fleet::StatusPack{"bg.thracology.demo", "1.0.1", "bg.thracology.demo-1.0.1-3f2a9c1e.db", hash_of('a')};
  s.update = {"https://museum.example/channel.json", 12, "installed", "installed 1.0.1", "2026-12-07T10:00:00Z",
              "2026-12-07T10:00:00Z", 0};
  s.health = fleet::HealthStatus{"running", "2026-12-07T09:59:58Z", 1, 0, 2, {"2026-12-07T09:00:00Z error media: x"}};
  s.disk_free_bytes = 12345678;
  write(out / "fleet_status/status.json", fleet::status_text(s, key));
  s.pack.reset();
  s.health.reset();
  write(out / "fleet_status/status-bare.json", fleet::status_text(s, key));

  test::SyntheticUsage u;
  u.institutions = 1;
  u.kiosks = 1;
  u.days = 3;
  write(out / "usage_export/usage-3-days.json", usage::export_text(test::synthetic_export(u, 0, 0), key));
  u.days = 1;
  u.first_day = "2027-03-30";  // daylight saving begins
  write(out / "usage_export/usage-1-day.json", usage::export_text(test::synthetic_export(u, 0, 0), key));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT\n");
    return 2;
  }
  const fs::path out = argv[1];
  const fs::path work = out / ".work";
  try {
    fs::remove_all(work);
    fs::create_directories(out / "pack");
    fs::create_directories(out / "fleet_delta");
    packs_seeds(out / "pack", work);
    delta_seeds(out / "fleet_delta", work);
    vorbis_seeds(out / "vorbis");
    document_seeds(out, work);
    fs::remove_all(work);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
