#include "media/vorbis_encode.h"

#include <vorbis/vorbisenc.h>

#include <cstring>
#include <ctime>
#include <string>

namespace orpheus::media {
namespace {

// libvorbis's state, cleared in reverse order of setup whatever happens.
struct Encoder {
  vorbis_info vi{};
  vorbis_comment vc{};
  vorbis_dsp_state vd{};
  vorbis_block vb{};
  ogg_stream_state os{};
  bool dsp = false, block = false, stream = false;
  Encoder() {
    vorbis_info_init(&vi);
    vorbis_comment_init(&vc);
  }
  ~Encoder() {
    if (stream) ogg_stream_clear(&os);
    if (block) vorbis_block_clear(&vb);
    if (dsp) vorbis_dsp_clear(&vd);
    vorbis_comment_clear(&vc);
    vorbis_info_clear(&vi);
  }
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;
};

void append(std::vector<std::uint8_t>& out, const ogg_page& page) {
  out.insert(out.end(), page.header, page.header + page.header_len);
  out.insert(out.end(), page.body, page.body + page.body_len);
}

}  // namespace

std::vector<std::uint8_t> encode_vorbis(std::span<const std::int16_t> samples, int rate, int channels, float quality) {
  if (channels < 1 || channels > 2) throw AudioError("cannot encode " + std::to_string(channels) + " channels");
  Encoder e;
  if (vorbis_encode_init_vbr(&e.vi, channels, rate, quality) != 0)
    throw AudioError("libvorbisenc refuses " + std::to_string(channels) + " channels at " + std::to_string(rate) +
                     " Hz, quality " + std::to_string(quality));
  vorbis_comment_add_tag(&e.vc, "ENCODER", "orpheus-pack");
  vorbis_analysis_init(&e.vd, &e.vi);
  e.dsp = true;
  vorbis_block_init(&e.vd, &e.vb);
  e.block = true;
  ogg_stream_init(&e.os, 0x4F525048);  // 'ORPH': one stream per file, a fixed serial keeps builds reproducible
  e.stream = true;

  std::vector<std::uint8_t> out;
  ogg_packet header, comments, codebooks;
  vorbis_analysis_headerout(&e.vd, &e.vc, &header, &comments, &codebooks);
  ogg_stream_packetin(&e.os, &header);
  ogg_stream_packetin(&e.os, &comments);
  ogg_stream_packetin(&e.os, &codebooks);
  ogg_page page;
  while (ogg_stream_flush(&e.os, &page)) append(out, page);

  const std::size_t frames = samples.size() / static_cast<std::size_t>(channels);
  constexpr std::size_t kChunk = 4096;
  bool eos = false;
  for (std::size_t done = 0;; ) {
    const std::size_t n = std::min(kChunk, frames - done);
    if (n == 0) {
      vorbis_analysis_wrote(&e.vd, 0);  // end of the stream
    } else {
      float** buffer = vorbis_analysis_buffer(&e.vd, static_cast<int>(n));
      for (std::size_t f = 0; f < n; ++f)
        for (int c = 0; c < channels; ++c)
          buffer[c][f] = static_cast<float>(samples[(done + f) * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)]) / 32768.0f;
      vorbis_analysis_wrote(&e.vd, static_cast<int>(n));
      done += n;
    }
    while (vorbis_analysis_blockout(&e.vd, &e.vb) == 1) {
      vorbis_analysis(&e.vb, nullptr);
      vorbis_bitrate_addblock(&e.vb);
      ogg_packet packet;
      while (vorbis_bitrate_flushpacket(&e.vd, &packet)) {
        ogg_stream_packetin(&e.os, &packet);
        while (ogg_stream_pageout(&e.os, &page)) {
          append(out, page);
          if (ogg_page_eos(&page)) eos = true;
        }
      }
    }
    if (n == 0) break;
  }
  while (!eos && ogg_stream_flush(&e.os, &page)) {
    append(out, page);
    if (ogg_page_eos(&page)) eos = true;
  }
  return out;
}

}  // namespace orpheus::media
