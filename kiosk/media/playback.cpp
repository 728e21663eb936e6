#include "media/playback.h"

#include <algorithm>
#include <cmath>

namespace orpheus::media {

void Playback::start(std::unique_ptr<VorbisStream> stream, std::int64_t from_frame) {
  stream_ = std::move(stream);
  ended_ = false;
  rendered_ = 0;
  gain_ = 0;
  after_fade_ = After::nothing;
  if (!stream_) {
    state_ = State::stopped;
    gain_target_ = 0;
    return;
  }
  position_ = std::clamp<std::int64_t>(from_frame, 0, stream_->frames());
  if (position_ > 0) stream_->seek(position_);
  scratch_.assign(static_cast<std::size_t>(1024 * stream_->channels()), 0);
  volume_ = volume_target_;  // it fades in anyway
  state_ = State::playing;
  gain_target_ = 1;
}

void Playback::pause() {
  if (state_ != State::playing) return;
  state_ = State::paused;
  gain_target_ = 0;
  if (after_fade_ == After::nothing) after_fade_ = After::pause;
  if (gain_ == 0) after_fade_ = After::nothing;
}

void Playback::resume() {
  if (state_ != State::paused || !stream_) return;
  if (ended_) {  // played to the end: again from the start
    ended_ = false;
    position_ = 0;
    stream_->seek(0);
  }
  state_ = State::playing;
  if (after_fade_ == After::pause) after_fade_ = After::nothing;
  if (after_fade_ == After::nothing) gain_target_ = 1;
}

void Playback::seek(std::int64_t frame) {
  if (!stream_) return;
  seek_to_ = std::clamp<std::int64_t>(frame, 0, stream_->frames());
  if (gain_ == 0) {  // nothing sounding: jump now
    stream_->seek(seek_to_);
    position_ = seek_to_;
    ended_ = false;
    after_fade_ = After::nothing;
    gain_target_ = state_ == State::playing ? 1.0f : 0.0f;
    return;
  }
  after_fade_ = After::seek;
  gain_target_ = 0;
}

void Playback::stop() {
  state_ = State::stopped;
  gain_target_ = 0;
  if (gain_ == 0) {
    stream_.reset();
    after_fade_ = After::nothing;
  } else {
    after_fade_ = After::stop;
  }
}

void Playback::set_volume(float v) { volume_target_ = std::clamp(v, 0.0f, 1.0f); }

void Playback::render(std::span<std::int16_t> out) {
  const int ch = stream_ ? stream_->channels() : 1;
  std::size_t done = 0;  // samples written
  while (done < out.size()) {
    // A fade-out reached silence: what it was for.
    if (gain_ == 0 && gain_target_ == 0 && after_fade_ != After::nothing) {
      switch (after_fade_) {
        case After::stop: stream_.reset(); break;
        case After::seek:
          stream_->seek(seek_to_);
          position_ = seek_to_;
          ended_ = false;
          gain_target_ = state_ == State::playing ? 1.0f : 0.0f;
          break;
        case After::pause:
        case After::nothing: break;
      }
      after_fade_ = After::nothing;
    }
    if (!stream_ || ended_ || (gain_ == 0 && gain_target_ == 0)) break;
    const float fade_step = 1.0f / static_cast<float>(stream_->rate() * kFadeMs / 1000.0);
    const float volume_step = 1.0f / static_cast<float>(stream_->rate() * 0.05);
    std::size_t frames = std::min((out.size() - done) / static_cast<std::size_t>(ch), scratch_.size() / static_cast<std::size_t>(ch));
    // A fade-out ends at the end of a chunk: nothing decoded is skipped when it resumes.
    if (gain_target_ < gain_) frames = std::min<std::size_t>(frames, static_cast<std::size_t>(std::ceil(gain_ / fade_step)));
    if (frames == 0) break;
    const int got = stream_->read(std::span(scratch_).first(frames * static_cast<std::size_t>(ch)));
    if (got <= 0) {
      ended_ = true;
      state_ = State::paused;  // at the end: a tap on play starts it again
      gain_ = gain_target_ = 0;
      after_fade_ = After::nothing;
      position_ = stream_->frames();
      break;
    }
    for (int i = 0; i < got; ++i) {
      gain_ = gain_target_ > gain_ ? std::min(gain_target_, gain_ + fade_step) : std::max(gain_target_, gain_ - fade_step);
      volume_ = volume_target_ > volume_ ? std::min(volume_target_, volume_ + volume_step)
                                         : std::max(volume_target_, volume_ - volume_step);
      const float g = gain_ * volume_;
      for (int c = 0; c < ch; ++c) {
        const float s = static_cast<float>(scratch_[static_cast<std::size_t>(i * ch + c)]) * g;
        out[done++] = static_cast<std::int16_t>(std::lrint(std::clamp(s, -32768.0f, 32767.0f)));
      }
    }
    position_ += got;
    rendered_ += static_cast<std::uint64_t>(got);
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(done), out.end(), std::int16_t{0});
}

}  // namespace orpheus::media
