#include "catalog/map_rows.h"

#include <bit>

namespace orpheus::catalog {

const char* to_string(MapLine::Layer layer) {
  switch (layer) {
    case MapLine::Layer::shore: return "shore";
    case MapLine::Layer::border: return "border";
    case MapLine::Layer::river: return "river";
  }
  return "shore";
}

std::optional<MapLine::Layer> map_layer_named(std::string_view name) {
  for (const auto layer : {MapLine::Layer::shore, MapLine::Layer::border, MapLine::Layer::river})
    if (name == to_string(layer)) return layer;
  return std::nullopt;
}

std::vector<std::uint8_t> encode_map_points(const std::vector<float>& xy) {
  std::vector<std::uint8_t> out(xy.size() * 4);
  for (std::size_t i = 0; i < xy.size(); ++i) {
    const auto bits = std::bit_cast<std::uint32_t>(xy[i]);
    for (int b = 0; b < 4; ++b) out[4 * i + static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
  return out;
}

std::vector<float> decode_map_points(std::span<const std::uint8_t> bytes) {
  if (bytes.size() % 8) return {};
  std::vector<float> out(bytes.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::uint32_t bits = 0;
    for (int b = 0; b < 4; ++b) bits |= static_cast<std::uint32_t>(bytes[4 * i + static_cast<std::size_t>(b)]) << (8 * b);
    out[i] = std::bit_cast<float>(bits);
  }
  return out;
}

}  // namespace orpheus::catalog
