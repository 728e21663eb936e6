#pragma once
// The sound card, RAII: SDL's audio subsystem and one output device that renders a
// media::Playback on SDL's audio thread. The device opens at the first narration, in that
// narration's format (SDL converts to the card's), is opened again only for another format, and
// rests (SDL_PauseAudioDevice) whenever nothing sounds: an idle kiosk has no audio thread work.
// No sound card (no audio driver, no device): unavailable, logged once; the kiosk runs on silent.
// Main thread only, apart from the rendering.
#include <SDL.h>

#include <atomic>
#include <functional>
#include <string>

#include "media/playback.h"

namespace orpheus::platform {

class AudioOutput {
 public:
  AudioOutput();   // initialises SDL audio; never throws
  ~AudioOutput();  // closes the device (the audio thread stops), then SDL audio
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;

  // SDL's audio driver started ("pulseaudio", "alsa", "disk", ...).
  bool available() const { return initialised_; }
  std::string driver() const;

  // Changes the playback with the audio thread held off: `change` runs on this thread with the
  // device locked. Afterwards the device plays if the playback sounds and rests if it is quiet.
  // A playback in a format the device is not open for opens it anew first (false, logged, if it
  // cannot: the playback is stopped).
  bool change(const std::function<void(media::Playback&)>& change);
  // Reads the playback with the audio thread held off.
  template <class F>
  auto read(F&& f) const {
    Lock lock(device_);
    return f(playback_);
  }
  // The device rests once a fade-out has finished (between frames).
  void settle();
  int buffer_frames() const { return buffer_frames_; }  // per callback, as SDL opened it
  // When the audio thread last handed the first sound of a start() to SDL (core::steady_ms; 0:
  // never): the end of a narration's start latency.
  double first_sound_ms() const { return first_sound_ms_.load(); }

 private:
  struct Lock {
    explicit Lock(SDL_AudioDeviceID device) : id(device) {
      if (id) SDL_LockAudioDevice(id);
    }
    ~Lock() {
      if (id) SDL_UnlockAudioDevice(id);
    }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    SDL_AudioDeviceID id;
  };
  static void callback(void* self, Uint8* stream, int len);
  bool open(int rate, int channels);
  void close();

  bool initialised_ = false;
  SDL_AudioDeviceID device_ = 0;
  int rate_ = 0, channels_ = 0, buffer_frames_ = 0;
  bool running_ = false;  // unpaused
  media::Playback playback_;
  std::atomic<double> first_sound_ms_{0};
};

}  // namespace orpheus::platform
