#pragma once
// One-line, levelled logging to stderr: "LEVEL component: message". Under systemd (stderr is
// the journal, $JOURNAL_STREAM) each line starts with its syslog priority ("<3>") instead, so
// journalctl -p works. Thread-safe: any thread may log. One event = one line.
// The last warnings and errors are kept in memory for the admin screen and the health file.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(Level level);
Level level();
// "debug", "info", "warn", "error"; false if `name` is none of them.
bool parse_level(std::string_view name, Level& out);
void write(Level level, std::string_view component, std::string_view message);

inline void debug(std::string_view c, std::string_view m) { write(Level::debug, c, m); }
inline void info(std::string_view c, std::string_view m) { write(Level::info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::error, c, m); }

// The newest warnings and errors (at most 50), oldest first, each "2026-11-27T10:00:00Z error
// component: message"; and how many there were since the start.
std::vector<std::string> recent_problems();
// Now in UTC, "2026-11-27T10:00:00Z" (the timestamps of recent_problems and the health file).
std::string utc_timestamp();
std::uint64_t problem_count();
std::uint64_t error_count();

}  // namespace orpheus::log
