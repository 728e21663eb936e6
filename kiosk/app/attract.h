#pragma once
// The attract loop's slideshow: the first image of every item with one, taken in turn from each
// collection (so consecutive slides come from different collections), with a coming event of the
// museum's programme after every kObjectsPerEvent objects (set_events()), each held still for
// kHoldMs and then cross-faded into the next over kFadeMs. A fade starts only once the next
// image is ready, so it never fades into a placeholder. Between fades nothing moves: the kiosk
// draws no frames. Pure logic on a clock passed in (ms); no SDL/ImGui.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "catalog/catalog.h"

namespace orpheus::app {

class AttractLoop {
 public:
  static constexpr double kHoldMs = 7000;
  static constexpr double kFadeMs = 1800;
  static constexpr std::size_t kObjectsPerEvent = 3;

  struct Slide {
    std::size_t item = 0;       // index into Snapshot::items
    std::int64_t media_id = 0;  // 0: none (an event without a picture)
    std::optional<std::size_t> event;  // an event's slide: index into Snapshot::events
  };

  // Builds the slides of `snapshot`; a later start() on the same snapshot continues where the
  // previous run left off, so a visitor who walks by twice sees different objects. Reset the
  // loop (= {}) before the snapshot it was started on goes away.
  void start(const catalog::Snapshot& snapshot, double now_ms);
  // The events to show between the objects (indices into Snapshot::events, soonest first): set
  // at start and whenever the programme changes (an event ended). The current slide stays.
  void set_events(std::vector<std::size_t> events);
  bool empty() const { return slides_.empty(); }
  std::size_t size() const { return slides_.size(); }
  const Slide& current() const { return slides_[index_]; }
  const Slide& next() const { return slides_[(index_ + 1) % slides_.size()]; }
  std::size_t index() const { return index_; }

  // At the end of the hold the fade starts if `next_ready`; at the end of the fade the next
  // slide becomes current and its hold begins.
  void update(double now_ms, bool next_ready);
  bool fading() const { return fade_start_.has_value(); }
  float mix(double now_ms) const;  // how much of next() shows: 0..1
  // When update() has something to do: the end of the hold, if still ahead of now_ms. Past it,
  // the fade waits for the next image, whose arrival wakes the loop; while fading, every frame.
  std::optional<double> next_deadline_ms(double now_ms) const;

 private:
  void interleave();  // slides_ from objects_ and events_

  const catalog::Snapshot* snapshot_ = nullptr;
  std::vector<Slide> objects_;
  std::vector<std::size_t> events_;
  std::vector<Slide> slides_;
  std::size_t index_ = 0;
  double slide_start_ = 0;
  std::optional<double> fade_start_;
};

}  // namespace orpheus::app
