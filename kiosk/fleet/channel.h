#pragma once
// The channel file: which pack each group of kiosks should run, published by the curators next to
// the packs on any static web server and signed with their key (docs/fleet.md). Kiosks fetch it,
// check it and choose; nothing runs on the server.
//
// JSON, pretty-printed, UTF-8, every number an integer:
//   { "format": "orpheus-channel", "version": 1,
//     "name": "stable",                        // [A-Za-z0-9._-]+; kiosks remember serials per name
//     "serial": 12,                            // > 0; every publication increases it
//     "published": "2026-12-07T10:00:00Z",     // UTC
//     "expires": "2027-03-07T10:00:00Z",       // UTC, after published: kiosks refuse it later
//     "packs": [ { "id": "bg.thracology.demo", "version": "1.0.1",
//                  "file": "packs/bg.thracology.demo-1.0.1-3f2a9c1e.db",   // relative to the channel
//                  "bytes": 140042240, "hash": "<64 hex: BLAKE2b-256 of the file>",
//                  "patches": [ { "from": "<64 hex: hash of the older pack file>",
//                                 "file": "packs/bg.thracology.demo-1.0.1-3f2a9c1e.from-1a2b3c4d.zst",
//                                 "bytes": 819237, "hash": "<64 hex>" } ] } ],
//     "rollouts": [ { "group": "*", "pack": "bg.thracology.demo", "version": "1.0.1",
//                     "from": "2026-12-08T06:00:00Z", "percent": 25,
//                     "min_kiosk_version": "0.1.0", "rollback": false } ],
//     "signer": "orpheus-ed25519:BASE64",
//     "signature": "<base64 Ed25519>" }
// The signature is Ed25519 by the signer's key over "orpheus-channel-v1\0" followed by the
// canonical form of the whole object without "signature" (keys sorted, no whitespace, strings
// with only the escapes JSON requires), as for the usage export (usage/summary.h).
//
// A kiosk takes the first rollout that applies to it: its group (or "*"), `from` passed,
// its rollout bucket (0..99, from its id and the pack's hash) below `percent`, its Orpheus
// version at least `min_kiosk_version`. A staged rollout is therefore a new rollout above the
// previous one for the same group: kiosks outside its percentage fall through to the old one.
// Every file named (packs and patches) lies under the channel's folder: no "..", no absolute
// path, no URL. Any thread; no files except where a function says so.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trust/seal.h"

namespace orpheus::fleet {

inline constexpr int kChannelVersion = 1;

// What is wrong with a channel, as "ORIGIN: reason" (ORIGIN: its file or URL).
class ChannelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Patch {
  trust::ContentHash from{};  // the pack file it applies to (its whole-file hash)
  std::string file;           // relative to the channel
  std::uint64_t bytes = 0;
  trust::ContentHash hash{};  // of the patch file
  bool operator==(const Patch&) const = default;
};

struct PackRef {
  std::string id, version;  // the pack's manifest
  std::string file;         // relative to the channel; its name is a store name (ID-VERSION-HASH8.db)
  std::uint64_t bytes = 0;
  trust::ContentHash hash{};  // trust::hash_file of the pack
  std::vector<Patch> patches;
  bool operator==(const PackRef&) const = default;
};

struct Rollout {
  std::string group = "*";         // a kiosk's [update] group, or "*" for every kiosk
  std::string pack, version;       // a PackRef's id and version
  std::string from;                // UTC "YYYY-MM-DDTHH:MM:SSZ"; "": at once
  int percent = 100;               // 1..100
  std::string min_kiosk_version;   // "": any
  bool rollback = false;           // kiosks may go to this version from a later one of the pack
  bool operator==(const Rollout&) const = default;
};

struct Channel {
  std::string name;
  std::uint64_t serial = 0;
  std::string published, expires;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::vector<PackRef> packs;
  std::vector<Rollout> rollouts;
  std::optional<trust::PublicKey> signer;  // set by parse_channel and channel_text
  bool operator==(const Channel&) const = default;

  const PackRef* find(std::string_view id, std::string_view version) const;
};

// The whole-channel checks parse_channel makes, for a channel about to be written: names,
// hashes, every rollout naming a listed pack, no file twice, times well formed. Throws
// ChannelError ("channel: reason").
void check_channel(const Channel& channel);

// The signed JSON text (signer set from `key`). Throws ChannelError if check_channel does.
std::string channel_text(const Channel& channel, const trust::SecretKey& key);

// Parses and checks everything: format, version, every field's type and range (a problem names
// its field: "packs[1].bytes: ..."), the signature, and that the signer is one of `trusted`
// (an untrusted key is named by its id). `origin` starts every message. Does not judge
// freshness (see check_fresh): an expired channel still parses, so a tool can show it.
Channel parse_channel(std::string_view text, std::span<const trust::PublicKey> trusted, std::string_view origin);

// Replay and staleness: throws ChannelError if `now` (UTC, as above) is after channel.expires, or
// if its serial is below `last_serial` (the highest this kiosk accepted for this channel name).
void check_fresh(const Channel& channel, std::string_view now, std::uint64_t last_serial, std::string_view origin);

// Dotted versions compared number by number ("1.10" > "1.9"); a part that is not a number
// compares as text after numbers; missing parts are 0 ("1.0" == "1"). <0, 0, >0.
int compare_versions(std::string_view a, std::string_view b);

// The kiosk's rollout bucket for a pack: 0..99, stable for the same kiosk and pack file hash, and
// different packs spread a fleet differently (the same 10% are not always first).
int rollout_bucket(std::string_view kiosk_id, const trust::ContentHash& pack_hash);

struct Installed {  // what a kiosk's store holds as current
  std::string id, version;
  trust::ContentHash hash{};
};

struct KioskFacts {
  std::string id;                  // stable per kiosk (rollout buckets)
  std::string group;               // [update] group; "" matches only "*"
  std::string orpheus_version;     // this program's
  std::string now;                 // UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::optional<Installed> installed;
};

struct Decision {
  enum class Kind {
    install,  // `pack` should become current
    stay,     // the current pack is what the channel says (or no rollout applies yet)
    refuse,   // the channel asks for something this kiosk must not do (an older version without
              // rollback): logged as an error, the current pack kept
  };
  Kind kind = Kind::stay;
  const PackRef* pack = nullptr;     // install: the target, pointing into the channel
  const Rollout* rollout = nullptr;  // the rollout that applied, if any
  std::string reason;                // one sentence for the log, naming versions and the group
};

Decision choose(const Channel& channel, const KioskFacts& kiosk);

// The patch in `pack` that applies to a file with hash `installed`, if the channel has one.
const Patch* patch_from(const PackRef& pack, const trust::ContentHash& installed);

// A channel-relative file name is safe to append to the channel's folder or URL: not empty, no
// "..", "." or empty segment, not absolute, only [A-Za-z0-9._-/].
bool safe_relative_name(std::string_view file);

// A channel's name, a group, a pack id or version: 1 to `max` characters of [A-Za-z0-9._-].
bool plain_name(std::string_view name, std::size_t max);

// A time given as "YYYY-MM-DDTHH:MM:SSZ" or with an offset ("+02:00") turned into UTC in that
// form (now: log::utc_timestamp()); nullopt for anything else.
std::optional<std::string> to_utc(std::string_view text);

}  // namespace orpheus::fleet
