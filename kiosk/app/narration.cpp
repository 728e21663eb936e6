#include "app/narration.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/log.h"

namespace orpheus::app {

namespace {
constexpr double kProgressStepMs = 250;  // the progress bar and the time move four times a second

const char* to_string(ui::NarrationStatus::State s) {
  switch (s) {
    case ui::NarrationStatus::State::stopped: return "stopped";
    case ui::NarrationStatus::State::loading: return "loading";
    case ui::NarrationStatus::State::playing: return "playing";
    case ui::NarrationStatus::State::paused: return "paused";
    case ui::NarrationStatus::State::failed: return "failed";
  }
  return "?";
}
}  // namespace

Narration::Narration(core::Background& background) : load_(background) {}

void Narration::show_pack(std::filesystem::path pack) {
  stop();
  pack_ = std::move(pack);
}

void Narration::stop() {
  load_.cancel();
  loading_ = failed_ = false;
  wanted_ = {};
  output_.change([](media::Playback& p) { p.stop(); });
}

void Narration::set_volume(float volume) {
  if (volume == volume_) return;
  volume_ = volume;
  output_.change([volume](media::Playback& p) { p.set_volume(volume); });
}

void Narration::play(std::int64_t item_id, const catalog::Narration& narration) {
  if (!available()) return;
  if (wanted_.item_id == item_id && wanted_.lang == narration.lang && !failed_) {
    if (loading_) return;
    output_.change([](media::Playback& p) { p.resume(); });
    return;
  }
  stop();
  wanted_.item_id = item_id;
  wanted_.lang = narration.lang;
  wanted_.duration_ms = narration.duration_ms;
  starts_.clear();
  for (const auto& sentence : narration.sentences) starts_.push_back(sentence.start_ms);
  loading_ = true;
  asked_ms_ = core::steady_ms();
  latency_ms_.reset();
  load_.start([pack = pack_, id = narration.id](const core::Cancelled&) {
    catalog::MediaReader reader(pack);
    auto bytes = std::make_shared<const std::vector<std::uint8_t>>(reader.read_narration(id));
    return std::make_unique<media::VorbisStream>(std::move(bytes));  // throws for bytes it cannot play
  });
}

void Narration::pause() {
  if (loading_) return stop();  // not heard yet: it will not start
  output_.change([](media::Playback& p) { p.pause(); });
}

void Narration::seek(int ms) {
  output_.change([ms](media::Playback& p) {
    if (p.has_stream()) p.seek(static_cast<std::int64_t>(ms) * p.rate() / 1000);
  });
}

ui::NarrationStatus Narration::read_status() const {
  using State = ui::NarrationStatus::State;
  ui::NarrationStatus s = wanted_;
  if (s.item_id == 0) return s;
  if (failed_) {
    s.state = State::failed;
    return s;
  }
  if (loading_) {
    s.state = State::loading;
    return s;
  }
  output_.read([&s](const media::Playback& p) {
    if (!p.has_stream()) return;
    s.state = p.state() == media::Playback::State::playing ? State::playing
              : p.state() == media::Playback::State::paused ? State::paused
                                                            : State::stopped;
    s.position_ms = static_cast<int>(p.position() * 1000 / p.rate());
    s.duration_ms = static_cast<int>(p.frames() * 1000 / p.rate());
  });
  return s;
}

bool Narration::follow(const session::Session* visitor) {
  try {
    if (auto stream = load_.take()) {
      loading_ = false;
      output_.change([&stream](media::Playback& p) { p.start(std::move(*stream)); });
    }
  } catch (const std::exception& e) {  // bytes that are no Vorbis stream, a pack gone
    log::warn("narration", "item " + std::to_string(wanted_.item_id) + " (" + wanted_.lang + "): " + e.what());
    loading_ = false;
    failed_ = true;
  }
  if (wanted_.item_id != 0 && !failed_) {
    // What the visitor left stops: the narration belongs to one item's page (and its viewer),
    // in one language.
    const bool left = !visitor || visitor->language() != wanted_.lang || visitor->route().item_id != wanted_.item_id ||
                      (visitor->route().screen != session::screen::item && visitor->route().screen != session::screen::viewer);
    if (left) stop();
  }
  output_.settle();
  if (!latency_ms_ && !loading_ && wanted_.item_id != 0 && output_.first_sound_ms() > asked_ms_) {
    latency_ms_ = output_.first_sound_ms() - asked_ms_;
    log::debug("narration", "item " + std::to_string(wanted_.item_id) + " (" + wanted_.lang + "): first sound " +
                                std::to_string(static_cast<int>(*latency_ms_)) + " ms after the tap");
  }
  const auto s = read_status();
  const auto step = [](int ms) { return static_cast<int>(ms / kProgressStepMs); };
  const bool changed = s.state != status_.state || s.item_id != status_.item_id || step(s.position_ms) != step(status_.position_ms) ||
                       sentence(s.position_ms) != sentence(status_.position_ms);
  status_ = s;
  return changed;
}

std::size_t Narration::sentence(int ms) const {
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), ms) - starts_.begin());
}

std::optional<double> Narration::next_deadline_ms(double now_ms) const {
  if (status_.state != ui::NarrationStatus::State::playing) return std::nullopt;
  // The next step of the progress shown, or the next sentence if it begins sooner: its mark moves at once.
  double wait = kProgressStepMs - std::fmod(status_.position_ms, kProgressStepMs);
  const std::size_t next = sentence(status_.position_ms);
  if (next < starts_.size()) wait = std::min(wait, static_cast<double>(starts_[next] - status_.position_ms));
  return now_ms + std::max(wait, 5.0);
}

void Narration::state(nlohmann::json& out) const {
  auto& j = out["narration"];
  j = {{"state", to_string(status_.state)}, {"item", status_.item_id}, {"lang", status_.lang},
       {"position_ms", status_.position_ms}, {"duration_ms", status_.duration_ms}, {"sound", output_.driver()}};
  if (latency_ms_) j["start_latency_ms"] = *latency_ms_;
}

}  // namespace orpheus::app
