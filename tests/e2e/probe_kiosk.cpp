// orpheus-kiosk with one more screen, "probe", registered from outside the app exactly as a new
// screen of the product would be (a file, and one line on top of the standard registry): proves
// that adding a screen needs no change to App, and drives the background-work pattern from a
// screen. Built for tests only.
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/kiosk_main.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// Counts the pack's objects with a title, on a background worker, when its button is tapped.
class ProbeScreen final : public Screen {
 public:
  explicit ProbeScreen(const ScreenContext& context) : count_(context.background) {}

  void prepare(const catalog::Snapshot& snapshot) override { prepared_items_ = snapshot.items.size(); }

  void draw(UiFrame& f) override {
    ++draws_;
    if (const auto done = count_.take()) result_ = *done;
    const auto& m = f.metrics();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string line = result_ ? "counted " + std::to_string(result_->count) + " titles" : "not counted yet";
    text_line(dl, f.fonts.title, {m.margin, m.bar_height + m.px(10)}, 2000, f.colors().text, line);
    const Rect r{{m.margin, m.bar_height + m.px(40)}, {m.margin + m.px(60), m.bar_height + m.px(40) + m.target}};
    if (button(f, r, "probe.count", "Count", Icon::none, true)) {
      std::vector<std::string> titles;  // values, never the snapshot: the work may outlive it
      for (const auto& item : f.snapshot.items) titles.emplace_back(f.text(item.title));
      count_.start([titles = std::move(titles), main = std::this_thread::get_id()](const core::Cancelled&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // slower than a frame
        Counted c;
        for (const auto& t : titles) c.count += t.empty() ? 0 : 1;
        c.on_worker = std::this_thread::get_id() != main;
        return c;
      });
    }
    top_bar(f, "Probe", false);
  }

  void state(nlohmann::json& out) const override {
    out["probe"] = {{"prepared_items", prepared_items_}, {"draws", draws_}, {"pending", count_.pending()},
                    {"counted", result_ ? static_cast<long>(result_->count) : -1L},
                    {"on_worker", result_ && result_->on_worker}};
  }

 private:
  struct Counted {
    std::size_t count = 0;
    bool on_worker = false;
  };
  core::Request<Counted> count_;
  std::optional<Counted> result_;
  std::size_t prepared_items_ = 0;
  long draws_ = 0;
};

ScreenEntry probe_screen() {
  return {"probe", [](const ScreenContext& c) { return std::make_unique<ProbeScreen>(c); }, Icon::next};
}

}  // namespace
}  // namespace orpheus::ui

int main(int argc, char** argv) {
  auto screens = orpheus::ui::standard_screens();
  screens.add(orpheus::ui::probe_screen());
  return orpheus::app::kiosk_main(argc, argv, std::move(screens));
}
