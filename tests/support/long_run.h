#pragma once
// A long run and its short version are one test case at two sizes: the CTest entries labelled
// `long` (tests/CMakeLists.txt, orpheus_long_test) set ORPHEUS_LONG_RUN=1, the default suite not.
#include <cstdlib>
#include <string_view>

namespace orpheus::test {

inline bool long_run() {
  const char* env = std::getenv("ORPHEUS_LONG_RUN");
  return env && std::string_view(env) == "1";
}

}  // namespace orpheus::test
