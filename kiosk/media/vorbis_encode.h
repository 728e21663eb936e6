#pragma once
// Ogg Vorbis encoding (libvorbisenc; Debian: libvorbis-dev), for orpheus-pack's synthetic
// narration and for tests. A library of its own: the kiosk only decodes (audio.h). Any thread.
#include <cstdint>
#include <span>
#include <vector>

#include "media/audio.h"

namespace orpheus::media {

// `samples` interleaved 16-bit PCM of `channels` (1 or 2) at `rate` Hz, as one Ogg Vorbis stream
// in variable bit rate; `quality` is libvorbisenc's -0.1 (smallest) .. 1.0. Throws AudioError
// when libvorbisenc refuses the parameters.
std::vector<std::uint8_t> encode_vorbis(std::span<const std::int16_t> samples, int rate, int channels, float quality);

}  // namespace orpheus::media
