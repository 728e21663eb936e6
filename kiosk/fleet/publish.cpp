// publish: the order of writes is what makes a channel folder safe to serve at any instant.
//   1. the pack copied to DIR/packs/.NAME.tmp-*, fsynced, checked, renamed to NAME.db
//   2. patches made beside it (delta.h writes each through a temporary file and rename)
//   3. DIR/packs fsynced: every file the new channel names is complete and durable
//   4. channel.json through a temporary file, fsync, rename, fsync DIR: the switch
//   5. files no channel names any more removed (best effort)
// A publisher killed at any step leaves the old channel (or, after 4, the new one) with every
// file it names in place; step 5 of the next run removes what is left over.
#include "core/log.h"
#include "fleet/publish.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/fd.h"
#include "core/files.h"
#include "events/zone.h"
#include "fleet/delta.h"
#include "packs/verify.h"

namespace orpheus::fleet {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChannelFile = "channel.json";
constexpr const char* kPacksDir = "packs";
constexpr const char* kLockFile = ".publish.lock";
constexpr std::size_t kMaxStoreName = 200;  // store/content_store.h
constexpr std::int64_t kDaySeconds = 24 * 60 * 60;

[[noreturn]] void fail(const fs::path& file, const std::string& why) { throw PublishError(file.string() + ": " + why); }

std::string errno_text(int e) { return std::generic_category().message(e); }

// core's descriptors, with this library's errors. A folder opened for writing is reported in the
// system's words ("cannot open: Is a directory"), as this library always has.
core::UniqueFd open_file(const fs::path& file, int flags, mode_t mode = 0) {
  core::UniqueFd fd = core::open_fd(file, flags, mode);
  if (!fd.valid()) fail(file, errno == EISDIR ? "cannot open: " + errno_text(errno) : core::open_failure(errno));
  return fd;
}

void fsync_dir(const fs::path& dir) {
  const core::UniqueFd fd = open_file(dir, O_RDONLY | O_DIRECTORY);
  if (::fsync(fd.get()) != 0) fail(dir, "cannot sync the folder: " + errno_text(errno));
}

// The channel folder flock()ed for the whole publication: two curators publishing at once would
// otherwise both write serial N+1. Released by the kernel if the publisher dies.
class FolderLock {
 public:
  explicit FolderLock(const fs::path& dir) : fd_(open_file(dir / kLockFile, O_RDWR | O_CREAT, 0644)) {
    int r;
    do r = ::flock(fd_.get(), LOCK_EX);
    while (r != 0 && errno == EINTR);
    if (r != 0) fail(dir / kLockFile, "cannot lock: " + errno_text(errno));
  }

 private:
  core::UniqueFd fd_;
};

// A file being written under a temporary name; unlinked on destruction unless renamed into place.
class TempFile {
 public:
  explicit TempFile(fs::path path) : path_(std::move(path)), fd_(open_file(path_, O_WRONLY | O_CREAT | O_EXCL, 0644)) {}
  ~TempFile() {
    fd_.reset();
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }
  const core::UniqueFd& fd() const { return fd_; }
  // fsync, close and rename to `target` (replacing it).
  void commit(const fs::path& target) {
    if (::fsync(fd_.get()) != 0) fail(path_, "cannot sync: " + errno_text(errno));
    if (const int e = fd_.close(); e != 0) fail(path_, "cannot close: " + errno_text(e));
    if (::rename(path_.c_str(), target.c_str()) != 0) fail(target, "cannot rename into place: " + errno_text(errno));
    path_.clear();
  }

 private:
  fs::path path_;
  core::UniqueFd fd_;
};

// Temporary files start with '.' and hold ".tmp-": no listing or cleanup takes them for packs.
fs::path temp_beside(const fs::path& file) {
  static std::atomic<unsigned> counter{0};
  return file.parent_path() /
         ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}
bool temp_name(const std::string& name) {
  return (name.starts_with(".") && name.find(".tmp-") != std::string::npos) ||
         (name.starts_with(std::string(kChannelFile) + ".tmp-"));  // core::write_file_atomically's
}

void copy_into(const fs::path& source, TempFile& out) {
  const core::UniqueFd in = open_file(source, O_RDONLY);
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) fail(source, "cannot read its status: " + errno_text(errno));
  if (!S_ISREG(st.st_mode)) fail(source, "is not a regular file");
  std::vector<char> buf(std::size_t{1} << 20);
  while (true) {
    const ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(source, "cannot read: " + errno_text(errno));
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out.fd().get(), buf.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) fail(out.path(), "cannot write: " + errno_text(w < 0 ? errno : EIO));
      done += w;
    }
  }
}

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string megabytes(std::uint64_t bytes) {
  char s[32];
  if (bytes < 1000 * 1000)
    std::snprintf(s, sizeof s, "%.1f KB", static_cast<double>(bytes) / 1e3);
  else
    std::snprintf(s, sizeof s, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return s;
}

std::int64_t seconds_of(const std::string& utc) {
  return events::parse_instant(utc, events::TimeZone::utc()).value_or(0);  // checked before
}

// A .db file in DIR/packs with its manifest's id and version; files that are not readable packs
// are left out (and left alone).
struct StoredPack {
  fs::path file;
  std::string id, version;
};

std::vector<StoredPack> stored_packs(const fs::path& packs_dir) {
  std::vector<StoredPack> out;
  std::error_code ec;
  for (fs::directory_iterator it(packs_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".") || !name.ends_with(".db") || !it->is_regular_file(ec)) continue;
    try {
      const packs::Manifest m = packs::read_manifest(it->path());
      out.push_back({it->path(), m.id, m.version});
    } catch (const std::exception&) {
    }
  }
  return out;
}

// The newest `n` of `packs` with `id` whose versions `keep` accepts, newest first.
std::vector<StoredPack> newest(std::vector<StoredPack> packs, const std::string& id, std::size_t n,
                               const std::function<bool(const std::string&)>& keep) {
  std::erase_if(packs, [&](const StoredPack& p) { return p.id != id || !keep(p.version); });
  std::sort(packs.begin(), packs.end(), [](const StoredPack& a, const StoredPack& b) {
    const int c = compare_versions(a.version, b.version);
    return c != 0 ? c > 0 : a.file < b.file;
  });
  if (packs.size() > n) packs.resize(n);
  return packs;
}

// The highest version of pack `id` that kiosks of `group` may run now: its own rollouts and "*".
std::optional<std::string> group_version(const Channel& c, const std::string& group, const std::string& id) {
  std::optional<std::string> best;
  for (const Rollout& r : c.rollouts)
    if ((r.group == group || r.group == "*") && r.pack == id && (!best || compare_versions(r.version, *best) > 0))
      best = r.version;
  return best;
}

// Puts `r` above the group's earlier rollouts; a full one (100%, from passed) replaces them. A
// group of its own goes above the "*" rollouts, which would otherwise catch its kiosks first.
void place_rollout(Channel& c, Rollout r, bool staged) {
  auto& list = c.rollouts;
  auto first_of_group = std::find_if(list.begin(), list.end(), [&](const Rollout& x) { return x.group == r.group; });
  std::size_t at = static_cast<std::size_t>(first_of_group - list.begin());
  if (first_of_group == list.end() && r.group != "*") {
    const auto first_star = std::find_if(list.begin(), list.end(), [](const Rollout& x) { return x.group == "*"; });
    at = static_cast<std::size_t>(first_star - list.begin());
  }
  if (!staged) {
    std::vector<Rollout> kept;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i == at) kept.push_back(r);
      if (list[i].group != r.group) kept.push_back(list[i]);
    }
    if (at >= list.size()) kept.push_back(r);
    list = std::move(kept);
    return;
  }
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), std::move(r));
}

// Removes what the channel no longer names: patches to versions no longer listed, unlisted packs
// beyond the newest `bases` of each id, and temporary files of publishers that were killed.
// Best effort; returns the files removed, relative to DIR.
std::vector<std::string> clean_up(const fs::path& dir, const Channel& c, int bases) {
  std::set<std::string> named;
  for (const PackRef& p : c.packs) {
    named.insert(p.file);
    for (const Patch& patch : p.patches) named.insert(patch.file);
  }
  std::vector<std::string> removed;
  auto remove = [&](const fs::path& file) {
    std::error_code ec;
    if (fs::remove(file, ec)) removed.push_back(file.lexically_relative(dir).generic_string());
  };
  const fs::path packs_dir = dir / kPacksDir;
  std::error_code ec;
  for (fs::directory_iterator it(packs_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::string rel = std::string(kPacksDir) + "/" + name;
    if (temp_name(name) || (name.ends_with(".zst") && !named.contains(rel))) remove(it->path());
  }
  std::vector<StoredPack> unlisted = stored_packs(packs_dir);
  std::erase_if(unlisted, [&](const StoredPack& p) {
    return named.contains(p.file.lexically_relative(dir).generic_string());
  });
  std::set<std::string> ids;
  for (const StoredPack& p : unlisted) ids.insert(p.id);
  for (const std::string& id : ids) {
    const auto keep = newest(unlisted, id, static_cast<std::size_t>(bases), [](const std::string&) { return true; });
    for (const StoredPack& p : unlisted)
      if (p.id == id && std::none_of(keep.begin(), keep.end(), [&](const StoredPack& k) { return k.file == p.file; }))
        remove(p.file);
  }
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (temp_name(it->path().filename().string())) remove(it->path());
  return removed;
}

// The channel through a temporary file, fsync and rename; then the folder fsynced.
void write_channel(const fs::path& dir, const std::string& text) {
  const fs::path file = dir / kChannelFile;
  try {
    core::write_file_atomically(file, text);
  } catch (const std::runtime_error& e) {
    throw PublishError(e.what());
  }
  fsync_dir(dir);
}

void check_options(const PublishOptions& o) {
  const fs::path& dir = o.channel_dir;
  if (dir.empty()) throw PublishError("publish: no channel folder given");
  if (o.group != "*" && !plain_name(o.group, 64))
    fail(dir, "group " + quote(o.group) +
                  ": expected \"*\" (every kiosk) or a group name of letters, digits, '.', '_' and '-' (at most 64)");
  if (o.percent < 1 || o.percent > 100) fail(dir, "percent " + std::to_string(o.percent) + ": expected 1 to 100");
  if (o.valid_days < 1 || o.valid_days > 3660)
    fail(dir, "valid days " + std::to_string(o.valid_days) + ": expected 1 to 3660");
  if (o.patch_bases < 0 || o.patch_bases > 100)
    fail(dir, "patch bases " + std::to_string(o.patch_bases) + ": expected 0 to 100");
  if (!o.min_kiosk_version.empty() && !plain_name(o.min_kiosk_version, 100))
    fail(dir, "minimum kiosk version " + quote(o.min_kiosk_version) + ": expected a version like 0.2.0");
  if (!o.channel_name.empty() && !plain_name(o.channel_name, 64))
    fail(dir, "channel name " + quote(o.channel_name) + ": expected letters, digits, '.', '_' and '-' (at most 64)");
}

void report(const PublishOptions& o, const std::string& what) {
  if (o.progress) o.progress(what);
}

}  // namespace

std::optional<Channel> read_channel_dir(const fs::path& channel_dir) {
  const fs::path file = channel_dir / kChannelFile;
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  core::UniqueFd fd;
  try {
    fd = open_file(file, O_RDONLY);
  } catch (const PublishError& e) {
    throw ChannelError(e.what());
  }
  std::string text;
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ChannelError(file.string() + ": cannot read: " + errno_text(errno));
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  // Its own signer is trusted: the curators' tool reads the folder it writes. parse_channel still
  // checks that the signature matches that key.
  std::vector<trust::PublicKey> own;
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.is_object() && j.contains("signer") && j["signer"].is_string())
      own.push_back(trust::parse_public_key(j["signer"].get<std::string>()));
  } catch (const std::exception&) {
    // parse_channel says what is wrong.
  }
  return parse_channel(text, own, file.string());
}

namespace {

PublishResult publish_checked(const PublishOptions& o) {
  check_options(o);
  const fs::path dir = o.channel_dir;
  std::string now = o.now.empty() ? log::utc_timestamp() : to_utc(o.now).value_or("");
  if (now.empty()) fail(dir, "the time now " + quote(o.now) + " is not a time with an offset or Z");
  std::string from;
  if (!o.from.empty()) {
    from = to_utc(o.from).value_or("");
    if (from.empty())
      fail(dir, "from " + quote(o.from) +
                    ": not a time with an offset or Z (e.g. 2026-12-08T06:00:00Z or 2026-12-08T08:00+02:00)");
  }
  const fs::path packs_dir = dir / kPacksDir;
  std::error_code ec;
  fs::create_directories(packs_dir, ec);
  if (ec) fail(packs_dir, "cannot create: " + ec.message());
  const FolderLock lock(dir);

  const std::optional<Channel> old = read_channel_dir(dir);
  Channel c;
  if (old) {
    c = *old;
  } else {
    if (o.pack.empty()) fail(dir / kChannelFile, "no channel to renew (publish a pack first)");
    c.name = o.channel_name.empty() ? "stable" : o.channel_name;
  }
  c.serial = old ? old->serial + 1 : 1;
  c.published = now;
  c.expires = events::format_instant(seconds_of(now) + std::int64_t{o.valid_days} * kDaySeconds);

  PublishResult result;
  std::string details;
  std::pair<std::string, std::string> published;  // id, version
  if (!o.pack.empty()) {
    // Cheap refusals first, on the file given; everything else on the copy that will be served.
    packs::Manifest m;
    try {
      m = packs::read_manifest(o.pack);
    } catch (const catalog::LoadError& e) {
      throw PublishError(e.what());
    }
    if (!plain_name(m.id, 100) || !plain_name(m.version, 100) || m.id.front() == '.')
      fail(o.pack, "pack id " + quote(m.id) + " and version " + quote(m.version) +
                       " cannot make a pack file name (letters, digits, '.', '_' and '-', at most 100 each, the id not "
                       "starting with '.')");
    if (const auto current = group_version(c, o.group, m.id);
        current && compare_versions(m.version, *current) < 0 && !o.rollback)
      fail(o.pack, m.id + " " + m.version + " is older than " + *current + ", which " +
                       (o.group == "*" ? std::string("kiosks") : "group " + quote(o.group)) + " run on channel " +
                       quote(c.name) + ": publishing it needs --rollback (kiosks then go back to it)");

    report(o, "copying");
    TempFile copy(temp_beside(packs_dir / o.pack.filename()));
    copy_into(o.pack, copy);
    trust::ContentHash hash{};
    try {
      const trust::Seal seal = trust::read_seal(copy.path());
      if (!seal.intact())
        fail(o.pack, "not intact: its content changed after it was built (check it with orpheus-pack verify)");
      hash = trust::hash_file(copy.path());
    } catch (const trust::TrustError& e) {
      // Named as the file given, not as the temporary copy the reason was found in.
      std::string why = e.what();
      if (const std::string prefix = copy.path().string() + ": "; why.starts_with(prefix)) why.erase(0, prefix.size());
      fail(o.pack, why);
    }
    try {
      const packs::Manifest again = packs::read_manifest(copy.path());
      if (again.id != m.id || again.version != m.version) fail(o.pack, "changed while it was being copied");
    } catch (const catalog::LoadError& e) {
      fail(o.pack, e.reason());
    }
    const std::string hex = trust::to_hex(hash);
    const std::string name = m.id + "-" + m.version + "-" + hex.substr(0, 8) + ".db";
    if (name.size() > kMaxStoreName)
      fail(o.pack, "pack id " + quote(m.id) + " and version " + quote(m.version) + " make a file name longer than " +
                       std::to_string(kMaxStoreName) + " characters");
    if (const PackRef* listed = c.find(m.id, m.version); listed && listed->hash != hash)
      fail(o.pack, m.id + " " + m.version + " is already published on channel " + quote(c.name) +
                       " with other content: give the new pack a new version");

    const fs::path target = packs_dir / name;
    const std::string rel = std::string(kPacksDir) + "/" + name;
    std::uint64_t bytes = 0;
    {
      struct stat st {};
      if (::fstat(copy.fd().get(), &st) != 0) fail(copy.path(), "cannot read its status: " + errno_text(errno));
      bytes = static_cast<std::uint64_t>(st.st_size);
    }
    if (fs::exists(target, ec) && trust::hash_file(target) == hash) {
      // Already in place (published before, or a run that stopped before its channel): keep it.
    } else {
      copy.commit(target);
    }

    PackRef* entry = nullptr;
    for (PackRef& p : c.packs)
      if (p.id == m.id && p.version == m.version) entry = &p;
    if (!entry) {
      c.packs.push_back(PackRef{m.id, m.version, rel, bytes, hash, {}});
      entry = &c.packs.back();
      if (o.patch_bases > 0) {
        const auto bases = newest(stored_packs(packs_dir), m.id, static_cast<std::size_t>(o.patch_bases),
                                  [&](const std::string& v) { return compare_versions(v, m.version) < 0; });
        for (const StoredPack& base : bases) {
          report(o, "patching from " + base.version);
          const trust::ContentHash base_hash = trust::hash_file(base.file);
          const std::string patch_name = m.id + "-" + m.version + "-" + hex.substr(0, 8) + ".from-" +
                                         trust::to_hex(base_hash).substr(0, 8) + ".zst";
          const fs::path patch_file = packs_dir / patch_name;
          const std::uint64_t patch_bytes = make_patch(base.file, target, patch_file, o.patch_level);
          entry->patches.push_back(
              Patch{base_hash, std::string(kPacksDir) + "/" + patch_name, patch_bytes, trust::hash_file(patch_file)});
          details += (details.empty() ? "; patches from " : ", ") + base.version + " (" + megabytes(patch_bytes) + ")";
        }
      }
    } else {
      details += "; already listed, only the rollout changes";
    }

    Rollout r;
    r.group = o.group;
    r.pack = m.id;
    r.version = m.version;
    r.from = from;
    r.percent = o.percent;
    r.min_kiosk_version = o.min_kiosk_version;
    const auto current = group_version(c, o.group, m.id);
    r.rollback = current && compare_versions(m.version, *current) < 0;
    const bool staged = o.percent < 100 || (!from.empty() && seconds_of(from) > seconds_of(now));
    place_rollout(c, r, staged);
    // Packs no rollout names any more leave the channel (their files stay as patch bases, or go).
    std::erase_if(c.packs, [&](const PackRef& p) {
      return std::none_of(c.rollouts.begin(), c.rollouts.end(),
                          [&](const Rollout& x) { return x.pack == p.id && x.version == p.version; });
    });
    published = {m.id, m.version};
    details = " to " + (o.group == "*" ? std::string("every group") : "group " + quote(o.group)) + " at " +
              std::to_string(o.percent) + "%" + (from.empty() ? "" : " from " + from) +
              (r.min_kiosk_version.empty() ? "" : ", Orpheus " + r.min_kiosk_version + " or later") +
              (r.rollback ? ", a rollback" : "") + "; pack " + megabytes(bytes) + details;
  }

  fsync_dir(packs_dir);
  report(o, "signing");
  const std::string text = channel_text(c, o.key);
  write_channel(dir, text);

  result.channel = std::move(c);
  result.channel.signer = o.key.public_key();
  if (!published.first.empty()) result.pack = result.channel.find(published.first, published.second);
  result.removed = clean_up(dir, result.channel, o.patch_bases);

  std::string summary = o.pack.empty() ? "renewed channel " + result.channel.name
                                       : "published " + published.first + " " + published.second + " on " +
                                             result.channel.name;
  summary += " (serial " + std::to_string(result.channel.serial) + ")" + details + "; expires " + result.channel.expires;
  if (old && old->signer && !(*old->signer == *result.channel.signer))
    summary += "; signed by key " + result.channel.signer->id() + " instead of " + old->signer->id() +
               " (kiosks must trust the new key)";
  if (!result.removed.empty()) summary += "; removed " + std::to_string(result.removed.size()) + " old files";
  result.summary = std::move(summary);
  return result;
}

}  // namespace

PublishResult publish(const PublishOptions& o) {
  try {
    return publish_checked(o);
  } catch (const trust::TrustError& e) {  // hashing a file in DIR; names the file
    throw PublishError(e.what());
  }
}

}  // namespace orpheus::fleet
