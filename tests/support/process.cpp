#include "support/process.h"
#include "support/wait.h"

#include <sys/prctl.h>
#include <cstdio>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace orpheus::test {

void use_headless_environment() {
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  // No test plays to the machine's sound card; a test that listens sets "disk" itself.
  setenv("SDL_AUDIODRIVER", "dummy", 0);
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& stderr_file, const std::string& stdout_file,
            bool own_process_group) {
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    if (own_process_group) setpgid(0, 0);
    const int fd = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) dup2(fd, 2);
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) dup2(devnull, 0);
    const int out = stdout_file.empty() ? devnull : open(stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) dup2(out, 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid, int timeout_s, long* max_rss_kb) {
  int status = 0;
  rusage usage{};
  if (!wait_until([&] { return wait4(pid, &status, WNOHANG, &usage) != 0; }, std::chrono::seconds(timeout_s),
                  std::chrono::milliseconds(5))) {
    kill(pid, SIGKILL);
    wait4(pid, &status, 0, &usage);
    return -2;
  }
  if (max_rss_kb) *max_rss_kb = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

RunResult run(const std::vector<std::string>& argv, int timeout_s) {
  TempDir dir;
  const std::string err_file = (dir / "stderr.txt").string(), out_file = (dir / "stdout.txt").string();
  RunResult r;
  const int code = wait_exit(spawn(argv, err_file, out_file), timeout_s);
  r.timed_out = code == -2;
  r.exit_code = code < 0 ? -1 : code;
  r.err = read_text(err_file);
  r.out = read_text(out_file);
  return r;
}

double cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  if (stat.empty()) return 0;
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) utime = std::stod(f);
    if (i == 15) { stime = std::stod(f); break; }
  }
  return utime + stime;
}

double rusage_cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double machine_busy_seconds() {
  unsigned long long v[8] = {};
  if (FILE* f = std::fopen("/proc/stat", "r")) {
    if (std::fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
                    &v[7]) != 8)
      v[0] = v[1] = v[2] = v[5] = v[6] = v[7] = 0;
    std::fclose(f);
  }
  // user nice system [idle iowait] irq softirq steal
  return static_cast<double>(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace orpheus::test
