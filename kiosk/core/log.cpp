#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace orpheus::log {
namespace {
std::atomic<Level> g_level{Level::info};
std::mutex g_mutex;

const char* name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "?";
}
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }

void write(Level l, std::string_view component, std::string_view message) {
  if (l < g_level.load()) return;
  std::string line;
  line.reserve(message.size() + component.size() + 16);
  line.append(name(l)).append(" ").append(component).append(": ");
  for (char ch : message) line.push_back(ch == '\n' ? ' ' : ch);  // one event, one line
  line.push_back('\n');
  std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace orpheus::log
