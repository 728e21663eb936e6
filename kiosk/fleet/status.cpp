#include "core/log.h"
#include "fleet/status.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "events/zone.h"
#include "fleet/json_fields.h"
#include "fleet/signed_json.h"

namespace orpheus::fleet {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kFormat = "orpheus-kiosk-status";
constexpr std::string_view kDomain = "orpheus-status-v1";
constexpr std::uintmax_t kMaxStatusBytes = 1 << 20;  // a status is a few KB
constexpr std::size_t kMaxRecentErrors = 10;

// What the table calls a problem.
constexpr std::int64_t kMaxFrameAge_s = 60;
constexpr std::uint64_t kMinDiskFree = 1'000'000'000;
constexpr std::int64_t kMaxHealthLag_s = 10 * 60;  // health file older than the status by more

[[noreturn]] void fail(std::string_view origin, const std::string& reason) {
  throw StatusError(std::string(origin) + ": " + reason);
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "2026-12-07T10:00:00Z" exactly, as Unix seconds.
std::optional<std::int64_t> utc_seconds(std::string_view text) {
  if (to_utc(text) != text) return std::nullopt;
  return events::parse_instant(text, events::TimeZone::utc());
}

// --- reading the JSON, every field by its path ---------------------------------------------------

constexpr JsonDocument kDocument{
    .name = "status", .title = "a kiosk status", .version = kStatusVersion, .number_values = true, .fail = &fail};

// A UTC time like 2026-12-07T10:00:00Z (or "" where `may_be_empty`).
std::string utc(JsonFields& r, const char* key, bool may_be_empty = false) {
  std::string s = r.string(key);
  if ((may_be_empty && s.empty()) || utc_seconds(s)) return s;
  r.fail_at(key, std::string("expected a UTC time like 2026-12-07T10:00:00Z") + (may_be_empty ? " or \"\"" : "") +
                     ", got " + in_quotes(s));
}

// Every field but the kiosk's identity and the signature (parse_status checks those first), of a
// status that is signed (`with_signature`) or about to be.
KioskStatus read_fields(const json& j, std::string_view origin, bool with_signature) {
  JsonFields r(j, "", origin, kDocument);
  (void)r.get("format");
  (void)r.get("version");
  if (with_signature) (void)r.get("signature");
  KioskStatus s;
  {
    JsonFields k = r.object("kiosk");
    s.kiosk_id = k.string("id");
    (void)k.string("public_key");
    s.name = k.string("name");
    s.institution = k.string("institution");
    s.group = k.string("group");
    k.no_others();
  }
  s.written = utc(r, "written");
  s.orpheus_version = r.string("orpheus_version");
  if (s.orpheus_version.empty()) fail(origin, "orpheus_version: expected a version like 0.1.0, got \"\"");
  if (auto pr = r.object_or_null("pack")) {
    StatusPack pack;
    pack.id = pr->string("id");
    pack.version = pr->string("version");
    pack.file = pr->string("file");
    pack.hash = pr->hash("hash");
    pr->no_others();
    s.pack = std::move(pack);
  }
  {
    JsonFields u = r.object("update");
    s.update.channel = u.string("channel");
    s.update.serial = u.count("serial");
    s.update.result = u.string("result");
    s.update.message = u.string("message");
    s.update.last_check = utc(u, "last_check");
    s.update.last_success = utc(u, "last_success", true);
    s.update.failures = static_cast<int>(u.integer("failures", 0, 1'000'000'000, "an integer >= 0"));
    u.no_others();
  }
  if (auto hr = r.object_or_null("health")) {
    HealthStatus health;
    health.state = hr->string("state");
    health.written = hr->string("written");  // as the health file had it: not judged here
    health.last_frame_age_s =
        hr->integer("last_frame_age_s", -1, static_cast<std::int64_t>(kMaxJsonInteger), "an integer >= -1");
    health.errors = hr->integer("errors", 0, static_cast<std::int64_t>(kMaxJsonInteger), "an integer >= 0");
    health.problems = hr->integer("problems", 0, static_cast<std::int64_t>(kMaxJsonInteger), "an integer >= 0");
    health.recent_errors = hr->strings("recent_errors");
    hr->no_others();
    s.health = std::move(health);
  }
  s.disk_free_bytes = r.count("disk_free_bytes");
  r.no_others();
  return s;
}

// The status as its file has it, without "signature"; kiosk.id and public_key from `key`.
json to_json(const KioskStatus& s, const trust::PublicKey& key) {
  json j = {
      {"format", kFormat},
      {"version", kStatusVersion},
      {"kiosk",
       {{"id", key.id()}, {"public_key", key.text()}, {"name", s.name}, {"institution", s.institution}, {"group", s.group}}},
      {"written", s.written},
      {"orpheus_version", s.orpheus_version},
      {"pack", nullptr},
      {"update",
       {{"channel", s.update.channel},
        {"serial", s.update.serial},
        {"result", s.update.result},
        {"message", s.update.message},
        {"last_check", s.update.last_check},
        {"last_success", s.update.last_success},
        {"failures", s.update.failures}}},
      {"health", nullptr},
      {"disk_free_bytes", s.disk_free_bytes},
  };
  if (s.pack)
    j["pack"] = {{"id", s.pack->id},
                 {"version", s.pack->version},
                 {"file", s.pack->file},
                 {"hash", trust::to_hex(s.pack->hash)}};
  if (s.health)
    j["health"] = {{"state", s.health->state},
                   {"written", s.health->written},
                   {"last_frame_age_s", s.health->last_frame_age_s},
                   {"errors", s.health->errors},
                   {"problems", s.health->problems},
                   {"recent_errors", s.health->recent_errors}};
  return j;
}

// Bytes that are not UTF-8 (a file name in a message) replaced, as the health file does: the
// signed canonical form needs valid strings.
json valid_utf8(const json& j) {
  return json::parse(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

std::string status_text(const KioskStatus& status, const trust::SecretKey& key) {
  const trust::PublicKey public_key = key.public_key();
  json j = valid_utf8(to_json(status, public_key));
  // What a kiosk writes must read back: the same checks as parse_status, before signing.
  (void)read_fields(j, "status of kiosk " + public_key.id(), false);
  return signed_json_text(std::move(j), kDomain, key);
}

KioskStatus parse_status(std::string_view text, std::string_view origin) {
  const json j = parse_object(text, origin, kDocument);
  JsonFields r(j, "", origin, kDocument);
  if (const std::string format = r.string("format"); format != kFormat)
    fail(origin, "format: expected \"" + std::string(kFormat) + "\", got " + in_quotes(format) + " (not a kiosk status)");
  if (const json& v = r.get("version"); !v.is_number_integer() || v.get<std::int64_t>() != kStatusVersion)
    fail(origin, "version: this Orpheus reads kiosk status version " + std::to_string(kStatusVersion) + ", the file has " +
                     v.dump() + " (update orpheus-pack?)");

  // The signature before anything else is believed: a forged or damaged file is named as such.
  JsonFields k = r.object("kiosk");
  const std::string key_text = k.string("public_key");
  trust::PublicKey key;
  try {
    key = trust::parse_public_key(key_text);
  } catch (const trust::TrustError& e) {
    fail(origin, std::string("kiosk.public_key: ") + e.what());
  }
  if (const json& sig = r.get("signature"); !sig.is_string())
    fail(origin, "signature: expected a string (base64), got " + std::string(sig.type_name()));
  if (!verify_signed_json(j, kDomain, key))
    fail(origin, "the signature does not verify with kiosk.public_key (changed after the kiosk signed it, or written by "
                 "someone else?)");
  if (const std::string id = k.string("id"); id != key.id())
    fail(origin, "kiosk.id: " + in_quotes(id) + " is not the id of kiosk.public_key (" + key.id() +
                     "): written by someone else?");

  KioskStatus s = read_fields(j, origin, true);
  s.kiosk_key = key;
  return s;
}

std::optional<HealthStatus> read_health(const fs::path& health_file) {
  std::ifstream in(health_file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;

  // As far as it reads: a field of another type is left at its default, not a reason to drop the rest.
  const auto number = [&](const char* key) -> std::optional<std::int64_t> {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>();
    if (!std::isfinite(v) || std::fabs(v) > static_cast<double>(kMaxJsonInteger)) return std::nullopt;
    return std::llround(v);
  };
  const auto text_of = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  HealthStatus h;
  h.state = text_of("state");
  h.written = text_of("written");
  h.last_frame_age_s = std::max<std::int64_t>(number("last_frame_age_s").value_or(-1), -1);
  h.errors = std::max<std::int64_t>(number("errors").value_or(0), 0);
  h.problems = std::max<std::int64_t>(number("problems").value_or(0), 0);
  if (const auto it = j.find("recent_errors"); it != j.end() && it->is_array())
    for (const json& e : *it)
      if (e.is_string()) h.recent_errors.push_back(e.get<std::string>());
  // The newest are last; a status carries only the newest few.
  if (h.recent_errors.size() > kMaxRecentErrors)
    h.recent_errors.erase(h.recent_errors.begin(),
                          h.recent_errors.end() - static_cast<std::ptrdiff_t>(kMaxRecentErrors));
  return h;
}

// --- the museum's side ---------------------------------------------------------------------------

namespace {

// "45 s", "5 min", "3 h", "2 days"
std::string duration_words(std::uint64_t s) {
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 48 * 3600) return std::to_string(s / 3600) + " h";
  return std::to_string(s / 86400) + " days";
}

std::string ago(std::uint64_t s) { return s < 60 ? "just now" : duration_words(s) + " ago"; }

std::string bytes_words(std::uint64_t b) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1);
  if (b >= 1'000'000'000) out << static_cast<double>(b) / 1e9 << " GB";
  else if (b >= 1'000'000) out << static_cast<double>(b) / 1e6 << " MB";
  else out << b / 1000 << " KB";
  return out.str();
}

std::string pack_words(const KioskStatus& s) { return s.pack ? s.pack->id + " " + s.pack->version : "no pack"; }

// Reads status.json of one kiosk's folder into `row`, or the reason it cannot.
void read_status(FleetRow& row) {
  const fs::path file = row.folder / "status.json";
  const std::string name = file.string();
  std::error_code ec;
  const auto st = fs::status(file, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    row.problems.push_back(name + " cannot be read: " + ec.message());
    return;
  }
  if (!fs::exists(st)) {
    row.problems.push_back(name + " is missing: this kiosk has not reported yet, or its uploads fail");
    return;
  }
  if (!fs::is_regular_file(st)) {
    row.problems.push_back(name + " is not a file");
    return;
  }
  if (const auto size = fs::file_size(file, ec); ec) {
    row.problems.push_back(name + " cannot be read: " + ec.message());
    return;
  } else if (size > kMaxStatusBytes) {
    row.problems.push_back(name + " is larger than 1 MB: not a kiosk status");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), {});
  if (!in || in.bad()) {
    row.problems.push_back(name + " cannot be read: " + std::strerror(errno));
    return;
  }
  KioskStatus s;
  try {
    s = parse_status(text, name);
  } catch (const StatusError& e) {
    row.problems.push_back(e.what());
    return;
  }
  if (const std::string folder = row.folder.filename().string(); s.kiosk_id != folder) {
    row.problems.push_back(name + ": signed by kiosk " + s.kiosk_id + " (" + in_quotes(s.name) +
                           "), not by the kiosk its folder names (" + folder + "): written by someone else?");
    return;
  }
  row.status = std::move(s);
}

void judge(FleetRow& row, const FleetOptions& options, const std::string& now, std::int64_t now_s) {
  const KioskStatus& s = *row.status;
  const std::int64_t written = utc_seconds(s.written).value_or(now_s);
  row.age_s = static_cast<std::uint64_t>(std::max<std::int64_t>(0, now_s - written));
  auto& p = row.problems;
  if (row.age_s > options.stale_after_s)
    p.push_back("last seen " + ago(row.age_s) + " (" + s.written + "): switched off, or it cannot reach the server");

  if (s.update.result == "refused")
    p.push_back("refused what the channel asks: " + s.update.message);
  else if (s.update.failures > 0)
    p.push_back(std::to_string(s.update.failures) +
                (s.update.failures == 1 ? " update failure" : " update failures in a row") + ", the last: " +
                s.update.message);

  if (options.channel) {
    KioskFacts facts;
    facts.id = s.kiosk_id;
    facts.group = s.group;
    facts.orpheus_version = s.orpheus_version;
    facts.now = now;
    if (s.pack) facts.installed = Installed{s.pack->id, s.pack->version, s.pack->hash};
    const Decision d = choose(*options.channel, facts);
    if (d.rollout) row.expected_version = d.rollout->version;
    if (d.kind == Decision::Kind::install && d.pack)
      p.push_back("behind the channel: runs " + pack_words(s) + ", the channel gives " +
                  (s.group.empty() ? std::string("it") : "group " + in_quotes(s.group)) + " " + d.pack->id + " " +
                  d.pack->version);
  }

  if (s.health) {
    const HealthStatus& h = *s.health;
    if (h.state != "running")
      p.push_back("the kiosk program is " + (h.state.empty() ? std::string("in no known state") : in_quotes(h.state)) +
                  ", not running");
    if (h.errors > 0)
      p.push_back(std::to_string(h.errors) + (h.errors == 1 ? " error" : " errors") +
                  " logged since the kiosk program started" +
                  (h.recent_errors.empty() ? std::string() : ", the newest problem: " + h.recent_errors.back()));
    if (h.last_frame_age_s > kMaxFrameAge_s)
      p.push_back("no frame drawn for " + duration_words(static_cast<std::uint64_t>(h.last_frame_age_s)) +
                  ": the kiosk program may hang");
    if (const auto health_written = utc_seconds(h.written); health_written && h.state == "running" &&
                                                             written - *health_written > kMaxHealthLag_s)
      p.push_back("its health file is " + duration_words(static_cast<std::uint64_t>(written - *health_written)) +
                  " older than the status: has the kiosk program stopped?");
  }
  if (s.disk_free_bytes < kMinDiskFree)
    p.push_back(s.disk_free_bytes == 0 ? std::string("no free disk space (or it could not be measured)")
                                       : "only " + bytes_words(s.disk_free_bytes) + " free on disk");
}

std::string kiosk_label(const FleetRow& row) {
  if (row.status && !row.status->name.empty()) return row.status->name;
  if (row.status) return row.status->kiosk_id;
  return row.folder.filename().string();
}

// Display width of UTF-8 text: one column per code point (names are often Cyrillic or Greek).
std::size_t width(std::string_view s) {
  const auto starts_code_point = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), starts_code_point));
}

}  // namespace

std::vector<FleetRow> read_fleet(const fs::path& dir, const FleetOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (ec == std::errc::no_such_file_or_directory) throw StatusError(dir.string() + ": no such folder");
    throw StatusError(dir.string() + ": " + (ec ? "cannot be read: " + ec.message() : std::string("not a folder")));
  }
  const std::string now = options.now.empty() ? log::utc_timestamp() : options.now;
  const auto now_s = utc_seconds(now);
  if (!now_s) throw StatusError("now: expected a UTC time like 2026-12-07T10:00:00Z, got " + in_quotes(now));

  std::vector<FleetRow> rows;
  fs::directory_iterator it(dir, ec);
  if (ec) throw StatusError(dir.string() + ": cannot be read: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path folder = it->path();
    if (folder.filename().string().starts_with(".") || !fs::is_directory(folder, ec)) continue;
    FleetRow row;
    row.folder = folder;
    std::error_code list_ec;
    for (fs::directory_iterator f(folder, list_ec); !list_ec && f != fs::directory_iterator(); f.increment(list_ec)) {
      const std::string name = f->path().filename().string();
      if (name.starts_with("usage-") && name.ends_with(".json")) ++row.usage_exports;
    }
    read_status(row);
    if (row.status) judge(row, options, now, *now_s);
    rows.push_back(std::move(row));
  }
  if (ec) throw StatusError(dir.string() + ": cannot be read: " + ec.message());

  std::sort(rows.begin(), rows.end(), [](const FleetRow& a, const FleetRow& b) {
    static const std::string none;
    const std::string& ai = a.status ? a.status->institution : none;
    const std::string& bi = b.status ? b.status->institution : none;
    if (ai != bi) return ai < bi;
    const std::string an = kiosk_label(a), bn = kiosk_label(b);
    if (an != bn) return an < bn;
    return a.folder < b.folder;
  });
  return rows;
}

void print_fleet_table(const std::vector<FleetRow>& rows, std::ostream& out) {
  std::vector<std::vector<std::string>> table = {
      {"KIOSK", "INSTITUTION", "GROUP", "ORPHEUS", "PACK", "LAST SEEN", "UPDATE", "PROBLEMS"}};
  for (const FleetRow& r : rows) {
    if (!r.status) {
      table.push_back({kiosk_label(r), "?", "?", "?", "?", "?", "?", std::to_string(r.problems.size())});
      continue;
    }
    const KioskStatus& s = *r.status;
    std::string pack = pack_words(s);
    if (!r.expected_version.empty() && (!s.pack || s.pack->version != r.expected_version))
      pack += " (channel: " + r.expected_version + ")";
    table.push_back({kiosk_label(r), s.institution.empty() ? "-" : s.institution, s.group.empty() ? "-" : s.group,
                     s.orpheus_version, pack, ago(r.age_s), s.update.result.empty() ? "-" : s.update.result,
                     std::to_string(r.problems.size())});
  }
  std::vector<std::size_t> widths(table.front().size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], width(line[c]));
  for (const auto& line : table) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) text += std::string(widths[c] - width(line[c]) + 2, ' ');
    }
    out << text << "\n";
  }

  std::size_t problems = 0;
  for (const FleetRow& r : rows) problems += r.problems.size();
  out << "\n" << rows.size() << (rows.size() == 1 ? " kiosk, " : " kiosks, ") << problems
      << (problems == 1 ? " problem" : " problems") << (problems ? ":" : ".") << "\n";
  for (const FleetRow& r : rows)
    for (const std::string& problem : r.problems) out << "  " << kiosk_label(r) << ": " << problem << "\n";
}

std::string fleet_json(const std::vector<FleetRow>& rows) {
  json kiosks = json::array();
  for (const FleetRow& r : rows) {
    json k = {{"folder", r.folder.string()},
              {"status", nullptr},
              {"age_s", r.age_s},
              {"last_seen", r.status ? ago(r.age_s) : std::string()},
              {"expected_version", r.expected_version},
              {"usage_exports", r.usage_exports},
              {"problems", r.problems}};
    if (r.status) k["status"] = to_json(*r.status, r.status->kiosk_key.value_or(trust::PublicKey{}));
    kiosks.push_back(std::move(k));
  }
  const json doc = {{"format", "orpheus-fleet-status"}, {"version", 1}, {"kiosks", std::move(kiosks)}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace orpheus::fleet
