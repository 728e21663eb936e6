#pragma once
// The map's lines as a pack stores them (schema version 5, map_line): the layer's name and the
// points as little-endian float32 x, y pairs. Shared by the pack writer and the snapshot loader.
// Pure; any thread.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace orpheus::catalog {

const char* to_string(MapLine::Layer layer);               // "shore", "border", "river"
std::optional<MapLine::Layer> map_layer_named(std::string_view name);

std::vector<std::uint8_t> encode_map_points(const std::vector<float>& xy);
// Empty when `bytes` is not a whole number of x, y pairs.
std::vector<float> decode_map_points(std::span<const std::uint8_t> bytes);

}  // namespace orpheus::catalog
