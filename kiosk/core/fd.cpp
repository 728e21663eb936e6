#include "core/fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace orpheus::core {

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void UniqueFd::reset() noexcept {
  if (const int fd = std::exchange(fd_, -1); fd >= 0) ::close(fd);
}

int UniqueFd::close() noexcept {
  // Linux closes the descriptor even when close() reports EINTR: it must not be closed again.
  if (const int fd = std::exchange(fd_, -1); fd >= 0 && ::close(fd) != 0 && errno != EINTR) return errno;
  return 0;
}

UniqueFd open_fd(const std::filesystem::path& file, int flags, mode_t mode) {
  int fd;
  do fd = ::open(file.c_str(), flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  return UniqueFd(fd);
}

std::string open_failure(int error) {
  if (error == ENOENT) return "file not found";
  if (error == EACCES) return "permission denied";
  if (error == EISDIR) return "is a folder, not a file";
  return "cannot open: " + std::generic_category().message(error);
}

int sync_folder(const std::filesystem::path& dir) {
  const UniqueFd fd = open_fd(dir.empty() ? std::filesystem::path(".") : dir, O_RDONLY | O_DIRECTORY);
  if (!fd.valid()) return errno;
  if (::fsync(fd.get()) != 0) return errno;
  return 0;
}

}  // namespace orpheus::core
