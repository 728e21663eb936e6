#pragma once
// `orpheus-pack publish PACK --channel DIR`: puts a pack on a channel folder that any static web
// server serves (docs/fleet.md). The folder:
//   DIR/channel.json                       the signed channel (channel.h)
//   DIR/packs/ID-VERSION-HASH8.db          packs (never modified once written)
//   DIR/packs/ID-VERSION-HASH8.from-OLD8.zst  patches from the pack's older versions (delta.h)
//   DIR/.publish.lock                      flock()ed while publishing: one publisher at a time
// Order makes it atomic for kiosks: the pack and its patches are written under temporary names,
// fsynced and renamed into place first; the channel last, through a temporary file and rename.
// A kiosk reading the folder at any instant sees the old channel or the new one, and every file
// the channel it sees names is complete. Older versions of a pack stay in DIR/packs as bases for
// the next patches (the newest `patch_bases` of them, not listed in the channel); older ones, and
// patches to a version no longer listed, are removed once the new channel is in place (a kiosk
// that was downloading one gets 404, fetches the channel again and goes for the new version).
// Blocking; any thread.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fleet/channel.h"
#include "trust/seal.h"

namespace orpheus::fleet {

class PublishError : public std::runtime_error {  // names the file and the reason
 public:
  using std::runtime_error::runtime_error;
};

struct PublishOptions {
  std::filesystem::path pack;         // empty: only re-sign the channel (--renew: new serial, dates)
  std::filesystem::path channel_dir;  // created if missing
  std::string channel_name;           // a new channel's name ("stable"); an existing one keeps its own
  trust::SecretKey key;               // the curators' key: signs the channel
  std::string group = "*";
  std::string from;                   // UTC or with offset; "": at once
  int percent = 100;
  std::string min_kiosk_version;
  bool rollback = false;              // required to publish a version older than the group's current one
  int valid_days = 90;                // expires = now + valid_days
  int patch_bases = 3;                // patches from up to this many older versions of the pack in DIR
  int patch_level = 9;
  std::string now;                    // UTC; "": the clock (tests)
  // "copying", "patching from 1.0.0", "signing": for a progress line. May be empty.
  std::function<void(const std::string&)> progress;
};

struct PublishResult {
  Channel channel;                    // as written
  const PackRef* pack = nullptr;      // the published pack's entry in `channel` (if one was given)
  std::vector<std::string> removed;   // files no channel names any more, deleted now
  std::string summary;                // one line: "published ID VERSION on NAME (serial N) ..."
};

// The pack must verify as sealed and intact (a full verify is the curator's job beforehand:
// `orpheus-pack verify`); publishing a version older than the one its group runs needs
// `rollback`. A later rollout for the same group at 100% replaces the group's earlier ones; a
// staged one (percent < 100 or a `from` in the future) goes above them. Throws PublishError,
// ChannelError or DeltaError; then the channel is as before (files it did not name may remain).
PublishResult publish(const PublishOptions& options);

// The channel currently in DIR, checked against its own signer (a curator's tool reads its own
// folder); nullopt if there is none. Throws ChannelError if it is unreadable or invalid.
std::optional<Channel> read_channel_dir(const std::filesystem::path& channel_dir);

}  // namespace orpheus::fleet
