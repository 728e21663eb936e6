#pragma once
// Synthetic content for tests and benchmarks: a copy of the demo pack with extra collections
// "grid-N" of N items each, reusing the demo texts and one small generated thumbnail.
#include <string>
#include <vector>

namespace orpheus::test {

void make_grid_pack(const std::string& demo_pack, const std::string& out, const std::vector<int>& counts);

}  // namespace orpheus::test
