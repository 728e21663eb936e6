#include "core/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/fd.h"

namespace orpheus::core {
namespace fs = std::filesystem;

namespace {
std::runtime_error io_error(const std::string& what, const fs::path& path, int err) {
  return std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}
}  // namespace

void write_file_atomically(const fs::path& file, std::string_view text) {
  static std::atomic<unsigned> counter{0};
  fs::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  UniqueFd fd = open_fd(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!fd.valid()) throw io_error("create", tmp, errno);
  // Closes and removes the temporary file; `err` is taken before, as the clean-up may change errno.
  auto fail = [&](const std::string& what, const fs::path& path, int err) {
    fd.reset();
    ::unlink(tmp.c_str());
    return io_error(what, path, err);
  };
  while (!text.empty()) {
    const ssize_t n = ::write(fd.get(), text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail("write", tmp, errno);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd.get()) != 0) throw fail("fsync", tmp, errno);
  if (const int err = fd.close(); err != 0) throw fail("close", tmp, err);
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    const int err = errno;  // before the message is built
    throw fail("rename " + tmp.string() + " to", file, err);
  }
}

}  // namespace orpheus::core
