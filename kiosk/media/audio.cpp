// Ogg Vorbis decoding on top of Debian's libstb (which holds the implementation: no
// STB_VORBIS_IMPLEMENTATION here). The Ogg framing is checked by hand first, so stb_vorbis only
// ever sees a whole, checksummed stream.
#include "media/audio.h"

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <string>

#define STB_VORBIS_HEADER_ONLY
#include <stb_vorbis.h>
#undef STB_VORBIS_HEADER_ONLY

namespace orpheus::media {
namespace {

// Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, initial value 0.
const std::array<std::uint32_t, 256>& crc_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t r = i << 24;
      for (int k = 0; k < 8; ++k) r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : r << 1;
      t[i] = r;
    }
    return t;
  }();
  return table;
}

std::uint32_t le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 | static_cast<std::uint32_t>(p[2]) << 16 |
         static_cast<std::uint32_t>(p[3]) << 24;
}

struct Pages {
  int count = 0;
  std::int64_t last_granule = -1;
};

// Walks every Ogg page: capture pattern, version, checksum, one serial number, the end-of-stream
// flag on the last page and nowhere else, nothing after it.
Pages check_pages(std::span<const std::uint8_t> b) {
  Pages pages;
  std::size_t at = 0;
  std::uint32_t serial = 0;
  bool ended = false;
  while (at < b.size()) {
    const std::string where = "Ogg page " + std::to_string(pages.count + 1) + " (byte " + std::to_string(at) + ")";
    if (ended) throw AudioError("data after the end of the stream at byte " + std::to_string(at));
    const std::uint8_t* p = b.data() + at;
    const std::size_t left = b.size() - at;
    static constexpr std::uint8_t kCapture[4] = {'O', 'g', 'g', 'S'};
    if (!std::equal(p, p + std::min<std::size_t>(left, 4), kCapture))
      throw AudioError(pages.count == 0 ? "not an Ogg file (no 'OggS' at the start)" : where + ": no 'OggS' capture pattern");
    if (left < 27) throw AudioError("truncated: " + where + " is cut off in its header");
    if (p[4] != 0) throw AudioError(where + ": unknown Ogg version " + std::to_string(p[4]));
    const std::uint8_t flags = p[5];
    const std::uint32_t page_serial = le32(p + 14);
    if (pages.count == 0) {
      if (!(flags & 0x02)) throw AudioError("the first Ogg page does not begin a stream");
      serial = page_serial;
    } else if (page_serial != serial) {
      throw AudioError(where + ": a second logical stream (chained or multiplexed Ogg is not supported)");
    }
    const std::size_t segments = p[26];
    if (b.size() - at < 27 + segments) throw AudioError("truncated: " + where + " is cut off in its segment table");
    std::size_t body = 0;
    for (std::size_t s = 0; s < segments; ++s) body += p[27 + s];
    const std::size_t size = 27 + segments + body;
    if (b.size() - at < size)
      throw AudioError("truncated: " + where + " needs " + std::to_string(size) + " bytes, " +
                       std::to_string(b.size() - at) + " are left");
    std::uint32_t crc = 0;
    const auto& table = crc_table();
    for (std::size_t k = 0; k < size; ++k) {
      const std::uint8_t byte = (k >= 22 && k < 26) ? 0 : p[k];
      crc = (crc << 8) ^ table[((crc >> 24) ^ byte) & 0xFF];
    }
    if (crc != le32(p + 22)) throw AudioError(where + ": checksum mismatch (the data is damaged)");
    std::int64_t granule = 0;
    for (int k = 7; k >= 0; --k) granule = granule << 8 | p[6 + k];
    if (granule >= 0) pages.last_granule = granule;
    ended = (flags & 0x04) != 0;
    ++pages.count;
    at += size;
  }
  if (pages.count == 0) throw AudioError("empty file: no audio data");
  if (!ended) throw AudioError("truncated: the last Ogg page does not end the stream");
  return pages;
}

struct CloseVorbis {
  void operator()(stb_vorbis* v) const noexcept { stb_vorbis_close(v); }
};
using Vorbis = std::unique_ptr<stb_vorbis, CloseVorbis>;

std::string vorbis_error(int code) {
  switch (code) {
    case VORBIS_outofmem: return "out of memory";
    case VORBIS_unexpected_eof: return "truncated: the stream ends early";
    case VORBIS_invalid_setup: return "invalid Vorbis setup header";
    case VORBIS_invalid_stream: return "invalid Vorbis stream";
    case VORBIS_missing_capture_pattern: return "not an Ogg stream";
    case VORBIS_invalid_stream_structure_version: return "unknown Ogg version";
    case VORBIS_invalid_first_page: return "the first page is not a Vorbis header";
    case VORBIS_bad_packet_type: return "bad Vorbis packet type";
    case VORBIS_cant_find_last_page: return "cannot find the last page";
    case VORBIS_seek_failed: return "seek failed";
    case VORBIS_ogg_skeleton_not_supported: return "Ogg skeleton streams are not supported";
    default: return "Vorbis error " + std::to_string(code);
  }
}

Vorbis open(std::span<const std::uint8_t> bytes, AudioInfo& info) {
  if (bytes.empty()) throw AudioError("empty file: no audio data");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw AudioError("file too large to decode (over 2 GiB)");
  const Pages pages = check_pages(bytes);
  int error = 0;
  Vorbis v(stb_vorbis_open_memory(bytes.data(), static_cast<int>(bytes.size()), &error, nullptr));
  if (!v) throw AudioError("not Ogg Vorbis audio: " + vorbis_error(error));
  const stb_vorbis_info vi = stb_vorbis_get_info(v.get());
  if (vi.channels < 1 || vi.channels > 2)
    throw AudioError(std::to_string(vi.channels) + " channels: only mono and stereo narration is supported");
  if (vi.sample_rate < static_cast<unsigned>(kMinAudioRate) || vi.sample_rate > static_cast<unsigned>(kMaxAudioRate))
    throw AudioError("a sample rate of " + std::to_string(vi.sample_rate) + " Hz is outside " +
                     std::to_string(kMinAudioRate) + "-" + std::to_string(kMaxAudioRate) + " Hz");
  info.rate = static_cast<int>(vi.sample_rate);
  info.channels = vi.channels;
  info.frames = pages.last_granule < 0 ? 0 : pages.last_granule;
  if (info.frames > static_cast<std::int64_t>(kMaxAudioSeconds) * info.rate)
    throw AudioError("longer than " + std::to_string(kMaxAudioSeconds / 60) + " minutes (" +
                     std::to_string(info.frames / info.rate) + " s)");
  return v;
}

}  // namespace

AudioInfo probe_vorbis(std::span<const std::uint8_t> bytes) {
  AudioInfo info;
  open(bytes, info);
  return info;
}

VorbisStream::VorbisStream(std::shared_ptr<const std::vector<std::uint8_t>> bytes) : bytes_(std::move(bytes)) {
  if (!bytes_) throw AudioError("empty file: no audio data");
  AudioInfo info;
  v_ = open(*bytes_, info).release();
  rate_ = info.rate;
  channels_ = info.channels;
  frames_ = info.frames;
}

VorbisStream::~VorbisStream() { stb_vorbis_close(v_); }

int VorbisStream::read(std::span<std::int16_t> out) {
  const int frames = static_cast<int>(out.size()) / channels_;
  if (frames <= 0) return 0;
  return stb_vorbis_get_samples_short_interleaved(v_, channels_, out.data(), frames * channels_);
}

bool VorbisStream::seek(std::int64_t frame) {
  frame = std::clamp<std::int64_t>(frame, 0, frames_);
  if (frame == 0) return stb_vorbis_seek_start(v_) != 0;
  return stb_vorbis_seek(v_, static_cast<unsigned>(frame)) != 0;
}

Pcm decode_vorbis(std::span<const std::uint8_t> bytes) {
  AudioInfo info;
  Vorbis v = open(bytes, info);
  Pcm pcm;
  pcm.rate = info.rate;
  pcm.channels = info.channels;
  // The last page's granule position is the stream's length; a lying one cannot make us grow
  // past the limit, since decoding stops there.
  const std::size_t limit = static_cast<std::size_t>(kMaxAudioSeconds) * static_cast<std::size_t>(info.rate) *
                            static_cast<std::size_t>(info.channels);
  pcm.samples.reserve(std::min(limit, static_cast<std::size_t>(info.frames) * static_cast<std::size_t>(info.channels)));
  std::vector<short> chunk(4096 * static_cast<std::size_t>(info.channels));
  while (true) {
    const int frames = stb_vorbis_get_samples_short_interleaved(v.get(), info.channels, chunk.data(), static_cast<int>(chunk.size()));
    if (frames <= 0) break;
    const std::size_t n = static_cast<std::size_t>(frames) * static_cast<std::size_t>(info.channels);
    if (pcm.samples.size() + n > limit)
      throw AudioError("longer than " + std::to_string(kMaxAudioSeconds / 60) + " minutes");
    pcm.samples.insert(pcm.samples.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
  }
  const int error = stb_vorbis_get_error(v.get());
  if (error != VORBIS__no_error && error != VORBIS_need_more_data)
    throw AudioError("corrupt Vorbis data after " + std::to_string(pcm.frames()) + " frames: " + vorbis_error(error));
  if (pcm.samples.empty()) throw AudioError("no audio: the stream holds no samples");
  return pcm;
}

}  // namespace orpheus::media
