#pragma once
// The health file for monitoring: a small JSON document rewritten atomically (temporary file in
// the same folder, fsync, rename) every interval by its own thread, so a reader never sees a
// half-written file and the render loop never does file I/O. The render loop publishes a
// snapshot of its state; if it hangs, the file keeps being rewritten with a growing
// "last_frame_age_s", which is what monitoring alerts on.
//
//   {"version": 1, "pid": 1234, "written": "2026-11-27T10:00:00Z", "uptime_s": 3600.2,
//    "state": "running", "screen": "home",
//    "pack": {"id": "thracology", "version": "1.2", "trusted": true, "file": "..."},
//    "frames": 12345, "fps": 0.4, "last_frame_age_s": 2.1, "rss_bytes": 123456789,
//    "errors": 2, "problems": 3, "recent_errors": ["2026-11-27T09:59:00Z error catalog: ..."]}
// "pack" is null without a pack, "last_frame_age_s" null before the first frame; "errors" counts
// errors and "problems" warnings and errors since the start; "recent_errors" holds the newest of
// both (log::recent_problems()). The writer computes "fps" from the frame count between writes.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace orpheus::ops {

struct HealthSnapshot {
  std::string state = "starting";  // starting, running, unavailable, stopping
  std::string screen;              // home, collection, item, viewer, attract, admin
  std::string pack_id, pack_version, pack_file;
  bool pack_trusted = false;
  std::uint64_t frames = 0;
  double fps = 0;                  // not read: HealthWriter counts frames between its writes
  std::chrono::steady_clock::time_point last_frame{};  // epoch: no frame yet
};

class HealthWriter {
 public:
  // Starts the writer thread; writes a first file at once. Throws std::runtime_error if the
  // folder does not exist or is not writable (named in the message).
  HealthWriter(std::filesystem::path file, std::chrono::milliseconds interval);
  ~HealthWriter();  // writes a last file with state "stopping", joins
  HealthWriter(const HealthWriter&) = delete;
  HealthWriter& operator=(const HealthWriter&) = delete;

  void publish(const HealthSnapshot& s);  // cheap: copies under a mutex
  const std::filesystem::path& file() const { return file_; }

 private:
  void run();
  void write_now();
  std::filesystem::path file_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::condition_variable cv_;
  HealthSnapshot snapshot_;
  bool stop_ = false;
  // For fps and the once-only warning; the writer thread's alone once it runs.
  std::uint64_t prev_frames_ = 0;
  std::chrono::steady_clock::time_point prev_write_{};
  bool failing_ = false;
  std::thread thread_;
};

// The process's resident memory (VmRSS) in bytes, 0 if unknown; free bytes for an unprivileged
// user on the file system holding `path`, 0 if unknown.
std::uint64_t resident_bytes();
std::uint64_t free_disk_bytes(const std::filesystem::path& path);

}  // namespace orpheus::ops
