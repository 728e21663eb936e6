#pragma once
// What every screen gets for one frame: the content snapshot, the visitor's route, this
// frame's gestures, images, strings and theme; and where it puts what the visitor asked for
// (intents) and the named tap targets (for replays and the state dump).
// Screens never touch SQLite, files or GL directly.
#include <cstdint>
#include <string>
#include <vector>

#include <span>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "imgui.h"
#include "media/deep_zoom.h"
#include "session/session.h"
#include "touch/gesture.h"
#include "ui/fonts.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace orpheus::ui {

struct ImageView {
  enum class Status { loading, ready, failed };
  Status status = Status::loading;
  ImTextureID texture = nullptr;
  int width = 0, height = 0;
  float alpha = 0;  // fade-in, 0..1
};

// Implemented by the app over the platform's texture cache. Asking for an image in a frame
// loads it if needed and keeps it: a request no frame asks for any more is cancelled, and
// textures not asked for are the first to go when memory runs short. Asking without drawing
// is how a screen prefetches; ask for prefetches before the images on screen, which the
// loader then takes first (newest first).
class ImageProvider {
 public:
  virtual ~ImageProvider() = default;
  virtual ImageView image(std::int64_t media_id, catalog::MediaVariant variant) = 0;
  // The same image for drawing cropped to fill w x h pixels: it may be held at that size only
  // (see media::MediaKey::cover_w), a texture of its own.
  virtual ImageView image_covering(std::int64_t media_id, catalog::MediaVariant variant, int w, int h) = 0;
  // A tile of the media's deep-zoom pyramid; `request` false: only what is already there.
  virtual ImageView tile(std::int64_t media_id, media::TileId tile, bool request) = 0;
};

// The narration of an item as the player has it (app/narration.h), the same for a whole frame.
struct NarrationStatus {
  enum class State { stopped, loading, playing, paused, failed };
  State state = State::stopped;
  std::int64_t item_id = 0;  // whose narration (0: none)
  std::string lang;
  int position_ms = 0, duration_ms = 0;
};

// Plays items' narrations (catalog::Narration): implemented by the app over the sound card.
// The screen asks; the app stops what the visitor leaves (another item, another language, the
// idle reset).
class Narrator {
 public:
  virtual ~Narrator() = default;
  virtual bool available() const = 0;  // there is a sound card
  virtual const NarrationStatus& status() const = 0;
  // Plays `narration` of the item: loads it, or resumes it if it is the one paused (from the
  // start if it had ended).
  virtual void play(std::int64_t item_id, const catalog::Narration& narration) = 0;
  virtual void pause() = 0;
  virtual void seek(int ms) = 0;  // in the narration playing or paused
};

// The museum's programme at this frame (app/programme.h): the wall clock, the museum's zone, and
// what the home screen shows. Screens derive their lists from it when serial changes, not per frame.
struct ProgrammeView {
  std::int64_t now_s = 0;                 // Unix seconds
  const events::TimeZone* zone = nullptr;
  bool clock_trusted = true;              // false: dated content is hidden (events/programme.h)
  std::span<const std::size_t> collections;  // indices into Snapshot::collections the home screen shows
  std::uint64_t serial = 0;               // changes when any of this may have changed
};

// What a screen tells the usage journal beyond the route it shows (app/usage_log.h): a search
// whose results the visitor saw, or a What's on event opened.
struct UsageNote {
  std::string search;  // the text searched for ...
  std::int64_t results = 0;  // ... and how many results it found
  std::string event;   // the event's slug
};

struct Target {
  std::string name;
  ImVec2 min, max;
};

// Drawn as small round icon buttons among the visitor's controls on every screen.
enum class Icon { none, back, home, close, previous, next, info, search, backspace, keyboard_hide, timeline, map, contrast, reach, play, pause, volume, language, calendar };

// A button that opens a registered screen from anywhere (ui/screen.h: ScreenEntry::launcher).
struct Launcher {
  session::ScreenId screen;
  Icon icon = Icon::none;
  std::string target;  // "open.<screen name>"
  bool beside_home = false;  // drawn beside Home rather than among the visitor's controls
};

struct UiFrame {
  const catalog::Snapshot& snapshot;
  session::Route& route;             // the screen may keep its scroll position here
  const std::string& language;
  const std::vector<std::string>& languages;  // the visitor may switch between these
  const touch::GestureFrame& gesture;
  ImageProvider& images;
  const Strings& strings;
  const Theme& theme;
  const Fonts& fonts;
  double now_ms;
  double dt_ms;
  std::vector<session::Intent>& intents;
  std::vector<Target>& targets;
  std::span<const Launcher> launchers = {};  // the registered screens visitors open from anywhere
  bool route_changed = false;       // the screen/item changed since the last frame: stop flings
  bool animating = false;           // set by a screen that needs another frame
  bool tap_consumed = false;        // a target took this frame's tap
  session::TextSize text_size = session::TextSize::normal;  // the visitor's (fonts are already of that size)
  bool high_contrast = false;       // ... the high-contrast palette (theme's colours are already it)
  bool reach = false;               // ... reach mode (the frame is the window's lower part already)
  bool choosing_language = false;   // ... the language picker is open (language_picker())
  Narrator* narrator = nullptr;     // visitors' screens: narration (none: no narration controls)
  int volume = 1;                   // the visitor's narration volume: 0 quieter, 1 normal, 2 louder
  const ProgrammeView* programme = nullptr;  // none: every collection shown, no events
  std::vector<UsageNote>* usage = nullptr;   // visitors' screens: what the usage journal counts

  void note_usage(UsageNote note) const {
    if (usage) usage->push_back(std::move(note));
  }

  std::string_view text(const catalog::LangText& t) const { return t.get(language, snapshot.fallback()); }
  // The language text() shows `t` in: the visitor's, or a fallback (fallback_note()).
  std::string_view text_language(const catalog::LangText& t) const { return t.language_of(language, snapshot.fallback()); }
  // The interface's words in the visitor's language (ui/strings.h): a context key and the English.
  std::string_view tr(std::string_view context, std::string_view english) const {
    return strings.translate(language, context, english);
  }
  std::string trf(std::string_view context, std::string_view english, Args args) const {
    return i18n::format(tr(context, english), args);
  }
  std::string trn(std::string_view context, std::string_view one, std::string_view other, std::uint64_t n,
                  Args args = {}) const {
    return strings.translate_plural(language, context, one, other, n, args);
  }
  const Palette& colors() const { return theme.colors; }
  const Metrics& metrics() const { return theme.metrics; }
};

}  // namespace orpheus::ui
