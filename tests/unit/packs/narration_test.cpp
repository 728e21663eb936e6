#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>

#include "catalog/catalog.h"
#include "media/audio.h"
#include "media/vorbis_encode.h"
#include "packs/builder.h"
#include "packs/inspect.h"
#include "packs/verify.h"
#include "catalog/sqlite.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

bool espeak_available() { return std::system("espeak-ng --version >/dev/null 2>&1") == 0; }

// `seconds` of a quiet tone at 22050 Hz, as Ogg Vorbis.
std::vector<std::uint8_t> tone(double seconds) {
  std::vector<std::int16_t> s(static_cast<std::size_t>(22050 * seconds));
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<std::int16_t>(4000 * std::sin(static_cast<double>(i) * 0.05));
  return media::encode_vorbis(s, 22050, 1, 0.0f);
}

packs::BuildOptions options(const test::TempDir& dir, bool narrate) {
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = dir / "out/pack.db";
  o.media_dirs = {dir / "media"};
  o.threads = 2;
  o.narrate = narrate;
  return o;
}

std::string all(const packs::BuildResult& r) {
  std::string s;
  for (const auto& p : r.problems) s += p.str() + "\n";
  return s;
}

bool mentions(const packs::BuildResult& r, const std::string& what) { return all(r).find(what) != std::string::npos; }

}  // namespace

TEST_SUITE("Narration in packs") {
  TEST_CASE("A recording with timings is stored as it is, without --narrate the other texts stay silent") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/narration/rhyton.bg.ogg", tone(6.0));
    // rhyton in bg: title, summary, two paragraphs of description: four sentences.
    test::write_text(dir / "src/narration/rhyton.bg.txt", "0.0\n1.5\n# the description\n3\n4.25\n");
    const auto r = packs::build_pack(options(dir, false));
    REQUIRE_MESSAGE(r.ok(), all(r));
    CHECK(r.counts.narrations_recorded == 1);
    CHECK(r.counts.narrations_synthetic == 0);
    CHECK(r.counts.narrations_silent == 4);  // rhyton en, amphora bg, cup bg and en
    const auto snap = catalog::load_snapshot(dir / "out/pack.db");
    const catalog::Item* rhyton = nullptr;
    for (const auto& it : snap->items)
      if (it.slug == "rhyton") rhyton = &it;
    REQUIRE(rhyton);
    const catalog::Narration* n = rhyton->narration("bg");
    REQUIRE(n);
    CHECK_FALSE(n->synthetic);
    CHECK(n->timed);
    CHECK(n->duration_ms == 6000);
    REQUIRE(n->sentences.size() == 4);
    using P = catalog::NarrationSentence::Part;
    CHECK(n->sentences[0].part == P::title);
    CHECK(n->sentences[1].part == P::summary);
    CHECK(n->sentences[2].part == P::description);
    CHECK(n->sentences[3].start_ms == 4250);
    const std::string description(rhyton->description.exact("bg"));
    CHECK(description.substr(n->sentences[3].begin, n->sentences[3].end - n->sentences[3].begin) == "Втори абзац.");
    CHECK(rhyton->narration("en") == nullptr);
    catalog::MediaReader reader(dir / "out/pack.db");
    CHECK(media::decode_vorbis(reader.read_narration(n->id)).duration_ms() == 6000);
  }

  TEST_CASE("Without timings the starts are estimated from the sentences' lengths") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "media/narration/amphora.bg.ogg", tone(3.0));  // found in a media dir too
    const auto r = packs::build_pack(options(dir, false));
    REQUIRE_MESSAGE(r.ok(), all(r));
    const auto snap = catalog::load_snapshot(dir / "out/pack.db");
    const catalog::Narration* n = nullptr;
    for (const auto& it : snap->items)
      if (it.slug == "amphora") n = it.narration("bg");
    REQUIRE(n);
    CHECK_FALSE(n->timed);
    REQUIRE(n->sentences.size() == 3);  // "Амфора", "Кратко.", "Описание.": 6, 7 and 9 letters
    CHECK(n->sentences[0].start_ms == 0);
    CHECK(n->sentences[1].start_ms == 3000 * 6 / 22);
    CHECK(n->sentences[2].start_ms == 3000 * 13 / 22);
  }

  TEST_CASE("Bad recordings and timings are errors naming the file, and nothing is written") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/narration/cup.bg.ogg", {'n', 'o', 't', ' ', 'o', 'g', 'g'});
    auto cut = tone(1.0);
    cut.resize(cut.size() / 2);
    test::write_bytes(dir / "src/narration/rhyton.en.ogg", cut);
    test::write_bytes(dir / "src/narration/rhyton.bg.ogg", tone(2.0));
    test::write_text(dir / "src/narration/rhyton.bg.txt", "0\n1\n");
    test::write_bytes(dir / "src/narration/ghost.bg.ogg", tone(1.0));
    test::write_bytes(dir / "src/narration/amphora.de.ogg", tone(1.0));
    test::write_text(dir / "src/narration/lonely.en.txt", "0\n");
    const auto r = packs::build_pack(options(dir, false));
    CHECK_FALSE(r.ok());
    CHECK(mentions(r, "narration/cup.bg.ogg: narration: not a usable Ogg Vorbis recording: not an Ogg file"));
    CHECK(mentions(r, "narration/rhyton.en.ogg: narration: not a usable Ogg Vorbis recording: truncated"));
    CHECK(mentions(r, "narration/rhyton.bg.txt: narration: 2 start times for 4 sentences"));
    CHECK(mentions(r, "narration/ghost.bg.ogg: narration: a recording for item 'ghost', which the pack does not have"));
    CHECK(mentions(r, "narration/amphora.de.ogg: narration: a recording in language 'de'"));
    CHECK(mentions(r, "narration/lonely.en.txt: narration: timings without a recording"));
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
  }

  TEST_CASE("Timings that are not numbers, go back or run past the end are errors with their line") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/narration/rhyton.bg.ogg", tone(2.0));
    test::write_text(dir / "src/narration/rhyton.bg.txt", "0\nsoon\n1.5\n1.0\n9\n");
    const auto r = packs::build_pack(options(dir, false));
    CHECK(mentions(r, "rhyton.bg.txt:2:1: narration: 'soon' is not a start time"));
    CHECK(mentions(r, "rhyton.bg.txt:4:1: narration: starts at 1.0 s, before the sentence above it"));
    CHECK(mentions(r, "rhyton.bg.txt:5:1: narration: starts at 9 s, after the recording's end"));
  }

  TEST_CASE("--narrate without espeak-ng is an error naming the package") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    auto o = options(dir, true);
    o.espeak = (dir / "no-such-espeak-ng").string();
    const auto r = packs::build_pack(o);
    CHECK_FALSE(r.ok());
    CHECK(mentions(r, "--narrate: cannot run"));
    CHECK(mentions(r, "needs the Debian package espeak-ng"));
  }

  TEST_CASE("--narrate: the curator's recording wins, every other text is synthesised, timed and verified") {
    if (!espeak_available()) {
      MESSAGE("skipped: espeak-ng is not installed (apt-get install espeak-ng)");
      return;
    }
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/narration/rhyton.bg.ogg", tone(4.0));
    const auto r = packs::build_pack(options(dir, true));
    REQUIRE_MESSAGE(r.ok(), all(r));
    CHECK(r.counts.narrations_recorded == 1);
    CHECK(r.counts.narrations_synthetic == 4);  // rhyton en, amphora bg, cup bg and en
    CHECK(r.counts.narrations_silent == 0);
    CHECK(r.counts.narration_bytes > 0);

    const auto snap = catalog::load_snapshot(dir / "out/pack.db");
    catalog::MediaReader reader(dir / "out/pack.db");
    int synthetic = 0;
    for (const auto& it : snap->items)
      for (const auto& n : it.narrations) {
        CAPTURE(it.slug);
        CAPTURE(n.lang);
        if (it.slug == "rhyton" && n.lang == "bg") {
          CHECK_FALSE(n.synthetic);
          CHECK(n.duration_ms == 4000);
          continue;
        }
        ++synthetic;
        CHECK(n.synthetic);
        CHECK(n.timed);
        REQUIRE_FALSE(n.sentences.empty());
        CHECK(n.sentences.front().start_ms == 0);
        for (std::size_t i = 1; i < n.sentences.size(); ++i) CHECK(n.sentences[i].start_ms > n.sentences[i - 1].start_ms);
        CHECK(n.sentences.back().start_ms < n.duration_ms);
        const media::Pcm pcm = media::decode_vorbis(reader.read_narration(n.id));
        CHECK(pcm.rate == 22050);
        CHECK(pcm.channels == 1);
        CHECK(std::abs(pcm.duration_ms() - n.duration_ms) <= 50);
      }
    CHECK(synthetic == 4);

    const auto d = packs::describe_pack(dir / "out/pack.db", true);
    CHECK(d["narration"]["count"] == 5);
    CHECK(d["narration"]["languages"]["bg"]["recorded"] == 1);
    CHECK(d["narration"]["languages"]["bg"]["synthetic"] == 2);
    CHECK(d["narration"]["languages"]["en"]["synthetic"] == 2);
    CHECK(d["narration"]["languages"]["en"]["silent"] == 0);
    CHECK(d["narration"]["items"]["rhyton"]["bg"]["state"] == "recorded");
    CHECK(d["narration"]["items"]["cup"]["en"]["state"] == "synthetic");
    CHECK_FALSE(d["narration"]["items"]["amphora"].contains("en"));
    std::ostringstream text;
    packs::print_description(d, text);
    CHECK_MESSAGE(text.str().find("  bg               3/3     3/3        3/3           1 recorded + 2 synthetic\n"
                                  "  en               2/3     1/3        1/3           2 synthetic\n") != std::string::npos,
                  text.str());
    CHECK(text.str().find("    rhyton: bg recorded (4.0 s, 4 sentences, estimated) en synthetic") != std::string::npos);

    packs::VerifyOptions v;
    v.require_trusted = false;
    const auto report = packs::verify_pack(dir / "out/pack.db", v);
    std::string problems;
    for (const auto& p : report.problems)
      if (!p.warning) problems += p.str() + "\n";
    CHECK_MESSAGE(report.ok(), problems);
    CHECK(report.narrations == 5);
  }

  TEST_CASE("verify finds sentences out of order or outside their text, and audio that does not decode") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/narration/rhyton.bg.ogg", tone(2.0));
    REQUIRE(packs::build_pack(options(dir, false)).ok());
    {
      sql::Database db(dir / "out/pack.db", sql::Database::Mode::read_write_create);
      db.exec("UPDATE narration_sentence SET start_ms = 10 WHERE ord = 3");
      db.exec("UPDATE narration_sentence SET end = 999 WHERE ord = 0");
      db.exec("UPDATE narration_audio SET bytes = CAST('OggS broken' AS BLOB)");
    }
    packs::VerifyOptions v;
    v.require_trusted = false;
    const auto report = packs::verify_pack(dir / "out/pack.db", v);
    std::string problems;
    for (const auto& p : report.problems) problems += p.str() + "\n";
    CHECK(problems.find("item 'rhyton' narration (bg) sentence 4: starts at 10 ms, before the sentence above it") != std::string::npos);
    CHECK(problems.find("item 'rhyton' narration (bg) sentence 1: bytes 0-999 are not inside its title") != std::string::npos);
    CHECK(problems.find("item 'rhyton' narration (bg): truncated") != std::string::npos);
  }
}
