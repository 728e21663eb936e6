// Narration on the real kiosk, headless, heard through SDL's "disk" audio driver (the sound the
// kiosk hands to the card, written to a file in real time): the samples are the decoded
// narration's own, the visitor's Back stops them with a fade; a drag along the track seeks, the
// sentence spoken is marked and in view; another language and the idle reset stop it too.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "catalog/catalog.h"
#include "kiosk.h"
#include "media/audio.h"
#include "support/temp_dir.h"

using namespace orpheus;
using e2e::Json;
using e2e::shot;
using e2e::state;
using e2e::tap;

namespace {

constexpr const char* kItem = "panagyurishte-amphora-rhyton";

// The demo pack's narration of the amphora-rhyton in `lang`, or a skip.
const catalog::Narration* narration_of(const catalog::Snapshot& snap, const std::string& lang) {
  for (const auto& item : snap.items)
    if (item.slug == kItem) return item.narration(lang);
  return nullptr;
}

std::vector<std::int16_t> read_samples(const std::string& file) {
  const auto bytes = media::read_file(file);
  std::vector<std::int16_t> s(bytes.size() / 2);
  std::memcpy(s.data(), bytes.data(), s.size() * 2);
  return s;
}

// Runs the kiosk with its sound going to `sound` in real time.
e2e::KioskRun run_listening(const std::vector<std::string>& lines, const std::filesystem::path& sound,
                            std::vector<std::string> extra = {}) {
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", sound.c_str(), 1);  // read by SDL in the kiosk when the device opens
  auto r = e2e::run_kiosk(lines, ORPHEUS_DEMO_PACK, std::move(extra));
  unsetenv("SDL_DISKAUDIOFILE");
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  return r;
}

const std::vector<std::string> kOpenItem{R"({"t_ms": 100, "tap_target": "lang.en"})",
                                         tap("collection.panagyurishte"), tap(std::string("item.") + kItem)};

}  // namespace

TEST_SUITE("Narration") {
  TEST_CASE("Play: the card gets the decoded narration sample for sample; Back stops it with a fade") {
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto* n = narration_of(*snap, "en");
    if (!n) {
      MESSAGE("the demo pack has no English narration of " << kItem << " (built without --narrate): skipped");
      return;
    }
    const media::Pcm decoded = media::decode_vorbis(catalog::MediaReader(ORPHEUS_DEMO_PACK).read_narration(n->id));
    REQUIRE(decoded.channels == 1);
    auto lines = kOpenItem;
    for (const auto& l : {state("before.json"), tap("narration.play"), std::string(R"({"sleep_real": 1500})"), state("playing.json"),
                          shot("playing.png"), tap("nav.back"), state("back.json"), std::string(R"({"sleep_real": 400})"),
                          std::string(R"({"quit": true})")})
      lines.push_back(l);
    test::TempDir sound;
    // At full volume the card gets the decoded samples unchanged.
    const auto run = run_listening(e2e::timed(lines), sound.path() / "sound.raw", {"--set", "audio.volume=100"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json before = run.state("before.json");
    CHECK(before["screen"] == "item");
    CHECK(before["narration"]["state"] == "stopped");
    CHECK(e2e::has_target(before, "narration.play"));
    const Json playing = run.state("playing.json");
    CHECK(playing["narration"]["state"] == "playing");
    CHECK(playing["narration"]["sound"] == "disk");
    CHECK(playing["narration"]["position_ms"].get<int>() > 500);
    CHECK(playing["narration"]["start_latency_ms"].get<double>() < 500);
    CHECK(playing["spoken_sentence"].get<int>() >= 0);
    CHECK(run.state("back.json")["narration"]["state"] == "stopped");

    const auto heard = read_samples(sound.path() / "sound.raw");
    // What played: the decoded samples from the first on, the first few ms fading in.
    const std::size_t fade = 22050 * 8 / 1000 + 1;
    std::size_t same = fade;
    while (same < heard.size() && same < decoded.samples.size() && heard[same] == decoded.samples[same]) ++same;
    CHECK(same > 22050);  // over a second heard exactly as decoded
    CHECK(same < decoded.samples.size());  // ... and stopped before the end
    for (std::size_t i = 0; i < fade && i < heard.size(); ++i) CHECK(std::abs(heard[i]) <= std::abs(decoded.samples[i]) + 1);
    // Then a fade to silence (no step larger than the speech's own), and silence.
    int largest = 0, speech = 0;
    for (std::size_t i = same; i + 1 < std::min(heard.size(), same + 400); ++i) largest = std::max(largest, std::abs(heard[i + 1] - heard[i]));
    for (std::size_t i = 1; i < decoded.samples.size(); ++i) speech = std::max(speech, std::abs(decoded.samples[i] - decoded.samples[i - 1]));
    CHECK(largest <= speech);
    const std::size_t quiet_from = std::min(heard.size(), same + 22050 * 20 / 1000);
    CHECK(std::all_of(heard.begin() + static_cast<std::ptrdiff_t>(quiet_from), heard.end(), [](std::int16_t s) { return s == 0; }));
  }

  TEST_CASE("Drag along the track: it seeks, the sentence spoken is marked and in view; language and idle reset stop it") {
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto* n = narration_of(*snap, "en");
    if (!n) {
      MESSAGE("the demo pack has no English narration (built without --narrate): skipped");
      return;
    }
    // Portrait, in the largest text: the later sentences are far below the fold. First where the track is.
    const std::vector<std::string> portrait{"--windowed", "1080x1920"};
    auto open = kOpenItem;
    open.insert(open.begin() + 1, {tap("text.size"), tap("text.size")});
    auto probe = open;
    for (const auto& l : {tap("narration.play"), state("track.json"), std::string(R"({"quit": true})")}) probe.push_back(l);
    test::TempDir sound;
    const auto first = run_listening(e2e::timed(probe), sound.path() / "probe.raw", portrait);
    INFO("kiosk stderr:\n" << first.result.err);
    REQUIRE(first.result.exit_code == 0);
    const Json track = first.state("track.json")["narration_track"];
    const float x0 = track["x"].get<float>() + 2, x1 = track["x"].get<float>() + track["w"].get<float>() * 0.8f;
    const float y = track["y"].get<float>() + track["h"].get<float>() * 0.5f;

    auto lines = open;
    for (const auto& l : {tap("narration.play"),
                          R"({"drag": [)" + std::to_string(x0) + ", " + std::to_string(y) + ", " + std::to_string(x1) + ", " +
                              std::to_string(y) + R"(], "ms": 400})",
                          std::string(R"({"sleep_real": 300})"), state("seeked.json"), shot("seeked.png"), tap("lang.bg"),
                          state("bg.json"), tap("narration.play"), std::string(R"({"sleep_real": 300})"), state("bg_playing.json"),
                          std::string(R"({"t_ms": 30000})"), state("idle.json"), std::string(R"({"quit": true})")})
      lines.push_back(l);
    const auto run = run_listening(e2e::timed(lines), sound.path() / "sound.raw",
                                   {"--windowed", "1080x1920", "--set", "session.idle_timeout=15", "--set", "session.attract_timeout=0"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    if (const char* keep = std::getenv("ORPHEUS_KEEP_SHOTS"))  // for looking at: ORPHEUS_KEEP_SHOTS=DIR
      std::filesystem::copy_file(run.dir + "/seeked.png", std::string(keep) + "/narration-seeked.png",
                                 std::filesystem::copy_options::overwrite_existing);
    const Json seeked = run.state("seeked.json");
    const int pos = seeked["narration"]["position_ms"].get<int>();
    const int duration = seeked["narration"]["duration_ms"].get<int>();
    // Seeked to where the finger let go (80% along the track, its ends a little inside), then played on a moment.
    CHECK(pos > duration * 0.7);
    CHECK(pos < duration * 0.85 + 3000);
    // The sentence marked is the one at that time, and its first line is in the text pane.
    const int spoken = seeked["spoken_sentence"].get<int>();
    CHECK(spoken >= 0);
    int expected = -1;
    for (std::size_t i = 0; i < n->sentences.size(); ++i)
      if (n->sentences[i].start_ms <= pos) expected = static_cast<int>(i);
    CHECK(std::abs(spoken - expected) <= 1);
    const float top = seeked["spoken_sentence_top"].get<float>();
    CHECK(top > track["y"].get<float>() + track["h"].get<float>());
    CHECK(top < 1920 - 150);
    CHECK(seeked["text_scroll"].get<float>() > 0);  // the text followed the voice down
    CHECK(run.state("bg.json")["narration"]["state"] == "stopped");  // another language
    const Json bg = run.state("bg_playing.json");
    if (narration_of(*snap, "bg")) {
      CHECK(bg["narration"]["state"] == "playing");
      CHECK(bg["narration"]["lang"] == "bg");
    }
    const Json idle = run.state("idle.json");
    CHECK(idle["screen"] == "home");
    CHECK(idle["narration"]["state"] == "stopped");
  }
}
