// The narration player without a sound card: what the audio thread would hand to SDL.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

#include "media/audio.h"
#include "media/playback.h"
#include "media/vorbis_encode.h"

using namespace orpheus::media;

namespace {

constexpr int kRate = 22050;

// A second of a 440 Hz tone at 60% of full scale, encoded as speech packs are.
std::shared_ptr<const std::vector<std::uint8_t>> tone(double seconds = 1.0) {
  std::vector<std::int16_t> pcm(static_cast<std::size_t>(seconds * kRate));
  for (std::size_t i = 0; i < pcm.size(); ++i)
    pcm[i] = static_cast<std::int16_t>(std::lrint(0.6 * 32767 * std::sin(2 * 3.14159265358979 * 440 * static_cast<double>(i) / kRate)));
  return std::make_shared<const std::vector<std::uint8_t>>(encode_vorbis(pcm, kRate, 1, 0.3f));
}

std::vector<std::int16_t> render(Playback& p, std::size_t frames) {
  std::vector<std::int16_t> out(frames);
  for (std::size_t at = 0; at < frames; at += 441) p.render(std::span(out).subspan(at, std::min<std::size_t>(441, frames - at)));
  return out;
}

int peak(std::span<const std::int16_t> s) {
  int m = 0;
  for (auto v : s) m = std::max(m, std::abs(static_cast<int>(v)));
  return m;
}

// The largest step between neighbouring samples: a click is a jump far above the tone's own.
int largest_step(std::span<const std::int16_t> s) {
  int m = 0;
  for (std::size_t i = 1; i < s.size(); ++i) m = std::max(m, std::abs(static_cast<int>(s[i]) - static_cast<int>(s[i - 1])));
  return m;
}

}  // namespace

TEST_CASE("a stream plays the decoded samples exactly at full volume, after a short fade-in") {
  const auto bytes = tone();
  const Pcm decoded = decode_vorbis(*bytes);
  Playback p;
  p.start(std::make_unique<VorbisStream>(bytes));
  CHECK(p.state() == Playback::State::playing);
  CHECK(p.frames() == static_cast<std::int64_t>(decoded.frames()));
  const auto out = render(p, decoded.frames());
  const std::size_t fade = static_cast<std::size_t>(kRate * Playback::kFadeMs / 1000) + 1;
  // The fade-in: rising from silence, never louder than the sound itself.
  CHECK(std::abs(out[0]) <= 400);
  for (std::size_t i = 0; i < fade; ++i) CHECK(std::abs(out[i]) <= std::abs(decoded.samples[i]) + 1);
  // Then the decoded file, sample for sample.
  CHECK(std::equal(out.begin() + static_cast<std::ptrdiff_t>(fade), out.end(), decoded.samples.begin() + static_cast<std::ptrdiff_t>(fade)));
  CHECK(p.rendered() == decoded.frames());
  // At the end: silence, paused at the end, and play again starts from the beginning.
  const auto after = render(p, 2000);
  CHECK(peak(after) == 0);
  CHECK(p.ended());
  CHECK(p.quiet());
  p.resume();
  CHECK(p.state() == Playback::State::playing);
  CHECK(p.position() == 0);
  CHECK(peak(render(p, 4000)) > 15000);
}

TEST_CASE("pause, resume, seek and stop fade instead of clicking, and keep the place") {
  const auto bytes = tone(2.0);
  const Pcm decoded = decode_vorbis(*bytes);
  const int tone_step = largest_step(decoded.samples);
  Playback p;
  p.start(std::make_unique<VorbisStream>(bytes));
  auto a = render(p, 8820);  // 0.4 s
  p.pause();
  CHECK(p.state() == Playback::State::paused);
  auto b = render(p, 4410);
  CHECK(p.quiet());
  const auto held = p.position();
  CHECK(held > 8820);
  CHECK(held < 8820 + 400);  // the fade-out only
  CHECK(peak(std::span(b).subspan(400)) == 0);
  auto c = render(p, 4410);  // paused: silence, the place kept
  CHECK(peak(c) == 0);
  CHECK(p.position() == held);
  p.resume();
  auto d = render(p, 4410);
  CHECK(p.position() == held + 4410);
  // No jump at any transition larger than the tone's own steepest step (plus rounding).
  std::vector<std::int16_t> all(a);
  all.insert(all.end(), b.begin(), b.end());
  all.insert(all.end(), c.begin(), c.end());
  all.insert(all.end(), d.begin(), d.end());
  CHECK(largest_step(all) <= tone_step + 2);

  p.seek(kRate);  // to 1 s: fade out, jump, fade in
  auto e = render(p, 2205);
  CHECK(p.position() > kRate);
  CHECK(p.position() < kRate + 2205);
  std::vector<std::int16_t> around(d.end() - 100, d.end());
  around.insert(around.end(), e.begin(), e.end());
  CHECK(largest_step(around) <= tone_step + 2);

  p.stop();
  CHECK(p.state() == Playback::State::stopped);
  auto f = render(p, 2205);
  CHECK(largest_step(f) <= tone_step + 2);
  CHECK(!p.has_stream());
  CHECK(p.quiet());
}

TEST_CASE("the volume glides to its new level") {
  const auto bytes = tone(2.0);
  Playback p;
  p.start(std::make_unique<VorbisStream>(bytes));
  render(p, 4410);
  p.set_volume(0.25f);
  const auto ramp = render(p, 441);  // 20 ms: still on its way down
  CHECK(peak(ramp) > 0.3 * 0.6 * 32767);
  const auto later = render(p, 4410);
  const auto settled = std::span(later).subspan(1000);  // 50 ms after the change
  CHECK(peak(settled) < 0.27 * 0.6 * 32767 + 50);
  CHECK(peak(settled) > 0.23 * 0.6 * 32767);
}

TEST_CASE("damaged bytes are refused with a reason, before anything plays") {
  auto bytes = *tone();
  CHECK_THROWS_AS(VorbisStream(std::make_shared<const std::vector<std::uint8_t>>()), AudioError);
  std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
  CHECK_THROWS_AS(VorbisStream(std::make_shared<const std::vector<std::uint8_t>>(cut)), AudioError);
  std::vector<std::uint8_t> noise(4096);
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<std::uint8_t>((i * 7919) ^ (i >> 3));
  CHECK_THROWS_AS(VorbisStream(std::make_shared<const std::vector<std::uint8_t>>(noise)), AudioError);
  Playback p;
  p.start(nullptr);
  std::vector<std::int16_t> out(512, 7);
  p.render(out);
  CHECK(peak(out) == 0);
  CHECK(p.state() == Playback::State::stopped);
}
