#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "packs/progress.h"

using namespace orpheus;
using packs::Progress;
using packs::ProgressBar;

namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// The frames drawn on the current line: what follows each "\r".
std::vector<std::string> frames(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t at = s.find('\r'); at != std::string::npos;) {
    const std::size_t next = s.find_first_of("\r\n", at + 1);
    out.push_back(s.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
    at = s.find('\r', at + 1);
  }
  return out;
}

}  // namespace

TEST_SUITE("Progress display") {
  TEST_CASE("On a terminal a bar is redrawn in place with the counts and the percentage, and ends its line at 100%") {
    std::ostringstream out;
    {
      auto now = ProgressBar::Clock::now();
      ProgressBar bar(out, /*terminal=*/true, 80, [&] { return now; });
      bar.update(Progress{"images", 0, 200});
      const std::string first = out.str();
      REQUIRE(frames(first).size() == 1);
      CHECK(first.front() == '\r');
      CHECK(first.find('\n') == std::string::npos);
      const std::string f0 = frames(first)[0];
      CHECK(f0.starts_with("images  ["));
      CHECK(f0.find("  0/200  0%") != std::string::npos);
      CHECK(count(f0, "#") == 0);
      CHECK(f0.find("left") == std::string::npos);
      CHECK(f0.ends_with("\x1b[K"));  // clears what a longer frame left

      now += std::chrono::milliseconds(150);  // past the redraw interval
      bar.update(Progress{"images", 52, 200});
      const auto f = frames(out.str());
      REQUIRE(f.size() == 2);
      CHECK(f[1].find("  52/200  26%") != std::string::npos);
      CHECK(count(f[1], "#") > 0);
      CHECK(count(f[1], "-") > count(f[1], "#"));
      CHECK(f[1].size() == f0.size());  // the bar keeps its width
      CHECK(out.str().find('\n') == std::string::npos);

      bar.update(Progress{"images", 200, 200});  // drawn at once, however soon
      const std::string all = out.str();
      REQUIRE(frames(all).size() == 3);
      const std::string last = frames(all).back();
      CHECK(last.find("  200/200  100%") != std::string::npos);
      CHECK(count(last, "-") == 0);
      CHECK(last.find("100%  0:0") != std::string::npos);  // the time it took
      CHECK(all.ends_with("\n"));
      CHECK(count(all, "\n") == 1);
    }
    CHECK(count(out.str(), "\n") == 1);  // the destructor adds nothing to a closed line
  }

  TEST_CASE("After a second an estimate of the time left is shown") {
    std::ostringstream out;
    auto now = ProgressBar::Clock::now();
    ProgressBar bar(out, true, 80, [&] { return now; });
    bar.update(Progress{"tiles", 0, 100});
    now += std::chrono::milliseconds(1100);
    bar.update(Progress{"tiles", 50, 100});
    const auto f = frames(out.str());
    REQUIRE(f.size() == 2);
    CHECK(f[1].find("50/100  50%") != std::string::npos);
    CHECK(f[1].find(" left") != std::string::npos);
    CHECK(f[1].find("50%  0:0") != std::string::npos);  // 1.1 s for half: about 1 s to go
    CHECK(f[1].ends_with(" left\x1b[K"));
  }

  TEST_CASE("Ten thousand quick updates redraw at most about ten times a second") {
    std::ostringstream out;
    const auto start = std::chrono::steady_clock::now();
    {
      ProgressBar bar(out, true);
      for (std::uint64_t i = 0; i <= 10000; ++i) bar.update(Progress{"blobs", i, 10000});
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string s = out.str();
    const auto draws = frames(s).size();
    CHECK(draws >= 2);  // the first and the last
    CHECK(draws <= 3 + static_cast<std::size_t>(seconds * 10));
    CHECK(s.size() < 200 * (3 + static_cast<std::size_t>(seconds * 10)));
    CHECK(frames(s).back().find("10000/10000  100%") != std::string::npos);
    CHECK(count(s, "\n") == 1);
  }

  TEST_CASE("Notes print as lines, and a new stage ends the bar left open") {
    std::ostringstream out;
    {
      ProgressBar bar(out, true);
      bar.update(Progress{"reading src"});
      CHECK(out.str() == "reading src\n");
      bar.update(Progress{"reading src"});  // the same note again is not repeated
      CHECK(out.str() == "reading src\n");
      bar.update(Progress{"images", 3, 10});
      CHECK(count(out.str(), "\n") == 1);  // the bar is open on its line
      bar.update(Progress{"tiles", 0, 5});
      const std::string s = out.str();
      const auto at = s.find("\rtiles");
      REQUIRE(at != std::string::npos);
      CHECK(s[at - 1] == '\n');  // the images bar was ended before the tiles bar began
      bar.update(Progress{"writing"});
      CHECK(out.str().ends_with("\nwriting\n"));
      bar.update(Progress{"copying", 1, 4});
    }
    CHECK(out.str().ends_with("\n"));  // the destructor ends the open copying bar
    CHECK(count(out.str(), "\n") == 5);
  }

  TEST_CASE("finish() ends an open bar once") {
    std::ostringstream out;
    ProgressBar bar(out, true);
    bar.finish();
    CHECK(out.str().empty());
    bar.update(Progress{"images", 1, 3});
    bar.finish();
    bar.finish();
    CHECK(count(out.str(), "\n") == 1);
  }

  TEST_CASE("Off a terminal a stage is one line at its start and one at its end, nothing in between") {
    std::ostringstream out;
    {
      ProgressBar bar(out, /*terminal=*/false);
      bar.update(Progress{"reading src"});
      for (std::uint64_t i = 0; i < 200; ++i) bar.update(Progress{"images", i, 200});
      CHECK(out.str() == "reading src\nimages: 200 to do\n");
      bar.update(Progress{"images", 200, 200});
      CHECK(out.str().starts_with("reading src\nimages: 200 to do\nimages: 200/200 done in 0:"));
      CHECK(out.str().ends_with("\n"));
      bar.update(Progress{"tiles", 0, 7});
      bar.update(Progress{"tiles", 3, 7});
    }
    const std::string s = out.str();
    CHECK(s.find('\r') == std::string::npos);
    CHECK(s.find('\x1b') == std::string::npos);
    CHECK(s.ends_with("tiles: 7 to do\n"));  // an unfinished stage adds no end line
    CHECK(count(s, "\n") == 4);
  }

  TEST_CASE("The callback feeds the bar") {
    std::ostringstream out;
    ProgressBar bar(out, false);
    const packs::ProgressFn fn = bar.callback();
    fn(Progress{"copying", 10, 10});
    CHECK(out.str().starts_with("copying: 10 to do\ncopying: 10/10 done in 0:0"));
  }

  TEST_CASE("A pipe is not a terminal") {
    CHECK_FALSE(ProgressBar::is_terminal(-1));
  }
}
