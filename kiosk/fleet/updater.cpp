// run_update: channel -> decision -> download (patch or pack) -> hash -> install -> tell the museum.
#include "fleet/updater.h"

#include <fcntl.h>
#include <sys/file.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <system_error>

#include "core/fd.h"
#include "core/files.h"
#include "core/log.h"
#include "events/zone.h"
#include "fleet/channel.h"
#include "fleet/delta.h"
#include "fleet/status.h"
#include "ops/health.h"
#include "packs/installer.h"
#include "packs/verify.h"
#include "store/content_store.h"
#include "usage/export.h"

#ifndef ORPHEUS_VERSION
#define ORPHEUS_VERSION "0"
#endif

namespace orpheus::fleet {

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::installed: return "installed";
    case Outcome::up_to_date: return "up to date";
    case Outcome::waiting: return "waiting";
    case Outcome::failed: return "failed";
    case Outcome::refused: return "refused";
  }
  return "?";
}

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr std::string_view kLog = "update";

// What a run leaves for the next one (STATE/update/state.json).
struct State {
  std::map<std::string, std::uint64_t> serials;  // channel name -> highest serial accepted
  std::string channel_url, etag, last_modified, channel_text;  // the last channel accepted, and its validators
  // The current pack's whole-file hash, remembered while the file keeps its identity: hashing
  // a large pack every quarter of an hour would cost seconds of disk reading for nothing.
  std::string hashed_file;
  trust::FileIdentity hashed_identity;
  std::string hashed_hash;
  int failures = 0;
  std::string retry_after;  // UTC; "" none
  std::string last_check, last_success, result, message;
  std::string usage_uploaded;  // the last museum day whose usage export was uploaded
  // A pack (hash) that verification or the trusted keys refused, and why: not downloaded again
  // while the channel still names it (140 MB every few hours for the same refusal).
  std::string refused_pack, refused_reason;
};

State read_state(const fs::path& file) {
  State s;
  std::error_code ec;
  if (!fs::exists(file, ec)) return s;
  try {
    std::ifstream in(file, std::ios::binary);
    const json j = json::parse(in);
    const json serials = j.value("serials", json::object());
    for (const auto& [name, serial] : serials.items()) s.serials[name] = serial.get<std::uint64_t>();
    s.channel_url = j.value("channel_url", "");
    s.etag = j.value("etag", "");
    s.last_modified = j.value("last_modified", "");
    s.channel_text = j.value("channel_text", "");
    s.hashed_file = j.value("hashed_file", "");
    if (const auto id = j.find("hashed_identity"); id != j.end() && id->is_array() && id->size() == 5)
      s.hashed_identity = {(*id)[0].get<std::uint64_t>(), (*id)[1].get<std::uint64_t>(), (*id)[2].get<std::uint64_t>(),
                           (*id)[3].get<std::int64_t>(), (*id)[4].get<std::int64_t>()};
    s.hashed_hash = j.value("hashed_hash", "");
    s.failures = j.value("failures", 0);
    s.retry_after = j.value("retry_after", "");
    s.last_check = j.value("last_check", "");
    s.last_success = j.value("last_success", "");
    s.result = j.value("result", "");
    s.message = j.value("message", "");
    s.usage_uploaded = j.value("usage_uploaded", "");
    s.refused_pack = j.value("refused_pack", "");
    s.refused_reason = j.value("refused_reason", "");
  } catch (const std::exception& e) {
    // Only a lost serial matters (a replayed channel could then go unnoticed once): say so.
    log::warn(kLog, file.string() + ": unreadable (" + e.what() + "); starting afresh: channels' serials seen before are forgotten");
    return State{};
  }
  return s;
}

void write_state(const fs::path& file, const State& s) {
  json serials = json::object();
  for (const auto& [name, serial] : s.serials) serials[name] = serial;
  const json j = {{"serials", serials},
                  {"channel_url", s.channel_url},
                  {"etag", s.etag},
                  {"last_modified", s.last_modified},
                  {"channel_text", s.channel_text},
                  {"hashed_file", s.hashed_file},
                  {"hashed_identity", json::array({s.hashed_identity.device, s.hashed_identity.inode, s.hashed_identity.size,
                                                   s.hashed_identity.mtime_ns, s.hashed_identity.ctime_ns})},
                  {"hashed_hash", s.hashed_hash},
                  {"failures", s.failures},
                  {"retry_after", s.retry_after},
                  {"last_check", s.last_check},
                  {"last_success", s.last_success},
                  {"result", s.result},
                  {"message", s.message},
                  {"usage_uploaded", s.usage_uploaded},
                  {"refused_pack", s.refused_pack},
                  {"refused_reason", s.refused_reason}};
  core::write_file_atomically(file, j.dump(2) + "\n");
}

// flock() on STATE/update/lock for the whole run; the kernel drops it if the process dies.
class RunLock {
 public:
  RunLock(const fs::path& file, bool wait) : fd_(core::open_fd(file, O_RDWR | O_CREAT, 0644)) {
    if (!fd_.valid()) throw std::runtime_error(file.string() + ": cannot open the lock: " + std::strerror(errno));
    held_ = ::flock(fd_.get(), LOCK_EX | (wait ? 0 : LOCK_NB)) == 0;
  }
  bool held() const { return held_; }

 private:
  core::UniqueFd fd_;
  bool held_ = false;
};

std::int64_t seconds_of(const std::string& utc) {
  return events::parse_instant(utc, events::TimeZone::utc()).value_or(0);
}

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

// One run's outcome before the state and the museum are told.
struct Attempt {
  Outcome outcome = Outcome::failed;
  std::string message;
  std::uint64_t bytes = 0;
  bool delta = false;
  std::uint64_t serial = 0;
};

class Run {
 public:
  Run(const UpdaterOptions& o, State& state, std::string now, const trust::SecretKey& kiosk_key)
      : o_(o), state_(state), now_(std::move(now)), kiosk_id_(kiosk_key.public_key().id()), http_(o.http),
        downloads_(o.state_dir / "update" / "downloads") {}

  Attempt attempt() {
    Attempt a;
    std::optional<Channel> channel;
    try {
      channel = fetch_channel();
    } catch (const ChannelError& e) {
      return {Outcome::refused, e.what()};
    }
    a.serial = channel->serial;
    const store::ContentStore store(o_.content_dir);
    const auto current = store.current();
    KioskFacts facts{kiosk_id_, o_.group, ORPHEUS_VERSION, now_, std::nullopt};
    if (current) facts.installed = installed(*current);
    const Decision d = choose(*channel, facts);
    if (d.kind != Decision::Kind::install) {
      remove_downloads_except({});
      a.outcome = d.kind == Decision::Kind::stay ? Outcome::up_to_date : Outcome::refused;
      a.message = d.reason;
      return a;
    }
    const PackRef& target = *d.pack;
    if (state_.refused_pack == trust::to_hex(target.hash))
      return {Outcome::refused, target.file + ": refused before, not downloaded again: " + state_.refused_reason};
    const Patch* patch = o_.use_patches && facts.installed ? patch_from(target, facts.installed->hash) : nullptr;
    remove_downloads_except(target.hash, patch);
    fs::create_directories(downloads_);
    const fs::path pack_file = downloads_ / (trust::to_hex(target.hash) + ".db");
    std::string how;
    if (!fs::exists(pack_file)) {
      if (patch) {
        try {
          a.bytes += by_patch(*patch, *current, target, pack_file);
          a.delta = true;
        } catch (const DeltaError& e) {
          log::warn(kLog, std::string(e.what()) + "; downloading the whole pack instead");
        } catch (const HttpError& e) {
          if (e.status() != 404) throw;
          log::warn(kLog, std::string(e.what()) + "; downloading the whole pack instead");
        }
      }
      if (!a.delta) {
        const auto got = download_checked(target.file, target.bytes, target.hash, "pack");
        if (!got) return {Outcome::refused, refusal_, a.bytes};
        a.bytes += *got;
        fs::rename(part_of(target.hash), pack_file);
      }
      how = a.delta ? " (delta: " + megabytes(a.bytes) + " of " + megabytes(target.bytes) + ")"
                    : " (" + megabytes(a.bytes) + " downloaded)";
    }
    // Verified in full and installed through the store, which switches atomically; the kiosk
    // shows it at its next idle moment.
    packs::InstallOptions io;
    io.trusted = o_.trusted;
    io.require_trusted = o_.require_signature;
    io.threads = o_.verify_threads;
    io.hash_memo = o_.hash_memo;
    progress("verifying " + target.id + " " + target.version);
    const auto r = packs::Installer(store::ContentStore(o_.content_dir)).install(pack_file, io);
    std::error_code ec;
    fs::remove(pack_file, ec);  // installed, or refused: either way this copy is done with
    if (!r.installed) {
      // A pack that matches the signed hash but does not verify or is not trusted: the curators
      // published something this kiosk must not show.
      a.outcome = r.refusal == packs::Refusal::store ? Outcome::failed : Outcome::refused;
      a.message = target.file + ": not installed: " + r.error;
      if (a.outcome == Outcome::refused) {
        state_.refused_pack = trust::to_hex(target.hash);
        state_.refused_reason = r.error;
      }
      return a;
    }
    a.outcome = Outcome::installed;
    a.message = "installed " + target.id + " " + target.version + " from serial " + std::to_string(channel->serial) + how;
    return a;
  }

  const std::string& kiosk_id() const { return kiosk_id_; }
  Http& http() { return http_; }

 private:
  Channel fetch_channel() {
    const bool same_url = state_.channel_url == o_.channel_url && !state_.channel_text.empty();
    FetchResult f = http_.get(o_.channel_url, same_url ? state_.etag : "", same_url ? state_.last_modified : "");
    const std::string text = f.not_modified() ? state_.channel_text : f.body;
    Channel c = parse_channel(text, o_.trusted, o_.channel_url);
    const auto last = state_.serials.find(c.name);
    check_fresh(c, now_, last == state_.serials.end() ? 0 : last->second, o_.channel_url);
    state_.serials[c.name] = std::max(c.serial, last == state_.serials.end() ? 0 : last->second);
    if (!f.not_modified()) {
      state_.channel_url = o_.channel_url;
      state_.channel_text = text;
      state_.etag = f.etag;
      state_.last_modified = f.last_modified;
    }
    return c;
  }

  Installed installed(const fs::path& file) {
    Installed i;
    try {
      const auto m = packs::read_manifest(file);
      i.id = m.id;
      i.version = m.version;
    } catch (const std::exception& e) {
      log::warn(kLog, file.string() + ": the current pack's manifest is unreadable (" + e.what() + ")");
    }
    const auto identity = trust::identity_of(file);
    if (identity && state_.hashed_file == file.string() && state_.hashed_identity == *identity)
      if (const auto h = trust::parse_hash(state_.hashed_hash)) {
        i.hash = *h;
        return i;
      }
    i.hash = trust::hash_file(file);
    if (identity) {
      state_.hashed_file = file.string();
      state_.hashed_identity = *identity;
      state_.hashed_hash = trust::to_hex(i.hash);
    }
    return i;
  }

  fs::path part_of(const trust::ContentHash& hash) const { return downloads_ / (trust::to_hex(hash) + ".part"); }

  // Downloads a channel-relative file into its .part (resuming), then checks its size and hash.
  // nullopt (refusal_ says why, the part is removed) when the complete file is not what the
  // channel signed.
  std::optional<std::uint64_t> download_checked(const std::string& file, std::uint64_t bytes, const trust::ContentHash& hash,
                                                const char* what) {
    const fs::path part = part_of(hash);
    const std::string url = join_url(url_folder(o_.channel_url), file);
    std::uint64_t last_told = 0;
    const auto got = http_.download(url, part, bytes, [&](std::uint64_t done, std::uint64_t total) {
      if (done == total || done - last_told >= total / 20 + 1) {
        last_told = done;
        progress(std::string("downloading ") + what + " " + megabytes(done) + " of " + megabytes(total));
      }
    });
    if (trust::hash_file(part) != hash) {
      std::error_code ec;
      fs::remove(part, ec);
      refusal_ = url + ": the downloaded " + what + "'s hash differs from the one the channel signed (the download is removed)";
      return std::nullopt;
    }
    return got;
  }

  std::uint64_t by_patch(const Patch& patch, const fs::path& current, const PackRef& target, const fs::path& pack_file) {
    const auto got = download_checked(patch.file, patch.bytes, patch.hash, "patch");
    if (!got) throw DeltaError(refusal_);
    const fs::path out = part_of(target.hash);
    progress("applying the patch to " + current.filename().string());
    apply_patch(current, part_of(patch.hash), out, target.bytes);
    std::error_code ec;
    fs::remove(part_of(patch.hash), ec);
    if (trust::hash_file(out) != target.hash) {
      fs::remove(out, ec);
      throw DeltaError(join_url(url_folder(o_.channel_url), patch.file) + ": the patched pack's hash differs from the channel's");
    }
    fs::rename(out, pack_file);
    return *got;
  }

  // Leaves only the downloads of the current target (its pack and the patch to it), so that
  // a channel that moved on does not leave hundreds of megabytes behind.
  void remove_downloads_except(std::optional<trust::ContentHash> target, const Patch* patch = nullptr) {
    std::error_code ec;
    if (!fs::is_directory(downloads_, ec)) return;
    std::vector<std::string> keep;
    if (target) keep = {trust::to_hex(*target) + ".part", trust::to_hex(*target) + ".db"};
    if (patch) keep.push_back(trust::to_hex(patch->hash) + ".part");
    for (const auto& entry : fs::directory_iterator(downloads_, ec))
      if (std::find(keep.begin(), keep.end(), entry.path().filename().string()) == keep.end()) fs::remove(entry.path(), ec);
  }

  void progress(const std::string& line) const {
    if (o_.progress) o_.progress(line);
  }

  const UpdaterOptions& o_;
  State& state_;
  std::string now_;
  std::string kiosk_id_;
  Http http_;
  fs::path downloads_;
  std::string refusal_;
};

// base * 2^(failures-1), at most max, drawn between half and all of it: a fleet that failed
// together does not come back together.
double backoff_s(const UpdaterOptions& o, int failures) {
  const double full = std::min(o.retry_max_s, o.retry_base_s * std::pow(2.0, std::min(failures - 1, 30)));
  std::mt19937_64 rng(std::random_device{}());
  return std::uniform_real_distribution<double>(full / 2, full)(rng);
}

// The status file and, once a day, the usage export: PUT to status_url/<kiosk id>/. A failure is
// a warning; the next run tries again.
void tell_museum(const UpdaterOptions& o, Run& run, State& state, const UpdateResult& result, const trust::SecretKey& key) {
  const std::string folder = join_url(o.status_url, run.kiosk_id() + "/");
  try {
    KioskStatus s;
    s.name = o.kiosk_name;
    s.institution = o.institution;
    s.group = o.group;
    s.written = state.last_check;
    s.orpheus_version = ORPHEUS_VERSION;
    if (const auto current = store::ContentStore(o.content_dir).current()) {
      StatusPack p;
      p.file = current->filename().string();
      try {
        const auto m = packs::read_manifest(*current);
        p.id = m.id;
        p.version = m.version;
      } catch (const std::exception&) {
      }
      if (const auto h = trust::parse_hash(state.hashed_hash); h && state.hashed_file == current->string()) p.hash = *h;
      s.pack = p;
    }
    s.update = {o.channel_url, result.channel_serial, to_string(result.outcome), result.message,
                state.last_check, state.last_success, state.failures};
    if (!o.health_file.empty()) s.health = read_health(o.health_file);
    std::error_code ec;
    s.disk_free_bytes = ops::free_disk_bytes(fs::is_directory(o.content_dir, ec) ? o.content_dir : o.state_dir);
    run.http().put(join_url(folder, "status.json"), status_text(s, key));
  } catch (const std::exception& e) {
    log::warn(kLog, std::string("the status was not sent: ") + e.what());
  }
  std::error_code ec;
  if (o.usage_journal.empty() || !fs::exists(o.usage_journal, ec)) return;
  try {
    const std::string yesterday = usage::journal_day(o.usage_journal, -1);
    if (state.usage_uploaded >= yesterday) return;
    // Every day since the last upload (a kiosk offline for a while sends what it missed), at
    // most the journal's detail.
    std::string from = yesterday;
    if (const auto last = events::parse_date(state.usage_uploaded)) {
      const auto y = events::parse_date(yesterday);
      from = events::format_date(std::max(*last + 1, *y - 400));
    }
    const auto text = usage::export_text(
        usage::read_export_days({o.usage_journal, from, yesterday, o.kiosk_name, o.institution, {}}), key);
    run.http().put(join_url(folder, "usage-" + from + "-" + yesterday + ".json"), text);
    state.usage_uploaded = yesterday;
  } catch (const std::exception& e) {
    log::warn(kLog, std::string("the usage export was not sent: ") + e.what());
  }
}

}  // namespace

UpdateResult run_update(const UpdaterOptions& o) {
  UpdateResult result;
  if (o.channel_url.empty() || o.content_dir.empty() || o.state_dir.empty()) {
    result.message = "no channel URL, content folder or state folder: nothing to update";
    log::error(kLog, result.message);
    return result;
  }
  const fs::path dir = o.state_dir / "update";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    result.message = dir.string() + ": cannot create: " + ec.message();
    log::error(kLog, result.message);
    return result;
  }
  std::optional<RunLock> lock;
  try {
    lock.emplace(dir / "lock", o.wait_for_lock);
  } catch (const std::exception& e) {
    result.message = e.what();
    log::error(kLog, result.message);
    return result;
  }
  if (!lock->held()) {
    result.outcome = Outcome::waiting;
    result.message = "another orpheus-update is running";
    log::info(kLog, result.message);
    return result;
  }

  const fs::path state_file = dir / "state.json";
  State state = read_state(state_file);
  const std::string now = o.now.empty() ? log::utc_timestamp() : o.now;
  if (!o.ignore_backoff && state.failures > 0 && !state.retry_after.empty() && now < state.retry_after) {
    result.outcome = Outcome::waiting;
    result.message = "backing off after " + std::to_string(state.failures) + " failed attempts until " + state.retry_after +
                     " (--now tries at once)";
    log::info(kLog, result.message);
    return result;
  }

  std::optional<trust::SecretKey> key;
  try {
    key = usage::kiosk_key(o.usage_journal.empty() ? o.state_dir / "usage.db" : o.usage_journal);
  } catch (const std::exception& e) {
    result.message = std::string("the kiosk's key: ") + e.what();
    log::error(kLog, result.message);
    return result;
  }
  Run run(o, state, now, *key);
  Attempt a;
  try {
    a = run.attempt();
  } catch (const std::exception& e) {  // HttpError, StoreError, DeltaError, disk full: try again later
    a.outcome = Outcome::failed;
    a.message = e.what();
  }
  result = {a.outcome, a.message, a.bytes, a.delta, a.serial};

  state.last_check = now;
  state.result = to_string(result.outcome);
  state.message = result.message;
  if (result.outcome == Outcome::installed || result.outcome == Outcome::up_to_date) {
    state.failures = 0;
    state.retry_after.clear();
    state.last_success = now;
  } else {
    ++state.failures;
    state.retry_after = events::format_instant(seconds_of(now) + static_cast<std::int64_t>(backoff_s(o, state.failures)));
  }
  if (!o.status_url.empty()) tell_museum(o, run, state, result, *key);
  try {
    write_state(state_file, state);
  } catch (const std::exception& e) {
    log::error(kLog, std::string("the updater's state was not saved: ") + e.what());
  }

  switch (result.outcome) {
    case Outcome::installed:
    case Outcome::up_to_date:
    case Outcome::waiting: log::info(kLog, result.message); break;
    case Outcome::failed:
      log::warn(kLog, result.message + "; trying again after " + state.retry_after);
      break;
    case Outcome::refused:
      log::error(kLog, result.message + "; the kiosk keeps its current pack");
      break;
  }
  return result;
}

}  // namespace orpheus::fleet
