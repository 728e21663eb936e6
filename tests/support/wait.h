#pragma once
// Waiting in tests and benchmarks for something observable (a file, a log line, a counter, a
// child's exit), never for a fixed time: a condition polled until it holds or a deadline passes.
// Header only; any thread may call these.
#include <sys/types.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

#include "support/temp_dir.h"

namespace orpheus::test {

using WaitClock = std::chrono::steady_clock;

// Calls `done` until it returns true or `timeout` has passed, every `poll` in between; whether
// it held. `done` is called at least once, and once more at the deadline.
template <class Done>
bool wait_until(Done&& done, WaitClock::duration timeout = std::chrono::seconds(20),
                WaitClock::duration poll = std::chrono::milliseconds(1)) {
  const auto deadline = WaitClock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (WaitClock::now() >= deadline) return done();
    std::this_thread::sleep_for(poll);
  }
}

// Whether child `pid` has ended, without reaping it (wait_exit and waitpid still see it).
inline bool child_ended(pid_t pid) {
  siginfo_t info{};
  return pid > 0 && ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

// What a wait for a child's output found: the thing, the child's end first, or the deadline.
enum class Waited { found, ended, timed_out };

// Polls `found` (every 5 ms) until it holds, child `pid` has ended (checked after a last look)
// or `timeout` passes.
template <class Found>
Waited wait_while_running(pid_t pid, Found&& found, WaitClock::duration timeout) {
  Waited out = Waited::timed_out;
  wait_until(
      [&] {
        const bool ended = child_ended(pid);  // before the look: output written just before the end counts
        if (found()) out = Waited::found;
        else if (ended) out = Waited::ended;
        return out != Waited::timed_out;
      },
      timeout, std::chrono::milliseconds(5));
  return out;
}

// Whether the text file `file` (a log, a trace) holds `needle` `times` times or more.
inline bool file_has(const std::filesystem::path& file, std::string_view needle, int times = 1) {
  const std::string text = read_text(file);
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos && n < times; at = text.find(needle, at + needle.size())) ++n;
  return n >= times;
}

// How a wait ended, for a failure message: "found", "the child ended first", "timed out after N s".
inline std::string describe(Waited w, WaitClock::duration timeout) {
  if (w == Waited::found) return "found";
  if (w == Waited::ended) return "the program ended first";
  return "timed out after " + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()) + " s";
}

}  // namespace orpheus::test
