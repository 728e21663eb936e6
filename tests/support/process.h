#pragma once
// Runs a program as a child process for end-to-end tests and benchmarks: arguments, an
// environment for headless SDL (offscreen video driver, no DISPLAY), stderr captured.
#include <string>
#include <sys/types.h>

#include "support/temp_dir.h"
#include <vector>

namespace orpheus::test {

struct RunResult {
  int exit_code = -1;     // -1: killed by a signal or timed out
  bool timed_out = false;
  std::string err;        // captured stderr
  std::string out;        // captured stdout
};

// Environment for a headless kiosk: SDL_VIDEODRIVER=offscreen, DISPLAY and WAYLAND_DISPLAY unset.
void use_headless_environment();

RunResult run(const std::vector<std::string>& argv, int timeout_s = 120);

// Starts a child whose stderr goes to `stderr_file` (and stdout to `stdout_file`, else nowhere);
// returns its pid (for /proc sampling). The child gets SIGTERM if the calling thread dies first
// (PR_SET_PDEATHSIG): a test or benchmark killed by Ctrl-C or a CTest timeout leaves no kiosk
// running. With `own_process_group` the child leads a new process group (id = its pid), so a
// program that starts helpers of its own (a browser) can be ended whole with killpg.
pid_t spawn(const std::vector<std::string>& argv, const std::string& stderr_file, const std::string& stdout_file = {},
            bool own_process_group = false);
int wait_exit(pid_t pid, int timeout_s, long* max_rss_kb = nullptr);
// User + system CPU time a live process has used so far, in clock ticks (0 if it is gone).
double cpu_ticks(pid_t pid);
// CPU seconds the whole machine has been busy (all processes, all cores), from /proc/stat.
double machine_busy_seconds();
// User + system CPU seconds from getrusage(who): RUSAGE_SELF, or RUSAGE_CHILDREN (children reaped
// so far; wait_exit reaps them).
double rusage_cpu_seconds(int who);


}  // namespace orpheus::test
