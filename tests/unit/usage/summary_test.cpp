// The export file (kiosk/usage/summary.h): written and read back, its signature over the canonical
// form (whitespace and key order free, every value bound), the checks with their field paths, and
// the median read from length bands.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "usage_files.h"

using namespace orpheus;
using namespace orpheus::test;
using nlohmann::json;

namespace {

const char* const kFile = "usage-a1b2.json";

bool same(const usage::Export& a, const usage::Export& b) {
  return a.version == b.version && a.kiosk.id == b.kiosk.id && a.kiosk.public_key == b.kiosk.public_key &&
         a.kiosk.name == b.kiosk.name && a.kiosk.institution == b.kiosk.institution && a.time_zone == b.time_zone &&
         a.created == b.created && a.from == b.from && a.to == b.to && a.objects == b.objects && a.days == b.days;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// Two days, strings that need every kind of escape the canonical form has.
usage::Export sample() {
  auto e = known_export("Entrance \"hall\"", "Regional Museum\\Plovdiv", {known_day("2027-03-01", 12), known_day("2027-03-03", 7)});
  e.objects["odd"] = {{"bg", "Tab\there, line\nthere, bell\x07, del\x7f"}, {"en", "😀 «Fancy» </script>"}};
  e.days[0].queries["Панагюрище"] = 6;
  return e;
}

}  // namespace

TEST_SUITE("Usage export") {
  TEST_CASE("An export reads back as it was written, its key named by its id") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const usage::Export e = sample();
    const std::string text = usage::export_text(e, key.secret);
    CHECK(starts_with(text, "{\n \"created\""));  // pretty, one space, keys sorted

    const usage::Export back = usage::parse_export(text, kFile);
    CHECK(back.kiosk.id == key.public_key.id());
    CHECK(back.kiosk.public_key == key.public_key.text());
    usage::Export expected = e;
    expected.kiosk.id = key.public_key.id();
    expected.kiosk.public_key = key.public_key.text();
    CHECK(same(back, expected));
  }

  TEST_CASE("Whitespace and key order are free: a re-indented or reordered file still verifies") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const std::string text = usage::export_text(sample(), key.secret);
    const usage::Export original = usage::parse_export(text, kFile);

    SUBCASE("Four spaces") { CHECK(same(usage::parse_export(json::parse(text).dump(4), kFile), original)); }
    SUBCASE("On one line") { CHECK(same(usage::parse_export(json::parse(text).dump(), kFile), original)); }
    SUBCASE("Keys in reverse order, as another tool might write them") {
      // ordered_json keeps insertion order: rebuild every object with its keys reversed.
      std::function<nlohmann::ordered_json(const json&)> reversed = [&](const json& j) -> nlohmann::ordered_json {
        if (j.is_object()) {
          nlohmann::ordered_json o = nlohmann::ordered_json::object();
          for (auto it = j.rbegin(); it != j.rend(); ++it) o[it.key()] = reversed(*it);
          return o;
        }
        if (j.is_array()) {
          nlohmann::ordered_json a = nlohmann::ordered_json::array();
          for (const auto& x : j) a.push_back(reversed(x));
          return a;
        }
        return nlohmann::ordered_json::parse(j.dump());
      };
      const std::string reordered = reversed(json::parse(text)).dump(2);
      REQUIRE(reordered.find("\"version\"") < reordered.find("\"created\""));
      CHECK(same(usage::parse_export(reordered, kFile), original));
    }
  }

  TEST_CASE("Any value changed after export is refused with the file's name") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const std::string text = usage::export_text(sample(), key.secret);
    const std::string altered = std::string(kFile) + ": the signature does not match its content (altered after export?)";

    CHECK(refusal(edited(text, [](json& j) { j["days"][0]["sessions"] = 13; })) == altered);
    CHECK(refusal(edited(text, [](json& j) { j["days"][1]["items"][0]["views"] = 999; })) == altered);
    CHECK(refusal(edited(text, [](json& j) { j["objects"]["amphora"]["en"] = "Amphora"; })) == altered);
    CHECK(refusal(edited(text, [](json& j) { j["days"].erase(1); })) == altered);
    CHECK(refusal(edited(text, [](json& j) { j["kiosk"]["institution"] = "Another Museum"; })) == altered);
    CHECK(refusal(edited(text, [](json& j) { j["days"][0]["languages"]["de"] = 1; })) == altered);
    // A whole export signed by another key, naming this kiosk: its id no longer matches.
    const auto other = kiosk_key(dir, "k2");
    const std::string impostor = edited(text, [&](json& j) { j["kiosk"]["public_key"] = other.public_key.text(); });
    CHECK(refusal(impostor) == std::string(kFile) + ": kiosk.id: \"" + key.public_key.id() + "\" is not the id of kiosk.public_key (" +
                                   other.public_key.id() + ")");
    CHECK(refusal(edited(text, [](json& j) { j["signature"] = "AAAA"; })) ==
          std::string(kFile) + ": signature: the signature is not 64 bytes of base64");
  }

  TEST_CASE("A member this version does not know is ignored, and signed like the rest") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const std::string text = edited_and_signed(usage::export_text(sample(), key.secret), key.secret, [](json& j) {
      j["weather"] = {{"rain", true}, {"days", {1, 2, nullptr}}};
      j["days"][0]["crowding"] = "high";
    });
    CHECK(refusal(text).empty());
    CHECK(refusal(edited(text, [](json& j) { j["weather"]["rain"] = false; })) ==
          std::string(kFile) + ": the signature does not match its content (altered after export?)");
  }

  TEST_CASE("Another format or version is named as such") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    usage::Export e = sample();
    e.version = 2;
    // Version 2 may change anything: the version is the reason given, not the first odd field.
    const std::string v2 = edited_and_signed(usage::export_text(e, key.secret), key.secret, [](json& j) { j["days"] = "elsewhere"; });
    CHECK(refusal(v2) == std::string(kFile) + ": version: 2 is not known (this program reads version 1; a newer one is needed)");
    CHECK(refusal(R"({"format": "orpheus-pack", "version": 1})") ==
          std::string(kFile) + ": not an Orpheus usage export (no \"format\": \"orpheus-usage\")");
    CHECK(refusal(R"([1, 2])") == std::string(kFile) + ": not an Orpheus usage export (no \"format\": \"orpheus-usage\")");
  }

  TEST_CASE("A missing member or a wrong type is refused with its path") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const std::string text = usage::export_text(sample(), key.secret);
    const auto refused = [&](const std::function<void(json&)>& edit) {
      const std::string m = refusal(edited_and_signed(text, key.secret, edit));
      CHECK_MESSAGE(starts_with(m, std::string(kFile) + ": "), m);
      return m.substr(std::string(kFile).size() + 2);
    };
    CHECK(refused([](json& j) { j["days"][1].erase("sessions"); }) == "days[1].sessions: missing");
    CHECK(refused([](json& j) { j.erase("time_zone"); }) == "time_zone: missing");
    CHECK(refused([](json& j) { j["kiosk"].erase("name"); }) == "kiosk.name: missing");
    CHECK(refused([](json& j) { j["days"][0]["items"][1].erase("views"); }) == "days[0].items[1].views: missing");
    CHECK(refused([](json& j) { j["days"][1]["sessions_by_hour"].erase(23); }) == "days[1].sessions_by_hour: expected 24 integers");
    CHECK(refused([](json& j) { j["days"][1]["sessions_by_hour"].push_back(0); }) == "days[1].sessions_by_hour: expected 24 integers");
    CHECK(refused([](json& j) { j["days"][0]["sessions_by_hour"][3] = "3"; }) == "days[0].sessions_by_hour: expected 24 integers");
    CHECK(refused([](json& j) { j["days"][0]["length_bands"] = json::array(); }) == "days[0].length_bands: expected 16 integers");
    CHECK(refused([](json& j) { j["days"][0]["sessions"] = "12"; }) ==
          "days[0].sessions: expected a count (an integer, 0 or more), not a string");
    CHECK(refused([](json& j) { j["days"][0]["sessions"] = -1; }) == "days[0].sessions: expected a count (an integer, 0 or more), not -1");
    CHECK(refused([](json& j) { j["days"][0]["session_s"] = 1.5; }) ==
          "days[0].session_s: a fraction: every number in an export is an integer of at most 64 bits");
    CHECK(refused([](json& j) { j["days"][0]["languages"] = {"bg"}; }) == "days[0].languages: expected an object of counts, not an array");
    CHECK(refused([](json& j) { j["days"][0]["languages"]["bg"] = nullptr; }) ==
          "days[0].languages.bg: expected a count (an integer, 0 or more), not null");
    CHECK(refused([](json& j) { j["days"][0]["hours_on"] = {9, 9}; }) == "days[0].hours_on: expected hours 0 to 23 in increasing order");
    CHECK(refused([](json& j) { j["days"][0]["hours_on"] = {24}; }) == "days[0].hours_on: expected hours 0 to 23 in increasing order");
    CHECK(refused([](json& j) { j["days"][0]["items"][0]["id"] = ""; }) == "days[0].items[0].id: empty");
    CHECK(refused([](json& j) { j["days"][0]["date"] = "2027-02-30"; }) == "days[0].date: \"2027-02-30\" is not a date (YYYY-MM-DD)");
    CHECK(refused([](json& j) { j["days"][1]["date"] = "2027-03-01"; }) ==
          "days[1].date: 2027-03-01 does not follow days[0] (2027-03-01): days go by date, once each");
    CHECK(refused([](json& j) { j["days"][1]["date"] = "2027-03-04"; }) ==
          "days[1].date: 2027-03-04 is outside from..to (2027-03-01 to 2027-03-03)");
    CHECK(refused([](json& j) { j["created"] = "yesterday"; }) == "created: \"yesterday\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    CHECK(refused([](json& j) { j["objects"]["amphora"] = "Amphora"; }) ==
          "objects.amphora: expected an object of titles by language, not a string");
    CHECK(refused([](json& j) { j["objects"]["amphora"]["en"] = 3; }) == "objects.amphora.en: expected a string, not 3");
    CHECK(refused([](json& j) { j["kiosk"] = "k1"; }) == "kiosk: expected an object (id, public_key, name, institution), not a string");
    CHECK(refused([](json& j) { j["days"][0]["extra"] = std::string(5000, 'x'); }) == "days[0].extra: a string longer than 4096 bytes");
    json deep = 1;
    for (int i = 0; i < 20; ++i) deep = json::array({deep});
    CHECK(starts_with(refused([&](json& j) { j["deep"] = deep; }), "deep[0]"));
  }

  TEST_CASE("Text that is not JSON, or says a key twice, is refused") {
    TempDir dir;
    const std::string text = usage::export_text(sample(), kiosk_key(dir, "k1").secret);
    // Cut short before "format" and "version" (they sort after "days"): named as broken JSON.
    CHECK(starts_with(refusal(text.substr(0, text.size() / 2)), std::string(kFile) + ": not valid JSON: parse error at line "));
    CHECK(starts_with(refusal("{\"format\": \"orpheus-usage\", \"version\": 1,\n \"days\": [}"),
                      std::string(kFile) + ": not valid JSON: parse error at line 2, column 11"));
    CHECK(refusal("{\"format\": \"orpheus-usage\", \"version\": 1, \"created\": \"a\", \"created\": \"b\"}") ==
          std::string(kFile) + ": created: appears twice");
    CHECK(refusal("{\"format\": \"orpheus-usage\", \"version\": 1, \"kiosk\": {\"id\": \"a\", \"name\": \"b\", \"id\": \"c\"}}") ==
          std::string(kFile) + ": kiosk.id: appears twice");
    CHECK(starts_with(refusal("{\"format\": \"orpheus-usage\", \"version\": 1, \"to\": \"\xff\"}"),
                      std::string(kFile) + ": not valid JSON"));
  }

  TEST_CASE("Files: read whole, refused unread when far too large") {
    TempDir dir;
    const auto key = kiosk_key(dir, "k1");
    const auto file = dir / "usage.json";
    write_text(file, usage::export_text(sample(), key.secret));
    CHECK(usage::read_export(file).days.size() == 2);

    const auto big = dir / "big.json";
    { std::ofstream(big) << "{"; }
    REQUIRE(::truncate(big.c_str(), static_cast<off_t>(usage::kMaxExportBytes + 1)) == 0);  // sparse: no disk used
    CHECK_THROWS_WITH_AS(usage::read_export(big), (big.string() + ": larger than 256 MB: not an export").c_str(), usage::ExportError);
    CHECK_THROWS_WITH_AS(usage::read_export(dir / "none.json"),
                         (dir / "none.json").string().append(": cannot be read: No such file or directory").c_str(), usage::ExportError);
  }
}

TEST_SUITE("Session length bands") {
  TEST_CASE("A length falls in the band below its upper bound") {
    CHECK(usage::length_band(0) == 0);
    CHECK(usage::length_band(9) == 0);
    CHECK(usage::length_band(10) == 1);
    CHECK(usage::length_band(59) == 4);
    CHECK(usage::length_band(60) == 5);
    CHECK(usage::length_band(1799) == 14);
    CHECK(usage::length_band(1800) == 15);
    CHECK(usage::length_band(100000) == 15);
  }

  TEST_CASE("The median is interpolated inside the band that holds the middle visit") {
    using Bands = std::array<std::int64_t, usage::kLengthBands.size()>;
    CHECK(usage::median_from_bands(Bands{}) == 0);
    Bands b{};
    b[1] = 4;  // 10..20 s: the middle of four is halfway in
    CHECK(usage::median_from_bands(b) == 15);
    b = {};
    b[0] = 1;  // 0..10 s
    CHECK(usage::median_from_bands(b) == 5);
    b = {};
    b[0] = 2, b[2] = 2;  // the half is reached at the top of the first band
    CHECK(usage::median_from_bands(b) == 10);
    b = {};
    b[3] = 10, b[4] = 10;  // 30..45 and 45..60: the middle at 45
    CHECK(usage::median_from_bands(b) == 45);
    b = {};
    b[4] = 1, b[5] = 3;  // half = 2: one below, then 1 of 3 into 60..90
    CHECK(usage::median_from_bands(b) == 70);
    b = {};
    b[15] = 1;  // the open band counts as 1800..3600 s
    CHECK(usage::median_from_bands(b) == 2700);
  }
}
