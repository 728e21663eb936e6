#pragma once
// What the frames cost: the main thread's CPU time for each frame (building the UI, uploads,
// draw calls; not the swap) and, of that, for building the UI, summarised in the state dump
// (median, p99, max: the benchmarks read them); and --trace-frames, one JSON line per presented
// frame (docs/replay.md). No SDL/ImGui.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "touch/pointer.h"

namespace orpheus::app {

double thread_cpu_ms();  // CPU time of the calling thread

class FrameStats {
 public:
  static constexpr double kFrameCpuMs = 3.0;  // main-thread CPU a frame should take before its draw calls

  // --trace-frames. Throws UsageError when the file cannot be written.
  void trace_to(const std::filesystem::path& file);
  bool tracing() const { return trace_ != nullptr; }
  // A frame's CPU time, and of that its UI's, its uploads' and its draw calls'; with `log_slow` a
  // frame well over the budget is logged (debug) with its parts.
  void add(double frame_cpu_ms, double ui_cpu_ms, double upload_ms, double draw_ms, bool log_slow);
  void presented() { ++frames_; }
  std::uint64_t frames() const { return frames_; }  // presented since the start
  // One trace line: the frame, the time after its swap, the input events it handled (and where
  // the last was), its CPU time; in the viewer whether everything on screen is sharp.
  void trace(std::uint64_t frame, double swap_ms, int events, touch::Vec2 last, std::optional<bool> viewer_sharp);
  // "frame_cpu_ms" and "ui_cpu_ms" of the frames since the last summary, which it forgets.
  void summarise(nlohmann::json& out);

 private:
  std::vector<double> frame_cpu_ms_, ui_cpu_ms_;
  std::unique_ptr<std::ofstream> trace_;
  std::uint64_t frames_ = 0;
};

}  // namespace orpheus::app
