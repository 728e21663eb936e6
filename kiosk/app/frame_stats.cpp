#include "app/frame_stats.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/options.h"
#include "core/log.h"

namespace orpheus::app {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void FrameStats::trace_to(const std::filesystem::path& file) {
  trace_ = std::make_unique<std::ofstream>(file);
  if (!*trace_) throw UsageError("cannot write the --trace-frames file " + file.string());
}

void FrameStats::add(double frame_cpu_ms, double ui_cpu_ms, double upload_ms, double draw_ms, bool log_slow) {
  frame_cpu_ms_.push_back(frame_cpu_ms);
  ui_cpu_ms_.push_back(ui_cpu_ms);
  if (log_slow && frame_cpu_ms > kFrameCpuMs * 1.5)
    log::debug("app", "slow frame " + std::to_string(frames_) + ": " + std::to_string(frame_cpu_ms) + " ms CPU (screens " +
                          std::to_string(ui_cpu_ms) + ", uploads " + std::to_string(upload_ms) + ", draw " +
                          std::to_string(draw_ms) + ")");
}

void FrameStats::trace(std::uint64_t frame, double swap_ms, int events, touch::Vec2 last, std::optional<bool> viewer_sharp) {
  if (!trace_) return;
  *trace_ << "{\"frame\": " << frame << ", \"swap_ms\": " << std::fixed << swap_ms << ", \"events\": " << events;
  if (events > 0) *trace_ << ", \"last\": [" << last.x << ", " << last.y << "]";
  *trace_ << ", \"cpu_ms\": " << frame_cpu_ms_.back();
  if (viewer_sharp) *trace_ << ", \"viewer_sharp\": " << (*viewer_sharp ? "true" : "false");
  *trace_ << "}\n";
  trace_->flush();
}

void FrameStats::summarise(nlohmann::json& out) {
  if (frame_cpu_ms_.empty()) return;
  const auto summary = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    nlohmann::json s = {{"frames", v.size()}, {"median", v[v.size() / 2]}, {"p99", v[(v.size() * 99) / 100]}, {"max", v.back()}};
    v.clear();
    return s;
  };
  out["frame_cpu_ms"] = summary(frame_cpu_ms_);
  out["ui_cpu_ms"] = summary(ui_cpu_ms_);
}

}  // namespace orpheus::app
