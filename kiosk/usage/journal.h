#pragma once
// The kiosk's usage journal: a SQLite file in the state folder (docs/usage.md). The kiosk hands
// it finished sessions (usage/recorder.h), the local hours it runs and its items' titles; a thread
// of its own writes them in batches (one transaction every few seconds or 64 records), so the UI
// thread never waits on the disk. WAL mode: a crash or a power cut loses at most the last batch,
// never the file. Bounded: sessions older than `detail_days` are rolled up into one summary per
// day (usage/summary.h: the same function summarises a day from its sessions before and after),
// and summaries older than `keep_days` are dropped.
//
// Reading (orpheus-stats export, the admin screen) opens the file on its own connection:
// read_days() and read_dashboard() may run on any thread while the kiosk writes.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "usage/recorder.h"
#include "usage/summary.h"

namespace orpheus::usage {

inline constexpr int kSearchTextSessions = 5;  // a search text is told only once this many sessions typed it (a day)

struct JournalOptions {
  int detail_days = 35;   // sessions kept one by one (the admin screen's 30 days need them)
  int keep_days = 730;    // day summaries kept
  double flush_s = 3;     // at most this long between a record and its commit
};

class Journal {
 public:
  // Opens (creating) the file on the writer thread; a file that cannot be opened is logged once
  // and every record dropped (the kiosk runs on without its journal).
  Journal(std::filesystem::path file, JournalOptions options = {});
  ~Journal();  // commits what is queued, then joins
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Any thread, never blocks on the disk.
  void add(VisitRecord visit);
  void hour_on(std::string day, int hour);  // the kiosk ran in this local hour
  // The titles of a pack's items (slug -> language -> title), kept for the export.
  void titles(std::map<std::string, std::map<std::string, std::string>> titles);
  // The museum's time zone (IANA name), kept for the export.
  void time_zone(std::string name);
  // Rolls up days before `today - detail_days` and drops summaries before `today - keep_days`
  // (the kiosk asks once a day and at start).
  void roll_up(std::string today);
  // Blocks until everything added so far is committed (tests, the state dump).
  void flush();
  std::uint64_t committed() const;  // sessions committed since the start
  const std::filesystem::path& file() const { return file_; }

 private:
  struct HourOn {
    std::string day;
    int hour;
  };
  struct Titles {
    std::map<std::string, std::map<std::string, std::string>> titles;
  };
  struct RollUp {
    std::string today;
  };
  struct Zone {
    std::string name;
  };
  using Record = std::variant<VisitRecord, HourOn, Titles, RollUp, Zone>;
  void push(Record r);
  void run();

  std::filesystem::path file_;
  JournalOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_, flushed_cv_;
  std::deque<Record> queue_;
  std::uint64_t queued_ = 0, written_ = 0;  // records, for flush()
  std::uint64_t committed_visits_ = 0;
  bool flush_now_ = false, stop_ = false;
  std::thread thread_;
};

// The summary of each day in [from, to] (YYYY-MM-DD, inclusive) that has anything recorded:
// from its sessions, or its rolled-up summary. Throws sql::Error naming the file.
std::vector<DaySummary> read_days(const std::filesystem::path& file, const std::string& from, const std::string& to);
// The time zone the kiosk last recorded; nullopt if none.
std::optional<std::string> journal_time_zone(const std::filesystem::path& file);
// The titles kept for the items named in `days`.
std::map<std::string, std::map<std::string, std::string>> read_titles(const std::filesystem::path& file,
                                                                      const std::vector<DaySummary>& days);

// What the admin screen charts: today, and the 30 days ending today.
struct Dashboard {
  std::string today;
  DaySummary day;                        // today
  DaySummary month;                      // the 30 days merged (median from the length bands)
  std::vector<std::pair<std::string, std::int64_t>> sessions_by_day;  // 30 entries, oldest first
  std::map<std::string, std::map<std::string, std::string>> titles;
};
Dashboard read_dashboard(const std::filesystem::path& file, const std::string& today);

// Adds `day` into `into` (counts summed, lists merged; the median from the merged bands).
void merge_into(DaySummary& into, const DaySummary& day);

}  // namespace orpheus::usage
