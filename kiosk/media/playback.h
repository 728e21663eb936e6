#pragma once
// Narration playback without a sound card: the player state the audio thread renders from a
// media::VorbisStream (audio.h, a packet at a time, so a narration starts as soon as its headers
// are read): playing, paused, stopped, with short fades at
// every start, pause, seek and stop so that the speaker never clicks, and a volume that glides
// to a new level rather than jumping. No SDL: platform/audio_output.h feeds a sound card from it.
//
// Threads: a Playback is rendered on the audio thread and steered from the main thread; its
// owner serialises the two (SDL_LockAudioDevice). It never allocates or locks while rendering.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "media/audio.h"

namespace orpheus::media {

class Playback {
 public:
  enum class State { stopped, playing, paused };
  static constexpr double kFadeMs = 8;  // at every start, pause, seek and stop

  // Plays `stream` from `from_frame`, fading in; whatever played before is dropped (its owner
  // faded it out first: stop()).
  void start(std::unique_ptr<VorbisStream> stream, std::int64_t from_frame = 0);
  void pause();                   // fades out, then holds the place
  void resume();                  // fades in from the place held
  void seek(std::int64_t frame);  // playing: fades out, jumps, fades in; paused: jumps
  void stop();                    // fades out, then lets the stream go
  void set_volume(float v);       // 0..1; glides there over a few tens of milliseconds

  // The audio thread: the next out.size() / channels() frames; silence where nothing plays.
  void render(std::span<std::int16_t> out);

  // What the visitor hears: stopped (also after a fade-out to stop, or at the end), playing or
  // paused (as soon as asked: the fade-out is a detail of the sound).
  State state() const { return state_; }
  bool has_stream() const { return stream_ != nullptr; }
  int rate() const { return stream_ ? stream_->rate() : 0; }
  int channels() const { return stream_ ? stream_->channels() : 0; }
  std::int64_t frames() const { return stream_ ? stream_->frames() : 0; }
  std::int64_t position() const { return position_; }  // frames rendered from the stream (the place, after a seek)
  bool ended() const { return ended_; }  // played to the end (not stopped by anyone)
  // Nothing left to render: stopped or paused with the fade-out done (the device may rest).
  bool quiet() const { return gain_ == 0 && (state_ != State::playing || !stream_); }
  std::uint64_t rendered() const { return rendered_; }  // frames of sound (not silence) rendered since start()

 private:
  enum class After { nothing, pause, stop, seek };
  std::unique_ptr<VorbisStream> stream_;
  State state_ = State::stopped;
  After after_fade_ = After::nothing;  // what happens when the fade-out reaches silence
  std::int64_t position_ = 0, seek_to_ = 0;
  float gain_ = 0, gain_target_ = 0;  // the fade
  float volume_ = 1, volume_target_ = 1;
  bool ended_ = false;
  std::uint64_t rendered_ = 0;
  std::vector<std::int16_t> scratch_;  // sized at start(), never while rendering
};

}  // namespace orpheus::media
