// Every visitor screen, one registration each: the entry function its own file defines, and a
// line below. The browsing screens come first, in the order of their fixed ids (session/route.h).
#include "ui/screen.h"

namespace orpheus::ui {

ScreenEntry home_screen();
ScreenEntry collection_screen();
ScreenEntry item_screen();
ScreenEntry viewer_screen();
ScreenEntry about_screen();
ScreenEntry search_screen();
ScreenEntry timeline_screen();
ScreenEntry map_screen();
ScreenEntry whats_on_screen();

ScreenRegistry standard_screens() {
  ScreenRegistry r;
  r.add(home_screen());
  r.add(collection_screen());
  r.add(item_screen());
  r.add(viewer_screen());
  r.add(search_screen());
  r.add(timeline_screen());
  r.add(map_screen());
  r.add(whats_on_screen());
  r.add(about_screen());
  return r;
}

}  // namespace orpheus::ui
