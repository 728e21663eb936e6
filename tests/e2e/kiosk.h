#pragma once
// Shared helpers of the end-to-end tests: run the kiosk on a replay script and read back
// its state dumps and screenshots.
#include <algorithm>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "media/image.h"
#include "support/process.h"

namespace orpheus::e2e {

using Json = nlohmann::json;

struct KioskRun {
  test::RunResult result;
  std::shared_ptr<test::TempDir> temp = std::make_shared<test::TempDir>();
  std::string dir = temp->path().string();  // where the script wrote its files
  Json state(const std::string& name) const {
    const auto text = test::read_text(dir + "/" + name);
    REQUIRE_MESSAGE(!text.empty(), "no state dump " << name << "; kiosk stderr:\n" << result.err);
    return Json::parse(text);
  }
  media::Image screenshot(const std::string& name) const {
    const auto bytes = media::read_file(dir + "/" + name);
    return media::decode(bytes);
  }
};

// Writes `lines` (JSONL) to DIR/script.jsonl, "$DIR" in them replaced by `dir`; returns the path.
inline std::string write_script(const std::string& dir, const std::vector<std::string>& lines) {
  const std::string path = dir + "/script.jsonl";
  std::ofstream script(path);
  for (auto line : lines) {
    for (auto pos = line.find("$DIR"); pos != std::string::npos; pos = line.find("$DIR")) line.replace(pos, 4, dir);
    script << line << "\n";
  }
  return path;
}

// The arguments every kiosk a test starts takes besides its own `args`: the demo speaks six
// languages (a picker); the tests of other features switch between the two it spoke first, side
// by side, so "lang.bg" and "lang.en" are always there to tap (a pack without them: the usual
// rule). None when `args` name their own languages or a --config (tests of languages, of the
// configuration). run_kiosk adds them; a test that starts the kiosk itself appends them too.
inline std::vector<std::string> default_kiosk_args(const std::vector<std::string>& args) {
  const bool own_languages = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a.find("session.languages") != std::string::npos || a.find("--config") != std::string::npos;
  });
  if (own_languages) return {};
  return {"--set", R"(session.languages=["bg","en"])"};
}

// `argv` with default_kiosk_args(argv) after it.
inline std::vector<std::string> with_default_kiosk_args(std::vector<std::string> argv) {
  const auto defaults = default_kiosk_args(argv);
  argv.insert(argv.end(), defaults.begin(), defaults.end());
  return argv;
}

// Writes `lines` (JSONL) and runs the kiosk on it; "$DIR" in the lines and in the extra
// arguments is replaced by the run's directory. An empty `pack` leaves out --pack (for runs
// that give --content-dir or --config in `extra`). The run is killed after `timeout_s`.
inline KioskRun run_kiosk(const std::vector<std::string>& lines, const std::string& pack = ORPHEUS_DEMO_PACK,
                          std::vector<std::string> extra = {}, int timeout_s = 300) {
  test::use_headless_environment();
  KioskRun run;
  std::vector<std::string> argv{ORPHEUS_KIOSK, "--windowed", "1920x1080", "--replay", write_script(run.dir, lines)};
  if (!pack.empty()) argv.insert(argv.end(), {"--pack", pack});
  const auto defaults = default_kiosk_args(extra);
  argv.insert(argv.end(), defaults.begin(), defaults.end());
  for (auto a : extra) {
    for (auto pos = a.find("$DIR"); pos != std::string::npos; pos = a.find("$DIR")) a.replace(pos, 4, run.dir);
    argv.push_back(a);
  }
  run.result = test::run(argv, timeout_s);
  return run;
}

// Replay steps (docs/replay.md): a tap on a named target, a state dump and a screenshot into the
// run's directory.
inline std::string tap(const std::string& target) { return R"({"tap_target": ")" + target + R"("})"; }
inline std::string state(const std::string& name) { return R"({"state": "$DIR/)" + name + R"("})"; }
inline std::string shot(const std::string& name) { return R"({"screenshot": "$DIR/)" + name + R"("})"; }

// A first replay step for tests that check where animations end, not how they look on the way:
// each replayed frame moves the virtual clock 50 ms, not 1/60 s (docs/replay.md, frame_ms), so
// a pinch or a screen's transition takes a third of the frames, each one a full window that
// llvmpipe rasterises on the CPU. The input is the same (a tap's finger still lifts 60 ms after
// it came down, a frame later), and so is where the view comes to rest.
inline constexpr const char* kCoarseFrames = R"({"t_ms": 0, "frame_ms": 50})";

// Gives every line without "t_ms" one, 400 ms after the line before (steps that wait for the
// app to settle still wait): scripts read as sequences.
inline std::vector<std::string> timed(std::vector<std::string> lines) {
  double t = 0;
  for (auto& l : lines) {
    const Json j = Json::parse(l);
    if (j.contains("t_ms")) {
      t = j["t_ms"].get<double>();
    } else {
      t += 400;
      l = R"({"t_ms": )" + std::to_string(static_cast<long>(t)) + ", " + l.substr(1);
    }
  }
  return lines;
}

// The [admin] line of a kiosk.toml for `pin`, from the kiosk's own --hash-pin.
inline std::string hash_pin(const std::string& pin) {
  const auto r = test::run({"/bin/sh", "-c", "printf '%s\\n' '" + pin + "' | '" ORPHEUS_KIOSK "' --hash-pin"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(r.out.rfind("pin_hash = \"$argon2id$", 0) == 0);
  return r.out;
}

// Whether a state dump names this target.
inline bool has_target(const Json& state, const std::string& name) {
  return std::any_of(state["targets"].begin(), state["targets"].end(), [&](const Json& t) { return t["name"] == name; });
}

// Centre of a named target in a state dump.
inline std::pair<float, float> target_center(const Json& state, const std::string& name) {
  for (const auto& t : state["targets"])
    if (t["name"] == name)
      return {t["x"].get<float>() + t["w"].get<float>() / 2, t["y"].get<float>() + t["h"].get<float>() / 2};
  FAIL("no target " << name << " on screen " << state["screen"]);
  return {0, 0};
}

// Standard deviation of luminance: a blank or single-colour frame is near zero.
inline double contrast(const media::Image& img) {
  double sum = 0, sq = 0;
  const std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
  for (std::size_t i = 0; i < n; ++i) {
    const auto* p = &img.pixels[i * static_cast<std::size_t>(img.channels)];
    const double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    sum += l;
    sq += l * l;
  }
  const double mean = sum / static_cast<double>(n);
  return std::sqrt(std::max(0.0, sq / static_cast<double>(n) - mean * mean));
}

// The tap targets of a state dump (only those whose names start with `layer`, when a panel
// covers the screen): each inside the `width` x `height` window, none over another by more than
// half a pixel (neighbours may share an edge). Returns how many there are.
inline std::size_t check_targets(const Json& s, const std::string& layer, int width, int height) {
  struct Box {
    std::string name;
    float x0, y0, x1, y1;
  };
  std::vector<Box> targets;
  for (const auto& t : s["targets"]) {
    const std::string name = t["name"];
    if (!layer.empty() && name.rfind(layer, 0) != 0) continue;
    const float x = t["x"], y = t["y"], w = t["w"], h = t["h"];
    targets.push_back({name, x, y, x + w, y + h});
  }
  for (const Box& b : targets) {
    CAPTURE(b.name);
    CHECK(b.x0 >= -0.5f);
    CHECK(b.y0 >= -0.5f);
    CHECK(b.x1 <= static_cast<float>(width) + 0.5f);
    CHECK(b.y1 <= static_cast<float>(height) + 0.5f);
    CHECK(b.x1 > b.x0);
    CHECK(b.y1 > b.y0);
  }
  for (std::size_t i = 0; i < targets.size(); ++i)
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      const Box &a = targets[i], &b = targets[j];
      const float ox = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
      const float oy = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      if (ox > 0.5f && oy > 0.5f) FAIL_CHECK(a.name << " overlaps " << b.name << " by " << ox << " x " << oy << " px");
    }
  return targets.size();
}

}  // namespace orpheus::e2e
