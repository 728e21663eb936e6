#pragma once
// Synthetic content for tests and benchmarks: copies of the demo pack with extra collections.
#include <string>
#include <vector>

namespace orpheus::test {

// Extra collections "grid-N" of N items each, reusing the demo texts and one small generated
// thumbnail: for layout and frame-time work, where what the pictures show does not matter.
void make_grid_pack(const std::string& demo_pack, const std::string& out, const std::vector<int>& counts);

// One extra collection `slug` of `count` items "<slug>-<i>" that look like the demo's own: item i
// shows the demo pack's image i mod M (M = its number of images; thumbnail and display variants)
// under the texts, in every language, of that image's object. Every other pass through the M
// images is mirrored left to right, so the first 2 M items are all different pictures (a browser
// showing the same gallery would decode a repeated picture only once). The collection is the
// last on the home screen, titled "Галерия" / "Gallery", with its first image as cover. The
// pack is sealed again (unsigned, as the demo's), so it checks as intact.
void make_gallery_pack(const std::string& demo_pack, const std::string& out, const std::string& slug, int count);

// The demo pack with a collection "grid-N" of `count` items (as make_grid_pack; none for 0) dated as a large
// museum's objects are: most a single year or a few decades anywhere in 3000 BCE .. 1500 CE, some
// centuries long, one in ten spanning two millennia (sites), a fifth circa; the same dates on every
// call. The first `undated` objects of the demo lose their dates. Sealed again (unsigned).
void make_timeline_pack(const std::string& demo_pack, const std::string& out, int count, int undated);

// The demo pack with a collection "grid-N" of `count` items (as make_grid_pack; none for 0) found
// where a region's finds are: around a few dozen sites across the demo's map region, most within
// a few kilometres of their site, one in four only approximately located (within_km 2..20); the
// same spots on every call. The first `unlocated` objects of the demo lose their find-spots.
// Sealed again (unsigned).
void make_map_pack(const std::string& demo_pack, const std::string& out, int count, int unlocated);

}  // namespace orpheus::test
