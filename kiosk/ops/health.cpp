#include "ops/health.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "core/files.h"
#include "core/log.h"

namespace orpheus::ops {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
  return std::round(std::chrono::duration<double>(d).count() * 1000.0) / 1000.0;
}

fs::path folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

}  // namespace

HealthWriter::HealthWriter(fs::path file, std::chrono::milliseconds interval)
    : file_(std::move(file)), interval_(interval), started_(Clock::now()) {
  assert(interval_.count() > 0);
  const fs::path folder = folder_of(file_);
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw std::runtime_error("health file folder " + folder.string() + " does not exist" +
                             (ec ? " (" + ec.message() + ")" : std::string()));
  try {
    write_now();
  } catch (const std::exception& e) {
    throw std::runtime_error("health file folder " + folder.string() + " is not writable: " + e.what());
  }
  thread_ = std::thread([this] { run(); });
}

HealthWriter::~HealthWriter() {
  {
    std::lock_guard lock(mutex_);
    snapshot_.state = "stopping";
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HealthWriter::publish(const HealthSnapshot& s) {
  std::lock_guard lock(mutex_);
  snapshot_ = s;
}

void HealthWriter::run() {
  auto next = Clock::now() + interval_;
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex_);
      cv_.wait_until(lock, next, [this] { return stop_; });
      stop = stop_;
    }
    // Never throws out of the thread: a failed write is reported once and tried again.
    try {
      write_now();
      if (failing_) log::info("health", "writing " + file_.string() + " again");
      failing_ = false;
    } catch (const std::exception& e) {
      if (!failing_) log::warn("health", e.what());
      failing_ = true;
    }
    if (stop) return;
    next += interval_;
    // After a stall (suspend, a slow disk) resume the rhythm instead of catching up.
    if (const auto now = Clock::now(); next < now) next = now + interval_;
  }
}

void HealthWriter::write_now() {
  HealthSnapshot s;
  {
    std::lock_guard lock(mutex_);
    s = snapshot_;
  }
  const auto now = Clock::now();
  double fps = 0;
  if (prev_write_ != Clock::time_point{} && s.frames >= prev_frames_) {
    const double dt = std::chrono::duration<double>(now - prev_write_).count();
    if (dt > 0) fps = std::round(static_cast<double>(s.frames - prev_frames_) / dt * 100.0) / 100.0;
  }

  nlohmann::json doc = {
      {"version", 1},
      {"pid", ::getpid()},
      {"written", log::utc_timestamp()},
      {"uptime_s", seconds(now - started_)},
      {"state", s.state},
      {"screen", s.screen},
  };
  if (s.pack_id.empty()) {
    doc["pack"] = nullptr;
  } else {
    doc["pack"] = {{"id", s.pack_id}, {"version", s.pack_version}, {"trusted", s.pack_trusted},
                   {"file", s.pack_file}};
  }
  doc["frames"] = s.frames;
  doc["fps"] = fps;
  if (s.last_frame == Clock::time_point{}) doc["last_frame_age_s"] = nullptr;
  else doc["last_frame_age_s"] = seconds(now - s.last_frame);
  doc["rss_bytes"] = resident_bytes();
  doc["errors"] = log::error_count();
  doc["problems"] = log::problem_count();
  doc["recent_errors"] = log::recent_problems();

  // File names and log lines need not be UTF-8: replace bad bytes rather than fail the write.
  core::write_file_atomically(file_, doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  prev_write_ = now;
  prev_frames_ = s.frames;
}

std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
}

std::uint64_t free_disk_bytes(const fs::path& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.f_bavail) * static_cast<std::uint64_t>(st.f_frsize);
}

}  // namespace orpheus::ops
