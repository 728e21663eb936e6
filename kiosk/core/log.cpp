#include "core/log.h"

#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <mutex>
#include <string>

namespace orpheus::log {
namespace {
constexpr std::size_t kRecent = 50;
std::atomic<Level> g_level{Level::info};
std::mutex g_mutex;
std::deque<std::string> g_recent;     // guarded by g_mutex
std::atomic<std::uint64_t> g_problems{0}, g_errors{0};

const char* name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "?";
}

int syslog_priority(Level l) {
  switch (l) {
    case Level::debug: return 7;
    case Level::info: return 6;
    case Level::warn: return 4;
    case Level::error: return 3;
  }
  return 6;
}

// systemd sets JOURNAL_STREAM=DEV:INODE of the stream it connected to stderr; a redirected
// stderr (a file, a pipe) has another identity and gets plain lines.
bool stderr_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  if (!env) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(env, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  return fstat(2, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }

bool parse_level(std::string_view n, Level& out) {
  for (int i = 0; i <= 3; ++i)
    if (n == name(static_cast<Level>(i))) {
      out = static_cast<Level>(i);
      return true;
    }
  return false;
}

void write(Level l, std::string_view component, std::string_view message) {
  static const bool journal = stderr_is_journal();
  const bool problem = l >= Level::warn;
  if (l < g_level.load() && !problem) return;
  std::string text;
  text.reserve(message.size() + component.size() + 16);
  text.append(name(l)).append(" ").append(component).append(": ");
  for (char ch : message) text.push_back(ch == '\n' ? ' ' : ch);  // one event, one line
  std::lock_guard lock(g_mutex);
  if (problem) {
    ++g_problems;
    if (l == Level::error) ++g_errors;
    g_recent.push_back(utc_timestamp() + " " + text);
    if (g_recent.size() > kRecent) g_recent.pop_front();
  }
  if (l < g_level.load()) return;
  const std::string line = (journal ? "<" + std::to_string(syslog_priority(l)) + ">" : std::string()) + text + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

std::vector<std::string> recent_problems() {
  std::lock_guard lock(g_mutex);
  return {g_recent.begin(), g_recent.end()};
}
std::uint64_t problem_count() { return g_problems; }

std::string utc_timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}
std::uint64_t error_count() { return g_errors; }

}  // namespace orpheus::log
