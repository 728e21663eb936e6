#include "app/touch_input.h"

#include "app/options.h"
#include "app/replay_script.h"
#include "core/log.h"

namespace orpheus::app {

void TouchInput::record_to(const std::filesystem::path& file, int width, int height, float dpi,
                           const std::filesystem::path& pack) {
  record_ = std::make_unique<std::ofstream>(file);
  if (!*record_) throw UsageError("cannot write the --record file " + file.string());
  *record_ << "# orpheus-kiosk input recording: window " << width << "x" << height << ", dpi " << dpi << ", pack "
           << pack.string() << "\n# replay with: orpheus-kiosk --pack PACK --windowed " << width << "x" << height
           << " --dpi " << static_cast<int>(dpi + 0.5f) << " --replay " << file.filename().string() << "\n";
  record_->flush();
}

int TouchInput::feed(const touch::PointerEvent& e, double now_ms) {
  if (record_) *record_ << to_script_line(e) << "\n";
  last_input_ms_ = now_ms;
  int frames = 1;
  if (idle_.attracting() && e.kind == touch::PointerKind::down) {
    // A new visitor. The touch that ends the attract loop is theirs to lift, not a tap on
    // whatever the home screen has under it.
    idle_.end_attract(now_ms);
    swallow_.start();
    frames = 2;
    log::info("session", "attract loop ended by a touch");
  }
  idle_.touched(now_ms);
  const bool swallowed = swallow_.filter(e);
  idle_.finger_down(swallow_.fingers() > 0);
  corner_.feed(e);
  // A swallowed lift still reaches the recogniser: a finger it was told to ignore (cancel())
  // must leave it, or the next touch would count as a second finger.
  if (swallowed && e.kind != touch::PointerKind::up && e.kind != touch::PointerKind::cancel) return frames;
  touch::PointerEvent in_area = e;
  in_area.y -= area_top_;
  gestures_.feed(in_area);
  ++events_;
  last_ = {e.x, e.y};  // window coordinates, as recorded
  return frames;
}

void TouchInput::flush() {
  if (record_) record_->flush();
}

void TouchInput::swallow() {
  swallow_.start();
  gestures_.cancel();
}

void TouchInput::configure(float dpi, int max_touches, double hold_ms) {
  auto config = touch::GestureConfig::from_dpi(dpi);
  config.max_contacts = max_touches;
  gestures_.set_config(config);
  const float mm = dpi / 25.4f;
  corner_.configure(hold_ms, 15 * mm, 4 * mm);
}

int TouchInput::take_events(touch::Vec2& last) {
  last = last_;
  const int n = events_;
  events_ = 0;
  return n;
}

}  // namespace orpheus::app
