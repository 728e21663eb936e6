#include "packs/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace orpheus::packs {
namespace {

std::string clock_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, bool terminal, int width, std::function<Clock::time_point()> now)
    : out_(out), terminal_(terminal), width_(std::max(width, 40)), now_(std::move(now)) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::is_terminal(int fd) {
  const char* term = std::getenv("TERM");
  return ::isatty(fd) && !(term && std::strcmp(term, "dumb") == 0);
}

void ProgressBar::finish() {
  if (open_) out_ << "\n" << std::flush;
  open_ = false;
}

void ProgressBar::update(const Progress& p) {
  const auto now = now_();
  const bool new_stage = p.stage != stage_;
  if (new_stage) {
    finish();
    stage_ = std::string(p.stage);
    stage_start_ = now;
    done_ = false;
    if (p.total == 0 || !terminal_) {  // a note, or the start of a stage in a log
      out_ << stage_ << (p.total ? ": " + std::to_string(p.total) + " to do" : std::string()) << "\n" << std::flush;
      if (p.total == 0) return;
    }
  }
  if (p.total == 0 || done_) return;
  const bool final = p.done >= p.total;
  done_ = final;
  if (!terminal_) {
    if (final) {
      const double secs = std::chrono::duration<double>(now - stage_start_).count();
      out_ << stage_ << ": " << p.done << "/" << p.total << " done in " << clock_text(secs) << "\n" << std::flush;
    }
    return;
  }
  if (!new_stage && !final && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(p, final);
}

void ProgressBar::draw(const Progress& p, bool final) {
  const double fraction = std::min(1.0, static_cast<double>(p.done) / static_cast<double>(p.total));
  const double elapsed = std::chrono::duration<double>(now_() - stage_start_).count();
  std::string tail = "  " + std::to_string(p.done) + "/" + std::to_string(p.total) + "  " +
                     std::to_string(static_cast<int>(fraction * 100)) + "%";
  if (final)
    tail += "  " + clock_text(elapsed);
  else if (p.done > 0 && elapsed > 1)
    tail += "  " + clock_text(elapsed / fraction - elapsed) + " left";
  const std::string head = stage_ + "  [";
  const int bar = std::max(10, width_ - static_cast<int>(head.size() + tail.size()) - 10);
  const int filled = static_cast<int>(fraction * bar);
  out_ << "\r" << head << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(bar - filled), '-') << "]" << tail << "\x1b[K" << std::flush;
  open_ = true;
  if (final) finish();
}

}  // namespace orpheus::packs
