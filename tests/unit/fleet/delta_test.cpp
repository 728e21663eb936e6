// Patches between real files: generated data with blocks inserted, removed and moved; a patch must
// rebuild the new file exactly, be much smaller than it, and refuse the wrong base, a cut or
// padded patch and a result larger than promised. The zstd command line reads ours and we read its.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fleet/delta.h"
#include "support/temp_dir.h"

using namespace orpheus;
using namespace orpheus::fleet;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Incompressible bytes (xorshift64*): a patch can only be small by finding them in its base.
Bytes random_bytes(std::size_t n, std::uint64_t seed) {
  Bytes out(n);
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    out[i] = static_cast<std::uint8_t>((x * 0x2545F4914F6CDD1DULL) >> 56);
  }
  return out;
}

void write(const fs::path& file, const Bytes& bytes) {
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

Bytes read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

// `old` with 64 KB inserted at 1 MB, 100 KB removed at 2 MB and a few bytes changed every 256 KB:
// what a rebuilt pack looks like to a byte diff, pages shifted and rewritten.
Bytes edited(const Bytes& old) {
  Bytes out(old.begin(), old.begin() + (1 << 20));
  const Bytes inserted = random_bytes(64 * 1024, 99);
  out.insert(out.end(), inserted.begin(), inserted.end());
  out.insert(out.end(), old.begin() + (1 << 20), old.begin() + (2 << 20));
  out.insert(out.end(), old.begin() + (2 << 20) + 100 * 1024, old.end());
  for (std::size_t i = 4096; i < out.size(); i += 256 * 1024) out[i] ^= 0x5A;
  return out;
}

struct Files {
  test::TempDir dir;
  fs::path old_file = dir / "old.db", new_file = dir / "new.db", patch = dir / "new.from-old.zst", out = dir / "out.db";
  Bytes old_bytes = random_bytes(4 << 20, 1), new_bytes = edited(old_bytes);
  Files() {
    write(old_file, old_bytes);
    write(new_file, new_bytes);
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DeltaError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

int shell(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

const char* kZstd = "/usr/bin/zstd";

}  // namespace

TEST_SUITE("Fleet delta") {
  TEST_CASE("A patch rebuilds the new file exactly and is much smaller than it") {
    Files f;
    const std::uint64_t size = make_patch(f.old_file, f.new_file, f.patch);
    CHECK(size == fs::file_size(f.patch));
    CHECK(size < f.new_bytes.size() / 20);  // the inserted 64 KB and the edits, not the 4 MB
    CHECK(size > 64 * 1024);                // the inserted bytes are random: they must be in it

    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    apply_patch(f.old_file, f.patch, f.out, f.new_bytes.size(), [&](std::uint64_t done, std::uint64_t total) {
      calls.emplace_back(done, total);
    });
    CHECK(read(f.out) == f.new_bytes);
    REQUIRE(!calls.empty());
    CHECK(calls.back() == std::pair<std::uint64_t, std::uint64_t>{f.new_bytes.size(), f.new_bytes.size()});
    for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].first > calls[i - 1].first);

    // No temporary file is left beside the patch.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(f.dir.path())) ++files;
    CHECK(files == 4);
  }

  TEST_CASE("Blocks moved further than zstd's default window are still found") {
    test::TempDir dir;
    const Bytes old_bytes = random_bytes(24 << 20, 2);
    Bytes rotated(old_bytes.begin() + (12 << 20), old_bytes.end());  // second half first
    rotated.insert(rotated.end(), old_bytes.begin(), old_bytes.begin() + (12 << 20));
    write(dir / "old", old_bytes);
    write(dir / "new", rotated);
    const std::uint64_t size = make_patch(dir / "old", dir / "new", dir / "p.zst", 3);
    CHECK(size < 64 * 1024);
    apply_patch(dir / "old", dir / "p.zst", dir / "out", rotated.size());
    CHECK(read(dir / "out") == rotated);
  }

  TEST_CASE("Empty files on either side") {
    test::TempDir dir;
    write(dir / "empty", {});
    write(dir / "some", random_bytes(1000, 3));
    make_patch(dir / "empty", dir / "some", dir / "p1.zst");
    apply_patch(dir / "empty", dir / "p1.zst", dir / "out1", 1000);
    CHECK(read(dir / "out1") == random_bytes(1000, 3));
    make_patch(dir / "some", dir / "empty", dir / "p2.zst");
    apply_patch(dir / "some", dir / "p2.zst", dir / "out2", 0);
    CHECK(fs::exists(dir / "out2"));
    CHECK(fs::file_size(dir / "out2") == 0);
  }

  TEST_CASE("A patch applied to another base is refused and leaves no output") {
    Files f;
    make_patch(f.old_file, f.new_file, f.patch);
    const std::string kRefusal =
        f.patch.string() + ": the patch does not apply to " + (f.dir / "other.db").string() + " (made for another version?)";

    SUBCASE("a different file") { write(f.dir / "other.db", random_bytes(4 << 20, 7)); }
    SUBCASE("the base with one byte changed") {
      Bytes b = f.old_bytes;
      b[3 << 20] ^= 1;
      write(f.dir / "other.db", b);
    }
    SUBCASE("the base cut short") {
      write(f.dir / "other.db", Bytes(f.old_bytes.begin(), f.old_bytes.begin() + (3 << 20)));
    }
    const std::string error = error_of([&] { apply_patch(f.dir / "other.db", f.patch, f.out, f.new_bytes.size()); });
    CHECK_MESSAGE(contains(error, kRefusal), error);
    CHECK_FALSE(fs::exists(f.out));
  }

  TEST_CASE("A cut, padded or foreign patch is refused") {
    Files f;
    make_patch(f.old_file, f.new_file, f.patch);
    const Bytes patch = read(f.patch);
    const fs::path bad = f.dir / "bad.zst";
    auto apply = [&] { return error_of([&] { apply_patch(f.old_file, bad, f.out, f.new_bytes.size()); }); };

    write(bad, Bytes(patch.begin(), patch.end() - 5));
    CHECK(apply() == bad.string() + ": ends early (an incomplete download?)");
    write(bad, Bytes(patch.begin(), patch.begin() + static_cast<std::ptrdiff_t>(patch.size() / 2)));
    CHECK(apply() == bad.string() + ": ends early (an incomplete download?)");
    CHECK_FALSE(fs::exists(f.out));

    Bytes padded = patch;
    padded.push_back(0);
    write(bad, padded);
    CHECK(contains(apply(), bad.string() + ": data after the end of the patch"));

    Bytes twice = patch;  // a second frame would be read without the base: refused too
    twice.insert(twice.end(), patch.begin(), patch.end());
    write(bad, twice);
    CHECK(contains(apply(), bad.string() + ": data after the end of the patch"));

    write(bad, random_bytes(5000, 5));
    CHECK(contains(apply(), bad.string() + ": not a patch, or damaged (zstd: "));
    write(bad, {});
    CHECK(apply() == bad.string() + ": is empty");
    CHECK_FALSE(fs::exists(f.out));

    CHECK(error_of([&] { apply_patch(f.old_file, f.dir / "missing.zst", f.out, 10); }) ==
          (f.dir / "missing.zst").string() + ": file not found");
    CHECK(error_of([&] { make_patch(f.dir / "missing.db", f.new_file, f.patch); }) ==
          (f.dir / "missing.db").string() + ": file not found");
  }

  TEST_CASE("Applying stops at the size the channel promised") {
    Files f;
    make_patch(f.old_file, f.new_file, f.patch);
    const std::uint64_t limit = f.new_bytes.size() - 1;
    CHECK(error_of([&] { apply_patch(f.old_file, f.patch, f.out, limit); }) ==
          f.patch.string() + ": would make a file larger than the " + std::to_string(limit) +
              " bytes expected (made for another version, or damaged)");
    CHECK_FALSE(fs::exists(f.out));
    CHECK_NOTHROW(apply_patch(f.old_file, f.patch, f.out, f.new_bytes.size() + 1000));  // a limit, not the size
    CHECK(read(f.out) == f.new_bytes);
  }

  TEST_CASE("A new patch replaces the old one atomically") {
    Files f;
    write(f.patch, random_bytes(10, 1));
    make_patch(f.old_file, f.new_file, f.patch, 1);
    apply_patch(f.old_file, f.patch, f.out, f.new_bytes.size());
    CHECK(read(f.out) == f.new_bytes);
    CHECK(contains(error_of([&] { make_patch(f.old_file, f.new_file, f.patch, 20); }), "compression level 20"));
  }

  TEST_CASE("The zstd command line reads our patches and we read its") {
    if (!fs::exists(kZstd)) {
      MESSAGE("skipped: " << kZstd << " not found (apt-get install zstd)");
      return;
    }
    Files f;
    make_patch(f.old_file, f.new_file, f.patch);
    const fs::path by_cli = f.dir / "by-cli.db";
    REQUIRE(shell(std::string(kZstd) + " -q -d --patch-from='" + f.old_file.string() + "' --long=31 '" + f.patch.string() +
                  "' -o '" + by_cli.string() + "'") == 0);
    CHECK(read(by_cli) == f.new_bytes);

    const fs::path cli_patch = f.dir / "cli.zst";
    REQUIRE(shell(std::string(kZstd) + " -q -9 --long=31 --patch-from='" + f.old_file.string() + "' '" + f.new_file.string() +
                  "' -o '" + cli_patch.string() + "'") == 0);
    apply_patch(f.old_file, cli_patch, f.out, f.new_bytes.size());
    CHECK(read(f.out) == f.new_bytes);
  }
}
