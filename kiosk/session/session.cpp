#include "session/session.h"

#include <algorithm>
#include <utility>

namespace orpheus::session {
namespace {
template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };
// C++20 deduces this for an aggregate; clang before 17 needs the guide (the fuzz preset's clang 14).
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace

TextSize next(TextSize size) {
  switch (size) {
    case TextSize::normal: return TextSize::large;
    case TextSize::large: return TextSize::largest;
    case TextSize::largest: break;
  }
  return TextSize::normal;
}

const char* text_size_name(TextSize size) {
  switch (size) {
    case TextSize::normal: break;
    case TextSize::large: return "large";
    case TextSize::largest: return "largest";
  }
  return "normal";
}

void Session::push(Route r) {
  r.serial = ++pushed_;
  stack_.push_back(r);
}

bool Session::apply(const Intent& in, const catalog::Snapshot& snap) {
  return std::visit(
      Overloaded{
          [&](const intent::OpenCollection& i) {
            if (!snap.find_collection(i.id)) return false;
            push(Route{screen::collection, i.id});
            return true;
          },
          [&](const intent::OpenItem& i) {
            const auto* item = snap.find_item(i.id);
            if (!item) return false;
            push(Route{screen::item, item->collection_id, item->id});
            return true;
          },
          [&](const intent::StepItem& i) {
            auto& r = route();
            if (r.screen != screen::item) return false;
            const auto* next = snap.neighbour(r.item_id, i.delta);
            if (!next) return false;
            r.item_id = next->id;
            r.media_index = 0;
            r.scroll = 0;
            return true;
          },
          [&](const intent::ShowMedia& i) {
            auto& r = route();
            const auto* item = snap.find_item(r.item_id);
            if (!item || i.index < 0 || i.index >= static_cast<int>(item->media.size())) return false;
            if (r.media_index == i.index) return false;
            r.media_index = i.index;
            return true;
          },
          [&](const intent::OpenViewer& i) {
            const auto& r = route();
            const auto* item = snap.find_item(r.item_id);
            if (r.screen != screen::item || !item || i.index < 0 ||
                i.index >= static_cast<int>(item->media.size()))
              return false;
            push(Route{screen::viewer, r.collection_id, r.item_id, i.index});
            return true;
          },
          [&](const intent::Open& i) {
            // Only registered screens of their own (the browsing ones need their ids opened above),
            // and never twice on top of each other.
            if (i.screen.value < screen::kFirstRegistered || route().screen == i.screen) return false;
            const auto* item = i.item ? snap.find_item(i.item) : nullptr;
            push(item ? Route{i.screen, item->collection_id, item->id} : Route{i.screen});
            return true;
          },
          [&](const intent::Back&) {
            if (stack_.size() <= 1) return false;
            const Route left = stack_.back();
            stack_.pop_back();
            // The viewer may have moved to another image: the item screen shows it too.
            if (left.screen == screen::viewer && route().screen == screen::item) route().media_index = left.media_index;
            return true;
          },
          [&](const intent::Home&) {
            if (stack_.size() == 1) return false;
            stack_.resize(1);
            return true;
          },
          [&](const intent::SetLanguage& i) {
            const auto& langs = snap.pack.languages;
            const bool was_choosing = std::exchange(choosing_language_, false);
            if (i.code == language_ || std::find(langs.begin(), langs.end(), i.code) == langs.end()) return was_choosing;
            language_ = i.code;
            return true;
          },
          [&](const intent::ChooseLanguage& i) {
            if (i.open == choosing_language_) return false;
            choosing_language_ = i.open;
            return true;
          },
          [&](const intent::SetTextSize& i) {
            if (i.size == text_size_) return false;
            text_size_ = i.size;
            return true;
          },
          [&](const intent::SetHighContrast& i) {
            if (i.on == high_contrast_) return false;
            high_contrast_ = i.on;
            return true;
          },
          [&](const intent::SetVolume& i) {
            const int level = std::clamp(i.level, 0, 2);
            if (level == volume_) return false;
            volume_ = level;
            return true;
          },
          [&](const intent::SetReach& i) {
            if (i.on == reach_) return false;
            reach_ = i.on;
            return true;
          },
      },
      in);
}

}  // namespace orpheus::session
