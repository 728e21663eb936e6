// The channel: signed text written and read back, every field's problem named, the signature and
// the signer checked, freshness, and what a kiosk chooses from it. Keys are real key files.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log.h"
#include "fleet/channel.h"
#include "fleet/signed_json.h"
#include "support/temp_dir.h"
#include "trust/seal.h"

using namespace orpheus;
using namespace orpheus::fleet;
using nlohmann::json;

namespace {

struct Keys {
  test::TempDir dir;
  trust::SecretKey museum, stranger;
  trust::PublicKey museum_public, stranger_public;
  Keys() {
    const auto m = trust::generate_key_pair(dir / "museum", "Museum curators");
    const auto s = trust::generate_key_pair(dir / "stranger", "Someone else");
    museum = trust::read_secret_key(m.secret_file);
    stranger = trust::read_secret_key(s.secret_file);
    museum_public = m.public_key;
    stranger_public = s.public_key;
  }
};

const Keys& keys() {
  static const Keys k;
  return k;
}

trust::ContentHash hash_of(std::uint8_t seed) {
  trust::ContentHash h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint8_t>(seed * 31 + i);
  return h;
}

// Two versions of a pack, the newer with a patch from the older; a group's own rollout above the
// staged and the full ones for every kiosk.
Channel sample() {
  Channel c;
  c.name = "stable";
  c.serial = 12;
  c.published = "2026-12-07T10:00:00Z";
  c.expires = "2027-03-07T10:00:00Z";
  c.packs.push_back(PackRef{"bg.thracology.demo", "1.0.0", "packs/bg.thracology.demo-1.0.0-01020304.db", 140034048,
                            hash_of(1), {}});
  c.packs.push_back(PackRef{"bg.thracology.demo",
                            "1.0.1",
                            "packs/bg.thracology.demo-1.0.1-05060708.db",
                            140042240,
                            hash_of(2),
                            {Patch{hash_of(1), "packs/bg.thracology.demo-1.0.1-05060708.from-01020304.zst", 819237,
                                   hash_of(3)}}});
  c.rollouts.push_back(Rollout{"north", "bg.thracology.demo", "1.0.0", "", 100, "", false});
  c.rollouts.push_back(Rollout{"*", "bg.thracology.demo", "1.0.1", "2026-12-08T06:00:00Z", 25, "0.1.0", false});
  c.rollouts.push_back(Rollout{"*", "bg.thracology.demo", "1.0.0", "", 100, "", false});
  return c;
}

std::vector<trust::PublicKey> museum_only() { return {keys().museum_public}; }

// The message parse_channel throws for `text`, or "" if it parses.
std::string parse_error(const std::string& text, std::vector<trust::PublicKey> trusted = museum_only()) {
  try {
    parse_channel(text, trusted, "test-origin");
  } catch (const ChannelError& e) {
    return e.what();
  }
  return "";
}

// The sample as JSON, changed by `edit`, signed again by the museum: only the change is wrong.
std::string resigned(const std::function<void(json&)>& edit) {
  json j = json::parse(channel_text(sample(), keys().museum));
  j.erase("signature");
  edit(j);
  return signed_json_text(j, "orpheus-channel-v1", keys().museum);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

KioskFacts kiosk(std::string id, std::string group = "", std::string now = "2026-12-10T12:00:00Z") {
  KioskFacts k;
  k.id = std::move(id);
  k.group = std::move(group);
  k.orpheus_version = "0.1.0";
  k.now = std::move(now);
  return k;
}

// The first kiosk id "kiosk-N" whose bucket for `hash` satisfies `want`.
std::string kiosk_where(const trust::ContentHash& hash, const std::function<bool(int)>& want) {
  for (int i = 0; i < 10000; ++i) {
    const std::string id = "kiosk-" + std::to_string(i);
    if (want(rollout_bucket(id, hash))) return id;
  }
  FAIL("no kiosk id found");
  return "";
}

}  // namespace

TEST_SUITE("Fleet channel") {
  TEST_CASE("A channel survives channel_text and parse_channel unchanged") {
    const Channel c = sample();
    const std::string text = channel_text(c, keys().museum);
    CHECK(text.ends_with("\n"));
    CHECK(contains(text, "\n  \"format\": \"orpheus-channel\""));  // pretty-printed, for people
    const Channel back = parse_channel(text, museum_only(), "test-origin");
    REQUIRE(back.signer.has_value());
    CHECK(*back.signer == keys().museum_public);
    CHECK(back.signer->comment == "Museum curators");  // the trusted entry's
    Channel expected = c;
    expected.signer = keys().museum_public;
    CHECK(back == expected);
    REQUIRE(back.find("bg.thracology.demo", "1.0.1") != nullptr);
    CHECK(back.find("bg.thracology.demo", "1.0.1")->patches.size() == 1);
    CHECK(back.find("bg.thracology.demo", "9.9") == nullptr);
  }

  TEST_CASE("Fields with defaults may be left out") {
    const std::string text = resigned([](json& j) {
      j["packs"][0].erase("patches");
      for (const char* key : {"from", "percent", "min_kiosk_version", "rollback"}) j["rollouts"][2].erase(key);
    });
    const Channel c = parse_channel(text, museum_only(), "test-origin");
    CHECK(c.packs[0].patches.empty());
    CHECK(c.rollouts[2] == Rollout{"*", "bg.thracology.demo", "1.0.0", "", 100, "", false});
  }

  TEST_CASE("Every field's problem names the field") {
    struct Case {
      std::function<void(json&)> edit;
      std::string expected;
    };
    const std::vector<Case> cases = {
        {[](json& j) { j["format"] = "orpheus-status"; }, "test-origin: format: expected \"orpheus-channel\""},
        {[](json& j) { j["version"] = 2; }, "test-origin: version: this Orpheus reads channel format version 1"},
        {[](json& j) { j["name"] = "stable channel"; }, "test-origin: name: expected letters"},
        {[](json& j) { j["name"] = 7; }, "test-origin: name: expected a string, got number"},
        {[](json& j) { j["serial"] = 0; }, "test-origin: serial: expected a positive integer, got 0"},
        {[](json& j) { j["serial"] = 12.5; }, "test-origin: serial: expected a positive integer, got the number 12.5"},
        {[](json& j) { j.erase("serial"); }, "test-origin: serial: missing"},
        {[](json& j) { j["published"] = "2026-12-07 10:00"; }, "test-origin: published: expected a UTC time"},
        {[](json& j) { j["expires"] = "2026-12-07T09:00:00Z"; }, "test-origin: expires: 2026-12-07T09:00:00Z is not after"},
        {[](json& j) { j["packs"] = json::object(); }, "test-origin: packs: expected an array, got object"},
        {[](json& j) { j["packs"][1]["bytes"] = -5; }, "test-origin: packs[1].bytes: expected a positive integer, got -5"},
        {[](json& j) { j["packs"][1]["bytes"] = "12"; }, "test-origin: packs[1].bytes: expected a positive integer, got string"},
        {[](json& j) { j["packs"][0].erase("id"); }, "test-origin: packs[0].id: missing"},
        {[](json& j) { j["packs"][0]["hash"] = "3f2a"; }, "test-origin: packs[0].hash: expected 64 hex digits"},
        {[](json& j) { j["packs"][0]["file"] = "../secret.db"; }, "test-origin: packs[0].file: \"../secret.db\" is not a file under"},
        {[](json& j) { j["packs"][0]["file"] = "https://elsewhere/x.db"; }, "test-origin: packs[0].file:"},
        {[](json& j) { j["packs"][0]["file"] = "packs/x.zip"; }, "test-origin: packs[0].file: \"packs/x.zip\" does not end in a pack file name"},
        {[](json& j) { j["packs"][0]["file"] = j["packs"][1]["file"]; }, "is named twice in the channel"},
        {[](json& j) { j["packs"][0]["size"] = 1; }, "test-origin: packs[0].size: unknown field"},
        {[](json& j) { j["packs"][1]["patches"][0]["from"] = "zz"; }, "test-origin: packs[1].patches[0].from: expected 64 hex digits"},
        {[](json& j) { j["packs"][1]["patches"][0]["bytes"] = 0; }, "test-origin: packs[1].patches[0].bytes: expected a positive integer"},
        {[](json& j) { j["packs"][1]["patches"][0]["file"] = "/tmp/p.zst"; }, "test-origin: packs[1].patches[0].file:"},
        {[](json& j) { j["packs"][1]["patches"][0]["from"] = j["packs"][1]["hash"]; }, "packs[1].patches[0].from: the pack's own hash"},
        {[](json& j) { j["rollouts"][1]["percent"] = 0; }, "test-origin: rollouts[1].percent: expected an integer from 1 to 100, got 0"},
        {[](json& j) { j["rollouts"][1]["percent"] = 101; }, "test-origin: rollouts[1].percent: expected an integer from 1 to 100, got 101"},
        {[](json& j) { j["rollouts"][1]["rollback"] = "yes"; }, "test-origin: rollouts[1].rollback: expected true or false"},
        {[](json& j) { j["rollouts"][1]["from"] = "tomorrow"; }, "test-origin: rollouts[1].from: expected a UTC time"},
        {[](json& j) { j["rollouts"][0]["group"] = "north wing"; }, "test-origin: rollouts[0].group: expected \"*\" or a group name"},
        {[](json& j) { j["rollouts"][0]["version"] = "9.9"; }, "test-origin: rollouts[0]: names bg.thracology.demo 9.9, which the channel's packs do not list"},
        {[](json& j) { j["rollouts"][2]["channel"] = "beta"; }, "test-origin: rollouts[2].channel: unknown field"},
        {[](json& j) { j["mirror"] = "https://example.org"; }, "test-origin: mirror: unknown field (a channel of another format version?"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.expected);
      const std::string error = parse_error(resigned(c.edit));
      CHECK_MESSAGE(contains(error, c.expected), error);
    }
  }

  TEST_CASE("Text that is not a channel is named as such") {
    CHECK(contains(parse_error("{ \"format\": "), "test-origin: not a channel: not JSON"));
    CHECK(contains(parse_error("[1, 2]"), "test-origin: not a channel: expected a JSON object"));
    CHECK(contains(parse_error("{\"format\": \"orpheus-channel\", \"version\": 1}"), "test-origin: signer: missing"));
    // Found by tests/fuzz (fuzz_fleet_channel): a number beyond a double, and nesting that overflowed
    // the stack when the document was copied to check its signature.
    CHECK(contains(parse_error("{\"format\": \"orpheus-channel\", \"version\": 1e400}"),
                   "test-origin: not a channel: not JSON (number overflow"));
    const std::string deep = "{\"a\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
    CHECK(contains(parse_error(deep), "test-origin: not a channel: nested deeper than 32 levels"));
  }

  TEST_CASE("A changed value breaks the signature; re-indenting the file does not") {
    const std::string text = channel_text(sample(), keys().museum);
    const std::string kSignatureError =
        "test-origin: the signature does not match (the file was changed after it was signed, or is not a channel)";

    std::string tampered = text;
    const auto at = tampered.find("\"percent\": 25");
    REQUIRE(at != std::string::npos);
    tampered.replace(at, 13, "\"percent\": 95");
    CHECK(parse_error(tampered) == kSignatureError);

    const json j = json::parse(text);
    CHECK(parse_error(j.dump(4)) == "");
    CHECK(parse_error(j.dump()) == "");
    CHECK(parse_channel(j.dump(), museum_only(), "x") == parse_channel(text, museum_only(), "x"));

    json other_signature = j;  // a real signature, of another channel
    Channel c2 = sample();
    c2.serial = 13;
    other_signature["signature"] = json::parse(channel_text(c2, keys().museum))["signature"];
    CHECK(parse_error(other_signature.dump(2)) == kSignatureError);

    json garbled = j;
    garbled["signature"] = "not base64!";
    CHECK(parse_error(garbled.dump(2)) == kSignatureError);

    json signed_by_other = j;  // the signer swapped for a key that did not sign it
    signed_by_other["signer"] = keys().stranger_public.text();
    CHECK(parse_error(signed_by_other.dump(2), {keys().stranger_public}) == kSignatureError);
  }

  TEST_CASE("A channel signed by a key the kiosk does not trust is refused, naming the key") {
    const std::string by_stranger = channel_text(sample(), keys().stranger);
    const std::string error = parse_error(by_stranger);
    CHECK(contains(error, "test-origin: signed by key " + keys().stranger_public.id()));
    CHECK(contains(error, "not one of the 1 trusted keys"));
    CHECK(parse_error(by_stranger, {keys().museum_public, keys().stranger_public}) == "");
    CHECK(contains(parse_error(by_stranger, {}), "not one of the 0 trusted keys"));
  }

  TEST_CASE("A channel about to be written is checked as a whole") {
    Channel c = sample();
    c.rollouts[0].version = "2.0.0";
    CHECK_THROWS_WITH_AS(channel_text(c, keys().museum),
                         "channel: rollouts[0]: names bg.thracology.demo 2.0.0, which the channel's packs do not list",
                         ChannelError);
    c = sample();
    c.packs[1].patches[0].file = "packs/../../etc/passwd";
    CHECK_THROWS_AS(check_channel(c), ChannelError);
    c = sample();
    c.packs.push_back(c.packs[0]);
    c.packs.back().file = "packs/other.db";
    CHECK_THROWS_WITH_AS(check_channel(c), "channel: packs[2]: bg.thracology.demo 1.0.0 is listed twice", ChannelError);
    c = sample();
    c.packs[0].id = "demo pack";
    CHECK_THROWS_WITH_AS(check_channel(c), doctest::Contains("channel: packs[0].id: expected letters"), ChannelError);
    c = sample();
    c.published = "2026-12-07T10:00:00+02:00";  // a time, but not the UTC form the format has
    CHECK_THROWS_WITH_AS(check_channel(c), doctest::Contains("channel: published: expected a UTC time"), ChannelError);
    CHECK_NOTHROW(check_channel(sample()));
  }

  TEST_CASE("An expired channel or an older serial is refused by check_fresh") {
    const Channel c = sample();  // serial 12, expires 2027-03-07T10:00:00Z
    CHECK_NOTHROW(check_fresh(c, "2027-03-07T10:00:00Z", 12, "o"));
    CHECK_NOTHROW(check_fresh(c, "2026-12-01T00:00:00Z", 0, "o"));
    CHECK_THROWS_WITH_AS(check_fresh(c, "2027-03-07T10:00:01Z", 12, "o"),
                         doctest::Contains("o: expired on 2027-03-07T10:00:00Z (now 2027-03-07T10:00:01Z)"), ChannelError);
    CHECK_THROWS_WITH_AS(check_fresh(c, "2027-01-01T00:00:00Z", 13, "o"),
                         doctest::Contains("o: serial 12 is below 13, the last this kiosk accepted for channel \"stable\""),
                         ChannelError);
    CHECK_THROWS_AS(check_fresh(c, "yesterday", 0, "o"), ChannelError);
  }

  TEST_CASE("Versions compare number by number") {
    CHECK(compare_versions("1.10", "1.9") > 0);
    CHECK(compare_versions("1.9", "1.10") < 0);
    CHECK(compare_versions("1.0", "1") == 0);
    CHECK(compare_versions("1.0.0", "1") == 0);
    CHECK(compare_versions("01.2", "1.2") == 0);
    CHECK(compare_versions("1.0.1", "1") > 0);
    CHECK(compare_versions("2", "10") < 0);
    CHECK(compare_versions("1.100000000000000000000000", "1.99999999999999999999999") > 0);  // beyond 64 bits
    CHECK(compare_versions("1.beta", "1.99") > 0);  // text after numbers
    CHECK(compare_versions("1.alpha", "1.beta") < 0);
    CHECK(compare_versions("1.2a", "1.2") > 0);
    CHECK(compare_versions("", "0") == 0);
    CHECK(compare_versions("0.1.0", "0.2.0") < 0);
  }

  TEST_CASE("Only plain relative names under the channel's folder are safe") {
    for (const char* good : {"a.db", "packs/bg.demo-1.0.1-3f2a9c1e.db", "packs/x.from-1a2b3c4d.zst", "a/b/c_d-e.f"})
      CHECK_MESSAGE(safe_relative_name(good), good);
    for (const char* bad : {"", "/etc/passwd", "../x.db", "packs/../x.db", "packs/..", "./x.db", "packs/./x.db",
                            "packs//x.db", "packs/", "http://example.org/x.db", "//example.org/x.db", "packs\\x.db",
                            "packs/x y.db", "packs/x.db?v=1", "~/x.db", "packs/%2e%2e/x.db"})
      CHECK_MESSAGE(!safe_relative_name(bad), bad);
  }

  TEST_CASE("Times are UTC in one form") {
    CHECK(to_utc("2026-12-08T08:00:00+02:00") == "2026-12-08T06:00:00Z");
    CHECK(to_utc("2026-12-08T08:00+0200") == "2026-12-08T06:00:00Z");
    CHECK(to_utc("2026-12-08T06:00Z") == "2026-12-08T06:00:00Z");
    CHECK(to_utc("2026-12-07T23:30:00-01:00") == "2026-12-08T00:30:00Z");
    CHECK_FALSE(to_utc("2026-12-08T06:00").has_value());  // no offset: which zone?
    CHECK_FALSE(to_utc("2026-12-08").has_value());
    CHECK_FALSE(to_utc("tomorrow").has_value());
    CHECK_FALSE(to_utc("2026-02-30T06:00Z").has_value());
    const std::string now = log::utc_timestamp();
    CHECK(now.size() == 20);
    CHECK(now.ends_with("Z"));
    CHECK(to_utc(now) == now);
  }

  TEST_CASE("Rollout buckets are stable and spread a fleet evenly") {
    // Pinned (worked out independently from the definition: FNV-1a 64 of id, NUL and the hash in hex,
    // MurmurHash3's finaliser, mod 100): a change would move kiosks between buckets across an update.
    CHECK(rollout_bucket("plovdiv-hall-2", hash_of(7)) == 33);
    int below = 0;
    std::set<int> seen;
    std::set<std::string> first_a, first_b;  // the first 10% for two packs
    for (int i = 0; i < 1000; ++i) {
      const std::string id = "kiosk-" + std::to_string(i);
      const int b = rollout_bucket(id, hash_of(1));
      REQUIRE(b >= 0);
      REQUIRE(b < 100);
      seen.insert(b);
      if (b < 25) ++below;
      if (b < 10) first_a.insert(id);
      if (rollout_bucket(id, hash_of(2)) < 10) first_b.insert(id);
    }
    CHECK(below >= 200);
    CHECK(below <= 300);
    CHECK(seen.size() >= 95);
    std::vector<std::string> both;
    std::set_intersection(first_a.begin(), first_a.end(), first_b.begin(), first_b.end(), std::back_inserter(both));
    CHECK(both.size() < first_a.size() / 2);  // another pack, other kiosks first
  }

  TEST_CASE("choose: the first rollout that applies wins, its pack pointing into the channel") {
    const Channel c = sample();
    const PackRef* v100 = c.find("bg.thracology.demo", "1.0.0");
    const PackRef* v101 = c.find("bg.thracology.demo", "1.0.1");

    SUBCASE("a group's own rollout before the ones for every kiosk") {
      const Decision d = choose(c, kiosk("k", "north"));
      CHECK(d.kind == Decision::Kind::install);
      CHECK(d.pack == v100);
      CHECK(d.rollout == &c.rollouts[0]);
      CHECK(contains(d.reason, "bg.thracology.demo 1.0.0"));
      CHECK(contains(d.reason, "group \"north\""));
    }
    SUBCASE("a kiosk of another group, or of none, takes the \"*\" rollouts") {
      for (const char* group : {"south", ""}) {
        const Decision in = choose(c, kiosk(kiosk_where(v101->hash, [](int b) { return b < 25; }), group));
        CHECK(in.pack == v101);
        CHECK(in.rollout == &c.rollouts[1]);
        const Decision out = choose(c, kiosk(kiosk_where(v101->hash, [](int b) { return b >= 25; }), group));
        CHECK(out.pack == v100);
        CHECK(out.rollout == &c.rollouts[2]);
      }
    }
    SUBCASE("a rollout whose time has not come is passed over") {
      const std::string early = kiosk_where(v101->hash, [](int b) { return b < 25; });
      const Decision d = choose(c, kiosk(early, "", "2026-12-08T05:59:59Z"));
      CHECK(d.pack == v100);
      CHECK(choose(c, kiosk(early, "", "2026-12-08T06:00:00Z")).pack == v101);
    }
    SUBCASE("a rollout for a newer Orpheus is passed over") {
      KioskFacts k = kiosk(kiosk_where(v101->hash, [](int b) { return b < 25; }));
      k.orpheus_version = "0.0.9";
      CHECK(choose(c, k).pack == v100);
      k.orpheus_version = "0.1.0";
      CHECK(choose(c, k).pack == v101);
      k.orpheus_version = "0.10.0";
      CHECK(choose(c, k).pack == v101);
    }
    SUBCASE("no rollout applying means staying, with the reasons") {
      Channel only_staged = c;
      only_staged.rollouts = {c.rollouts[1]};
      KioskFacts k = kiosk(kiosk_where(v101->hash, [](int b) { return b >= 25; }), "", "2026-12-01T00:00:00Z");
      k.orpheus_version = "0.0.1";
      const Decision d = choose(only_staged, k);
      CHECK(d.kind == Decision::Kind::stay);
      CHECK(d.pack == nullptr);
      CHECK(d.rollout == nullptr);
      CHECK(contains(d.reason, "no rollout applies on channel \"stable\" (no group) yet: 1 starts later"));
      k.now = "2026-12-09T00:00:00Z";
      CHECK(contains(choose(only_staged, k).reason, "1 leave this kiosk out"));
      k.id = kiosk_where(v101->hash, [](int b) { return b < 25; });
      CHECK(contains(choose(only_staged, k).reason, "1 need Orpheus 0.1.0 or later (this is 0.0.1)"));
      Channel empty = c;
      empty.rollouts.clear();
      CHECK(choose(empty, kiosk("k")).kind == Decision::Kind::stay);
    }
  }

  TEST_CASE("choose: up to date, older versions refused unless a rollback, other packs installed") {
    Channel c = sample();
    c.rollouts = {Rollout{"*", "bg.thracology.demo", "1.0.0", "", 100, "", false}};
    const PackRef* v100 = c.find("bg.thracology.demo", "1.0.0");
    KioskFacts k = kiosk("k");

    k.installed = Installed{"bg.thracology.demo", "1.0.0", v100->hash};
    Decision d = choose(c, k);
    CHECK(d.kind == Decision::Kind::stay);
    CHECK(d.rollout == &c.rollouts[0]);
    CHECK(contains(d.reason, "up to date: bg.thracology.demo 1.0.0"));

    k.installed = Installed{"bg.thracology.demo", "1.0.1", hash_of(2)};
    d = choose(c, k);
    CHECK(d.kind == Decision::Kind::refuse);
    CHECK(d.pack == nullptr);
    CHECK(contains(d.reason, "bg.thracology.demo 1.0.0, older than the installed 1.0.1"));

    c.rollouts[0].rollback = true;
    d = choose(c, k);
    CHECK(d.kind == Decision::Kind::install);
    CHECK(d.pack == v100);
    CHECK(contains(d.reason, "a rollback"));

    c.rollouts[0].rollback = false;
    k.installed = Installed{"other.pack", "7.0", hash_of(9)};  // another pack: versions do not compare
    CHECK(choose(c, k).kind == Decision::Kind::install);
    k.installed = Installed{"bg.thracology.demo", "0.9", hash_of(9)};
    CHECK(choose(c, k).kind == Decision::Kind::install);
    k.installed = Installed{"bg.thracology.demo", "1.0.0", hash_of(9)};  // same version, other content
    CHECK(choose(c, k).kind == Decision::Kind::install);
  }

  TEST_CASE("patch_from finds the patch for the installed file") {
    const Channel c = sample();
    const PackRef& p = c.packs[1];
    CHECK(patch_from(p, hash_of(1)) == &p.patches[0]);
    CHECK(patch_from(p, hash_of(5)) == nullptr);
    CHECK(patch_from(c.packs[0], hash_of(1)) == nullptr);
  }
}
