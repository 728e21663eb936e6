#include "fleet/delta.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/fd.h"

namespace orpheus::fleet {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBlock = std::size_t{1} << 20;  // bytes read from a file at a time

[[noreturn]] void fail(const fs::path& file, const std::string& why) { throw DeltaError(file.string() + ": " + why); }

std::string errno_text(int e) { return std::generic_category().message(e); }

// core's descriptors, with this library's errors. A folder opened for writing is reported in the
// system's words ("cannot open: Is a directory"), as this library always has.
core::UniqueFd open_file(const fs::path& file, int flags, mode_t mode = 0) {
  core::UniqueFd fd = core::open_fd(file, flags, mode);
  if (!fd.valid()) fail(file, errno == EISDIR ? "cannot open: " + errno_text(errno) : core::open_failure(errno));
  return fd;
}

// A regular file open for reading, and its size when opened.
struct Input {
  core::UniqueFd fd;
  std::uint64_t size = 0;
};

Input open_input(const fs::path& file) {
  Input input{open_file(file, O_RDONLY | O_NONBLOCK), 0};  // O_NONBLOCK: a FIFO does not block the open
  struct stat st {};
  if (::fstat(input.fd.get(), &st) != 0) fail(file, "cannot read its status: " + errno_text(errno));
  if (S_ISDIR(st.st_mode)) fail(file, "is a folder, not a file");
  if (!S_ISREG(st.st_mode)) fail(file, "is not a regular file");
  input.size = static_cast<std::uint64_t>(st.st_size);
  return input;
}

// A whole file, memory-mapped read-only: the dictionary prefix of a patch. Unmapped and closed on
// destruction; an empty file has no mapping.
class MappedFile {
 public:
  explicit MappedFile(const fs::path& file) : file_(open_input(file)) {
    if (file_.size > SIZE_MAX) fail(file, "too large to map");
    if (file_.size == 0) return;
    void* p = ::mmap(nullptr, static_cast<std::size_t>(file_.size), PROT_READ, MAP_PRIVATE, file_.fd.get(), 0);
    if (p == MAP_FAILED) fail(file, "cannot read (mmap): " + errno_text(errno));
    data_ = p;
  }
  ~MappedFile() {
    if (data_) ::munmap(data_, static_cast<std::size_t>(file_.size));
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const void* data() const { return data_; }
  std::uint64_t size() const { return file_.size; }

 private:
  Input file_;
  void* data_ = nullptr;
};

// Reads up to `size` bytes; fewer only at the end of the file.
std::size_t read_some(const core::UniqueFd& fd, std::uint8_t* data, std::size_t size, const fs::path& file) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd.get(), data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(file, "cannot read: " + errno_text(errno));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

void write_all(const core::UniqueFd& fd, const void* data, std::size_t size, const fs::path& file) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd.get(), p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(file, "cannot write: " + errno_text(n < 0 ? errno : EIO));
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void fsync_dir(const fs::path& dir) {
  const core::UniqueFd fd = open_file(dir.empty() ? fs::path(".") : dir, O_RDONLY | O_DIRECTORY);
  if (::fsync(fd.get()) != 0) fail(dir, "cannot sync the folder: " + errno_text(errno));
}

// A file being written; unlinked on destruction unless kept.
class OutputFile {
 public:
  OutputFile(fs::path path, int flags) : path_(std::move(path)), fd_(open_file(path_, O_WRONLY | O_CREAT | flags, 0644)) {}
  ~OutputFile() {
    if (!keep_) {
      fd_.reset();  // closed before the unlink
      ::unlink(path_.c_str());
    }
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  const core::UniqueFd& fd() const { return fd_; }
  const fs::path& path() const { return path_; }
  void sync() {
    if (::fsync(fd_.get()) != 0) fail(path_, "cannot sync: " + errno_text(errno));
  }
  void close() {
    if (const int e = fd_.close(); e != 0) fail(path_, "cannot close: " + errno_text(e));
  }
  void keep() { keep_ = true; }

 private:
  fs::path path_;
  core::UniqueFd fd_;
  bool keep_ = false;
};

// A unique temporary name beside `file`, hidden (a leading dot) so no listing takes it for a patch.
fs::path temp_beside(const fs::path& file) {
  static std::atomic<unsigned> counter{0};
  return file.parent_path() /
         ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

struct FreeCCtx {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct FreeDCtx {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// A libzstd result that must not be an error (setting a parameter, referencing the prefix).
void zstd_ok(std::size_t result, const fs::path& file, const char* what) {
  if (ZSTD_isError(result)) fail(file, std::string("cannot ") + what + " (zstd: " + ZSTD_getErrorName(result) + ")");
}

// Enough window for every byte of `to` to reach every byte of `from` (the prefix sits right before
// it), as zstd --patch-from chooses it: 2^(bits of the larger size + 1), within zstd's bounds.
int window_log_for(std::uint64_t from_size, std::uint64_t to_size) {
  const std::uint64_t larger = std::max<std::uint64_t>({from_size, to_size, 1});
  const int wanted = static_cast<int>(std::bit_width(larger)) + 1;
  const ZSTD_bounds bounds = ZSTD_cParam_getBounds(ZSTD_c_windowLog);
  return std::clamp(wanted, bounds.lowerBound, bounds.upperBound);
}

}  // namespace

std::uint64_t make_patch(const fs::path& from, const fs::path& to, const fs::path& patch, int level) {
  if (level < 1 || level > 19) fail(patch, "compression level " + std::to_string(level) + " is not from 1 to 19");
  const MappedFile base(from);
  const Input input = open_input(to);

  const std::unique_ptr<ZSTD_CCtx, FreeCCtx> cctx(ZSTD_createCCtx());
  if (!cctx) fail(patch, "out of memory (zstd compression context)");
  ZSTD_CCtx* c = cctx.get();
  zstd_ok(ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level), patch, "set the compression level");
  zstd_ok(ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, window_log_for(base.size(), input.size)), patch, "set the window");
  zstd_ok(ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1), patch, "enable long-distance matching");
  // A content checksum: a patch applied to another base than it was made for fails on it.
  zstd_ok(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1), patch, "enable the checksum");
  zstd_ok(ZSTD_CCtx_setPledgedSrcSize(c, input.size), patch, "record the size");
  if (base.size() > 0)
    zstd_ok(ZSTD_CCtx_refPrefix(c, base.data(), static_cast<std::size_t>(base.size())), from, "use as the patch's base");

  OutputFile out(temp_beside(patch), O_EXCL);
  std::vector<std::uint8_t> in_buf(kBlock), out_buf(ZSTD_CStreamOutSize());
  std::uint64_t read_total = 0, written = 0;
  bool last = false;
  while (!last) {
    const std::size_t got = read_some(input.fd, in_buf.data(), in_buf.size(), to);
    read_total += got;
    last = got < in_buf.size();
    if (read_total > input.size || (last && read_total != input.size)) fail(to, "changed while the patch was being made");
    ZSTD_inBuffer in{in_buf.data(), got, 0};
    const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    bool finished = false;
    while (!finished) {
      ZSTD_outBuffer o{out_buf.data(), out_buf.size(), 0};
      const std::size_t remaining = ZSTD_compressStream2(c, &o, &in, mode);
      zstd_ok(remaining, patch, "compress");
      write_all(out.fd(), out_buf.data(), o.pos, out.path());
      written += o.pos;
      finished = last ? remaining == 0 : in.pos == in.size;
    }
  }
  out.sync();
  out.close();
  if (::rename(out.path().c_str(), patch.c_str()) != 0)
    fail(patch, "cannot rename the new patch into place: " + errno_text(errno));
  out.keep();
  fsync_dir(patch.parent_path());
  return written;
}

void apply_patch(const fs::path& from, const fs::path& patch, const fs::path& out_file, std::uint64_t max_bytes,
                 const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const MappedFile base(from);
  const Input input = open_input(patch);

  const std::unique_ptr<ZSTD_DCtx, FreeDCtx> dctx(ZSTD_createDCtx());
  if (!dctx) fail(patch, "out of memory (zstd decompression context)");
  ZSTD_DCtx* d = dctx.get();
  zstd_ok(ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, ZSTD_dParam_getBounds(ZSTD_d_windowLogMax).upperBound), patch,
          "allow a long window");
  zstd_ok(ZSTD_DCtx_refPrefix(d, base.data(), static_cast<std::size_t>(base.size())), from, "use as the patch's base");

  OutputFile out(out_file, O_TRUNC);
  std::vector<std::uint8_t> in_buf(kBlock), out_buf(ZSTD_DStreamOutSize());
  std::uint64_t done = 0;
  bool frame_done = false;
  while (true) {
    const std::size_t got = read_some(input.fd, in_buf.data(), in_buf.size(), patch);
    ZSTD_inBuffer in{in_buf.data(), got, 0};
    while (true) {
      if (frame_done) {
        if (in.pos < in.size) fail(patch, "data after the end of the patch (damaged, or not a patch made by Orpheus)");
        break;
      }
      ZSTD_outBuffer o{out_buf.data(), out_buf.size(), 0};
      const std::size_t ret = ZSTD_decompressStream(d, &o, &in);
      if (ZSTD_isError(ret)) {
        const ZSTD_ErrorCode code = ZSTD_getErrorCode(ret);
        if (code == ZSTD_error_checksum_wrong || code == ZSTD_error_corruption_detected ||
            code == ZSTD_error_dictionary_wrong)
          fail(patch, "the patch does not apply to " + from.string() + " (made for another version?) or is damaged");
        if (code == ZSTD_error_frameParameter_windowTooLarge)
          fail(patch, std::string("cannot be applied here (zstd: ") + ZSTD_getErrorName(ret) + ")");
        fail(patch, std::string("not a patch, or damaged (zstd: ") + ZSTD_getErrorName(ret) + ")");
      }
      if (o.pos > max_bytes - done)
        fail(patch, "would make a file larger than the " + std::to_string(max_bytes) +
                        " bytes expected (made for another version, or damaged)");
      write_all(out.fd(), out_buf.data(), o.pos, out_file);
      done += o.pos;
      if (o.pos > 0 && progress) progress(done, max_bytes);
      frame_done = ret == 0;
      // Done with this input unless some is left or the output was full (more may be waiting).
      if (in.pos == in.size && o.pos < o.size) break;
    }
    if (got == 0) break;
  }
  if (!frame_done)
    fail(patch, done == 0 && input.size == 0 ? "is empty" : "ends early (an incomplete download?)");
  out.close();
  out.keep();
}

}  // namespace orpheus::fleet
