#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "media/audio.h"
#include "media/vorbis_encode.h"

using namespace orpheus;

namespace {

std::vector<std::int16_t> sine(int rate, double seconds, double hz, int channels = 1) {
  std::vector<std::int16_t> s;
  const auto frames = static_cast<std::size_t>(rate * seconds);
  for (std::size_t i = 0; i < frames; ++i)
    for (int c = 0; c < channels; ++c)
      s.push_back(static_cast<std::int16_t>(std::lround(12000.0 * std::sin(2 * M_PI * hz * static_cast<double>(i) / rate))));
  return s;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    media::decode_vorbis(bytes);
  } catch (const media::AudioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("Vorbis decoding") {
  TEST_CASE("A generated sine wave decodes to about the same samples") {
    const auto pcm_in = sine(22050, 1.0, 440.0);
    const auto ogg = media::encode_vorbis(pcm_in, 22050, 1, 0.3f);
    REQUIRE(ogg.size() > 100);
    const media::AudioInfo info = media::probe_vorbis(ogg);
    CHECK(info.rate == 22050);
    CHECK(info.channels == 1);
    CHECK(info.frames == static_cast<std::int64_t>(pcm_in.size()));
    const media::Pcm out = media::decode_vorbis(ogg);
    CHECK(out.rate == 22050);
    CHECK(out.channels == 1);
    REQUIRE(out.samples.size() == pcm_in.size());
    CHECK(out.duration_ms() == 1000);
    // Lossy, but a pure tone comes back close: compare the signal to the error, away from the edges.
    double signal = 0, noise = 0;
    for (std::size_t i = 1000; i + 1000 < pcm_in.size(); ++i) {
      signal += double(pcm_in[i]) * pcm_in[i];
      const double d = double(out.samples[i]) - pcm_in[i];
      noise += d * d;
    }
    CHECK(10 * std::log10(signal / noise) > 15.0);
  }

  TEST_CASE("Stereo decodes interleaved") {
    const auto pcm_in = sine(44100, 0.25, 1000.0, 2);
    const media::Pcm out = media::decode_vorbis(media::encode_vorbis(pcm_in, 44100, 2, 0.1f));
    CHECK(out.channels == 2);
    CHECK(out.samples.size() == pcm_in.size());
  }

  TEST_CASE("Empty, foreign, truncated and damaged data is an error, not a crash") {
    const auto ogg = media::encode_vorbis(sine(22050, 0.5, 300.0), 22050, 1, 0.0f);
    CHECK(error_of({}) == "empty file: no audio data");
    CHECK(error_of({'R', 'I', 'F', 'F', 0, 0, 0, 0}).find("not an Ogg file") != std::string::npos);
    for (const std::size_t keep : {std::size_t{4}, std::size_t{30}, ogg.size() / 2, ogg.size() - 1}) {
      CAPTURE(keep);
      const std::vector<std::uint8_t> cut(ogg.begin(), ogg.begin() + static_cast<std::ptrdiff_t>(keep));
      CHECK(error_of(cut).find("truncated") != std::string::npos);
    }
    auto flipped = ogg;
    flipped[flipped.size() / 2] ^= 0x55;
    CHECK(error_of(flipped).find("checksum mismatch") != std::string::npos);
    auto trailing = ogg;
    trailing.push_back(0);
    CHECK(error_of(trailing).find("after the end of the stream") != std::string::npos);
  }

  TEST_CASE("Every single damaged byte of a small file is survived") {
    const auto ogg = media::encode_vorbis(sine(8000, 0.2, 300.0), 8000, 1, 0.0f);
    int errors = 0;
    for (std::size_t i = 0; i < ogg.size(); i += 7) {
      auto bad = ogg;
      bad[i] = static_cast<std::uint8_t>(bad[i] + 1);
      try {
        media::decode_vorbis(bad);
      } catch (const media::AudioError&) {
        ++errors;
      }
    }
    CHECK(errors > 0);
  }
}
