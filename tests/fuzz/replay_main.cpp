// The fuzz targets without libFuzzer (every build but the fuzz preset): runs
// LLVMFuzzerTestOneInput once on each file given, and on every file of each folder given (sorted,
// not recursively), so that the crashes once found (tests/fuzz/regressions/TARGET) and the
// committed seeds are replayed by CTest with g++. A crash is the test failing. A folder that does
// not exist is no input (a target none of whose crashes was kept yet).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::vector<std::uint8_t> read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> in_dir;
      for (const auto& e : std::filesystem::directory_iterator(arg))
        if (e.is_regular_file() && !e.path().filename().string().starts_with(".")) in_dir.push_back(e.path());
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (std::filesystem::exists(arg, ec)) {
      files.push_back(arg);
    }
  }
  for (const auto& file : files) {
    std::fprintf(stderr, "running %s\n", file.c_str());
    const auto bytes = read_all(file);
    // A copy of exactly the input's size, so that a read past its end is caught as under libFuzzer.
    const auto copy = std::make_unique<std::uint8_t[]>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), bytes.size());
  }
  std::fprintf(stderr, "%zu inputs run\n", files.size());
  return 0;
}
