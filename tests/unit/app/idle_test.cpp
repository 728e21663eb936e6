#include <doctest/doctest.h>

#include "app/attract.h"
#include "app/idle.h"

using namespace orpheus::app;
using orpheus::touch::PointerEvent;
using orpheus::touch::PointerKind;

namespace {
PointerEvent ev(double t, PointerKind k, std::int64_t id, float x, float y) { return {t, k, id, x, y}; }
}  // namespace

TEST_SUITE("Idle reset and attract loop") {
  TEST_CASE("Reset once after the idle timeout, attract after the attract timeout, on a virtual clock") {
    IdleTimer t;
    t.configure(90'000, 180'000);
    t.touched(1'000);
    CHECK(*t.next_deadline_ms() == 91'000);
    CHECK(t.poll(90'999) == IdleTimer::Event::none);
    CHECK(t.poll(91'000) == IdleTimer::Event::reset);
    CHECK(t.poll(91'001) == IdleTimer::Event::none);  // once
    CHECK(*t.next_deadline_ms() == 181'000);
    CHECK(t.poll(180'999) == IdleTimer::Event::none);
    CHECK(t.poll(181'000) == IdleTimer::Event::attract);
    CHECK(t.attracting());
    CHECK(t.poll(500'000) == IdleTimer::Event::none);
    CHECK_FALSE(t.next_deadline_ms());
    t.end_attract(600'000);  // a touch: a new visitor, the timers start again
    CHECK_FALSE(t.attracting());
    CHECK(t.poll(689'999) == IdleTimer::Event::none);
    CHECK(t.poll(690'000) == IdleTimer::Event::reset);
  }

  TEST_CASE("A touch before the timeout postpones it; a resting finger is never idle") {
    IdleTimer t;
    t.configure(10'000, 0);  // no attract loop
    t.touched(0);
    t.touched(9'000);
    CHECK(t.poll(10'000) == IdleTimer::Event::none);
    t.finger_down(true);
    CHECK_FALSE(t.next_deadline_ms());
    CHECK(t.poll(100'000) == IdleTimer::Event::none);
    t.finger_down(false);
    t.touched(100'000);  // lifting is a touch
    CHECK(t.poll(110'000) == IdleTimer::Event::reset);
    CHECK(t.poll(1e9) == IdleTimer::Event::none);  // attract_timeout 0: never
    CHECK_FALSE(t.next_deadline_ms());
  }

  TEST_CASE("A swallowed touch hides every event until the last finger lifts") {
    TouchSwallow s;
    CHECK_FALSE(s.filter(ev(0, PointerKind::down, 1, 5, 5)));  // not swallowing: passes, but counted
    CHECK(s.fingers() == 1);
    s.start();
    CHECK(s.filter(ev(1, PointerKind::move, 1, 6, 5)));
    CHECK(s.filter(ev(2, PointerKind::down, 2, 50, 50)));
    CHECK(s.filter(ev(3, PointerKind::up, 1, 6, 5)));
    CHECK(s.active());
    CHECK(s.filter(ev(4, PointerKind::up, 2, 50, 50)));  // the last lift is still swallowed
    CHECK_FALSE(s.active());
    CHECK_FALSE(s.filter(ev(5, PointerKind::down, 3, 7, 7)));
  }

  TEST_CASE("The corner hold fires after the hold time, once, only for one still finger in the corner") {
    CornerHold h;
    h.configure(5'000, 100, 10);
    h.feed(ev(0, PointerKind::down, 1, 20, 20));
    CHECK(*h.next_deadline_ms() == 5'000);
    h.feed(ev(1'000, PointerKind::move, 1, 25, 24));  // within the slop
    CHECK_FALSE(h.fired(4'999));
    CHECK(h.fired(5'000));
    CHECK_FALSE(h.fired(9'000));  // once per hold
    h.feed(ev(9'500, PointerKind::up, 1, 25, 24));

    h.feed(ev(10'000, PointerKind::down, 1, 150, 20));  // outside the corner
    CHECK_FALSE(h.fired(20'000));
    h.feed(ev(20'001, PointerKind::up, 1, 150, 20));

    h.feed(ev(30'000, PointerKind::down, 1, 20, 20));
    h.feed(ev(31'000, PointerKind::move, 1, 40, 20));  // moved: a swipe, not a hold
    CHECK_FALSE(h.fired(40'000));
    h.feed(ev(40'001, PointerKind::up, 1, 40, 20));

    h.feed(ev(50'000, PointerKind::down, 1, 20, 20));
    h.feed(ev(51'000, PointerKind::down, 2, 500, 500));  // a second finger cancels
    CHECK_FALSE(h.fired(60'000));
    h.feed(ev(60'001, PointerKind::up, 1, 20, 20));
    h.feed(ev(60'002, PointerKind::up, 2, 500, 500));

    h.feed(ev(70'000, PointerKind::down, 1, 20, 20));
    h.feed(ev(72'000, PointerKind::up, 1, 20, 20));  // lifted early
    CHECK_FALSE(h.fired(80'000));
  }

  TEST_CASE("The slideshow takes collections in turn, holds, and fades only into a ready image") {
    orpheus::catalog::Snapshot s;
    for (int c = 0; c < 2; ++c) {
      orpheus::catalog::Collection coll;
      coll.id = c + 1;
      for (int i = 0; i < 3; ++i) {
        orpheus::catalog::Item item;
        item.id = c * 10 + i;
        item.collection_id = coll.id;
        if (!(c == 1 && i == 1)) item.media.push_back({});  // one item without an image
        if (!item.media.empty()) item.media.back().id = 100 + item.id;
        coll.items.push_back(s.items.size());
        s.items.push_back(item);
      }
      s.collections.push_back(coll);
    }
    AttractLoop a;
    a.start(s, 0);
    REQUIRE(a.size() == 5);
    CHECK(a.current().media_id == 100);  // collection 1, item 0
    CHECK(a.next().media_id == 110);     // collection 2, item 0
    CHECK(*a.next_deadline_ms(0) == AttractLoop::kHoldMs);
    a.update(AttractLoop::kHoldMs, false);  // the next image is not ready: hold on
    CHECK_FALSE(a.fading());
    CHECK_FALSE(a.next_deadline_ms(AttractLoop::kHoldMs + 1));  // no deadline in the past: no busy loop
    a.update(AttractLoop::kHoldMs + 500, true);
    CHECK(a.fading());
    CHECK_FALSE(a.next_deadline_ms(AttractLoop::kHoldMs + 600));  // every frame while fading
    CHECK(a.mix(AttractLoop::kHoldMs + 500) == 0.0f);
    CHECK(a.mix(AttractLoop::kHoldMs + 500 + AttractLoop::kFadeMs / 2) == doctest::Approx(0.5));
    a.update(AttractLoop::kHoldMs + 500 + AttractLoop::kFadeMs, true);
    CHECK_FALSE(a.fading());
    CHECK(a.current().media_id == 110);
    CHECK(a.next().media_id == 101);
    a.start(s, 100'000);  // the next run goes on where this one stopped
    CHECK(a.current().media_id == 101);
  }

  TEST_CASE("Coming events between every three objects; a new list keeps the current slide") {
    orpheus::catalog::Snapshot s;
    orpheus::catalog::Collection coll;
    coll.id = 1;
    for (int i = 0; i < 6; ++i) {
      orpheus::catalog::Item item;
      item.id = i + 1;
      item.collection_id = 1;
      item.media.push_back({});
      item.media.back().id = 100 + i;
      coll.items.push_back(s.items.size());
      s.items.push_back(item);
    }
    s.collections.push_back(coll);
    s.events.resize(2);
    s.events[0].image = 500;  // the second has no picture
    AttractLoop a;
    a.start(s, 0);
    REQUIRE(a.size() == 6);
    a.set_events({0, 1});
    REQUIRE(a.size() == 8);
    CHECK_FALSE(a.current().event);
    a.update(AttractLoop::kHoldMs, true);
    a.update(AttractLoop::kHoldMs + AttractLoop::kFadeMs, true);
    a.update(2 * AttractLoop::kHoldMs + AttractLoop::kFadeMs, true);
    a.update(2 * AttractLoop::kHoldMs + 2 * AttractLoop::kFadeMs, true);
    CHECK(a.current().media_id == 102);  // the third object
    REQUIRE(a.next().event);
    CHECK(*a.next().event == 0);
    CHECK(a.next().media_id == 500);
    // The first event ended: the list shrinks, the slide shown stays.
    a.set_events({1});
    CHECK(a.current().media_id == 102);
    REQUIRE(a.next().event);
    CHECK(*a.next().event == 1);
    CHECK(a.next().media_id == 0);  // no picture: drawn as text
    a.set_events({});
    CHECK(a.size() == 6);
    CHECK(a.current().media_id == 102);
  }
}
