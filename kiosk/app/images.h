#pragma once
// The kiosk's pictures: the shown pack's decoders (media::ImageLoader, worker threads) and the
// textures on the GPU (platform::TextureCache: uploads under a per-frame budget, fades, eviction
// over the memory budget), seen by the screens as a ui::ImageProvider. Main thread only.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "config/config.h"
#include "core/background.h"
#include "media/loader.h"
#include "platform/texture_cache.h"
#include "ui/frame.h"

namespace orpheus::app {

class Images final : public ui::ImageProvider {
 public:
  // `wake` is called from a decoder thread when a decode finished.
  Images(core::Background& background, std::function<void()> wake);
  ~Images() override;  // the textures before the decoders
  Images(const Images&) = delete;
  Images& operator=(const Images&) = delete;

  // Decoders for this pack; every texture of the previous one is released.
  void show_pack(const std::filesystem::path& file, const config::MediaConfig& media);
  // The provider for a frame drawn at now_ms.
  ui::ImageProvider& at(double now_ms) {
    now_ms_ = now_ms;
    return *this;
  }
  ui::ImageView image(std::int64_t id, catalog::MediaVariant v) override;
  ui::ImageView image_covering(std::int64_t id, catalog::MediaVariant v, int w, int h) override;
  ui::ImageView tile(std::int64_t id, media::TileId t, bool request) override;
  // The image is decoded and uploaded (asks for it if not): the attract loop fades only into those.
  bool ready(std::int64_t media_id, double now_ms);

  // After the screens: uploads finished decodes for up to budget_ms; true if more wait.
  bool upload(double budget_ms, double now_ms);
  // After the frame: requests it did not ask for are cancelled, textures over the budget evicted;
  // once a burst of decodes is over, the decoders' freed buffers go back to the system.
  void end_frame();
  // Replays: every decode requested so far is done and uploaded before the next frame, so the
  // virtual clock never depends on how fast this machine decodes. Whether uploads still wait,
  // if it had any to do.
  std::optional<bool> finish_decodes(double now_ms);
  bool settled() const;  // nothing requested is decoding or waiting for upload
  bool fading(double now_ms) const { return textures_.fading(now_ms); }
  std::size_t bytes() const { return textures_.bytes(); }
  void state(nlohmann::json& out) const;  // "textures": count, bytes, budget, counters

 private:
  void trim_after_burst();

  std::function<void()> wake_;
  std::unique_ptr<media::ImageLoader> loader_;
  platform::TextureCache textures_{256u << 20};
  double now_ms_ = 0;
  core::Request<bool> trim_;
  std::uint64_t trimmed_after_ = 0;  // textures_.counters().uploaded at the last heap trim
};

}  // namespace orpheus::app
