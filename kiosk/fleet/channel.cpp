#include "fleet/channel.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "events/zone.h"
#include "fleet/json_fields.h"
#include "fleet/signed_json.h"

namespace orpheus::fleet {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "orpheus-channel";
constexpr std::string_view kDomain = "orpheus-channel-v1";
constexpr std::size_t kMaxName = 64;        // channel names, groups (as config.cpp's [update] group)
constexpr std::size_t kMaxPackPart = 100;   // a pack id or version: ID-VERSION-HASH8.db stays a store name
constexpr std::size_t kMaxStoreName = 200;  // store/content_store.h

[[noreturn]] void fail(std::string_view origin, const std::string& reason) {
  throw ChannelError(std::string(origin) + ": " + reason);
}

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// The rules of store/content_store.h for a pack file name, on the last segment of a channel path.
bool store_name(std::string_view file) {
  const auto slash = file.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  return plain_name(name, kMaxStoreName) && name.front() != '.' && name.size() > 3 && name.ends_with(".db");
}

// "2026-12-07T10:00:00Z" exactly (what format_instant writes), as Unix seconds.
std::optional<std::int64_t> canonical_utc(std::string_view text) {
  if (text.size() != 20 || text.back() != 'Z') return std::nullopt;
  const auto t = events::parse_instant(text, events::TimeZone::utc());
  if (!t || events::format_instant(*t) != text) return std::nullopt;
  return t;
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string group_name(std::string_view group) { return group.empty() ? "no group" : "group " + in_quotes(group); }

// --- the checks shared by check_channel and parse_channel ----------------------------------------

void check_whole(const Channel& c, std::string_view origin) {
  if (!plain_name(c.name, kMaxName))
    fail(origin, "name: expected letters, digits, '.', '_' and '-' (at most 64), got " + in_quotes(c.name));
  if (c.serial == 0) fail(origin, "serial: expected a positive integer");
  const auto published = canonical_utc(c.published);
  if (!published) fail(origin, "published: expected a UTC time like 2026-12-07T10:00:00Z, got " + in_quotes(c.published));
  const auto expires = canonical_utc(c.expires);
  if (!expires) fail(origin, "expires: expected a UTC time like 2027-03-07T10:00:00Z, got " + in_quotes(c.expires));
  if (*expires <= *published) fail(origin, "expires: " + c.expires + " is not after published (" + c.published + ")");

  std::set<std::string> files;
  std::set<std::pair<std::string, std::string>> packs;
  auto file_once = [&](const std::string& at, const std::string& file) {
    if (!safe_relative_name(file))
      fail(origin, at + ": " + in_quotes(file) +
                       " is not a file under the channel's folder (letters, digits, '.', '_', '-' and '/', no \"..\", "
                       "not absolute, not a URL)");
    if (!files.insert(file).second) fail(origin, at + ": " + in_quotes(file) + " is named twice in the channel");
  };
  for (std::size_t i = 0; i < c.packs.size(); ++i) {
    const PackRef& p = c.packs[i];
    const std::string at = "packs[" + std::to_string(i) + "]";
    if (!plain_name(p.id, kMaxPackPart))
      fail(origin, at + ".id: expected letters, digits, '.', '_' and '-' (at most 100), got " + in_quotes(p.id));
    if (!plain_name(p.version, kMaxPackPart))
      fail(origin, at + ".version: expected letters, digits, '.', '_' and '-' (at most 100), got " + in_quotes(p.version));
    if (!packs.emplace(p.id, p.version).second)
      fail(origin, at + ": " + p.id + " " + p.version + " is listed twice");
    file_once(at + ".file", p.file);
    if (!store_name(p.file))
      fail(origin, at + ".file: " + in_quotes(p.file) +
                       " does not end in a pack file name (letters, digits, '.', '_' and '-', not starting with '.', "
                       "ending in .db)");
    if (p.bytes == 0) fail(origin, at + ".bytes: expected a positive integer");
    std::set<trust::ContentHash> froms;
    for (std::size_t k = 0; k < p.patches.size(); ++k) {
      const Patch& patch = p.patches[k];
      const std::string pat = at + ".patches[" + std::to_string(k) + "]";
      if (patch.from == p.hash) fail(origin, pat + ".from: the pack's own hash (a patch from itself)");
      if (!froms.insert(patch.from).second)
        fail(origin, pat + ".from: a second patch from " + trust::to_hex(patch.from).substr(0, 16) + "...");
      file_once(pat + ".file", patch.file);
      if (patch.bytes == 0) fail(origin, pat + ".bytes: expected a positive integer");
    }
  }
  for (std::size_t i = 0; i < c.rollouts.size(); ++i) {
    const Rollout& r = c.rollouts[i];
    const std::string at = "rollouts[" + std::to_string(i) + "]";
    if (r.group != "*" && !plain_name(r.group, kMaxName))
      fail(origin, at + ".group: expected \"*\" or a group name of letters, digits, '.', '_' and '-' (at most 64), got " +
                       in_quotes(r.group));
    if (!c.find(r.pack, r.version))
      fail(origin, at + ": names " + r.pack + " " + r.version + ", which the channel's packs do not list");
    if (!r.from.empty() && !canonical_utc(r.from))
      fail(origin, at + ".from: expected a UTC time like 2026-12-08T06:00:00Z or \"\" (at once), got " + in_quotes(r.from));
    if (r.percent < 1 || r.percent > 100)
      fail(origin, at + ".percent: expected an integer from 1 to 100, got " + std::to_string(r.percent));
    if (!r.min_kiosk_version.empty() && !plain_name(r.min_kiosk_version, kMaxPackPart))
      fail(origin, at + ".min_kiosk_version: expected a version like 0.1.0 or \"\" (any), got " + in_quotes(r.min_kiosk_version));
  }
}

// --- reading the JSON, every field by its path ---------------------------------------------------

constexpr JsonDocument kDocument{
    .name = "channel", .title = "a channel", .version = kChannelVersion, .number_values = false, .fail = &fail};

PackRef read_pack(JsonFields& r) {
  PackRef p;
  p.id = r.string("id");
  p.version = r.string("version");
  p.file = r.string("file");
  p.bytes = r.positive("bytes");
  p.hash = r.hash("hash");
  r.objects_or_none("patches", [&](JsonFields& pr) {
    Patch patch;
    patch.from = pr.hash("from");
    patch.file = pr.string("file");
    patch.bytes = pr.positive("bytes");
    patch.hash = pr.hash("hash");
    p.patches.push_back(std::move(patch));
  });
  return p;
}

Rollout read_rollout(JsonFields& r) {
  Rollout o;
  o.group = r.string("group");
  o.pack = r.string("pack");
  o.version = r.string("version");
  o.from = r.string_or("from", "");
  o.percent = static_cast<int>(r.integer_or("percent", 1, 100, "an integer from 1 to 100", 100));
  o.min_kiosk_version = r.string_or("min_kiosk_version", "");
  o.rollback = r.boolean_or("rollback", false);
  return o;
}

json to_json(const Channel& c) {
  json packs = json::array();
  for (const PackRef& p : c.packs) {
    json patches = json::array();
    for (const Patch& patch : p.patches)
      patches.push_back({{"from", trust::to_hex(patch.from)},
                         {"file", patch.file},
                         {"bytes", patch.bytes},
                         {"hash", trust::to_hex(patch.hash)}});
    packs.push_back({{"id", p.id},
                     {"version", p.version},
                     {"file", p.file},
                     {"bytes", p.bytes},
                     {"hash", trust::to_hex(p.hash)},
                     {"patches", std::move(patches)}});
  }
  json rollouts = json::array();
  for (const Rollout& r : c.rollouts)
    rollouts.push_back({{"group", r.group},
                        {"pack", r.pack},
                        {"version", r.version},
                        {"from", r.from},
                        {"percent", r.percent},
                        {"min_kiosk_version", r.min_kiosk_version},
                        {"rollback", r.rollback}});
  return {{"format", kFormat},     {"version", kChannelVersion}, {"name", c.name},   {"serial", c.serial},
          {"published", c.published}, {"expires", c.expires},   {"packs", std::move(packs)},
          {"rollouts", std::move(rollouts)}};
}

// A version part: a number (leading zeros ignored, any length) or text, which sorts after numbers.
int compare_parts(std::string_view a, std::string_view b) {
  auto is_number = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool na = is_number(a), nb = is_number(b);  // "" (a missing or empty part) is the number 0
  if (na != nb) return na ? -1 : 1;
  if (!na) return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
  auto strip = [](std::string_view s) {
    while (!s.empty() && s.front() == '0') s.remove_prefix(1);
    return s;
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

std::optional<std::string_view> next_part(std::string_view& rest, bool& done) {
  if (done) return std::nullopt;
  const auto dot = rest.find('.');
  const std::string_view part = rest.substr(0, dot);
  if (dot == std::string_view::npos)
    done = true;
  else
    rest.remove_prefix(dot + 1);
  return part;
}

// FNV-1a 64, then MurmurHash3's finaliser so that every bit of the result depends on every input
// bit (FNV's low bits alone spread short inputs unevenly). Fixed arithmetic: the same on every
// machine and compiler, unlike std::hash.
std::uint64_t stable_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

const PackRef* Channel::find(std::string_view id, std::string_view version) const {
  for (const PackRef& p : packs)
    if (p.id == id && p.version == version) return &p;
  return nullptr;
}

void check_channel(const Channel& channel) { check_whole(channel, "channel"); }

std::string channel_text(const Channel& channel, const trust::SecretKey& key) {
  check_channel(channel);
  json j = to_json(channel);
  j["signer"] = key.public_key().text();
  return signed_json_text(std::move(j), kDomain, key);
}

Channel parse_channel(std::string_view text, std::span<const trust::PublicKey> trusted, std::string_view origin) {
  const json j = parse_object(text, origin, kDocument);
  JsonFields r(j, "", origin, kDocument);
  if (const std::string format = r.string("format"); format != kFormat)
    fail(origin, "format: expected \"" + std::string(kFormat) + "\", got " + in_quotes(format) + " (not a channel)");
  if (const json& v = r.get("version"); !v.is_number_integer() || v.get<std::int64_t>() != kChannelVersion)
    fail(origin, "version: this Orpheus reads channel format version " + std::to_string(kChannelVersion) + ", the file has " +
                     v.dump() + " (update Orpheus on this kiosk?)");

  // The signature before anything else is believed: a forged or damaged file is named as such.
  const std::string signer_text = r.string("signer");
  trust::PublicKey signer;
  try {
    signer = trust::parse_public_key(signer_text);
  } catch (const trust::TrustError& e) {
    fail(origin, std::string("signer: ") + e.what());
  }
  if (const json& s = r.get("signature"); !s.is_string())
    fail(origin, "signature: expected a string (base64), got " + std::string(s.type_name()));
  if (!verify_signed_json(j, kDomain, signer))
    fail(origin, "the signature does not match (the file was changed after it was signed, or is not a channel)");
  const auto known = std::find(trusted.begin(), trusted.end(), signer);
  if (known == trusted.end())
    fail(origin, "signed by key " + signer.id() + ", which is not one of the " + std::to_string(trusted.size()) +
                     " trusted keys");
  signer.comment = known->comment;

  Channel c;
  c.name = r.string("name");
  c.serial = r.positive("serial");
  c.published = r.string("published");
  c.expires = r.string("expires");
  r.objects("packs", [&](JsonFields& p) { c.packs.push_back(read_pack(p)); });
  r.objects("rollouts", [&](JsonFields& o) { c.rollouts.push_back(read_rollout(o)); });
  r.no_others();
  c.signer = signer;
  check_whole(c, origin);
  return c;
}

void check_fresh(const Channel& channel, std::string_view now, std::uint64_t last_serial, std::string_view origin) {
  const auto at = canonical_utc(now);
  const auto expires = canonical_utc(channel.expires);
  if (!at) fail(origin, "cannot judge freshness: the time now is not a UTC time (" + in_quotes(now) + ")");
  if (!expires || *at > *expires)
    fail(origin, "expired on " + channel.expires + " (now " + std::string(now) +
                     "): the curators must publish it again (orpheus-pack publish --renew)");
  if (channel.serial < last_serial)
    fail(origin, "serial " + std::to_string(channel.serial) + " is below " + std::to_string(last_serial) +
                     ", the last this kiosk accepted for channel " + in_quotes(channel.name) +
                     ": an older copy (replayed, or a stale cache)");
}

int compare_versions(std::string_view a, std::string_view b) {
  bool a_done = false, b_done = false;
  while (true) {
    const auto pa = next_part(a, a_done), pb = next_part(b, b_done);
    if (!pa && !pb) return 0;
    if (const int c = compare_parts(pa.value_or(""), pb.value_or("")); c != 0) return c;
  }
}

int rollout_bucket(std::string_view kiosk_id, const trust::ContentHash& pack_hash) {
  std::string bytes(kiosk_id);
  bytes += '\0';
  bytes += trust::to_hex(pack_hash);
  return static_cast<int>(stable_hash(bytes) % 100);
}

Decision choose(const Channel& channel, const KioskFacts& kiosk) {
  Decision d;
  const auto now = canonical_utc(kiosk.now);
  const std::string where = "on channel " + in_quotes(channel.name) + " (" + group_name(kiosk.group) + ")";
  int later = 0, outside = 0, too_old = 0;
  std::string needs;
  for (const Rollout& r : channel.rollouts) {
    if (r.group != "*" && r.group != kiosk.group) continue;
    const PackRef* pack = channel.find(r.pack, r.version);
    if (!pack) continue;  // parse_channel refuses such a channel
    if (!r.from.empty()) {
      const auto from = canonical_utc(r.from);
      if (!from || !now || *from > *now) {
        ++later;
        continue;
      }
    }
    if (rollout_bucket(kiosk.id, pack->hash) >= r.percent) {
      ++outside;
      continue;
    }
    if (!r.min_kiosk_version.empty() && compare_versions(kiosk.orpheus_version, r.min_kiosk_version) < 0) {
      ++too_old;
      if (needs.empty()) needs = r.min_kiosk_version;
      continue;
    }
    d.rollout = &r;
    const std::string target = pack->id + " " + pack->version;
    if (kiosk.installed && kiosk.installed->hash == pack->hash) {
      d.kind = Decision::Kind::stay;
      d.reason = "up to date: " + target + " " + where;
      return d;
    }
    if (kiosk.installed && kiosk.installed->id == pack->id &&
        compare_versions(pack->version, kiosk.installed->version) < 0 && !r.rollback) {
      d.kind = Decision::Kind::refuse;
      d.reason = "refused: the channel asks for " + target + ", older than the installed " + kiosk.installed->version +
                 ", without rollback " + where;
      return d;
    }
    d.kind = Decision::Kind::install;
    d.pack = pack;
    std::string over = "no pack installed";
    if (kiosk.installed)
      over = kiosk.installed->id == pack->id ? "replacing " + kiosk.installed->version
                                             : "replacing " + kiosk.installed->id + " " + kiosk.installed->version;
    d.reason = "install " + target + " " + where + ", " + over +
               (r.rollback && kiosk.installed && kiosk.installed->id == pack->id &&
                        compare_versions(pack->version, kiosk.installed->version) < 0
                    ? " (a rollback)"
                    : "") +
               (r.percent < 100 ? " (staged rollout at " + std::to_string(r.percent) + "%)" : "");
    return d;
  }
  d.kind = Decision::Kind::stay;
  std::string why;
  auto add = [&](int n, const std::string& what) {
    if (n) why += (why.empty() ? ": " : ", ") + std::to_string(n) + " " + what;
  };
  add(later, later == 1 ? "starts later" : "start later");
  add(outside, "leave this kiosk out (outside the percentage)");
  add(too_old, "need Orpheus " + needs + " or later (this is " + kiosk.orpheus_version + ")");
  d.reason = "no rollout applies " + where + " yet" + why + "; the kiosk keeps its current pack";
  return d;
}

const Patch* patch_from(const PackRef& pack, const trust::ContentHash& installed) {
  for (const Patch& p : pack.patches)
    if (p.from == installed) return &p;
  return nullptr;
}

bool plain_name(std::string_view name, std::size_t max) {
  return !name.empty() && name.size() <= max && std::all_of(name.begin(), name.end(), name_char);
}

bool safe_relative_name(std::string_view file) {
  if (file.empty() || file.front() == '/') return false;
  if (!std::all_of(file.begin(), file.end(), [](char c) { return name_char(c) || c == '/'; })) return false;
  std::string_view rest = file;
  while (true) {
    const auto dot = rest.find('/');
    const std::string_view segment = rest.substr(0, dot);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return true;
}

std::optional<std::string> to_utc(std::string_view text) {
  // An offset or Z is required: a time without one means nothing on a server in another zone.
  if (text.size() <= 10 || text.find_first_of("Z+-", 10) == std::string_view::npos) return std::nullopt;
  const auto t = events::parse_instant(text, events::TimeZone::utc());
  if (!t) return std::nullopt;
  return events::format_instant(*t);
}

}  // namespace orpheus::fleet
