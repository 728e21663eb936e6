#pragma once
// A pack for long soak runs: a copy of the demo pack with a collection "soak" (the first on the home screen) of `count` items,
// each with one 1024x768 image that has a deep-zoom pyramid of 64-pixel tiles (a 512x384
// display image, a 256x192 thumbnail). Small, so that thousands of item visits with zooms run
// in minutes while the viewer still loads, draws, cancels and evicts tiles the way it does
// for a large photograph. Eight different pictures, in turn.
#include <string>

namespace orpheus::test {

void make_soak_pack(const std::string& demo_pack, const std::string& out, int count);

// A copy of the demo pack with a collection "huge" (first on the home screen) of one item
// "huge-0" whose one image is `size` x `size` pixels with a pyramid of 256-pixel tiles: a grid of
// lines every 64, 512 and 4096 pixels over colour gradients, drawn tile by tile (the full image
// never exists in memory), so even 20000 x 20000 takes seconds. For deep-zoom benchmarks.
void make_huge_image_pack(const std::string& demo_pack, const std::string& out, int size);

}  // namespace orpheus::test
