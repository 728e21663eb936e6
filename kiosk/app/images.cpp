#include "app/images.h"

#include <malloc.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/clock.h"

namespace orpheus::app {

using core::steady_ms;
namespace {

ui::ImageView convert(const platform::TextureView& t) {
  ui::ImageView out;
  out.status = t.status == platform::TextureView::Status::ready    ? ui::ImageView::Status::ready
               : t.status == platform::TextureView::Status::failed ? ui::ImageView::Status::failed
                                                                   : ui::ImageView::Status::loading;
  out.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t.texture));
  out.width = t.width;
  out.height = t.height;
  out.alpha = t.alpha;
  return out;
}

}  // namespace

Images::Images(core::Background& background, std::function<void()> wake) : wake_(std::move(wake)), trim_(background, core::Priority::normal, core::Delivery::quiet) {}

Images::~Images() {
  textures_.attach(nullptr);
  loader_.reset();
}

void Images::show_pack(const std::filesystem::path& file, const config::MediaConfig& media) {
  // The loader reads the old pack until it is gone: textures first, then the loader.
  textures_.attach(nullptr);
  loader_.reset();
  const int threads = media.decode_threads > 0 ? media.decode_threads : media::ImageLoader::default_threads();
  loader_ = std::make_unique<media::ImageLoader>(file, threads, wake_);
  textures_.set_budget(static_cast<std::size_t>(media.texture_budget_mb) << 20);
  textures_.attach(loader_.get());
}

ui::ImageView Images::image(std::int64_t id, catalog::MediaVariant v) { return convert(textures_.get({id, v}, now_ms_)); }

ui::ImageView Images::image_covering(std::int64_t id, catalog::MediaVariant v, int w, int h) {
  return convert(textures_.get({id, v, -1, 0, 0, w, h}, now_ms_));
}

ui::ImageView Images::tile(std::int64_t id, media::TileId t, bool request) {
  const auto key = media::MediaKey::tile(id, t);
  return convert(request ? textures_.get(key, now_ms_) : textures_.peek(key, now_ms_));
}

bool Images::ready(std::int64_t media_id, double now_ms) {
  return textures_.get({media_id, catalog::MediaVariant::display}, now_ms).status == platform::TextureView::Status::ready;
}

bool Images::upload(double budget_ms, double now_ms) {
  trim_after_burst();
  return textures_.upload(budget_ms, now_ms);
}

void Images::end_frame() { textures_.end_frame(); }

std::optional<bool> Images::finish_decodes(double now_ms) {
  std::optional<bool> waiting;
  if (!loader_) return waiting;
  const double give_up = steady_ms() + 30000;
  while (!loader_->idle() && !textures_.settled() && steady_ms() < give_up) {
    waiting = textures_.upload(1e9, now_ms);
    if (!loader_->idle()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return waiting;
}

bool Images::settled() const { return (!loader_ || loader_->idle()) && textures_.settled(); }

void Images::trim_after_burst() {
  // Decoding a burst of images (a flick through the grid, a zoom) leaves the decoders' arena
  // holding tens of MB of freed buffers; glibc keeps them until told. Once the burst is over
  // (nothing decoding or uploading), a background worker gives them back to the system.
  trim_.take();
  const auto uploaded = textures_.counters().uploaded;
  if (uploaded == trimmed_after_ || !loader_ || !loader_->idle() || !textures_.settled()) return;
  trimmed_after_ = uploaded;
  trim_.start([](const core::Cancelled&) { return ::malloc_trim(0) != 0; });
}

void Images::state(nlohmann::json& out) const {
  const auto& tc = textures_.counters();
  out["textures"] = {{"count", textures_.count()}, {"bytes", textures_.bytes()}, {"budget", textures_.budget()},
                     {"requested", tc.requested}, {"uploaded", tc.uploaded}, {"failed", tc.failed},
                     {"cancelled", tc.cancelled}, {"evicted", tc.evicted}};
}

}  // namespace orpheus::app
