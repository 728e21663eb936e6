#pragma once
// Shared by the fuzz targets (tests/fuzz/README.md): a private scratch folder for parsers that read
// files, and inputs made of several files. Each target is one LLVMFuzzerTestOneInput, linked with
// libFuzzer (the fuzz preset) or with replay_main.cpp (every other build: the regression inputs).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/log.h"

namespace orpheus::fuzz {

// The target's scratch folder: created on first use, removed at exit (not after a crash: the
// fuzzer's input file is what to keep then). One per process, so parallel runs do not collide.
class Scratch {
 public:
  static const std::filesystem::path& dir() {
    static const Scratch scratch;
    return scratch.path_;
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

 private:
  Scratch() : path_(std::filesystem::temp_directory_path() / ("orpheus-fuzz-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  std::filesystem::path path_;
};

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Writes `bytes` to Scratch::dir() / name (folders created) and returns the path.
inline std::filesystem::path write_file(const std::filesystem::path& name, std::string_view bytes) {
  const std::filesystem::path file = Scratch::dir() / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

// Removes everything in the scratch folder (between inputs whose files would otherwise linger).
inline void clear_scratch() {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(Scratch::dir(), ec)) std::filesystem::remove_all(e.path(), ec);
}

// An input holding several files: their texts separated by lines of kFileBreak (in the targets'
// dictionaries), the first part the first file. Missing parts are empty.
inline constexpr std::string_view kFileBreak = "\n%%file%%\n";
inline std::vector<std::string_view> split_files(std::string_view input, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const auto at = input.find(kFileBreak);
    if (at == std::string_view::npos) break;
    out.push_back(input.substr(0, at));
    input.remove_prefix(at + kFileBreak.size());
  }
  out.push_back(input);
  out.resize(parts);
  return out;
}

// Quiet logging: the parsers' warnings would be printed for every input.
inline void quiet() { log::set_level(log::Level::error); }

// Why an input was refused, printed with ORPHEUS_FUZZ_VERBOSE=1 (to see how far a seed gets).
inline void refused(const std::exception& e) {
  static const bool verbose = std::getenv("ORPHEUS_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "refused: %s\n", e.what());
}

}  // namespace orpheus::fuzz
