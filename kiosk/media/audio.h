#pragma once
// Audio decoding on the CPU (Ogg Vorbis with Debian's libstb: stb_vorbis). No SDL. Any thread.
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

struct stb_vorbis;

namespace orpheus::media {

// 16-bit PCM, samples interleaved by channel (mono: one per frame).
struct Pcm {
  int rate = 0;      // frames per second
  int channels = 0;  // 1 or 2
  std::vector<std::int16_t> samples;
  std::size_t frames() const { return channels > 0 ? samples.size() / static_cast<std::size_t>(channels) : 0; }
  int duration_ms() const { return rate > 0 ? static_cast<int>(frames() * 1000 / static_cast<std::size_t>(rate)) : 0; }
};

// Audio that cannot be decoded; what() says why ("empty file: no audio data", "truncated: ...").
class AudioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kMaxAudioSeconds = 30 * 60;
inline constexpr int kMinAudioRate = 4000, kMaxAudioRate = 192000;

// Limits checked before anything is decoded: a stream of one logical Ogg bitstream, its pages
// whole with good checksums, the last marked the end of the stream (so a truncated file is
// refused), 1 or 2 channels, a rate in [kMinAudioRate, kMaxAudioRate], at most kMaxAudioSeconds.
struct AudioInfo {
  int rate = 0, channels = 0;
  std::int64_t frames = 0;  // as the last page says
  int duration_ms() const { return rate > 0 ? static_cast<int>(frames * 1000 / rate) : 0; }
};
AudioInfo probe_vorbis(std::span<const std::uint8_t> bytes);

// A stream decoded a packet at a time as it is read (the narration player's, on the audio thread),
// over bytes it keeps. Not thread-safe.
class VorbisStream {
 public:
  // Checks the stream as probe_vorbis does (whole, not truncated, within the limits) and reads its
  // headers; decodes nothing yet. Throws AudioError naming what is wrong.
  explicit VorbisStream(std::shared_ptr<const std::vector<std::uint8_t>> bytes);
  ~VorbisStream();
  VorbisStream(const VorbisStream&) = delete;
  VorbisStream& operator=(const VorbisStream&) = delete;

  int rate() const { return rate_; }
  int channels() const { return channels_; }
  std::int64_t frames() const { return frames_; }  // the length, in frames (samples per channel)
  // Up to out.size() / channels() frames, interleaved; fewer at the end (or at damage: the rest
  // is not played). Returns the frames written.
  int read(std::span<std::int16_t> out);
  // The next read() starts at `frame` (clamped to the length). False if the stream cannot seek.
  bool seek(std::int64_t frame);

 private:
  std::shared_ptr<const std::vector<std::uint8_t>> bytes_;
  stb_vorbis* v_ = nullptr;
  int rate_ = 0, channels_ = 0;
  std::int64_t frames_ = 0;
};

// The whole stream as 16-bit PCM. Throws AudioError for empty, corrupt, truncated or
// over-limit data; never reads or writes outside `bytes` and what it allocates.
Pcm decode_vorbis(std::span<const std::uint8_t> bytes);

}  // namespace orpheus::media
