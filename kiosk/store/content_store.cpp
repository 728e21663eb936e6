// ContentStore: the content directory, written only through temp file + fsync + rename + fsync
// of the directory, one writer at a time under flock(DIR/.lock). See content_store.h.
//
// Why a kill at any instant is harmless, step by step (install of B over state {A, P}):
//   1. lock; read state {A, P}; remove stale .incoming-* and .state-* (no writer can own them)
//   2. copy to .incoming-*, fsync, check_copy      killed: a stale temp file, state {A, P}
//   3. rename to B.db, fsync DIR                     killed: a stray B.db, state {A, P}
//   4. .state-* written, fsynced, renamed to state   killed: state {A, P} or {B, A}, both complete
//   5. fsync DIR, then remove P.db and leftovers     killed: state {B, A}, leftovers
// Nothing named by the state on disk is ever removed or modified before the state that names it
// has been durably replaced, and the lock is released by the kernel when its holder dies.
#include "store/content_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <random>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace orpheus::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStateFile = "state";
constexpr std::string_view kLockFile = ".lock";
constexpr std::string_view kIncomingPrefix = ".incoming-";
constexpr std::string_view kStateTempPrefix = ".state-";
constexpr std::size_t kMaxFileName = 200;        // leaves room for the temp prefix and suffix
constexpr std::size_t kMaxStateBytes = 64 * 1024;  // a real one is under 200 bytes
constexpr std::size_t kCopyBuffer = 1 << 20;

std::string reason(int err) { return std::system_category().message(err); }

// Owns a file descriptor; closes it (ignoring errors) unless close() was called and checked.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Closes now and returns 0 or the errno of a failed close (a delayed write error).
  int close() {
    const int rc = ::close(std::exchange(fd_, -1));
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_ = -1;
};

Fd open_fd(const fs::path& p, int flags, mode_t mode = 0) {
  int fd;
  do fd = ::open(p.c_str(), flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  return Fd(fd);
}

void fsync_or_throw(int fd, const fs::path& p, const char* what) {
  int rc;
  do rc = ::fsync(fd);
  while (rc != 0 && errno == EINTR);
  if (rc != 0) throw StoreError(p.string() + ": " + what + ": " + reason(errno));
}

void fsync_dir(const fs::path& dir) {
  Fd fd = open_fd(dir, O_RDONLY | O_DIRECTORY);
  if (!fd) throw StoreError(dir.string() + ": cannot open the directory to sync it: " + reason(errno));
  fsync_or_throw(fd.get(), dir, "cannot sync the directory");
}

// flock(DIR/.lock) for the lifetime of the object. A second writer waits here for the first
// (the kernel drops the lock when its holder exits or is killed, so it is never stale).
class DirLock {
 public:
  explicit DirLock(const fs::path& dir) {
    const fs::path file = dir / kLockFile;
    // Read-only is enough for flock, so a lock file made by another user still locks.
    fd_ = open_fd(file, O_RDONLY | O_CREAT, 0644);
    if (!fd_) throw StoreError(file.string() + ": cannot open the lock file: " + reason(errno));
    int rc;
    do rc = ::flock(fd_.get(), LOCK_EX);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) throw StoreError(file.string() + ": cannot lock: " + reason(errno));
  }

 private:
  Fd fd_;  // closing it releases the lock
};

// A unique name for a temporary file in the directory: PREFIX + hint + pid + counter + random.
std::string temp_name(std::string_view prefix, std::string_view hint) {
  static std::atomic<unsigned> counter{0};
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::string name(prefix);
  name += hint;
  if (!hint.empty()) name += '-';
  name += std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rng() % 1000000);
  return name;
}

// A file this process created in DIR; removed when the object dies unless released.
class TempFile {
 public:
  explicit TempFile(fs::path path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!released_) {
      std::error_code ec;
      fs::remove(path_, ec);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }
  void release() { released_ = true; }

 private:
  fs::path path_;
  bool released_ = false;
};

void write_all(int fd, const char* data, std::size_t n, const fs::path& p, const char* what) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw StoreError(p.string() + ": " + what + ": " + reason(errno));
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

// [A-Za-z0-9._-]+, not starting with '.', at most kMaxFileName characters.
bool valid_stem(std::string_view s) {
  return !s.empty() && s.size() <= kMaxFileName && s.front() != '.' && std::all_of(s.begin(), s.end(), name_char);
}

// A pack file name: a valid stem ending in ".db" with something before it.
bool valid_file_name(std::string_view s) { return valid_stem(s) && s.size() > 3 && s.ends_with(".db"); }

std::string trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

State parse_state(std::string_view text, const fs::path& file) {
  State s;
  bool seen_current = false, seen_previous = false;
  int line_no = 0;
  const auto bad = [&](const std::string& why) {
    return StoreError(file.string() + ":" + std::to_string(line_no) + ": malformed state file: " + why);
  };
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    const std::string line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) throw bad("expected \"current = NAME.db\" or \"previous = NAME.db\"");
    const std::string key = trim(std::string_view(line).substr(0, eq));
    const std::string value = trim(std::string_view(line).substr(eq + 1));
    bool* seen = key == "current" ? &seen_current : key == "previous" ? &seen_previous : nullptr;
    if (!seen) throw bad("unknown key \"" + key + "\" (expected current or previous)");
    if (*seen) throw bad("\"" + key + "\" given twice");
    *seen = true;
    if (value.find('/') != std::string::npos || value.find('\\') != std::string::npos)
      throw bad(key + " \"" + value + "\" has a path separator: packs are plain file names inside the directory");
    if (!valid_file_name(value))
      throw bad(key + " \"" + value +
                "\" is not a pack file name (letters, digits, '.', '_' and '-', not starting with '.', ending in .db)");
    (key == "current" ? s.current : s.previous) = value;
  }
  if (!s.previous.empty() && s.current.empty()) throw StoreError(file.string() + ": malformed state file: a previous pack but no current one");
  if (!s.previous.empty() && s.previous == s.current)
    throw StoreError(file.string() + ": malformed state file: current and previous are the same pack");
  return s;
}

State read_state(const fs::path& dir) {
  const fs::path file = dir / kStateFile;
  Fd fd = open_fd(file, O_RDONLY);
  if (!fd) {
    if (errno == ENOENT) return {};  // no directory or no state yet
    if (errno == ENOTDIR) throw StoreError(dir.string() + ": not a directory");
    throw StoreError(file.string() + ": cannot open the state file: " + reason(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw StoreError(file.string() + ": cannot stat the state file: " + reason(errno));
  if (!S_ISREG(st.st_mode)) throw StoreError(file.string() + ": the state file is not a regular file");
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw StoreError(file.string() + ": cannot read the state file: " + reason(errno));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxStateBytes)
      throw StoreError(file.string() + ": malformed state file: larger than " + std::to_string(kMaxStateBytes) + " bytes");
  }
  return parse_state(text, file);
}

std::string state_text(const State& s) {
  std::string t =
      "# Orpheus content store: the pack the kiosk shows (current) and the one rollback restores\n"
      "# (previous). Written by orpheus-pack install/rollback; replaced atomically, never edited in place.\n";
  t += "current = " + s.current + "\n";
  if (!s.previous.empty()) t += "previous = " + s.previous + "\n";
  return t;
}

// Writes `s` to a temp file, fsyncs it and renames it over DIR/state. The caller fsyncs DIR.
// Throws before the rename only: when it returns, the new state is visible.
void replace_state(const fs::path& dir, const State& s) {
  const std::string text = state_text(s);
  TempFile temp(dir / temp_name(kStateTempPrefix, ""));
  {
    Fd fd = open_fd(temp.path(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (!fd) throw StoreError((dir / kStateFile).string() + ": cannot create a new state file in " + dir.string() + ": " + reason(errno));
    write_all(fd.get(), text.data(), text.size(), dir / kStateFile, "cannot write the new state");
    fsync_or_throw(fd.get(), dir / kStateFile, "cannot sync the new state");
    if (const int err = fd.close()) throw StoreError((dir / kStateFile).string() + ": cannot write the new state: " + reason(err));
  }
  if (::rename(temp.path().c_str(), (dir / kStateFile).c_str()) != 0)
    throw StoreError((dir / kStateFile).string() + ": cannot replace the state file: " + reason(errno));
  temp.release();
}

bool temp_file_name(std::string_view name) {
  return name.starts_with(kIncomingPrefix) || name.starts_with(kStateTempPrefix);
}

// Best effort: removes stale temp files and, if `keep` is given, every pack it does not name.
// Only ever called under the lock, after the state in `keep` is durable.
void collect(const fs::path& dir, const State* keep) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    bool remove = temp_file_name(name);
    if (!remove && keep && valid_file_name(name) && name != keep->current && name != keep->previous) {
      std::error_code sec;
      const auto type = it->symlink_status(sec).type();
      remove = !sec && (type == fs::file_type::regular || type == fs::file_type::symlink);
    }
    if (remove) {
      std::error_code rec;
      fs::remove(it->path(), rec);
    }
  }
}

bool present(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  return !name.empty() && fs::is_regular_file(dir / name, ec);
}

std::string pack_file_name(const std::string& name, const fs::path& dir) {
  std::string stem = name;
  if (stem.size() > 3 && stem.ends_with(".db")) stem.resize(stem.size() - 3);
  if (!valid_stem(stem))
    throw StoreError(dir.string() + ": invalid pack name \"" + stem +
                     "\": use 1 to " + std::to_string(kMaxFileName - 3) +
                     " letters, digits, '.', '_' and '-', not starting with '.'");
  std::string file = stem + ".db";
  if (!valid_file_name(file))
    throw StoreError(dir.string() + ": invalid pack name \"" + stem + "\": too long");
  return file;
}

}  // namespace

ContentStore::ContentStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

State ContentStore::state() const { return read_state(dir_); }

std::optional<std::filesystem::path> ContentStore::current() const {
  const State s = state();
  if (!present(dir_, s.current)) return std::nullopt;
  return dir_ / s.current;
}

std::optional<std::filesystem::path> ContentStore::previous() const {
  const State s = state();
  if (!present(dir_, s.previous)) return std::nullopt;
  return dir_ / s.previous;
}

std::filesystem::path ContentStore::install(const std::filesystem::path& pack, const InstallOptions& options) {
  const std::string file = pack_file_name(options.name, dir_);
  const fs::path target = dir_ / file;

  // The source, opened once: what is copied is what was opened, even if the path changes.
  Fd src = open_fd(pack, O_RDONLY);
  if (!src) throw StoreError(pack.string() + ": cannot open the pack: " + reason(errno));
  struct stat st {};
  if (::fstat(src.get(), &st) != 0) throw StoreError(pack.string() + ": cannot stat the pack: " + reason(errno));
  if (S_ISDIR(st.st_mode)) throw StoreError(pack.string() + ": is a directory, not a pack file");
  if (!S_ISREG(st.st_mode)) throw StoreError(pack.string() + ": not a regular file");
  const auto total = static_cast<std::uint64_t>(st.st_size);

  std::error_code ec;
  if (fs::create_directories(dir_, ec) && !ec) {  // make the new directory itself durable
    const fs::path parent = fs::absolute(dir_, ec).parent_path();
    if (!ec) fsync_dir(parent);
  }
  if (ec) throw StoreError(dir_.string() + ": cannot create the content directory: " + ec.message());
  if (!fs::is_directory(dir_, ec)) throw StoreError(dir_.string() + ": not a directory");

  DirLock lock(dir_);
  const State old = read_state(dir_);

  // A pack is known by its name: the same name again is the same pack, not copied again. A
  // different size under that name is a mistake (the caller should put a hash in the name).
  const auto same_pack = [&] {
    const std::uint64_t bytes = fs::file_size(target, ec);
    if (!ec && bytes != total)
      throw StoreError(target.string() + ": a different pack (" + std::to_string(bytes) + " bytes, not " +
                       std::to_string(total) + ") is already installed under this name; install " + pack.string() +
                       " under another name");
  };
  if (file == old.current && present(dir_, file)) {  // already shown: nothing to do
    same_pack();
    if (options.progress) options.progress(total, total);
    fsync_dir(dir_);  // the state read may be a killed writer's last, not yet durable, rename
    collect(dir_, &old);
    return target;
  }

  State next;
  next.current = file;
  if (old.current != file && present(dir_, old.current))
    next.previous = old.current;
  else if (old.previous != file && present(dir_, old.previous))
    next.previous = old.previous;  // the old current is gone: keep what rollback had

  const bool copy = !(file == old.previous && present(dir_, file));  // else a swap, no copy
  if (!copy) {
    same_pack();
    if (options.progress) options.progress(total, total);
  }
  bool placed = false;  // target is a file this call put in place (removed again on failure)
  try {
    if (copy) {
      collect(dir_, nullptr);  // frees the space of copies a killed install left behind
      TempFile temp(dir_ / temp_name(kIncomingPrefix, file));
      Fd out = open_fd(temp.path(), O_WRONLY | O_CREAT | O_EXCL, 0444);
      if (!out) throw StoreError(target.string() + ": cannot create the copy in " + dir_.string() + ": " + reason(errno));
      std::vector<char> buf(kCopyBuffer);
      std::uint64_t done = 0;
      if (options.progress) options.progress(0, total);
      for (;;) {
        const ssize_t n = ::read(src.get(), buf.data(), buf.size());
        if (n < 0) {
          if (errno == EINTR) continue;
          throw StoreError(pack.string() + ": cannot read the pack: " + reason(errno));
        }
        if (n == 0) break;
        if (done + static_cast<std::uint64_t>(n) > total)
          throw StoreError(pack.string() + ": changed while being copied (grew beyond " + std::to_string(total) + " bytes)");
        write_all(out.get(), buf.data(), static_cast<std::size_t>(n), target, "cannot write the copy");
        done += static_cast<std::uint64_t>(n);
        if (options.progress) options.progress(done, total);
      }
      if (done != total)
        throw StoreError(pack.string() + ": changed while being copied (" + std::to_string(done) + " of " +
                         std::to_string(total) + " bytes read)");
      fsync_or_throw(out.get(), target, "cannot sync the copy");
      if (const int err = out.close()) throw StoreError(target.string() + ": cannot write the copy: " + reason(err));
      if (options.check_copy) options.check_copy(temp.path());  // may throw anything: the temp goes
      if (::rename(temp.path().c_str(), target.c_str()) != 0)
        throw StoreError(target.string() + ": cannot move the copy into place: " + reason(errno));
      temp.release();
      placed = true;
      fsync_dir(dir_);
    }
    replace_state(dir_, next);
  } catch (...) {
    if (placed) fs::remove(target, ec);  // not named by the (unchanged) state
    throw;
  }
  // The switch is visible; make it durable before removing anything the old state named.
  try {
    fsync_dir(dir_);
  } catch (const StoreError& e) {
    throw StoreError(std::string(e.what()) + " (after " + file + " became current)");
  }
  collect(dir_, &next);
  return target;
}

State ContentStore::rollback() {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw StoreError(dir_.string() + ": no content directory: nothing to roll back to");
  DirLock lock(dir_);
  const State old = read_state(dir_);
  if (old.previous.empty()) throw StoreError((dir_ / kStateFile).string() + ": no previous pack to roll back to");
  if (!present(dir_, old.previous))
    throw StoreError((dir_ / old.previous).string() + ": the previous pack is missing: cannot roll back to it");
  State next;
  next.current = old.previous;
  if (present(dir_, old.current)) next.previous = old.current;
  replace_state(dir_, next);
  try {
    fsync_dir(dir_);
  } catch (const StoreError& e) {
    throw StoreError(std::string(e.what()) + " (after " + next.current + " became current)");
  }
  collect(dir_, &next);
  return next;
}

std::vector<Entry> ContentStore::list() const {
  const State s = state();
  std::vector<Entry> out;
  std::error_code ec;
  fs::directory_iterator it(dir_, ec);
  if (ec == std::errc::no_such_file_or_directory) return out;
  if (ec) throw StoreError(dir_.string() + ": cannot list the content directory: " + ec.message());
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code fec;
    if (!valid_file_name(name) || !it->is_regular_file(fec)) continue;
    Entry e;
    e.file = it->path();
    e.bytes = it->file_size(fec);
    if (fec) continue;  // removed meanwhile
    e.current = name == s.current;
    e.previous = name == s.previous;
    out.push_back(std::move(e));
  }
  if (ec) throw StoreError(dir_.string() + ": cannot list the content directory: " + ec.message());
  const auto rank = [](const Entry& e) { return e.current ? 0 : e.previous ? 1 : 2; };
  std::sort(out.begin(), out.end(), [&](const Entry& a, const Entry& b) {
    return std::pair(rank(a), a.file.filename().string()) < std::pair(rank(b), b.file.filename().string());
  });
  return out;
}

}  // namespace orpheus::store
