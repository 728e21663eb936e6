#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"
#include "ops/health.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace orpheus;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The file parsed, or a discarded value if it is missing or not JSON.
json read_json(const fs::path& file) { return json::parse(test::read_text(file), nullptr, false); }

// Polls `pred` until it holds or `timeout` passes.
template <class P>
bool eventually(P pred, std::chrono::milliseconds timeout = 5s) {
  return test::wait_until(pred, timeout, 2ms);
}

// Waits for a written document satisfying `pred`; returns it (discarded if none came).
template <class P>
json wait_for_doc(const fs::path& file, P pred, std::chrono::milliseconds timeout = 5s) {
  json doc;
  eventually([&] {
    doc = read_json(file);
    return !doc.is_discarded() && pred(doc);
  }, timeout);
  return doc;
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return {};
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

}  // namespace

TEST_SUITE("Health file") {
  TEST_CASE("The file is there at once, with every field") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 1h);
    REQUIRE(fs::exists(file));
    const json doc = read_json(file);
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["version"] == 1);
    CHECK(doc["pid"] == ::getpid());
    REQUIRE(doc["written"].is_string());
    CHECK(std::regex_match(doc["written"].get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    REQUIRE(doc["uptime_s"].is_number());
    CHECK(doc["uptime_s"].get<double>() >= 0);
    CHECK(doc["uptime_s"].get<double>() < 5);
    CHECK(doc["state"] == "starting");
    CHECK(doc["screen"] == "");
    CHECK(doc["pack"].is_null());
    CHECK(doc["frames"] == 0);
    CHECK(doc["fps"] == 0);
    CHECK(doc["last_frame_age_s"].is_null());
    REQUIRE(doc["rss_bytes"].is_number_unsigned());
    CHECK(doc["rss_bytes"].get<std::uint64_t>() > 0);
    CHECK(doc["errors"] == log::error_count());
    CHECK(doc["problems"] == log::problem_count());
    CHECK(doc["recent_errors"].is_array());
    // Only the file: no temporary left behind.
    CHECK(files_in(dir.path()) == std::vector<std::string>{"health.json"});
  }

  TEST_CASE("A published snapshot shows in the next file") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 20ms);
    ops::HealthSnapshot s;
    s.state = "running";
    s.screen = "collection";
    s.pack_id = "thracology";
    s.pack_version = "1.2";
    s.pack_file = "/var/lib/orpheus/packs/thracology-1.2.orpack";
    s.pack_trusted = true;
    s.frames = 77;
    s.last_frame = Clock::now();
    writer.publish(s);
    const json doc = wait_for_doc(file, [](const json& d) { return d["state"] == "running"; });
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["screen"] == "collection");
    CHECK(doc["pack"] == json{{"id", "thracology"}, {"version", "1.2"}, {"trusted", true},
                              {"file", "/var/lib/orpheus/packs/thracology-1.2.orpack"}});
    CHECK(doc["frames"] == 77);
    REQUIRE(doc["last_frame_age_s"].is_number());
    CHECK(doc["last_frame_age_s"].get<double>() >= 0);
    CHECK(doc["last_frame_age_s"].get<double>() < 5);
  }

  TEST_CASE("fps is the frames since the previous write over the time since it") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 100ms);
    ops::HealthSnapshot s;
    s.frames = 50;
    writer.publish(s);
    // From 0 to 50 frames within one interval (>= 100 ms): at most 500 fps.
    json doc = wait_for_doc(file, [](const json& d) { return d["frames"] == 50; });
    REQUIRE_FALSE(doc.is_discarded());
    const double first = doc["fps"].get<double>();
    CHECK(first > 0);
    CHECK(first <= 500.01);
    const double uptime = doc["uptime_s"].get<double>();
    // No frames since: the next write says 0.
    doc = wait_for_doc(file, [&](const json& d) { return d["uptime_s"].get<double>() > uptime; });
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["fps"] == 0);
  }

  TEST_CASE("last_frame_age_s grows while no new snapshot comes") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 20ms);
    ops::HealthSnapshot s;
    s.state = "running";
    s.frames = 1;
    s.last_frame = Clock::now();
    writer.publish(s);
    const json early = wait_for_doc(file, [](const json& d) { return d["frames"] == 1; });
    REQUIRE(early["last_frame_age_s"].is_number());
    const double a = early["last_frame_age_s"].get<double>();
    // Time must pass for the age to grow: the wait below lasts the quarter of a second it checks.
    const json later =
        wait_for_doc(file, [&](const json& d) { return d["last_frame_age_s"].get<double>() >= a + 0.25; });
    REQUIRE_FALSE(later.is_discarded());
    CHECK(later["last_frame_age_s"].get<double>() >= a + 0.25);
    CHECK(later["frames"] == 1);
    CHECK(later["state"] == "running");  // the loop hung, the file did not
  }

  TEST_CASE("A reader never sees a half-written file") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 10ms);
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, bad{0};
    std::string first_bad;
    std::set<double> uptimes;  // distinct documents seen
    std::thread reader([&] {
      while (!done) {
        const std::string text = test::read_text(file);
        const json doc = json::parse(text, nullptr, false);
        if (doc.is_discarded() || !doc.contains("recent_errors")) {
          if (bad++ == 0) first_bad = text;
        } else {
          uptimes.insert(doc["uptime_s"].get<double>());
        }
        ++reads;
      }
    });
    // Long strings make each write large enough to be caught half-way if it were not atomic.
    ops::HealthSnapshot s;
    s.state = "running";
    s.pack_id = "p";
    s.pack_file = std::string(8000, 'x');
    const auto start = Clock::now();
    // At least 3000 reads over at least 50 rewrites; a 20 s bound for a very slow machine.
    auto more = [&] { return (reads < 3000 || Clock::now() - start < 1s) && Clock::now() - start < 20s; };
    for (std::uint64_t f = 0; more(); ++f) {
      s.frames = f;
      s.last_frame = Clock::now();
      writer.publish(s);
      std::this_thread::sleep_for(1ms);
    }
    done = true;
    reader.join();
    INFO("first bad read: ", first_bad.substr(0, 200));
    CHECK(reads.load() >= 3000);
    CHECK(bad.load() == 0);
    CHECK(uptimes.size() > 20);  // the file really was rewritten while it was read
  }

  TEST_CASE("Recent warnings and errors and their counts are in the file") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 20ms);
    log::error("health-test", "a test error, on purpose");
    const json doc = wait_for_doc(file, [](const json& d) { return d["errors"] == log::error_count(); });
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["problems"] == log::problem_count());
    REQUIRE(doc["recent_errors"].is_array());
    REQUIRE_FALSE(doc["recent_errors"].empty());
    CHECK(has(doc["recent_errors"].back().get<std::string>(), "error health-test: a test error, on purpose"));
  }

  TEST_CASE("Bytes that are not UTF-8 do not stop the file") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    ops::HealthWriter writer(file, 20ms);
    ops::HealthSnapshot s;
    s.state = "running";
    s.pack_id = "latin1-\xe9t\xe9";
    s.pack_file = "/packs/\xff\xfe.orpack";
    writer.publish(s);
    const json doc = wait_for_doc(file, [](const json& d) { return d["state"] == "running"; });
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(has(doc["pack"]["file"].get<std::string>(), ".orpack"));
  }

  TEST_CASE("The destructor writes a last file saying \"stopping\"") {
    test::TempDir dir;
    const fs::path file = dir / "health.json";
    {
      ops::HealthWriter writer(file, 1h);
      ops::HealthSnapshot s;
      s.state = "running";
      s.screen = "attract";
      s.frames = 9;
      writer.publish(s);
      REQUIRE(read_json(file)["state"] == "starting");  // the hour has not passed
    }
    const json doc = read_json(file);
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["state"] == "stopping");
    CHECK(doc["screen"] == "attract");
    CHECK(doc["frames"] == 9);
    CHECK(files_in(dir.path()) == std::vector<std::string>{"health.json"});
  }

  TEST_CASE("A folder that is missing or not writable: the constructor says which") {
    test::TempDir dir;
    const fs::path missing = dir / "no-such-folder";
    std::string e = error_of([&] { ops::HealthWriter w(missing / "health.json", 1s); });
    CHECK(has(e, missing.string()));
    CHECK(has(e, "does not exist"));

    test::write_text(dir / "a-file", "x");
    e = error_of([&] { ops::HealthWriter w(dir / "a-file" / "health.json", 1s); });
    CHECK(has(e, (dir / "a-file").string()));

    // /proc takes no new files, even from root; chmod is enough for anyone else.
    fs::path readonly = "/proc";
    if (::geteuid() != 0) {
      readonly = dir / "readonly";
      fs::create_directory(readonly);
      ::chmod(readonly.c_str(), 0500);
    }
    e = error_of([&] { ops::HealthWriter w(readonly / "orpheus-health.json", 1s); });
    CHECK(has(e, readonly.string()));
    CHECK(has(e, "not writable"));
    ::chmod((dir / "readonly").c_str(), 0700);
  }

  TEST_CASE("A failing write is logged once and retried next interval") {
    test::TempDir dir;
    const fs::path folder = dir / "run";
    fs::create_directory(folder);
    const fs::path file = folder / "health.json";
    ops::HealthWriter writer(file, 10ms);
    const auto before = log::problem_count();
    // The folder goes away (renamed, so no write is caught half-way through removing it).
    fs::rename(folder, dir / "away");
    REQUIRE(eventually([&] { return log::problem_count() - before >= 1; }));  // the first failing write
    std::this_thread::sleep_for(150ms);  // ~15 more failing writes, none of them logged
    CHECK(log::problem_count() - before == 1);
    const auto recent = log::recent_problems();
    REQUIRE_FALSE(recent.empty());
    CHECK(has(recent.back(), "warn health:"));
    CHECK(has(recent.back(), file.string()));
    CHECK(has(recent.back(), std::strerror(ENOENT)));
    // The folder is back: the writer carries on.
    fs::create_directory(folder);
    CHECK(eventually([&] { return fs::exists(file); }));
    CHECK_FALSE(read_json(file).is_discarded());
  }
}

TEST_SUITE("Process figures") {
  TEST_CASE("Resident memory is in bytes and follows what the process touches") {
    const auto before = ops::resident_bytes();
    CHECK(before > 1'000'000);
    std::vector<char> block(64 << 20);
    for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(i);
    const auto after = ops::resident_bytes();
    CHECK(after >= before + (48 << 20));
    CHECK(block[4096] == static_cast<char>(4096));
  }
  TEST_CASE("Free disk space is what statvfs gives an unprivileged user") {
    const auto free_tmp = ops::free_disk_bytes("/tmp");
    CHECK(free_tmp > 0);
    const auto expected = fs::space("/tmp").available;
    const auto diff = free_tmp > expected ? free_tmp - expected : expected - free_tmp;
    CHECK(diff < (64u << 20));
    CHECK(ops::free_disk_bytes("/no/such/folder") == 0);
  }
}
