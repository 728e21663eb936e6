// Monkey test: the real kiosk binary replays random touch events (taps all over the screen,
// drags, flicks, long presses, pinches and palms of 2..10 fingers, bursts at one instant,
// coordinates far outside the window, lifts of fingers that are not down, repeated downs, the
// mouse) and must neither crash nor (in a sanitized build) report a sanitizer error or a leak,
// must keep its resident memory flat (besides the texture cache, which has a budget: the end
// within 5% of where it was after the first tenth of the events), and afterwards must reset
// itself for the next visitor after the idle timeout and open a collection on a tap.
// - the default suite: 100,000 events on this build's own kiosk (sanitized in the asan preset);
// - the long run (monkey_asan_long, label long): 1,000,000 events on a kiosk built with
//   ASan/UBSan (the test kiosk_asan_build builds it), named by $ORPHEUS_MONKEY_KIOSK.
//
// The script is the same on every platform: std::mt19937's output is fixed by the standard, and
// the distributions (implementation-defined in <random>) are integer arithmetic here, so every
// time and coordinate is an integer computed the same way everywhere.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "support/long_run.h"
#include "support/process.h"

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kWidth = 1280, kHeight = 800;

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : gen_(seed) {}
  // Uniform in [lo, hi] by multiply-and-shift of one 32-bit draw (spans here are far below
  // 2^32, so the bias is negligible and the arithmetic is exact).
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>((static_cast<std::uint64_t>(gen_()) * span) >> 32);
  }
  bool percent(std::int64_t p) { return range(0, 99) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(v.size()) - 1))];
  }
  template <class T>
  void shuffle(std::vector<T>& v) {  // Fisher-Yates with our own draws
    for (std::size_t i = v.size(); i > 1; --i)
      std::swap(v[i - 1], v[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(i) - 1))]);
  }

 private:
  std::mt19937 gen_;
};

struct Point {
  std::int64_t x = 0, y = 0;
};

// Writes the monkey's raw pointer events as replay script lines, keeping the virtual clock and
// the set of fingers the script has put down.
class Monkey {
 public:
  explicit Monkey(std::uint32_t seed) : dice_(seed) {}

  // Random episodes until at least `min_events` pointer events; every `dump_every` events, at a
  // moment no finger is down, a state dump "$DIR/monkey-N.json" (to see where the monkey went).
  void play(std::size_t min_events, std::size_t dump_every) {
    std::size_t next_dump = dump_every;
    while (events_ < min_events) {
      auto roll = dice_.range(0, kTotalWeight - 1);
      for (const auto& e : kEpisodes) {
        if (roll < e.weight) {
          (this->*e.play)();
          break;
        }
        roll -= e.weight;
      }
      // Fingers forgotten on the glass (a stray, a burst) stay a while, then lift.
      if (!down_.empty() && dice_.percent(40)) lift_all();
      pause();
      if (events_ >= next_dump && down_.empty()) {
        lines_.push_back(R"({"state": "$DIR/monkey-)" + std::to_string(dump_events_.size()) + R"(.json"})");
        dump_events_.push_back(events_);
        t_ += 3000;  // room for the app to settle before the dump: the events after keep their pace
        next_dump = events_ + dump_every;
      }
    }
  }

  void lift_all() {
    const std::vector<std::int64_t> ids(down_.begin(), down_.end());
    for (auto id : ids) emit(up, id, in_window());
  }

  void line(const std::string& s) { lines_.push_back(s); }
  std::int64_t now() const { return t_; }
  void advance(std::int64_t ms) { t_ += ms; }
  std::size_t events() const { return events_; }
  // The number of events before each dump (a dump waits for every finger to be up).
  const std::vector<std::size_t>& dump_events() const { return dump_events_; }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  enum Kind { down, move, up };
  void emit(Kind kind, std::int64_t id, Point p) {
    constexpr std::int64_t kLimit = 1000000;  // what the script format accepts
    p = {std::clamp(p.x, -kLimit, kLimit), std::clamp(p.y, -kLimit, kLimit)};
    static constexpr const char* kKeys[] = {"finger_down", "finger_move", "finger_up"};
    lines_.push_back(R"({"t_ms": )" + std::to_string(t_) + R"(, ")" + kKeys[kind] + R"(": [)" + std::to_string(id) + ", " +
                     std::to_string(p.x) + ", " + std::to_string(p.y) + "]}");
    ++events_;
    if (kind == down) down_.insert(id);
    if (kind == up) down_.erase(id);
  }

  Point in_window() {
    // Almost half land on the top bar, most in its corners, where the buttons are (back, home,
    // language, close): else the monkey would hardly ever get out of the item and viewer
    // screens, whose images take most of the rest and lead deeper.
    const auto roll = dice_.range(0, 99);
    if (roll < 20) return {dice_.range(0, 279), dice_.range(0, 99)};
    if (roll < 40) return {dice_.range(kWidth - 220, kWidth - 1), dice_.range(10, 99)};
    if (roll < 45) return {dice_.range(0, kWidth - 1), dice_.range(0, 109)};
    return {dice_.range(0, kWidth - 1), dice_.range(0, kHeight - 1)};
  }
  // Outside the window: just past an edge, far away, or at the limits the script accepts.
  Point wild() {
    static const std::vector<std::int64_t> far{-1000000, -100000, -99999, -4097, -1, 0, 100000, 1000000};
    switch (dice_.range(0, 3)) {
      case 0: return {dice_.range(-60, -1), dice_.range(-60, kHeight + 60)};
      case 1: return {dice_.range(kWidth, kWidth + 60), dice_.range(kHeight, kHeight + 60)};
      case 2: return {dice_.range(-100000, 100000), dice_.range(-100000, 100000)};
      default: return {dice_.pick(far), dice_.pick(far)};
    }
  }
  Point anywhere() { return dice_.percent(85) ? in_window() : wild(); }
  Point jitter(Point p, std::int64_t r) { return {p.x + dice_.range(-r, r), p.y + dice_.range(-r, r)}; }
  std::int64_t finger() { return dice_.percent(10) ? -1 : dice_.range(0, 9); }  // -1: the mouse

  // One finger: down, perhaps a tremor within the slop, up; this is what navigates.
  void tap() {
    const auto id = finger();
    const Point p = in_window();
    emit(down, id, p);
    for (auto n = dice_.range(0, 2); n > 0; --n) {
      t_ += dice_.range(4, 30);
      emit(move, id, jitter(p, 3));
    }
    t_ += dice_.range(20, 150);
    emit(up, id, jitter(p, 2));
  }

  // A slow drag, sometimes out of the window; it rests before lifting or lifts moving.
  void drag() {
    const auto id = finger();
    const Point a = anywhere();
    const Point d = dice_.percent(90) ? Point{dice_.range(-900, 900), dice_.range(-900, 900)}
                                      : Point{dice_.range(-200000, 200000), dice_.range(-200000, 200000)};
    const auto steps = dice_.range(4, 60);
    const auto every = dice_.range(4, 16);
    emit(down, id, a);
    Point p = a;
    for (std::int64_t i = 1; i <= steps; ++i) {
      t_ += every;
      p = jitter({a.x + d.x * i / steps, a.y + d.y * i / steps}, 2);
      emit(move, id, p);
    }
    if (dice_.percent(30)) t_ += dice_.range(50, 300);
    emit(up, id, p);
  }

  // A fast swipe: a few long strides in 50-100 ms, lifted while moving.
  void flick() {
    const auto id = finger();
    Point p = in_window();
    const Point stride{dice_.range(-150, 150), dice_.range(-150, 150)};
    emit(down, id, p);
    for (auto n = dice_.range(3, 8); n > 0; --n) {
      t_ += dice_.range(8, 16);
      p = jitter({p.x + stride.x, p.y + stride.y}, 4);
      emit(move, id, p);
    }
    t_ += dice_.range(0, 8);
    emit(up, id, p);
  }

  // A long press (past 600 ms), still or trembling, sometimes moving off after it fired.
  void hold() {
    const auto id = finger();
    const Point p = in_window();
    emit(down, id, p);
    for (auto n = dice_.range(0, 3); n > 0; --n) {
      t_ += dice_.range(50, 300);
      emit(move, id, jitter(p, 3));
    }
    t_ += dice_.range(620, 1500);
    Point q = p;
    if (dice_.percent(30)) {
      for (auto n = dice_.range(2, 10); n > 0; --n) {
        t_ += 16;
        q = jitter({q.x + 20, q.y}, 5);
        emit(move, id, q);
      }
    }
    emit(up, id, q);
  }

  // 2..10 fingers: pinches, spreads, two-finger pans, palms (more than five); they land and
  // lift one by one in random order, and sometimes one stays behind.
  void fingers() {
    const auto k = dice_.range(2, 10);
    std::vector<std::int64_t> ids;
    for (std::int64_t i = 0; i < 64 && static_cast<std::int64_t>(ids.size()) < k; ++i) {
      const auto id = dice_.range(0, 39);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    const Point c = in_window();
    std::vector<Point> offset;
    for (std::size_t i = 0; i < ids.size(); ++i) offset.push_back({dice_.range(-300, 300), dice_.range(-300, 300)});
    const auto steps = dice_.range(3, 40);
    const auto every = dice_.range(2, 6);
    const auto scale_to = dice_.range(200, 3000);  // per mille of the start spread
    const Point pan{dice_.range(-600, 600), dice_.range(-600, 600)};
    const bool wander = dice_.percent(25);
    const auto at = [&](std::size_t f, std::int64_t step) {
      const auto s = 1000 + (scale_to - 1000) * step / steps;
      return Point{c.x + pan.x * step / steps + offset[f].x * s / 1000, c.y + pan.y * step / steps + offset[f].y * s / 1000};
    };
    for (std::size_t f = 0; f < ids.size(); ++f) {
      if (f > 0) t_ += dice_.range(0, 12);
      emit(down, ids[f], at(f, 0));
    }
    for (std::int64_t step = 1; step <= steps; ++step) {
      t_ += every;
      for (std::size_t f = 0; f < ids.size(); ++f)
        emit(move, ids[f], wander ? jitter(at(f, step), 40) : at(f, step));
    }
    std::vector<std::size_t> order(ids.size());
    for (std::size_t f = 0; f < order.size(); ++f) order[f] = f;
    dice_.shuffle(order);
    const bool leave_one = dice_.percent(10);
    for (std::size_t i = leave_one ? 1 : 0; i < order.size(); ++i) {
      t_ += dice_.range(0, 12);
      emit(up, ids[order[i]], at(order[i], steps));
    }
  }

  // Many events at one instant (some bursts creep a millisecond now and then): downs, moves
  // and lifts of known and unknown fingers. Mostly all fingers lift at its end.
  void burst() {
    const bool creep = dice_.percent(30);
    for (auto n = dice_.range(50, 1500); n > 0; --n) {
      if (creep && dice_.percent(5)) t_ += 1;
      const auto roll = dice_.range(0, 99);
      const std::vector<std::int64_t> held(down_.begin(), down_.end());
      const auto some = [&] { return !held.empty() && dice_.percent(80) ? dice_.pick(held) : dice_.range(-5, 63); };
      if (roll < 30 && down_.size() < 24) emit(down, dice_.range(-1, 63), anywhere());
      else if (roll < 75) emit(move, some(), anywhere());
      else emit(up, some(), anywhere());
    }
    if (dice_.percent(85)) {
      t_ += dice_.range(0, 20);
      lift_all();
    }
  }

  // What a broken driver or a confused panel might send.
  void garbage() {
    static const std::vector<std::int64_t> odd_ids{std::numeric_limits<std::int64_t>::max(),
                                                   std::numeric_limits<std::int64_t>::min(), -2, 4096, 1 << 30};
    switch (dice_.range(0, 5)) {
      case 0:  // lifts of fingers that are not down
        for (auto n = dice_.range(1, 5); n > 0; --n) {
          auto id = dice_.percent(50) ? dice_.range(100, 1000000) : dice_.pick(odd_ids);
          if (down_.count(id)) id = 99;
          emit(up, id, anywhere());
        }
        break;
      case 1:  // moves of unknown fingers
        for (auto n = dice_.range(1, 10); n > 0; --n) {
          t_ += dice_.range(0, 4);
          emit(move, dice_.percent(50) ? dice_.range(100, 1000000) : dice_.pick(odd_ids), anywhere());
        }
        break;
      case 2: {  // the same finger down twice (or thrice), then up
        const auto id = finger();
        const Point p = in_window();
        for (auto n = dice_.range(2, 3); n > 0; --n) {
          emit(down, id, jitter(p, 30));
          t_ += dice_.range(0, 40);
        }
        emit(up, id, p);
        break;
      }
      case 3: {  // a whole gesture outside the window
        const auto id = dice_.percent(50) ? finger() : dice_.pick(odd_ids);
        Point p = wild();
        emit(down, id, p);
        for (auto n = dice_.range(1, 8); n > 0; --n) {
          t_ += dice_.range(4, 8);
          p = jitter(p, 500);
          emit(move, id, p);
        }
        emit(up, id, p);
        break;
      }
      case 4: {  // in and out of the window across the edge
        const auto id = finger();
        Point p = {dice_.range(0, 1) * (kWidth - 1), dice_.range(0, kHeight - 1)};
        emit(down, id, p);
        for (auto n = dice_.range(2, 12); n > 0; --n) {
          t_ += dice_.range(4, 8);
          p = {p.x + dice_.range(-120, 120), p.y + dice_.range(-40, 40)};
          emit(move, id, p);
        }
        emit(up, id, p);
        break;
      }
      default:  // a down at a wild place, lifted in the window (and the reverse)
        if (dice_.percent(50)) {
          const auto id = finger();
          emit(down, id, wild());
          t_ += dice_.range(10, 100);
          emit(up, id, in_window());
        } else {
          const auto id = finger();
          emit(down, id, in_window());
          t_ += dice_.range(10, 100);
          emit(up, id, wild());
        }
        break;
    }
  }

  // A finger put down and forgotten: later gestures happen around it until it lifts.
  void stray() {
    if (down_.size() < 12) emit(down, dice_.range(40, 63), anywhere());
  }

  // Mostly short pauses, sometimes a visitor reading; idle stretches cost no frames.
  void pause() {
    const auto roll = dice_.range(0, 99);
    t_ += roll < 55 ? dice_.range(0, 120) : roll < 90 ? dice_.range(120, 900) : dice_.range(900, 4000);
  }

  // How often each episode comes, weighed against its cost: every frame it makes the app draw
  // takes ~30 ms of software rendering, so most events come many to a frame (touch panels
  // report at 100-250 Hz, bursts at one instant) and the expensive single-finger gestures
  // (transitions, inertia after a flick) are fewer.
  struct Episode {
    std::int64_t weight;
    void (Monkey::*play)();
  };
  static constexpr Episode kEpisodes[] = {
      {36, &Monkey::tap}, {3, &Monkey::drag}, {4, &Monkey::flick}, {3, &Monkey::hold}, {16, &Monkey::fingers},
      {15, &Monkey::burst}, {8, &Monkey::garbage}, {5, &Monkey::stray}};
  static constexpr std::int64_t kTotalWeight = [] {
    std::int64_t sum = 0;
    for (const auto& e : kEpisodes) sum += e.weight;
    return sum;
  }();

  Dice dice_;
  std::vector<std::string> lines_;
  std::set<std::int64_t> down_;
  std::int64_t t_ = 500;
  std::size_t events_ = 0;
  std::vector<std::size_t> dump_events_;
};

std::string replace_dir(std::string line, const std::string& dir) {
  for (auto pos = line.find("$DIR"); pos != std::string::npos; pos = line.find("$DIR", pos + dir.size()))
    line.replace(pos, 4, dir);
  return line;
}

}  // namespace

TEST_SUITE("Monkey") {
  TEST_CASE("Random touch events: no crash, no sanitizer report, memory flat, then a reset and a tap that opens a collection") {
    using namespace orpheus;
    const char* env_kiosk = std::getenv("ORPHEUS_MONKEY_KIOSK");
    const std::string kiosk = env_kiosk && *env_kiosk ? env_kiosk : ORPHEUS_KIOSK;
    REQUIRE_MESSAGE(std::filesystem::exists(kiosk), "no kiosk at " << kiosk << " (for the long run the test kiosk_asan_build builds it)");
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    REQUIRE(!snap->collections.empty());
    const std::string slug = snap->collections.front().slug;

    const bool full = test::long_run();
    const std::size_t wanted = full ? 1000000 : 100000, dump_every = 2000;
    Monkey monkey(20240611u);
    monkey.play(wanted, dump_every);
    const std::size_t events = monkey.events();
    // Afterwards: every finger up, then nothing for longer than the idle timeout (90 s, set below;
    // the attract loop starts at 180 s): the kiosk resets itself for the next visitor, whatever
    // the monkey left (a screen, its scroll, reach mode, a text size, a language, a picker open),
    // and that visitor's tap on a collection opens it.
    monkey.advance(500);
    monkey.lift_all();
    const auto end = monkey.now();
    const auto at = [&](std::int64_t dt) { return R"({"t_ms": )" + std::to_string(end + dt); };
    monkey.line(at(100000) + R"(, "state": "$DIR/reset.json"})");
    monkey.line(at(102000) + R"(, "tap_target": "collection.)" + slug + R"("})");
    monkey.line(R"({"state": "$DIR/after.json"})");
    monkey.line(R"({"quit": true})");

    test::use_headless_environment();
    // intercept_tls_get_addr=0: GCC 12's LeakSanitizer misreads glibc >= 2.25 dynamic TLS blocks
    // and its tracer can crash at exit (google/sanitizers#1322); the leak check itself stays on.
    setenv("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0", 1);
    setenv("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1", 1);
    setenv("LSAN_OPTIONS", "suppressions=" ORPHEUS_SOURCE_DIR "/tests/lsan.supp", 1);
    // The run's files stay in the test's folder, so that a failed run can be replayed as it is.
    const auto out = std::filesystem::current_path() / "monkey-run";
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    const std::string dir = out.string(), script = dir + "/monkey.jsonl";
    {
      std::ofstream file(script);
      for (const auto& l : monkey.lines()) file << replace_dir(l, dir) << "\n";
      REQUIRE(file.good());
    }

    const auto started = std::chrono::steady_clock::now();
    // A 32 MB texture budget (the default is 256): full within the first tenth of the events, so
    // that what grows after is a leak, not the cache warming up, and eviction runs all along.
    const std::vector<std::string> argv{kiosk, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1280x800",
                                        "--set", "media.texture_budget_mb=32", "--set", "session.idle_timeout=90",
                                        "--set", "session.attract_timeout=180", "--replay", script};
    const auto r = test::run(argv, full ? 14400 : 1500);
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string err = r.err.size() > 60000 ? r.err.substr(0, 20000) + "\n[...]\n" + r.err.substr(r.err.size() - 40000) : r.err;
    INFO("replay: " << kiosk << " --pack " ORPHEUS_DEMO_PACK " --windowed 1280x800 --set media.texture_budget_mb=32 --replay "
                    << script
                    << "\nkiosk stderr:\n" << err);
    CHECK_FALSE(r.timed_out);
    CHECK(r.err.find("AddressSanitizer") == std::string::npos);
    CHECK(r.err.find("LeakSanitizer") == std::string::npos);
    CHECK(r.err.find("runtime error:") == std::string::npos);
    REQUIRE(r.exit_code == 0);

    // Where the monkey went: the screens of the dumps taken between its episodes.
    // Resident memory besides the textures, whose cache (32 MB here) holds what the screen of the
    // moment needs (an item's large image: 50 MB) and is checked on its own: the dump nearest
    // after the first tenth of the events is the baseline.
    const auto heap = [](const Json& dump) {
      return dump["rss_bytes"].get<double>() - dump["textures"]["bytes"].get<double>();
    };
    std::map<std::string, int> screens;
    const auto& dump_events = monkey.dump_events();
    const std::size_t baseline = static_cast<std::size_t>(
        std::lower_bound(dump_events.begin(), dump_events.end(), wanted / 10) - dump_events.begin());
    REQUIRE(baseline < dump_events.size());
    double heap_early = 0, rss_early = 0;
    for (std::size_t i = 0; i < dump_events.size(); ++i) {
      const auto text = test::read_text(dir + "/monkey-" + std::to_string(i) + ".json");
      if (text.empty()) continue;
      const auto dump = Json::parse(text);
      ++screens[dump["screen"].get<std::string>()];
      if (i == baseline) heap_early = heap(dump), rss_early = dump["rss_bytes"].get<double>();
    }
    std::string seen;
    for (const auto& [screen, n] : screens) seen += " " + screen + " " + std::to_string(n);
    const auto after_text = test::read_text(dir + "/after.json");
    REQUIRE_MESSAGE(!after_text.empty(), "no final state dump");
    const auto after = Json::parse(after_text);
    MESSAGE(events << " random events over " << end / 1000 << " s of virtual time, " << after["frame"].get<long>()
                   << " frames, " << static_cast<long>(wall_s) << " s wall; screens at the " << dump_events.size()
                   << " pauses:" << seen);
    const double heap_end = heap(after);
    MESSAGE("resident (besides textures): " << rss_early / 1e6 << " MB (" << heap_early / 1e6 << ") after "
                                            << dump_events[baseline] << " events, "
                                            << after["rss_bytes"].get<double>() / 1e6 << " MB (" << heap_end / 1e6
                                            << ") at the end; textures at most " << after["textures"]["budget"].get<double>() / 1e6
                                            << " MB beyond the screen's own");
    REQUIRE(heap_early > 0);
    CHECK(heap_end <= 1.05 * heap_early);
    // It got around (e.g. not stuck in the viewer): if this fails after a layout change, the
    // taps of in_window() no longer find the buttons.
    CHECK(screens.size() >= 3);

    // The kiosk reset itself for the next visitor, and still responds: the tap opened the collection.
    const auto reset_text = test::read_text(dir + "/reset.json");
    REQUIRE_MESSAGE(!reset_text.empty(), "no state dump after the idle timeout");
    const auto reset = Json::parse(reset_text);
    CHECK(reset["screen"] == "home");
    CHECK(reset["scroll"].get<double>() == 0.0);
    CHECK(reset["text_size"] == "normal");
    CHECK(reset["reach"]["on"] == false);
    CHECK(reset["high_contrast"] == false);
    CHECK(reset["choosing_language"] == false);
    CHECK(after["screen"] == "collection");
    CHECK(after["collection"]["slug"] == slug);
  }
}
