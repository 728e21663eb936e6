#include "platform/audio_output.h"

#include <span>

#include "core/clock.h"
#include "core/log.h"

namespace orpheus::platform {

AudioOutput::AudioOutput() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    log::warn("audio", std::string("no sound: SDL audio did not start (") + SDL_GetError() + "); narration is off");
    return;
  }
  initialised_ = true;
}

AudioOutput::~AudioOutput() {
  close();
  if (initialised_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::string AudioOutput::driver() const {
  const char* d = initialised_ ? SDL_GetCurrentAudioDriver() : nullptr;
  return d ? d : "";
}

void AudioOutput::callback(void* self, Uint8* stream, int len) {
  auto* out = static_cast<AudioOutput*>(self);
  const bool first = out->playback_.rendered() == 0;
  out->playback_.render(std::span(reinterpret_cast<std::int16_t*>(stream), static_cast<std::size_t>(len) / sizeof(std::int16_t)));
  if (first && out->playback_.rendered() > 0) out->first_sound_ms_.store(core::steady_ms());
}

bool AudioOutput::open(int rate, int channels) {
  if (device_ && rate == rate_ && channels == channels_) return true;
  close();
  SDL_AudioSpec want{}, have{};
  want.freq = rate;
  want.format = AUDIO_S16SYS;
  want.channels = static_cast<Uint8>(channels);
  want.samples = 512;  // ~23 ms at 22 kHz: a tap is heard at once
  want.callback = &AudioOutput::callback;
  want.userdata = this;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts to the card's format
  if (!device_) {
    log::warn("audio", std::string("cannot open the sound device: ") + SDL_GetError());
    return false;
  }
  rate_ = rate;
  channels_ = channels;
  buffer_frames_ = have.samples;
  running_ = false;
  log::info("audio", "sound device open on " + driver() + ": " + std::to_string(rate) + " Hz, " + std::to_string(channels) +
                         (channels == 1 ? " channel" : " channels"));
  return true;
}

void AudioOutput::close() {
  if (device_) SDL_CloseAudioDevice(device_);  // waits for the callback to return
  device_ = 0;
  running_ = false;
}

bool AudioOutput::change(const std::function<void(media::Playback&)>& change) {
  bool ok = true;
  {
    Lock lock(device_);
    change(playback_);
  }
  if (playback_.has_stream() && !playback_.quiet()) {
    // A stream in another format: the device anew (the audio thread is stopped while it closes).
    if (!initialised_ || !open(playback_.rate(), playback_.channels())) {
      Lock lock(device_);
      playback_.stop();  // nothing has sounded yet: the stream goes at once
      ok = false;
    }
  }
  settle();
  return ok;
}

void AudioOutput::settle() {
  if (!device_) return;
  bool quiet;
  {
    Lock lock(device_);
    quiet = playback_.quiet();
  }
  if (quiet == !running_) return;
  running_ = !quiet;
  SDL_PauseAudioDevice(device_, quiet ? 1 : 0);
}

}  // namespace orpheus::platform
