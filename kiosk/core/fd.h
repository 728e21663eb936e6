#pragma once
// POSIX file descriptors with one owner, and the open(2) and fsync(2) calls around them that the
// libraries share. Errors are reported as errno values, not thrown: each library turns them into
// its own error type naming the file. A UniqueFd, like the descriptor it owns, belongs to one
// thread at a time; the functions may be called from any thread.
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace orpheus::core {

// Owns a descriptor (or none: -1) and closes it on destruction, ignoring errors there. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const noexcept { return fd_; }
  bool valid() const noexcept { return fd_ >= 0; }
  // Closes the descriptor (if any) and ignores errors: for paths that are failing anyway.
  void reset() noexcept;
  // Closes now: 0, or the errno of a failed close (EINTR counts as closed). The last chance to
  // hear of a failed write on some filesystems, so a file being written is closed with this.
  [[nodiscard]] int close() noexcept;

 private:
  int fd_ = -1;
};

// open(2) with O_CLOEXEC added, retried on EINTR. On failure the result is not valid() and errno
// says why (see open_failure).
UniqueFd open_fd(const std::filesystem::path& file, int flags, mode_t mode = 0);

// Why an open failed, as the tools say it: "file not found" (ENOENT), "permission denied"
// (EACCES), "is a folder, not a file" (EISDIR), else "cannot open: " and the system's text.
std::string open_failure(int error);

// fsync(2) of a folder, making the entries created or renamed in it durable: 0 or the errno of
// the failed open or fsync. An empty path is the current folder (a bare file name's parent_path()).
[[nodiscard]] int sync_folder(const std::filesystem::path& dir);

}  // namespace orpheus::core
