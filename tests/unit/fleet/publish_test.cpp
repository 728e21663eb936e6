// Publishing real packs, built and signed here, onto a channel folder in a temporary directory;
// what the result says is checked against the files, and the patches against the packs they make.
// The last suite runs the real orpheus-pack.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "fleet/channel.h"
#include "fleet/delta.h"
#include "fleet/publish.h"
#include "packs/builder.h"
#include "support/source_tree.h"
#include "trust/seal.h"

using namespace orpheus;
using namespace orpheus::fleet;
namespace fs = std::filesystem;

namespace {

// Versions of the good pack signed by the museum (one 1.1.0 twice, with other content; one whose
// version cannot be a file name), and the museum's key files. Built once: building makes tile
// pyramids. Tests publish them as they are (publishing copies, never changes a pack).
struct Fixture {
  test::TempDir dir;
  trust::KeyFiles museum, stranger;
  fs::path v100, v110, v110_other, v120, bad_version;

  Fixture() {
    fs::create_directories(dir / "keys");
    museum = trust::generate_key_pair(dir / "keys/museum", "Museum curators");
    stranger = trust::generate_key_pair(dir / "keys/stranger", "Someone else");
    v100 = build("1.0.0", "a");
    v110 = build("1.1.0", "a");
    v110_other = build("1.1.0", "b");
    v120 = build("1.2.0", "a");
    bad_version = build("2.0 beta", "a");
  }

  fs::path build(const std::string& version, const std::string& variant) {
    const std::string tag = version + "-" + variant;
    const fs::path src = dir / ("src-" + tag), media = dir / ("media-" + tag), out = dir / ("pack-" + tag + ".db");
    test::write_good_tree(src, media);
    std::string toml = test::kPackToml;
    toml.replace(toml.find("1.2.3"), 5, version);
    if (variant != "a") toml.replace(toml.find("Test pack"), 9, "Test pack, revised");
    test::write_text(src / "pack.toml", toml);
    packs::BuildOptions o;
    o.source_dir = src;
    o.output = out;
    o.media_dirs = {media};
    o.threads = 2;
    const auto r = packs::build_pack(o);
    std::string problems;
    for (const auto& p : r.problems) problems += p.str() + "\n";
    REQUIRE_MESSAGE(r.ok(), problems);
    trust::sign(out, trust::read_secret_key(museum.secret_file));
    return out;
  }

  trust::SecretKey key() const { return trust::read_secret_key(museum.secret_file); }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

PublishOptions options(const fs::path& channel_dir, const fs::path& pack, const std::string& now = "2026-12-07T10:00:00Z") {
  PublishOptions o;
  o.pack = pack;
  o.channel_dir = channel_dir;
  o.key = fixture().key();
  o.now = now;
  return o;
}

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

std::string publish_error(const PublishOptions& o) {
  try {
    publish(o);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string hash8(const fs::path& file) { return trust::to_hex(trust::hash_file(file)).substr(0, 8); }

}  // namespace

TEST_SUITE("Fleet publish") {
  TEST_CASE("The next version comes with a patch that turns the older pack into it exactly") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    std::vector<std::string> stages;
    PublishOptions o = options(dir, fixture().v100);
    o.channel_name = "museum-floor";
    o.progress = [&](const std::string& s) { stages.push_back(s); };
    const PublishResult first = publish(o);
    CHECK(stages == std::vector<std::string>{"copying", "signing"});
    const Channel& c1 = first.channel;
    CHECK(c1.name == "museum-floor");
    CHECK(c1.serial == 1);
    CHECK(c1.published == "2026-12-07T10:00:00Z");
    CHECK(c1.expires == "2027-03-07T10:00:00Z");  // 90 days
    REQUIRE(c1.packs.size() == 1);
    REQUIRE(first.pack == &c1.packs[0]);
    const std::string v1_name = "test.pack-1.0.0-" + hash8(fixture().v100) + ".db";
    CHECK(first.pack->file == "packs/" + v1_name);
    CHECK(first.pack->hash == trust::hash_file(fixture().v100));
    CHECK(first.pack->bytes == fs::file_size(fixture().v100));
    CHECK(first.pack->patches.empty());
    CHECK(trust::hash_file(dir / first.pack->file) == first.pack->hash);
    CHECK(c1.rollouts == std::vector<Rollout>{Rollout{"*", "test.pack", "1.0.0", "", 100, "", false}});
    CHECK(first.summary.starts_with("published test.pack 1.0.0 on museum-floor (serial 1)"));

    stages.clear();
    o.pack = fixture().v110;
    o.channel_name = "ignored";  // an existing channel keeps its name
    o.now = "2026-12-08T10:00:00+02:00";
    const PublishResult second = publish(o);
    CHECK(stages == std::vector<std::string>{"copying", "patching from 1.0.0", "signing"});
    const Channel& c2 = second.channel;
    CHECK(c2.name == "museum-floor");
    CHECK(c2.serial == 2);
    CHECK(c2.published == "2026-12-08T08:00:00Z");
    REQUIRE(c2.packs.size() == 1);  // 1.0.0 is named by no rollout any more
    const PackRef& v2 = c2.packs[0];
    CHECK(second.pack == &v2);
    CHECK(v2.version == "1.1.0");
    REQUIRE(v2.patches.size() == 1);
    const Patch& patch = v2.patches[0];
    CHECK(patch.from == trust::hash_file(fixture().v100));
    CHECK(patch.file == "packs/test.pack-1.1.0-" + hash8(fixture().v110) + ".from-" + hash8(fixture().v100) + ".zst");
    CHECK(patch.bytes == fs::file_size(dir / patch.file));
    CHECK(patch.hash == trust::hash_file(dir / patch.file));
    CHECK(patch.bytes < v2.bytes / 2);
    CHECK(contains(second.summary, "patches from 1.0.0 ("));

    // The older pack stays as a base; the patch applied to it gives the new pack's bytes.
    REQUIRE(fs::exists(dir / "packs" / v1_name));
    apply_patch(dir / "packs" / v1_name, dir / patch.file, t / "rebuilt.db", v2.bytes);
    CHECK(trust::hash_file(t / "rebuilt.db") == v2.hash);
    CHECK(trust::hash_file(t / "rebuilt.db") == trust::hash_file(fixture().v110));

    // The folder holds what a web server needs, nothing half-written.
    CHECK(files_in(dir) == std::set<std::string>{"channel.json", "packs", ".publish.lock"});
    CHECK(files_in(dir / "packs") ==
          std::set<std::string>{v1_name, fs::path(v2.file).filename().string(), fs::path(patch.file).filename().string()});

    // What kiosks read: the file, with the museum's key; not with another.
    const std::string text = test::read_text(dir / "channel.json");
    const std::vector<trust::PublicKey> museum{fixture().museum.public_key};
    Channel parsed = parse_channel(text, museum, "channel.json");
    CHECK(parsed == c2);
    CHECK(read_channel_dir(dir) == c2);
    const std::vector<trust::PublicKey> stranger{fixture().stranger.public_key};
    const std::string museum_id = fixture().museum.public_key.id();
    CHECK_THROWS_WITH_AS(parse_channel(text, stranger, "c"), doctest::Contains(museum_id.c_str()), ChannelError);

    // A kiosk still on 1.0.0 is told to install 1.1.0 and finds the patch for its file.
    KioskFacts k{"kiosk-1", "", "0.1.0", "2026-12-09T00:00:00Z", Installed{"test.pack", "1.0.0", patch.from}};
    const Decision d = choose(parsed, k);
    REQUIRE(d.kind == Decision::Kind::install);
    CHECK(patch_from(*d.pack, patch.from) == &d.pack->patches[0]);
  }

  TEST_CASE("A staged rollout goes above the group's earlier ones; a full one replaces them") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    publish(options(dir, fixture().v100));

    PublishOptions o = options(dir, fixture().v110);
    o.percent = 25;
    Channel c = publish(o).channel;
    CHECK(c.rollouts == std::vector<Rollout>{Rollout{"*", "test.pack", "1.1.0", "", 25, "", false},
                                             Rollout{"*", "test.pack", "1.0.0", "", 100, "", false}});
    CHECK(c.packs.size() == 2);  // kiosks outside the 25% still need 1.0.0

    o = options(dir, fixture().v120);
    o.group = "north";
    o.from = "2026-12-08T08:00:00+02:00";  // tomorrow: staged, though at 100%
    o.min_kiosk_version = "0.2.0";
    c = publish(o).channel;
    REQUIRE(c.rollouts.size() == 3);
    CHECK(c.rollouts[0] == Rollout{"north", "test.pack", "1.2.0", "2026-12-08T06:00:00Z", 100, "0.2.0", false});
    CHECK(c.rollouts[1].version == "1.1.0");

    o = options(dir, fixture().v110);  // the same file again: only the rollout changes
    const PublishResult full = publish(o);
    c = full.channel;
    CHECK(contains(full.summary, "already listed, only the rollout changes"));
    CHECK(c.rollouts == std::vector<Rollout>{Rollout{"north", "test.pack", "1.2.0", "2026-12-08T06:00:00Z", 100, "0.2.0", false},
                                             Rollout{"*", "test.pack", "1.1.0", "", 100, "", false}});
    std::set<std::string> listed;
    for (const PackRef& p : c.packs) listed.insert(p.version);
    CHECK(listed == std::set<std::string>{"1.1.0", "1.2.0"});

    o = options(dir, fixture().v120);  // north's own rollout, now at once and in full: replaces north's
    o.group = "north";
    c = publish(o).channel;
    CHECK(c.rollouts == std::vector<Rollout>{Rollout{"north", "test.pack", "1.2.0", "", 100, "", false},
                                             Rollout{"*", "test.pack", "1.1.0", "", 100, "", false}});
    CHECK(c.serial == 5);
  }

  TEST_CASE("A group's first rollout goes above the ones for every kiosk") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    publish(options(dir, fixture().v100));
    PublishOptions o = options(dir, fixture().v110);
    o.group = "north";
    const Channel c = publish(o).channel;
    REQUIRE(c.rollouts.size() == 2);
    CHECK(c.rollouts[0].group == "north");
    CHECK(c.rollouts[1].group == "*");
    CHECK(choose(c, KioskFacts{"k", "north", "0.1.0", "2026-12-08T00:00:00Z", {}}).pack->version == "1.1.0");
    CHECK(choose(c, KioskFacts{"k", "south", "0.1.0", "2026-12-08T00:00:00Z", {}}).pack->version == "1.0.0");
  }

  TEST_CASE("An older version than the group's needs rollback") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    publish(options(dir, fixture().v110));
    const std::string before = test::read_text(dir / "channel.json");

    const std::string error = publish_error(options(dir, fixture().v100));
    CHECK(contains(error, fixture().v100.string() + ": test.pack 1.0.0 is older than 1.1.0, which kiosks run on channel "
                                                    "\"stable\": publishing it needs --rollback"));
    CHECK(test::read_text(dir / "channel.json") == before);

    PublishOptions o = options(dir, fixture().v100);
    o.rollback = true;
    const Channel c = publish(o).channel;
    CHECK(c.rollouts == std::vector<Rollout>{Rollout{"*", "test.pack", "1.0.0", "", 100, "", true}});
    KioskFacts k{"k", "", "0.1.0", "2026-12-08T00:00:00Z",
                 Installed{"test.pack", "1.1.0", trust::hash_file(fixture().v110)}};
    CHECK(choose(c, k).kind == Decision::Kind::install);

    // Another group's newer version does not hold this one back.
    o = options(dir, fixture().v120);
    o.group = "north";
    publish(o);
    CHECK_NOTHROW(publish(options(dir, fixture().v110)));
  }

  TEST_CASE("The same version with other content is refused and the channel stays as it was") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    publish(options(dir, fixture().v110));
    const std::string before = test::read_text(dir / "channel.json");
    const auto files_before = files_in(dir / "packs");

    const std::string error = publish_error(options(dir, fixture().v110_other));
    CHECK(error == fixture().v110_other.string() +
                       ": test.pack 1.1.0 is already published on channel \"stable\" with other content: give the new "
                       "pack a new version");
    CHECK(test::read_text(dir / "channel.json") == before);
    CHECK(files_in(dir / "packs") == files_before);  // the copy was not left behind

    PublishOptions o = options(dir, fixture().v110, "2026-12-09T10:00:00Z");
    o.percent = 50;
    const Channel c = publish(o).channel;
    CHECK(c.serial == 2);
    CHECK(c.packs.size() == 1);
  }

  TEST_CASE("Renewing changes only the serial and the dates") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    CHECK(contains(publish_error(options(dir, {})), "no channel to renew"));

    PublishOptions o = options(dir, fixture().v100);
    o.percent = 40;
    const Channel c1 = publish(o).channel;
    PublishOptions renew = options(dir, {}, "2027-01-01T00:00:00Z");
    renew.valid_days = 10;
    const PublishResult r = publish(renew);
    CHECK(r.pack == nullptr);
    CHECK(r.summary.starts_with("renewed channel stable (serial 2); expires 2027-01-11T00:00:00Z"));
    Channel expected = c1;
    expected.serial = 2;
    expected.published = "2027-01-01T00:00:00Z";
    expected.expires = "2027-01-11T00:00:00Z";
    CHECK(r.channel == expected);
    CHECK(read_channel_dir(dir) == expected);
  }

  TEST_CASE("Older packs beyond the patch bases go once the new channel is in place") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    PublishOptions o = options(dir, fixture().v100);
    o.patch_bases = 1;
    publish(o);
    o.pack = fixture().v110;
    publish(o);
    const std::string v100 = "test.pack-1.0.0-" + hash8(fixture().v100) + ".db";
    const std::string v110 = "test.pack-1.1.0-" + hash8(fixture().v110) + ".db";
    const std::string v120 = "test.pack-1.2.0-" + hash8(fixture().v120) + ".db";
    const std::string p110 = "test.pack-1.1.0-" + hash8(fixture().v110) + ".from-" + hash8(fixture().v100) + ".zst";
    const std::string p120 = "test.pack-1.2.0-" + hash8(fixture().v120) + ".from-" + hash8(fixture().v110) + ".zst";
    CHECK(files_in(dir / "packs") == std::set<std::string>{v100, v110, p110});
    test::write_text(dir / "packs/.stale.db.tmp-1-2", "left by a publisher that was killed");
    test::write_text(dir / "packs/notes.txt", "not ours to remove");

    o.pack = fixture().v120;
    const PublishResult r = publish(o);
    // 1.1.0 stays as the one patch base; 1.0.0 and the patch to 1.1.0 (no longer listed) go.
    CHECK(files_in(dir / "packs") == std::set<std::string>{v110, v120, p120, "notes.txt"});
    CHECK(std::set<std::string>(r.removed.begin(), r.removed.end()) ==
          std::set<std::string>{"packs/" + v100, "packs/" + p110, "packs/.stale.db.tmp-1-2"});
    CHECK(contains(r.summary, "removed 3 old files"));
    REQUIRE(r.pack != nullptr);
    REQUIRE(r.pack->patches.size() == 1);  // from 1.1.0 only: 1.0.0 was no base any more

    o.pack = fixture().v100;  // no patches at all, and no bases kept
    o.rollback = true;
    o.patch_bases = 0;
    const PublishResult back = publish(o);
    CHECK(back.pack->patches.empty());
    CHECK(files_in(dir / "packs") == std::set<std::string>{v100, "notes.txt"});
  }

  TEST_CASE("A pack that is not intact, or whose version makes no file name, is refused") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    const fs::path damaged = t / "damaged.db";
    fs::copy_file(fixture().v100, damaged);
    {
      std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
      const auto at = static_cast<std::streamoff>(fs::file_size(damaged) / 2);
      f.seekg(at);
      const char c = static_cast<char>(f.get() ^ 0x20);
      f.seekp(at);
      f.put(c);
    }
    CHECK(publish_error(options(dir, damaged)) ==
          damaged.string() + ": not intact: its content changed after it was built (check it with orpheus-pack verify)");
    CHECK_FALSE(fs::exists(dir / "channel.json"));
    CHECK(files_in(dir / "packs").empty());

    CHECK(publish_error(options(dir, fixture().bad_version)) ==
          fixture().bad_version.string() +
              ": pack id \"test.pack\" and version \"2.0 beta\" cannot make a pack file name (letters, digits, '.', '_' "
              "and '-', at most 100 each, the id not starting with '.')");
    CHECK(contains(publish_error(options(dir, t / "missing.db")), (t / "missing.db").string()));

    PublishOptions o = options(dir, fixture().v100);
    o.from = "2026-12-08T06:00";  // no offset
    CHECK(contains(publish_error(o), "from \"2026-12-08T06:00\": not a time with an offset or Z"));
    o = options(dir, fixture().v100);
    o.group = "north wing";
    CHECK(contains(publish_error(o), "group \"north wing\""));
    CHECK_FALSE(fs::exists(dir / "channel.json"));
  }

  TEST_CASE("A damaged channel file stops publishing, naming it") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    CHECK_FALSE(read_channel_dir(dir).has_value());
    publish(options(dir, fixture().v100));
    std::string text = test::read_text(dir / "channel.json");
    text.replace(text.find("\"percent\": 100"), 14, "\"percent\": 10");
    test::write_text(dir / "channel.json", text);
    const std::string expected = (dir / "channel.json").string() + ": the signature does not match";
    CHECK_THROWS_WITH_AS(read_channel_dir(dir), doctest::Contains(expected.c_str()), ChannelError);
    CHECK_THROWS_WITH_AS(publish(options(dir, fixture().v110)), doctest::Contains(expected.c_str()), ChannelError);
    test::write_text(dir / "channel.json", "<html>404</html>");
    CHECK(contains(publish_error(options(dir, fixture().v110)), (dir / "channel.json").string() + ": not a channel: not JSON"));
  }

  TEST_CASE("A channel signed by another key is taken over, and the summary says so") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    publish(options(dir, fixture().v100));
    PublishOptions o = options(dir, fixture().v110);
    o.key = trust::read_secret_key(fixture().stranger.secret_file);
    const PublishResult r = publish(o);
    CHECK(contains(r.summary, "signed by key " + fixture().stranger.public_key.id() + " instead of " +
                                  fixture().museum.public_key.id()));
    CHECK(read_channel_dir(dir)->signer == fixture().stranger.public_key);
  }
}

#ifdef ORPHEUS_PACK_EXE
namespace {

struct Run {
  int status;
  std::string out, err;
};

Run orpheus_pack(const test::TempDir& dir, const std::string& args) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string("'") + ORPHEUS_PACK_EXE + "' " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
  const int rc = std::system(cmd.c_str());
  return Run{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, test::read_text(out), test::read_text(err)};
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_SUITE("orpheus-pack publish") {
  TEST_CASE("orpheus-pack publish puts packs on a channel and refuses an older one without --rollback") {
    test::TempDir t;
    const fs::path dir = t / "channel";
    const std::string common = " --channel " + q(dir) + " --key " + q(fixture().museum.secret_file);

    Run r = orpheus_pack(t, "publish " + q(fixture().v100) + common + " --name floor");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.starts_with("published test.pack 1.0.0 on floor (serial 1)"));
    CHECK(contains(r.err, "copying..."));

    r = orpheus_pack(t, "publish " + q(fixture().v110) + common + " --percent 30 --from 2026-01-01T00:00+02:00");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(contains(r.out, "published test.pack 1.1.0 on floor (serial 2) to every group at 30% from 2025-12-31T22:00:00Z"));
    CHECK(contains(r.err, "patching from 1.0.0..."));
    const auto c = read_channel_dir(dir);
    REQUIRE(c.has_value());
    CHECK(c->rollouts.size() == 2);
    CHECK(c->rollouts[0].percent == 30);

    r = orpheus_pack(t, "publish -q " + q(fixture().v120) + common);
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());

    const std::string before = test::read_text(dir / "channel.json");
    r = orpheus_pack(t, "publish " + q(fixture().v110) + common);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "orpheus-pack: " + fixture().v110.string() +
                              ": test.pack 1.1.0 is older than 1.2.0, which kiosks run on channel \"floor\": publishing "
                              "it needs --rollback"));
    CHECK(test::read_text(dir / "channel.json") == before);
    r = orpheus_pack(t, "publish " + q(fixture().v110) + common + " --rollback");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(contains(r.out, ", a rollback;"));

    r = orpheus_pack(t, "publish" + common + " --renew --valid-days 5");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.starts_with("renewed channel floor (serial 5)"));
  }

  TEST_CASE("orpheus-pack publish: usage errors are status 2") {
    test::TempDir t;
    const std::string common = " --channel " + q(t / "channel") + " --key " + q(fixture().museum.secret_file);
    CHECK(orpheus_pack(t, "publish" + common).status == 2);  // neither PACK nor --renew
    CHECK(orpheus_pack(t, "publish " + q(fixture().v100) + common + " --renew").status == 2);
    CHECK(orpheus_pack(t, "publish " + q(fixture().v100) + " --channel " + q(t / "channel")).status == 2);  // no key
    CHECK(orpheus_pack(t, "publish " + q(fixture().v100) + common + " --percent 0").status == 2);
    CHECK(orpheus_pack(t, "publish" + common + " --renew --group north").status == 2);
    Run r = orpheus_pack(t, "publish " + q(fixture().v100) + common + " --from tomorrow");
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--from 'tomorrow' is not a time with an offset"));
    r = orpheus_pack(t, "publish " + q(fixture().v100) + " --channel " + q(t / "channel") + " --key " +
                            q(t / "missing.key"));
    CHECK(r.status == 2);
    CHECK(contains(r.err, (t / "missing.key").string()));
    CHECK_FALSE(fs::exists(t / "channel/channel.json"));
  }
}
#endif
