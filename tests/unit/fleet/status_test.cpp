// What kiosks tell the museum (kiosk/fleet/status.h): the signed status written and read back, its
// checks by field, the health file read as the kiosk writes it, and the fleet table over a folder
// of kiosks with real keys, one kind of problem each.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log.h"
#include "fleet/channel.h"
#include "fleet/signed_json.h"
#include "fleet/status.h"
#include "ops/health.h"
#include "support/temp_dir.h"
#include "support/wait.h"
#include "trust/seal.h"

using namespace orpheus;
using namespace orpheus::fleet;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kNow = "2026-12-10T12:00:00Z";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Key {
  trust::SecretKey secret;
  trust::PublicKey public_key;
};

// A real key pair, written by trust::generate_key_pair and read back.
Key make_key(const test::TempDir& dir, const std::string& name) {
  fs::create_directories(dir / "keys");
  const auto files = trust::generate_key_pair(dir / "keys" / name, "kiosk " + name);
  return {trust::read_secret_key(files.secret_file), files.public_key};
}

trust::ContentHash hash_of(std::uint8_t seed) {
  trust::ContentHash h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint8_t>(seed * 31 + i);
  return h;
}

// A kiosk in good order at kNow, running what sample_channel() gives it.
KioskStatus healthy(const std::string& name, const std::string& institution = "Regional Museum Plovdiv") {
  KioskStatus s;
  s.name = name;
  s.institution = institution;
  s.group = "plovdiv";
  s.written = "2026-12-10T11:55:00Z";
  s.orpheus_version = "0.1.0";
  s.pack = StatusPack{"bg.thracology.demo", "1.0.1", "bg.thracology.demo-1.0.1-0a0b0c0d.db", hash_of(2)};
  s.update = UpdateStatus{"https://updates.museum.bg/stable/channel.json",
                          12,
                          "up_to_date",
                          "up to date: bg.thracology.demo 1.0.1",
                          "2026-12-10T11:55:00Z",
                          "2026-12-09T06:00:00Z",
                          0};
  s.health = HealthStatus{"running", "2026-12-10T11:54:58Z", 1, 0, 2, {"2026-12-10T09:00:00Z warn catalog: slow"}};
  s.disk_free_bytes = 52'000'000'000;
  return s;
}

Channel sample_channel() {
  Channel c;
  c.name = "stable";
  c.serial = 12;
  c.published = "2026-12-07T10:00:00Z";
  c.expires = "2027-03-07T10:00:00Z";
  c.packs.push_back(PackRef{"bg.thracology.demo", "1.0.0", "packs/bg.thracology.demo-1.0.0-01020304.db", 1000, hash_of(1), {}});
  c.packs.push_back(PackRef{"bg.thracology.demo", "1.0.1", "packs/bg.thracology.demo-1.0.1-0a0b0c0d.db", 1000, hash_of(2), {}});
  Rollout r;
  r.group = "*";
  r.pack = "bg.thracology.demo";
  r.version = "1.0.1";
  c.rollouts.push_back(r);
  return c;
}

// The status text as JSON, changed by `edit`, signed again with `key` (what a forger or a buggy
// writer with a valid key could produce).
std::string resigned(const std::string& text, const Key& key, const std::function<void(json&)>& edit) {
  json j = json::parse(text);
  j.erase("signature");
  edit(j);
  return signed_json_text(j, "orpheus-status-v1", key.secret);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StatusError& e) {
    return e.what();
  }
  return {};
}

const FleetRow& row_named(const std::vector<FleetRow>& rows, const std::string& label) {
  for (const FleetRow& r : rows)
    if ((r.status && r.status->name == label) || r.folder.filename() == label) return r;
  FAIL("no row " << label);
  return rows.front();
}

}  // namespace

TEST_SUITE("Kiosk status") {
  TEST_CASE("A status reads back as written, its kiosk named by its key") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    KioskStatus s = healthy("Gold room");
    SUBCASE("With pack and health") {}
    SUBCASE("Without pack and health") {
      s.pack.reset();
      s.health.reset();
    }
    const std::string text = status_text(s, key.secret);
    const KioskStatus back = parse_status(text, "status.json");
    s.kiosk_id = key.public_key.id();
    s.kiosk_key = key.public_key;
    CHECK(back == s);
    CHECK(back.kiosk_id.size() == 16);

    const json j = json::parse(text);
    CHECK(j["format"] == "orpheus-kiosk-status");
    CHECK(j["version"] == 1);
    CHECK(j["kiosk"]["public_key"] == key.public_key.text());
    CHECK(text.ends_with("}\n"));
    // Re-indented, with the keys in another order: still the same signed document.
    CHECK(parse_status(j.dump(7), "status.json") == back);
  }

  TEST_CASE("Any field changed after signing breaks the signature") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    const std::string text = status_text(healthy("Gold room"), key.secret);
    json j = json::parse(text);
    SUBCASE("The failures") { j["update"]["failures"] = 0 + 1; }
    SUBCASE("The name") { j["kiosk"]["name"] = "Silver room"; }
    SUBCASE("The pack's version") { j["pack"]["version"] = "1.0.2"; }
    SUBCASE("A health error") { j["health"]["recent_errors"].push_back("later"); }
    SUBCASE("A field added") { j["note"] = "all fine"; }
    SUBCASE("Another kiosk's key put in") {
      const Key other = make_key(dir, "other");
      j["kiosk"]["public_key"] = other.public_key.text();
      j["kiosk"]["id"] = other.public_key.id();
    }
    const std::string e = error_of([&] { parse_status(j.dump(2), "plovdiv/status.json"); });
    CHECK(e == "plovdiv/status.json: the signature does not verify with kiosk.public_key (changed after the kiosk "
               "signed it, or written by someone else?)");
  }

  TEST_CASE("A kiosk id that is not its key's is refused, even when signed") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    const std::string forged = resigned(status_text(healthy("Gold room"), key.secret), key,
                                        [](json& j) { j["kiosk"]["id"] = "0011223344556677"; });
    CHECK(error_of([&] { parse_status(forged, "s.json"); }) ==
          "s.json: kiosk.id: \"0011223344556677\" is not the id of kiosk.public_key (" + key.public_key.id() +
              "): written by someone else?");
  }

  TEST_CASE("Every field is checked and a problem names it") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    const std::string text = status_text(healthy("Gold room"), key.secret);
    const auto problem = [&](const std::function<void(json&)>& edit) {
      return error_of([&] { parse_status(resigned(text, key, edit), "s.json"); });
    };
    CHECK(problem([](json& j) { j["update"].erase("result"); }) == "s.json: update.result: missing");
    CHECK(problem([](json& j) { j["update"]["failures"] = -1; }) ==
          "s.json: update.failures: expected an integer >= 0, got -1");
    CHECK(problem([](json& j) { j["update"]["serial"] = 1.5; }) ==
          "s.json: update.serial: expected an integer >= 0, got the number 1.5");
    CHECK(problem([](json& j) { j["written"] = "yesterday"; }) ==
          "s.json: written: expected a UTC time like 2026-12-07T10:00:00Z, got \"yesterday\"");
    CHECK(problem([](json& j) { j["update"]["last_success"] = "2026-12-09T08:00:00+02:00"; }) ==
          "s.json: update.last_success: expected a UTC time like 2026-12-07T10:00:00Z or \"\", got "
          "\"2026-12-09T08:00:00+02:00\"");
    CHECK(problem([](json& j) { j["pack"]["hash"] = "xyz"; }) ==
          "s.json: pack.hash: expected 64 hex digits (a BLAKE2b-256 hash), got \"xyz\"");
    CHECK(problem([](json& j) { j["pack"] = "bg.thracology.demo"; }) ==
          "s.json: pack: expected an object or null, got string");
    CHECK(problem([](json& j) { j["health"]["recent_errors"][0] = 7; }) ==
          "s.json: health.recent_errors[0]: expected a string, got the number 7");
    CHECK(problem([](json& j) { j["health"]["last_frame_age_s"] = -2; }) ==
          "s.json: health.last_frame_age_s: expected an integer >= -1, got -2");
    CHECK(problem([](json& j) { j["kiosk"]["name"] = nullptr; }) == "s.json: kiosk.name: expected a string, got null");
    CHECK(problem([](json& j) { j["disk_free_bytes"] = "12 GB"; }) ==
          "s.json: disk_free_bytes: expected an integer >= 0, got string");
    CHECK(problem([](json& j) { j["uptime"] = 3; }) ==
          "s.json: uptime: unknown field (a status of another format version? this Orpheus reads version 1)");
    CHECK(problem([](json& j) { j["version"] = 2; }) ==
          "s.json: version: this Orpheus reads kiosk status version 1, the file has 2 (update orpheus-pack?)");
    CHECK(problem([](json& j) { j["format"] = "orpheus-usage"; }) ==
          "s.json: format: expected \"orpheus-kiosk-status\", got \"orpheus-usage\" (not a kiosk status)");
    CHECK(has(error_of([&] { parse_status("{\"format\": ", "s.json"); }), "s.json: not a kiosk status: not JSON (parse error"));
    CHECK(error_of([&] { parse_status("[1, 2]", "s.json"); }) == "s.json: not a kiosk status: expected a JSON object");
  }

  TEST_CASE("A kiosk cannot write a status it could not read back") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    KioskStatus s = healthy("Gold room");
    s.written = "2026-12-10 11:55";
    CHECK(error_of([&] { status_text(s, key.secret); }) ==
          "status of kiosk " + key.public_key.id() +
              ": written: expected a UTC time like 2026-12-07T10:00:00Z, got \"2026-12-10 11:55\"");
  }

  TEST_CASE("Bytes that are not UTF-8 in a message are replaced, not a reason to send nothing") {
    test::TempDir dir;
    const Key key = make_key(dir, "gold");
    KioskStatus s = healthy("Gold room");
    s.update.message = "cannot read /media/usb/\xff\xfe.db";
    const KioskStatus back = parse_status(status_text(s, key.secret), "s.json");
    CHECK(back.update.message == "cannot read /media/usb/\xef\xbf\xbd\xef\xbf\xbd.db");
  }
}

TEST_SUITE("Health file in the status") {
  TEST_CASE("read_health reads the file the kiosk's HealthWriter writes") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    log::error("status_test", "the projector is unplugged");
    {
      ops::HealthWriter writer(file, std::chrono::milliseconds(20));
      ops::HealthSnapshot snapshot;
      snapshot.state = "running";
      snapshot.frames = 100;
      snapshot.last_frame = std::chrono::steady_clock::now() - std::chrono::seconds(3);
      writer.publish(snapshot);
      std::optional<HealthStatus> h;
      test::wait_until([&] { return (h = read_health(file)) && h->state == "running"; }, std::chrono::seconds(5));
      REQUIRE(h);
      CHECK(h->state == "running");
      CHECK(h->last_frame_age_s >= 3);
      CHECK(h->last_frame_age_s <= 5);
      CHECK(h->errors >= 1);
      CHECK(h->problems >= h->errors);
      REQUIRE(!h->recent_errors.empty());
      CHECK(has(h->recent_errors.back(), "status_test: the projector is unplugged"));
      CHECK(h->written.ends_with("Z"));
    }
    // The writer's last file, when the kiosk program stops.
    const auto stopped = read_health(file);
    REQUIRE(stopped);
    CHECK(stopped->state == "stopping");
  }

  TEST_CASE("read_health takes what it can read and nothing from a file that is not there") {
    test::TempDir dir;
    std::string recent;
    for (int i = 0; i < 14; ++i) recent += (i ? ", " : "") + std::string("\"problem ") + std::to_string(i) + "\"";
    test::write_text(dir / "health.json",
                     "{\"version\": 1, \"state\": \"running\", \"written\": \"2026-12-10T11:59:58Z\", "
                     "\"last_frame_age_s\": 2.6, "
                     "\"errors\": 2, \"problems\": \"many\", \"recent_errors\": [" + recent + ", 5]}\n");
    const auto h = read_health(dir / "health.json");
    REQUIRE(h);
    CHECK(h->last_frame_age_s == 3);
    CHECK(h->errors == 2);
    CHECK(h->problems == 0);
    REQUIRE(h->recent_errors.size() == 10);
    CHECK(h->recent_errors.front() == "problem 4");
    CHECK(h->recent_errors.back() == "problem 13");

    test::write_text(dir / "starting.json", "{\"state\": \"starting\", \"last_frame_age_s\": null}");
    CHECK(read_health(dir / "starting.json")->last_frame_age_s == -1);

    CHECK_FALSE(read_health(dir / "missing.json"));
    test::write_text(dir / "half.json", "{\"state\": \"runn");
    CHECK_FALSE(read_health(dir / "half.json"));
  }
}

TEST_SUITE("Fleet table") {
  // One folder per kiosk as the WebDAV server writes them, each with one kind of problem.
  struct Fleet {
    test::TempDir dir;
    fs::path root = dir / "status";
    std::map<std::string, Key> keys;

    // Writes `s` signed by the kiosk `key_name`'s key into its own folder (or `folder`).
    fs::path add(const std::string& key_name, const KioskStatus& s, const std::string& folder = {}) {
      if (!keys.contains(key_name)) keys.emplace(key_name, make_key(dir, key_name));
      const Key& key = keys.at(key_name);
      const fs::path at = root / (folder.empty() ? key.public_key.id() : folder);
      test::write_text(at / "status.json", status_text(s, key.secret));
      return at;
    }
    std::string id(const std::string& key_name) const { return keys.at(key_name).public_key.id(); }

    Fleet() {
      fs::create_directories(root);
      const fs::path gold = add("gold", healthy("Gold room"));
      test::write_text(gold / "usage-2026-12-01-2026-12-07.json", "{}");
      test::write_text(gold / "usage-2026-12-08-2026-12-09.json", "{}");

      KioskStatus stale = healthy("Entrance", "Archaeological Museum Sofia");
      stale.group = "sofia";
      stale.written = "2026-12-07T11:00:00Z";
      add("entrance", stale);

      KioskStatus hours = healthy("Library", "Archaeological Museum Sofia");
      hours.written = "2026-12-10T09:00:00Z";
      add("library", hours);

      KioskStatus failing = healthy("Treasury");
      failing.update.result = "failed";
      failing.update.failures = 3;
      failing.update.message = "https://updates.museum.bg/stable/channel.json: HTTP 404";
      add("treasury", failing);

      KioskStatus refused = healthy("Mosaics");
      refused.update.result = "refused";
      refused.update.failures = 1;
      refused.update.message = "the channel's signature does not verify";
      add("mosaics", refused);

      KioskStatus behind = healthy("Coins");
      behind.pack = StatusPack{"bg.thracology.demo", "1.0.0", "bg.thracology.demo-1.0.0-01020304.db", hash_of(1)};
      add("coins", behind);

      KioskStatus ailing = healthy("Frescoes");
      ailing.health = HealthStatus{"unavailable", "2026-12-10T11:54:50Z", 300, 3, 5,
                                   {"2026-12-10T10:00:00Z error catalog: older",
                                    "2026-12-10T11:50:00Z error media: cannot decode ikon.jpg"}};
      add("frescoes", ailing);

      KioskStatus crashed = healthy("Ceramics");
      crashed.health->written = "2026-12-10T09:40:00Z";
      add("ceramics", crashed);

      KioskStatus full = healthy("Weapons");
      full.disk_free_bytes = 512'000'000;
      add("weapons", full);

      fs::create_directories(root / "0000000000000000");  // a kiosk that never reported
      test::write_text(root / "1111111111111111/status.json", "{\"format\": \"orpheus-kiosk-st");

      const fs::path tampered = add("jewels", healthy("Jewels"));
      std::string text = test::read_text(tampered / "status.json");
      text.replace(text.find("\"failures\": 0"), 13, "\"failures\": 9");
      test::write_text(tampered / "status.json", text);

      keys.emplace("impostor", make_key(dir, "impostor"));
      add("impostor", healthy("Gold room (copy)"), id("gold") + "-old");

      test::write_text(root / "README.txt", "not a kiosk");
      fs::create_directories(root / ".tmp");
    }
  };

  TEST_CASE("Every kind of problem is a sentence on its kiosk's row") {
    Fleet fleet;
    FleetOptions options;
    options.now = kNow;
    options.channel = sample_channel();
    const auto rows = read_fleet(fleet.root, options);
    REQUIRE(rows.size() == 13);

    // Sorted by institution, then name; rows without a readable status (no institution) first.
    std::vector<std::string> order;
    for (const FleetRow& r : rows) order.push_back(r.status ? r.status->name : r.folder.filename().string());
    std::vector<std::string> unreadable(order.begin(), order.begin() + 4);
    std::sort(unreadable.begin(), unreadable.end());
    std::vector<std::string> expected_unreadable{"0000000000000000", "1111111111111111", fleet.id("gold") + "-old",
                                                 fleet.id("jewels")};
    std::sort(expected_unreadable.begin(), expected_unreadable.end());
    CHECK(unreadable == expected_unreadable);
    CHECK(std::vector<std::string>(order.begin() + 4, order.end()) ==
          std::vector<std::string>{"Entrance", "Library", "Ceramics", "Coins", "Frescoes", "Gold room", "Mosaics",
                                   "Treasury", "Weapons"});

    const auto problems = [&](const std::string& label) { return row_named(rows, label).problems; };
    using Lines = std::vector<std::string>;
    const FleetRow& gold = row_named(rows, "Gold room");
    CHECK(gold.problems.empty());
    CHECK(gold.age_s == 300);
    CHECK(gold.usage_exports == 2);
    CHECK(gold.expected_version == "1.0.1");
    CHECK(gold.folder == fleet.root / fleet.id("gold"));

    CHECK(problems("Entrance") ==
          Lines{"last seen 3 days ago (2026-12-07T11:00:00Z): switched off, or it cannot reach the server"});
    CHECK(problems("Library") == Lines{"last seen 3 h ago (2026-12-10T09:00:00Z): switched off, or it cannot reach the server"});
    CHECK(problems("Treasury") ==
          Lines{"3 update failures in a row, the last: https://updates.museum.bg/stable/channel.json: HTTP 404"});
    CHECK(problems("Mosaics") == Lines{"refused what the channel asks: the channel's signature does not verify"});
    CHECK(problems("Coins") == Lines{"behind the channel: runs bg.thracology.demo 1.0.0, the channel gives group "
                                    "\"plovdiv\" bg.thracology.demo 1.0.1"});
    CHECK(row_named(rows, "Coins").expected_version == "1.0.1");
    CHECK(problems("Frescoes") ==
          Lines{"the kiosk program is \"unavailable\", not running",
                "3 errors logged since the kiosk program started, the newest problem: 2026-12-10T11:50:00Z error media: "
                "cannot decode ikon.jpg",
                "no frame drawn for 5 min: the kiosk program may hang"});
    CHECK(problems("Ceramics") ==
          Lines{"its health file is 2 h older than the status: has the kiosk program stopped?"});
    CHECK(problems("Weapons") == Lines{"only 512.0 MB free on disk"});

    const std::string folder = (fleet.root / "0000000000000000").string();
    CHECK(problems("0000000000000000") ==
          Lines{folder + "/status.json is missing: this kiosk has not reported yet, or its uploads fail"});
    REQUIRE(problems("1111111111111111").size() == 1);
    CHECK(has(problems("1111111111111111")[0],
              (fleet.root / "1111111111111111/status.json").string() + ": not a kiosk status: not JSON (parse error"));
    CHECK_FALSE(row_named(rows, "1111111111111111").status);
    CHECK(problems(fleet.id("jewels")) ==
          Lines{(fleet.root / fleet.id("jewels") / "status.json").string() +
                ": the signature does not verify with kiosk.public_key (changed after the kiosk signed it, or written by "
                "someone else?)"});
    CHECK_FALSE(row_named(rows, fleet.id("jewels")).status);
    const std::string copy = fleet.id("gold") + "-old";
    CHECK(problems(copy) == Lines{(fleet.root / copy / "status.json").string() + ": signed by kiosk " +
                                  fleet.id("impostor") + " (\"Gold room (copy)\"), not by the kiosk its folder names (" +
                                  copy + "): written by someone else?"});
    CHECK_FALSE(row_named(rows, copy).status);

    SUBCASE("The table: one aligned row per kiosk, then the problems") {
      std::ostringstream out;
      print_fleet_table(rows, out);
      const std::string table = out.str();
      INFO(table);
      std::vector<std::string> lines;
      std::istringstream in(table);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      REQUIRE(lines.size() >= 16);
      CHECK(lines[0].starts_with("KIOSK"));
      // Every column starts where its heading does.
      const std::size_t seen = lines[0].find("LAST SEEN"), update = lines[0].find("UPDATE"), pack = lines[0].find("PACK");
      REQUIRE(seen != std::string::npos);
      const auto line_of = [&](const std::string& start) {
        for (const auto& l : lines)
          if (l.starts_with(start + " ")) return l;
        FAIL("no line " << start);
        return std::string();
      };
      const std::string gold_line = line_of("Gold room");
      CHECK(gold_line.find("5 min ago") == seen);
      CHECK(gold_line.find("up_to_date") == update);
      CHECK(gold_line.find("bg.thracology.demo 1.0.1") == pack);
      CHECK(has(gold_line, "Regional Museum Plovdiv"));
      CHECK(gold_line.ends_with(" 0"));
      CHECK(line_of("Entrance").find("3 days ago") == seen);
      CHECK(line_of("Library").find("3 h ago") == seen);
      CHECK(line_of("Coins").find("bg.thracology.demo 1.0.0 (channel: 1.0.1)") == pack);
      CHECK(line_of("Frescoes").ends_with(" 3"));
      CHECK(line_of("0000000000000000").find("?") == lines[0].find("INSTITUTION"));
      CHECK(lines[14].empty());
      CHECK(lines[15] == "13 kiosks, 14 problems:");
      CHECK(has(table, "\n  Entrance: last seen 3 days ago (2026-12-07T11:00:00Z)"));
      CHECK(has(table, "\n  Weapons: only 512.0 MB free on disk\n"));
      CHECK(has(table, "\n  Coins: behind the channel: runs bg.thracology.demo 1.0.0"));
      CHECK(has(table, "\n  0000000000000000: " + folder + "/status.json is missing"));
      CHECK(has(table, "\n  Frescoes: no frame drawn for 5 min"));
    }

    SUBCASE("The same as JSON") {
      const json j = json::parse(fleet_json(rows));
      CHECK(j["format"] == "orpheus-fleet-status");
      REQUIRE(j["kiosks"].size() == 13);
      json gold_json;
      for (const json& k : j["kiosks"])
        if (!k["status"].is_null() && k["status"]["kiosk"]["name"] == "Gold room") gold_json = k;
      REQUIRE(gold_json.is_object());
      CHECK(gold_json["status"]["kiosk"]["id"] == fleet.id("gold"));
      CHECK(gold_json["folder"] == (fleet.root / fleet.id("gold")).string());
      CHECK(gold_json["last_seen"] == "5 min ago");
      CHECK(gold_json["age_s"] == 300);
      CHECK(gold_json["usage_exports"] == 2);
      CHECK(gold_json["expected_version"] == "1.0.1");
      CHECK(gold_json["problems"].empty());
      CHECK(gold_json["status"]["pack"]["hash"] == trust::to_hex(hash_of(2)));
      std::size_t total = 0;
      for (const json& k : j["kiosks"]) total += k["problems"].size();
      CHECK(total == 14);
    }
  }

  TEST_CASE("Without a channel nobody is behind, and a kiosk seen recently is not stale") {
    Fleet fleet;
    FleetOptions options;
    options.now = kNow;
    options.stale_after_s = 4 * 86400;
    const auto rows = read_fleet(fleet.root, options);
    CHECK(row_named(rows, "Coins").problems.empty());
    CHECK(row_named(rows, "Coins").expected_version.empty());
    CHECK(row_named(rows, "Entrance").problems.empty());
    CHECK(row_named(rows, "Entrance").age_s == 3 * 86400 + 3600);
  }

  TEST_CASE("A folder that is not there is an error naming it") {
    test::TempDir dir;
    FleetOptions options;
    options.now = kNow;
    CHECK(error_of([&] { read_fleet(dir / "nowhere", options); }) == (dir / "nowhere").string() + ": no such folder");
    test::write_text(dir / "file", "x");
    CHECK(error_of([&] { read_fleet(dir / "file", options); }) == (dir / "file").string() + ": not a folder");
    CHECK(read_fleet(dir.path(), options).size() == 0);
    options.now = "noon";
    CHECK(error_of([&] { read_fleet(dir.path(), options); }) ==
          "now: expected a UTC time like 2026-12-07T10:00:00Z, got \"noon\"");
  }
}
