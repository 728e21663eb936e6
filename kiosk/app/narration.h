#pragma once
// The visitor's narrations: loads an item's recording (or its synthetic reading) from the pack on
// a background worker, plays it through the sound card (platform/audio_output.h) and stops it
// when the visitor leaves it: another item, a screen that is not that item's page or its
// viewer (Back), another language, the idle reset, a new pack. The volume is the kiosk's
// ([audio] volume, the admin screen) times the visitor's choice. Main thread only.
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "core/background.h"
#include "media/playback.h"
#include "platform/audio_output.h"
#include "session/session.h"
#include "ui/frame.h"

namespace orpheus::app {

class Narration final : public ui::Narrator {
 public:
  explicit Narration(core::Background& background);
  Narration(const Narration&) = delete;
  Narration& operator=(const Narration&) = delete;

  void show_pack(std::filesystem::path pack);  // stops what plays
  void stop();
  // 0..1, glides there.
  void set_volume(float volume);
  // Between frames: the loaded narration starts; what the visitor left stops (none: no
  // visitor); the status the next frame shows. True if the status changed.
  bool follow(const session::Session* visitor);
  // While it plays: when the progress shown next moves (a tenth of a second).
  std::optional<double> next_deadline_ms(double now_ms) const;
  // The state dump's "narration".
  void state(nlohmann::json& out) const;

  bool available() const override { return output_.available(); }
  const ui::NarrationStatus& status() const override { return status_; }
  void play(std::int64_t item_id, const catalog::Narration& narration) override;
  void pause() override;
  void seek(int ms) override;

 private:
  ui::NarrationStatus read_status() const;
  std::size_t sentence(int ms) const;  // how many sentences have begun at `ms`

  std::filesystem::path pack_;
  platform::AudioOutput output_;
  core::Request<std::unique_ptr<media::VorbisStream>> load_;
  ui::NarrationStatus status_;  // what the screens see this frame
  ui::NarrationStatus wanted_;  // the narration asked for: item, language, length
  std::vector<int> starts_;     // ... and when its sentences begin (ms)
  bool loading_ = false, failed_ = false;
  float volume_ = -1;           // as last set
  double asked_ms_ = 0;         // steady clock: the visitor's tap (start latency)
  std::optional<double> latency_ms_;  // the last start: tap to first sound handed to the card
};

}  // namespace orpheus::app
