#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "catalog/schema.h"
#include "catalog/search.h"
#include "packs/builder.h"
#include "packs/source.h"
#include "support/env.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

packs::BuildOptions options(const test::TempDir& dir) {
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = dir / "out/pack.db";
  o.media_dirs = {dir / "media"};
  return o;
}

std::string all(const packs::BuildResult& r) {
  std::string s;
  for (const auto& p : r.problems) s += p.str() + "\n";
  return s;
}

// The problem reported for `file_suffix` and `field`, or a failure listing what was reported.
const packs::Problem* find(const packs::BuildResult& r, const std::string& file_suffix, const std::string& field) {
  for (const auto& p : r.problems) {
    const std::string f = p.file.string();
    if (p.field == field && f.size() >= file_suffix.size() &&
        f.compare(f.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0)
      return &p;
  }
  FAIL_CHECK("no problem for " << file_suffix << " " << field << " among:\n" << all(r));
  return nullptr;
}

std::set<std::string> leftovers(const fs::path& dir) {
  std::set<std::string> names;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

struct SourceDateEpoch : test::EnvVar {
  explicit SourceDateEpoch(const char* v) : EnvVar("SOURCE_DATE_EPOCH", v) {}
};

}  // namespace

TEST_SUITE("Pack builder") {
  TEST_CASE("A good source tree builds, and the pack loads with every field") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    SourceDateEpoch epoch("31536000");
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), all(r));
    CHECK(r.counts.languages == 2);
    CHECK(r.counts.tags == 3);
    CHECK(r.counts.collections == 2);
    CHECK(r.counts.items == 3);
    CHECK(r.counts.images == 3);
    CHECK(r.counts.output_bytes == fs::file_size(dir / "out/pack.db"));
    CHECK(leftovers(dir / "out") == std::set<std::string>{"pack.db"});

    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    const auto& fb = s->fallback();
    CHECK(s->pack.id == "test.pack");
    CHECK(s->pack.version == "1.2.3");
    CHECK(s->pack.created == "1971-01-01T00:00:00Z");
    CHECK(s->pack.default_language == "bg");
    CHECK(s->pack.languages == std::vector<std::string>{"bg", "en"});
    CHECK(s->pack.title.exact("en") == "Test pack");
    CHECK(s->pack.credit.exact("bg") == "Проект „Орфей“");
    CHECK(s->pack.schema_version == catalog::kSchemaVersion);

    REQUIRE(s->tags.size() == 3);
    CHECK(s->tags.at("gold").exact("bg") == "злато");
    CHECK(s->tags.at("vessel").get("en", fb) == "съд");

    REQUIRE(s->collections.size() == 2);
    const auto& silver = s->collections[0];  // order 10 before 20
    const auto& gold = s->collections[1];
    CHECK(silver.slug == "silver");
    CHECK(silver.order == 10);
    CHECK(silver.title.get("en", fb) == "Сребро");
    CHECK(gold.slug == "gold");
    CHECK(gold.title.exact("en") == "Gold");
    CHECK(gold.summary.exact("en") == "Gold vessels.");
    CHECK(gold.description.exact("bg") == "Дълго описание.");
    REQUIRE(gold.items.size() == 2);
    REQUIRE(silver.items.size() == 1);
    const auto& amphora = s->items[gold.items[0]];
    const auto& rhyton = s->items[gold.items[1]];
    const auto& cup = s->items[silver.items[0]];
    CHECK(amphora.slug == "amphora");
    CHECK(rhyton.slug == "rhyton");
    CHECK(cup.slug == "cup");
    CHECK(s->items[0].slug == "cup");  // items grouped by collection, in display order

    CHECK(rhyton.collection_id == gold.id);
    CHECK(rhyton.order == 2);
    CHECK(rhyton.year_from == -400);
    CHECK(rhyton.year_to == -300);
    CHECK(rhyton.latitude == doctest::Approx(42.5081));
    CHECK(rhyton.longitude == doctest::Approx(24.0));
    CHECK(rhyton.tags == std::vector<std::string>{"vessel", "gold"});
    CHECK(rhyton.title.exact("bg") == "Ритон");
    CHECK(rhyton.summary.exact("en") == "A drinking vessel.");
    CHECK(rhyton.description.exact("bg") == "Първи абзац.\n\nВтори абзац.");
    CHECK(rhyton.place_name.exact("en") == "Panagyurishte");
    CHECK(rhyton.credit.exact("en") == "RAM Plovdiv");
    CHECK(rhyton.period.exact("bg") == "IV–III в. пр. Хр.");
    CHECK(rhyton.period.exact("en") == "4th–3rd century BCE");
    REQUIRE(rhyton.metadata.size() == 2);
    CHECK(rhyton.metadata[0].label.exact("en") == "Material");
    CHECK(rhyton.metadata[0].value.exact("bg") == "злато");
    CHECK(rhyton.metadata[1].label.get("en", fb) == "Тегло");
    CHECK(rhyton.metadata[1].value.exact("bg") == "690 г");

    CHECK(amphora.period.exact("en") == "Early Hellenistic");
    CHECK_FALSE(amphora.year_from.has_value());
    CHECK_FALSE(amphora.latitude.has_value());
    CHECK(amphora.tags.empty());
    CHECK(amphora.media.empty());
    CHECK(cup.period.exact("en") == "350 BCE");  // a single year is exact; circa only when the source says so

    REQUIRE(rhyton.media.size() == 2);
    const auto& wide = rhyton.media[0];
    CHECK(wide.width == 3000);
    CHECK(wide.height == 1000);
    CHECK(wide.display_width == 2048);
    CHECK(wide.display_height == 683);
    CHECK(wide.thumb_width == 512);
    CHECK(wide.thumb_height == 171);
    CHECK(wide.caption.exact("en") == "Side view");
    CHECK(wide.alt.exact("en") == "A golden horn");
    const auto& alpha = rhyton.media[1];
    CHECK(alpha.width == 40);
    CHECK(alpha.display_width == 40);  // never upscaled
    CHECK(alpha.thumb_height == 30);
    REQUIRE(cup.media.size() == 1);
    CHECK(cup.media[0].display_height == 800);
    CHECK(cup.media[0].thumb_width == 384);
    CHECK(cup.media[0].thumb_height == 512);

    CHECK(gold.cover_media == wide.id);          // the cover item's first image
    CHECK(silver.cover_media == cup.media[0].id);  // no cover: the first image in the collection

    catalog::MediaReader reader(dir / "out/pack.db");
    CHECK(reader.read(wide.id, catalog::MediaVariant::original) == media::read_file(dir / "src/images/wide.png"));
    const auto display = reader.read(wide.id, catalog::MediaVariant::display);
    CHECK(media::probe(display).format == "jpeg");
    CHECK(media::decode(display).width == 2048);
    const auto alpha_thumb = reader.read(alpha.id, catalog::MediaVariant::thumbnail);
    CHECK(media::probe(alpha_thumb).format == "png");  // transparency kept
    CHECK(media::decode(alpha_thumb).pixels[3] == 0);
    CHECK(reader.read(cup.media[0].id, catalog::MediaVariant::original) ==
          media::read_file(dir / "media/generated/cup.jpg"));

    catalog::ItemSearch search(dir / "out/pack.db");
    CHECK(search.find("РИТОН", "bg") == std::vector<std::int64_t>{rhyton.id});
  }

  TEST_CASE("Builds with the same SOURCE_DATE_EPOCH are byte for byte identical") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    SourceDateEpoch epoch("1700000000");
    auto o = options(dir);
    REQUIRE(packs::build_pack(o).ok());
    const auto first = media::read_file(o.output);
    o.threads = 1;
    REQUIRE(packs::build_pack(o).ok());
    CHECK(media::read_file(o.output) == first);
  }

  TEST_CASE("timeline.toml gives the pack's periods and events; an item's date may be circa") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/items/gold/rhyton.toml",
                     [&] {
                       std::string t = test::read_text(dir / "src/items/gold/rhyton.toml");
                       const std::string from = "date = { from = -400, to = -300 }";
                       t.replace(t.find(from), from.size(), "date = { from = -400, to = -301, certainty = \"circa\" }");
                       return t;
                     }());
    test::write_text(dir / "src/timeline.toml", R"([[period]]
id = "odrysian-kingdom"
name = { bg = "Одриско царство", en = "Odrysian kingdom" }
summary = { en = "The first Thracian state." }
date = { from = -480, to = -280, certainty = "circa" }
colour = "#8A5A2B"

[[period]]
id = "roman-thrace"
name = { bg = "Римска Тракия", en = "Roman Thrace" }
date = { from = 46, to = 395 }

[[event]]
id = "seuthopolis"
name = { bg = "Основаване на Севтополис", en = "Seuthopolis founded" }
date = { from = -320, to = -320, certainty = "circa" }
)");
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), all(r));
    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    REQUIRE(s->timeline.size() == 3);
    const auto& odrysian = s->timeline[0];
    CHECK(odrysian.slug == "odrysian-kingdom");
    CHECK(odrysian.kind == catalog::TimelineEntry::Kind::period);
    CHECK(odrysian.year_from == -480);
    CHECK(odrysian.year_to == -280);
    CHECK(odrysian.certainty == catalog::Certainty::circa);
    CHECK(odrysian.colour == 0x8A5A2Bu);
    CHECK(odrysian.name.exact("bg") == "Одриско царство");
    CHECK(odrysian.summary.exact("en") == "The first Thracian state.");
    CHECK_FALSE(s->timeline[1].colour);
    CHECK(s->timeline[2].kind == catalog::TimelineEntry::Kind::event);
    const catalog::Item* rhyton = nullptr;
    for (const auto& it : s->items)
      if (it.slug == "rhyton") rhyton = &it;
    REQUIRE(rhyton);
    CHECK(rhyton->certainty == catalog::Certainty::circa);
    CHECK(rhyton->period.exact("bg") == "ок. IV в. пр. Хр.");
    CHECK(rhyton->period.exact("en") == "c. 4th century BCE");
  }

  TEST_CASE("Problems of timeline.toml are reported with line and field") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/timeline.toml", R"([[period]]
id = "classical"
name = { bg = "Класическа епоха", en = "Classical period" }
date = { from = -480, to = -323 }
colour = "brown"

[[period]]
id = "late-classical"
name = { bg = "Класическа епоха", en = "Late Classical" }
date = { from = -400, to = -500 }

[[period]]
id = "classical"
name = { en = "No Bulgarian name" }
date = { from = -300, to = -200, certainty = "maybe" }

[[event]]
id = "battle"
name = { bg = "Битка", en = "Battle" }
colour = "#ffffff"
)");
    const auto r = packs::build_pack(options(dir));
    CHECK_FALSE(r.ok());
    const std::string text = all(r);
    CAPTURE(text);
    const auto has = [&](const std::string& line) { return text.find(line) != std::string::npos; };
    CHECK(has("timeline.toml:5:10: period[1].colour: 'brown' is not a colour: write it as \"#RRGGBB\""));
    CHECK(has("timeline.toml:10:"));
    CHECK(has("period[2].date.from: from (-400) is after to (-500)"));
    CHECK(has("timeline.toml:14:8: period[3].name: missing the text in the default language 'bg'"));
    CHECK(has("period[3].date.certainty: 'maybe' is not a certainty"));
    CHECK(has("timeline.toml:13:6: id: duplicate timeline id 'classical' (also on line 2)"));
    CHECK(has("timeline.toml:17:1: event[1].date: required field is missing"));
    CHECK(has("timeline.toml:20:1: event[1].colour: unknown key; expected one of: id, name, summary, date"));
    // Two periods with one name (the second's date is bad, so it is the third's, renamed):
    test::write_text(dir / "src/timeline.toml", R"([[period]]
id = "a"
name = { bg = "Късна античност", en = "Late Antiquity" }
date = { from = 284, to = 600 }

[[period]]
id = "b"
name = { bg = "Късна античност", en = "Late Roman" }
date = { from = 300, to = 500 }
)");
    const auto twice = packs::build_pack(options(dir));
    CHECK(all(twice).find("timeline.toml:7:6: name.bg: period 'b' has the same name, 'Късна античност', as period 'a' "
                          "(line 2): visitors could not tell them apart") != std::string::npos);
  }

  TEST_CASE("map.toml gives the map's region and reference places; find-spots may be approximate") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/map.toml", R"(region = { west = 22, south = 41, east = 29, north = 44.3 }

[[place]]
id = "sofia"
name = { bg = "София", en = "Sofia" }
at = { lat = 42.6977, lon = 23.3219 }
rank = 1

[[place]]
id = "plovdiv"
name = { bg = "Пловдив", en = "Plovdiv" }
at = { lat = 42.1354, lon = 24.7453 }
)");
    std::vector<packs::Problem> problems;
    const packs::PackSource source = packs::read_source(options(dir), problems);
    CHECK(problems.empty());
    REQUIRE(source.map.region);
    CHECK(source.map.region->west == 22);
    CHECK(source.map.region->north == 44.3);
    REQUIRE(source.map.places.size() == 2);
    CHECK(source.map.places[0].slug == "sofia");
    CHECK(source.map.places[0].rank == 1);
    CHECK(source.map.places[1].rank == 2);  // the default
    CHECK(source.map.places[1].name.exact("bg") == "Пловдив");
    CHECK(source.map.places[1].at.lon == 24.7453);
    // The map itself is cut from GSHHG (map_test.cpp); without it the build says what to install.
    const auto r = packs::build_pack(options(dir));
    if (std::filesystem::exists(geo::gshhg_file(geo::kGshhgDir, geo::Layer::shore, 'h')))
      CHECK_MESSAGE(r.ok(), all(r));
    else
      CHECK(all(r).find("install Debian's gmt-gshhg-high") != std::string::npos);
  }

  TEST_CASE("Problems of map.toml and of find-spots outside the map are reported with line and field") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/map.toml", R"(region = { west = 25, south = 41, east = 29, north = 44.3 }

[[place]]
id = "varna"
name = { bg = "Варна", en = "Varna" }
at = { lat = 43.2141, lon = 27.9147 }

[[place]]
id = "burgas"
name = { bg = "Бургас", en = "Burgas" }
at = { lat = 27.4626, lon = 42.5048 }

[[place]]
id = "varna"
name = { en = "Athens" }
at = { lat = 37.98, lon = 23.72 }
rank = 5
)");
    const auto r = packs::build_pack(options(dir));
    CHECK_FALSE(r.ok());
    const std::string text = all(r);
    CAPTURE(text);
    const auto has = [&](const std::string& line) { return text.find(line) != std::string::npos; };
    // The demo item's find-spot (lon 24) lies west of this region.
    CHECK(has("rhyton.toml:5:17: place: lat 42.5081, lon 24 is outside the map's region (lat 41..44.3, lon 25..29, map.toml)\n"));
    CHECK(has("map.toml:11:14: at: lat 27.4626, lon 42.5048 is outside the map's region (lat 41..44.3, lon 25..29, map.toml): "
              "are lat and lon swapped?"));
    CHECK(has("map.toml:14:6: id: duplicate place id 'varna' (also on line 4)"));
    CHECK(has("place[3].name: missing the text in the default language 'bg'"));
    CHECK(has("place[3].rank: rank 5: give 1 (always named), 2 or 3 (named only close in)"));
    CHECK(has("map.toml:16:14: at: lat 37.98, lon 23.72 is outside the map's region"));
    CHECK_FALSE(has("lon 23.72 is outside the map's region (lat 41..44.3, lon 25..29, map.toml): are"));

    test::write_text(dir / "src/map.toml", R"(region = { west = 29, south = 95, east = 22, north = 44 }
)");
    const std::string region = all(packs::build_pack(options(dir)));
    CAPTURE(region);
    CHECK(region.find("region.south: 95 is outside -90..90") != std::string::npos);
    test::write_text(dir / "src/map.toml", R"(region = { west = 29, south = 41, east = 22, north = 44 }
)");
    CHECK(all(packs::build_pack(options(dir))).find("region.east: east (22) is not east of west (29)") != std::string::npos);
  }

  TEST_CASE("A bad source tree reports every problem at once, with file, line and field") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const fs::path src = dir / "src";
    test::write_text(src / "pack.toml", "credits = { bg = \"x\" }\n" + std::string(test::kPackToml));
    test::write_text(src / "collections/bronze.toml", R"(id = "gold"
order = "first"
title = { en = "Bronze" }
cover = "nothing"
)");
    test::write_text(src / "items/gold/bad.toml", R"(id = "rhyton"
collection = "golden"
order = 3
date = { from = -300, to = -400 }
place = { lat = 142.5, lon = 24 }
tags = ["gold", "silverware"]
title = { bg = "", en = "Bad", de = "Schlecht" }
summary = "plain"
description = { bg = "x" }
credit = { bg = "x" }

[[images]]
file = "images/missing.jpg"

[[images]]
file = "images/broken.png"
captoin = { bg = "typo" }

[[images]]
file = "images/cut.jpg"
)");
    const auto jpg = media::encode_jpeg(test::solid(64, 64, 1, 2, 3));
    test::write_bytes(src / "images/cut.jpg", std::vector<std::uint8_t>(jpg.begin(), jpg.begin() + 400));
    test::write_text(src / "items/gold/syntax.toml", "id = \"s\"\ntitle = { bg = \"x\"\n");
    test::write_text(src / "images/broken.png", "\x89PNG\r\n\x1a\n not really");

    const auto r = packs::build_pack(options(dir));
    REQUIRE_FALSE(r.ok());
    INFO(all(r));
    auto at = [&](const std::string& file, const std::string& field, int line, int column, const std::string& words) {
      const packs::Problem* p = find(r, file, field);
      if (!p) return;
      CHECK_MESSAGE(p->line == line, p->str());
      CHECK_MESSAGE(p->column == column, p->str());
      CHECK_MESSAGE(p->reason.find(words) != std::string::npos, p->str());
    };
    at("pack.toml", "credits", 1, 1, "did you mean 'credit'");
    // A duplicate is reported where it is met second, in file name order, naming the first.
    at("collections/gold.toml", "id", 1, 6, "duplicate collection id 'gold' (also in ");
    at("collections/bronze.toml", "order", 2, 9, "expected an integer");
    at("collections/bronze.toml", "title", 3, 9, "default language 'bg'");
    at("collections/bronze.toml", "cover", 4, 9, "no item with id 'nothing'");
    at("items/gold/rhyton.toml", "id", 1, 6, "duplicate item id 'rhyton' (also in ");
    at("items/gold/bad.toml", "collection", 2, 14, "no collection with id 'golden'");
    at("items/gold/bad.toml", "date.from", 4, 17, "is after to");
    at("items/gold/bad.toml", "place.lat", 5, 17, "outside -90..90");
    at("items/gold/bad.toml", "tags[2]", 6, 17, "'silverware' is not declared");
    at("items/gold/bad.toml", "title", 7, 9, "default language 'bg' is empty");
    at("items/gold/bad.toml", "title.de", 7, 32, "not in pack.toml languages");
    at("items/gold/bad.toml", "summary", 8, 11, "expected a language map");
    at("items/gold/bad.toml", "images[1].file", 13, 8, "not found");
    at("items/gold/bad.toml", "images[2].file", 16, 8, "corrupt png");
    at("items/gold/bad.toml", "images[2].captoin", 17, 1, "did you mean 'caption'");
    at("items/gold/bad.toml", "images[3].file", 20, 8, "truncated");
    at("items/gold/syntax.toml", "", 2, 19, "not valid TOML");
    CHECK(r.problems.size() == 18);
    // Reading order: pack.toml first, then collections, then items.
    CHECK(r.problems.front().file.filename() == "pack.toml");
    CHECK(r.problems.back().file.filename() == "syntax.toml");
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
    CHECK(leftovers(dir / "out").empty());
  }

  TEST_CASE("An image whose pixel data fails to decode is a problem, and nothing is written") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    auto jpg = media::encode_jpeg(test::solid(600, 800, 9, 9, 9));
    // Spoil the image data: stuffed 0xFF bytes (0xFF 0x00) only, so every Huffman code read is
    // all ones, which no table defines. The file's structure and tables stay intact, so only
    // decoding the pixels finds it.
    for (std::size_t i = 0; i + 3 < jpg.size(); ++i)
      if (jpg[i] == 0xFF && jpg[i + 1] == 0xDA) {
        const std::size_t start = i + 2 + (std::size_t{jpg[i + 2]} << 8 | jpg[i + 3]), end = jpg.size() - 2;  // before EOI
        for (std::size_t k = start; k < end; ++k) jpg[k] = (k - start) % 2 == 0 && k + 1 < end ? 0xFF : 0x00;
        break;
      }
    REQUIRE_NOTHROW(media::verify(jpg));
    test::write_bytes(dir / "media/generated/cup.jpg", jpg);
    test::write_text(dir / "out/pack.db", "the older pack");
    const auto r = packs::build_pack(options(dir));
    REQUIRE(r.problems.size() == 1);
    INFO(r.problems[0].str());
    CHECK(r.problems[0].str().find("cup.toml:12:8: images[1].file: image 'generated/cup.jpg'") != std::string::npos);
    CHECK(r.problems[0].reason.find("damaged or unsupported jpeg data") != std::string::npos);
    CHECK(test::read_text(dir / "out/pack.db") == "the older pack");
    CHECK(leftovers(dir / "out") == std::set<std::string>{"pack.db"});
  }

  TEST_CASE("Missing required fields are reported by name") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/items/gold/empty.toml", "# nothing yet\n");
    const auto r = packs::build_pack(options(dir));
    for (const char* field : {"id", "collection", "order", "title", "summary", "description", "credit"}) {
      const packs::Problem* p = find(r, "empty.toml", field);
      if (p) CHECK(p->str() == (dir / "src/items/gold/empty.toml").string() + ": " + field + ": required field is missing");
    }
    CHECK(r.problems.size() == 7);
  }

  TEST_CASE("A failed build keeps an existing pack untouched and leaves no temporary file") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "out/pack.db", "the older pack");
    test::write_text(dir / "src/items/gold/amphora.toml", "id = 5\n");
    const auto r = packs::build_pack(options(dir));
    CHECK_FALSE(r.ok());
    CHECK(test::read_text(dir / "out/pack.db") == "the older pack");
    CHECK(leftovers(dir / "out") == std::set<std::string>{"pack.db"});
  }

  TEST_CASE("A successful build replaces an existing pack") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "out/pack.db", "the older pack");
    REQUIRE(packs::build_pack(options(dir)).ok());
    CHECK(catalog::load_snapshot(dir / "out/pack.db")->items.size() == 3);
    CHECK(leftovers(dir / "out") == std::set<std::string>{"pack.db"});
  }

  TEST_CASE("Images are looked up in the source folder first, then in each media folder in turn") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    auto o = options(dir);
    o.media_dirs.clear();
    auto r = packs::build_pack(o);
    const packs::Problem* p = find(r, "items/silver/cup.toml", "images[1].file");
    if (p) CHECK(p->reason.find("'generated/cup.jpg' not found") != std::string::npos);
    CHECK(r.problems.size() == 1);
    o.media_dirs = {dir / "elsewhere", dir / "media"};
    r = packs::build_pack(o);
    CHECK_MESSAGE(r.ok(), all(r));
  }

  TEST_CASE("A missing source folder, pack.toml or collection is a problem, not a crash") {
    test::TempDir dir;
    auto o = options(dir);
    auto r = packs::build_pack(o);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason.find("not a folder") != std::string::npos);
    fs::create_directories(dir / "src");
    r = packs::build_pack(o);
    CHECK(find(r, "pack.toml", "") != nullptr);
    CHECK(find(r, "collections", "") != nullptr);
    CHECK_FALSE(fs::exists(o.output));
  }

  TEST_CASE("Problems print as FILE:LINE:COL: FIELD: reason") {
    CHECK(packs::Problem{"a/b.toml", 3, 7, "title.bg", "empty"}.str() == "a/b.toml:3:7: title.bg: empty");
    CHECK(packs::Problem{"a/b.toml", 0, 0, "id", "required field is missing"}.str() ==
          "a/b.toml: id: required field is missing");
    CHECK(packs::Problem{"a/b.toml", 2, 1, "", "not valid TOML"}.str() == "a/b.toml:2:1: not valid TOML");
  }

  TEST_CASE("An invalid SOURCE_DATE_EPOCH is a problem") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    SourceDateEpoch epoch("yesterday");
    const auto r = packs::build_pack(options(dir));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "SOURCE_DATE_EPOCH");
  }
}
