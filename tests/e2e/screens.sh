#!/usr/bin/env bash
# Every kiosk screen as PNGs, headless, for reviewing the UI and for comparing two builds
# (tests/e2e/compare_screens.sh):
#   tests/e2e/screens.sh BUILD_DIR OUT_DIR [WxH] [RECORDING.jsonl]
# Home, collection, item (at rest, mid-swipe, large and largest text), viewer (fit, zoomed), "about" and the
# launchers, search (empty, results, nothing found, did you mean), the timeline and the map
# (landscape and portrait), in Bulgarian and English; the high-contrast palette; the three text
# sizes in both palettes on home, item and viewer, landscape, portrait and 1280x800; reach mode
# in the same three shapes; narration playing, its sentence marked; the
# keyboard in every layout; the attract slideshow, the PIN pad, the admin screen, the
# "unavailable" screen, a portrait window; a pack without pictures in French, Italian, German and
# Greek (title placeholders, languages named in themselves); with RECORDING, the end of that
# recorded session.
set -euo pipefail
build=${1:?usage: screens.sh BUILD_DIR OUT_DIR [WxH] [RECORDING.jsonl]}
out=${2:?usage: screens.sh BUILD_DIR OUT_DIR [WxH] [RECORDING.jsonl]}
size=${3:-1920x1080}
recording=${4:-}
mkdir -p "$out"
out=$(cd "$out" && pwd)
kiosk="$build/kiosk/bin/orpheus-kiosk"
pack="$build/content/thracology.db"
w=${size%x*}
h=${size#*x}
kiosk_at() { local at=$1; shift; env -u DISPLAY SDL_VIDEODRIVER=offscreen "$kiosk" --windowed "$at" "$@" 2>>"$out/kiosk.log"; }
# The demo pack with the two languages side by side that the screens below switch between, as
# before it spoke six (section 70 has all six); `run` in the default size.
demo_at() { local at=$1; shift; kiosk_at "$at" --pack "$pack" --set 'session.languages=["bg","en"]' "$@"; }
run() { demo_at "$size" "$@"; }
# Builds the test pack tests/e2e/packs/NAME and replays the script read from stdin on it.
tour_of_pack() {
  local name=$1
  shift
  "$build/kiosk/packs/orpheus-pack" build "$(dirname "$0")/packs/$name" -o "$out/$name.db" >>"$out/kiosk.log" 2>&1
  cat > "$out/$name.jsonl"
  kiosk_at "$size" --pack "$out/$name.db" --replay "$out/$name.jsonl" "$@"
}

for lang in bg en; do
  cat > "$out/tour-$lang.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang", "if_present": true}
{"screenshot": "$out/01-home-$lang.png"}
{"t_ms": 1000, "tap_target": "collection.panagyurishte"}
{"screenshot": "$out/02-collection-$lang.png"}
{"t_ms": 2000, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"screenshot": "$out/03-item-$lang.png"}
{"t_ms": 3000, "finger_down": [0, $((w * 3 / 4)), $((h / 2))]}
{"t_ms": 3100, "finger_move": [0, $((w / 2)), $((h / 2))]}
{"screenshot": "$out/04-item-swiping-$lang.png"}
{"t_ms": 3200, "finger_move": [0, $((w * 3 / 4)), $((h / 2))]}
{"t_ms": 3300, "finger_up": [0, $((w * 3 / 4)), $((h / 2))]}
{"t_ms": 4000, "tap_target": "text.size"}
{"screenshot": "$out/05-item-large-$lang.png"}
{"t_ms": 4500, "tap_target": "text.size"}
{"screenshot": "$out/05-item-largest-$lang.png"}
{"t_ms": 5000, "tap_target": "text.size"}
{"t_ms": 6000, "tap_target": "item.image"}
{"screenshot": "$out/06-viewer-$lang.png"}
{"t_ms": 7000, "double_tap": [$((w / 3)), $((h / 3))]}
{"screenshot": "$out/07-viewer-zoomed-$lang.png"}
{"t_ms": 9000, "tap_target": "viewer.close"}
{"t_ms": 10000, "tap_target": "open.about", "if_present": true}
{"screenshot": "$out/08-about-$lang.png"}
{"quit": true}
JSONL
  run --replay "$out/tour-$lang.jsonl"
done

# Search: typed on the on-screen keyboard in each language, nothing found, every keyboard layout.
for lang in bg en; do
  q=$([ "$lang" = bg ] && echo "ритон" || echo "horseman")
  cat > "$out/search-$lang.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang", "if_present": true}
{"t_ms": 500, "tap_target": "open.search"}
{"screenshot": "$out/20-search-empty-$lang.png"}
{"type": "$q"}
{"screenshot": "$out/21-search-results-$lang.png"}
{"t_ms": 20000, "tap_target": "key.clear"}
{"type": "zqzqzq"}
{"screenshot": "$out/22-search-nothing-$lang.png"}
{"t_ms": 40000, "tap_target": "key.clear"}
{"type": "horsmaen"}
{"screenshot": "$out/23-search-did-you-mean-$lang.png"}
{"quit": true}
JSONL
  run --replay "$out/search-$lang.jsonl"
done
{
  echo '{"t_ms": 100, "tap_target": "open.search"}'
  for i in 1 2 3 4 5; do
    echo "{\"screenshot\": \"$out/24-keyboard-$i.png\"}"
    echo "{\"t_ms\": $((i * 1000 + 1000)), \"tap_target\": \"key.layout\"}"
  done
  echo '{"quit": true}'
} > "$out/keyboards.jsonl"
run --replay "$out/keyboards.jsonl"

# Unattended: the attract slideshow after a minute alone.
cat > "$out/attract.jsonl" <<JSONL
{"t_ms": 70000}
{"screenshot": "$out/10-attract.png"}
{"quit": true}
JSONL
run --replay "$out/attract.jsonl" --set session.idle_timeout=30 --set session.attract_timeout=60

# The technicians' door: the PIN pad after a hold in the corner, then the admin screen.
printf '[admin]\npin_hash = "%s"\nhold_seconds = 2\n[content]\nrequire_signature = false\n' \
  "$(echo 2468 | "$kiosk" --hash-pin | sed -n 's/^pin_hash = "\(.*\)"$/\1/p')" > "$out/admin.toml"
cat > "$out/admin.jsonl" <<JSONL
{"t_ms": 100, "finger_down": [0, 20, 20]}
{"t_ms": 2500, "finger_up": [0, 20, 20]}
{"t_ms": 2600, "tap_target": "admin.pin.2"}
{"t_ms": 2800, "tap_target": "admin.pin.4"}
{"screenshot": "$out/11-pin-pad.png"}
{"t_ms": 3000, "tap_target": "admin.pin.6"}
{"t_ms": 3200, "tap_target": "admin.pin.8"}
{"t_ms": 3400, "tap_target": "admin.pin.ok"}
{"screenshot": "$out/12-admin.png"}
{"quit": true}
JSONL
run --replay "$out/admin.jsonl" --config "$out/admin.toml"

kiosk_at "$size" --pack /nonexistent/pack.db --screenshot "$out/13-unavailable.png"

# Portrait, as a totem-style stand shows it.
cat > "$out/portrait.jsonl" <<JSONL
{"screenshot": "$out/14-portrait-home.png"}
{"t_ms": 1000, "tap_target": "collection.rogozen"}
{"t_ms": 2000, "tap_target": "item.rogozen-goddess-jug", "if_present": true}
{"screenshot": "$out/15-portrait-item.png"}
{"quit": true}
JSONL
demo_at "${h}x${w}" --replay "$out/portrait.jsonl"

# A pack without a single picture (tests/e2e/packs/no-pictures): the cards' title placeholders,
# and the language switch naming languages the kiosk has no words for in themselves.
tour_of_pack no-pictures <<JSONL
{"screenshot": "$out/30-no-pictures-home-fr.png"}
{"t_ms": 1000, "tap_target": "collection.ceramics"}
{"screenshot": "$out/31-no-pictures-collection-fr.png"}
{"t_ms": 2000, "tap_target": "lang.de"}
{"screenshot": "$out/32-no-pictures-collection-de.png"}
{"t_ms": 3000, "tap_target": "nav.home"}
{"t_ms": 3500, "tap_target": "lang.el"}
{"screenshot": "$out/33-no-pictures-home-el.png"}
{"quit": true}
JSONL

# A pack in seven scripts (tests/e2e/packs/world-scripts): Japanese, Hebrew, Arabic, Georgian,
# Armenian, Ethiopic; right-to-left titles flush right, Arabic joined.
tour_of_pack world-scripts --set 'session.languages=["en","he","ar"]' <<JSONL
{"screenshot": "$out/34-world-scripts-home-en.png"}
{"t_ms": 1000, "tap_target": "collection.near-east"}
{"t_ms": 1600, "tap_target": "lang.ar"}
{"screenshot": "$out/35-world-scripts-collection-ar.png"}
{"t_ms": 2600, "tap_target": "item.blessing-bowl"}
{"screenshot": "$out/36-world-scripts-item-ar.png"}
{"t_ms": 3600, "tap_target": "lang.he"}
{"t_ms": 4000, "tap_target": "nav.home"}
{"screenshot": "$out/37-world-scripts-home-he.png"}
{"quit": true}
JSONL

# The timeline (docs/timeline.md): the whole span, pinched in on the 4th century BCE, a period
# tapped, an object's "show on the timeline"; in both languages, landscape and portrait.
for at in "$size" "${h}x${w}"; do
  tw=${at%x*}
  th=${at#*x}
  for lang in bg en; do
    cat > "$out/timeline-$lang-$at.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang", "if_present": true}
{"t_ms": 500, "tap_target": "open.timeline"}
{"screenshot": "$out/38-timeline-$lang-$at.png"}
{"t_ms": 1000, "pinch": [$((tw * 45 / 100)), $((th / 2)), 100, 700], "ms": 300}
{"t_ms": 1500, "pinch": [$((tw * 45 / 100)), $((th / 2)), 100, 500], "ms": 300}
{"screenshot": "$out/39-timeline-zoomed-$lang-$at.png"}
{"t_ms": 2500, "tap_target": "timeline.period.odrysian-kingdom", "if_present": true}
{"screenshot": "$out/40-timeline-period-$lang-$at.png"}
{"t_ms": 3500, "tap_target": "nav.home"}
{"t_ms": 4000, "tap_target": "collection.tombs"}
{"t_ms": 4500, "tap_target": "item.kazanlak-tomb", "if_present": true}
{"t_ms": 5000, "tap_target": "item.show_in_time", "if_present": true}
{"screenshot": "$out/41-timeline-shown-$lang-$at.png"}
{"quit": true}
JSONL
    demo_at "$at" --replay "$out/timeline-$lang-$at.jsonl"
  done
done

# The high-contrast palette (a visitor's toggle beside text size): home, an object, its map.
cat > "$out/contrast.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.en", "if_present": true}
{"t_ms": 400, "tap_target": "contrast"}
{"screenshot": "$out/46-contrast-home.png"}
{"t_ms": 1000, "tap_target": "collection.tombs"}
{"t_ms": 1500, "tap_target": "item.kazanlak-tomb", "if_present": true}
{"screenshot": "$out/47-contrast-item.png"}
{"t_ms": 2000, "tap_target": "item.show_on_map", "if_present": true}
{"screenshot": "$out/48-contrast-map.png"}
{"quit": true}
JSONL
run --replay "$out/contrast.jsonl"

# The three text sizes ("Aa" steps normal, large, largest), in both palettes, on home, an object
# and its image, in a landscape window, a portrait one and a 1280x800 one:
# 50-sizes-WxH-PALETTE-SIZE-{home,item,viewer}.png.
for at in "$size" "${h}x${w}" 1280x800; do
  for palette in normal contrast; do
    {
      echo '{"t_ms": 100, "tap_target": "lang.en", "if_present": true}'
      [ "$palette" = contrast ] && echo '{"t_ms": 200, "tap_target": "contrast"}'
      t=1000
      for step in normal large largest; do
        [ "$step" != normal ] && echo "{\"t_ms\": $t, \"tap_target\": \"text.size\"}"
        echo "{\"screenshot\": \"$out/50-sizes-$at-$palette-$step-home.png\"}"
        echo "{\"t_ms\": $((t + 200)), \"tap_target\": \"collection.panagyurishte\"}"
        echo "{\"t_ms\": $((t + 400)), \"tap_target\": \"item.panagyurishte-amphora-rhyton\"}"
        echo "{\"screenshot\": \"$out/50-sizes-$at-$palette-$step-item.png\"}"
        echo "{\"t_ms\": $((t + 600)), \"tap_target\": \"item.image\"}"
        echo "{\"screenshot\": \"$out/50-sizes-$at-$palette-$step-viewer.png\"}"
        echo "{\"t_ms\": $((t + 800)), \"tap_target\": \"nav.home\"}"
        t=$((t + 1000))
      done
      echo '{"quit": true}'
    } > "$out/sizes-$at-$palette.jsonl"
    demo_at "$at" --replay "$out/sizes-$at-$palette.jsonl"
  done
done

# Reach mode (a visitor's toggle: everything in the lower part of the screen, touch/reach.h), the
# screen mounted with its lower edge 1,060 mm above the floor (160 mm of it within a seated
# visitor's reach at 96 dpi): home, an object, its image, search with the keyboard, the timeline,
# in the three window shapes; once in high contrast: 52-reach-WxH-{home,item,viewer,search,timeline}.png.
for at in "$size" "${h}x${w}" 1280x800; do
  cat > "$out/reach-$at.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.en", "if_present": true}
{"t_ms": 400, "tap_target": "reach"}
{"screenshot": "$out/52-reach-$at-home.png"}
{"t_ms": 1000, "tap_target": "collection.panagyurishte"}
{"t_ms": 1500, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"screenshot": "$out/52-reach-$at-item.png"}
{"t_ms": 2000, "tap_target": "item.image"}
{"screenshot": "$out/52-reach-$at-viewer.png"}
{"t_ms": 2500, "tap_target": "viewer.close"}
{"t_ms": 3000, "tap_target": "nav.home"}
{"t_ms": 3500, "tap_target": "open.search"}
{"t_ms": 4000, "type": "horseman"}
{"screenshot": "$out/52-reach-$at-search.png"}
{"t_ms": 5000, "tap_target": "nav.home"}
{"t_ms": 5500, "tap_target": "open.timeline"}
{"screenshot": "$out/52-reach-$at-timeline.png"}
{"quit": true}
JSONL
  demo_at "$at" --replay "$out/reach-$at.jsonl" --dpi 96 --set reach.screen_bottom_mm=1060
done
cat > "$out/reach-contrast.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.en", "if_present": true}
{"t_ms": 400, "tap_target": "reach"}
{"t_ms": 700, "tap_target": "contrast"}
{"t_ms": 1000, "tap_target": "collection.panagyurishte"}
{"t_ms": 1500, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"screenshot": "$out/53-reach-contrast-item.png"}
{"quit": true}
JSONL
run --replay "$out/reach-contrast.jsonl" --dpi 96 --set reach.screen_bottom_mm=1060

# Narration (docs/narration.md), heard by SDL's disk driver into /dev/null in real time: an
# object's player before it plays, playing (the spoken sentence marked), in Bulgarian in high
# contrast, in English in the largest text, portrait: 60-narration-*.png.
for at in "$size" "${h}x${w}"; do
  cat > "$out/narration-$at.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.bg", "if_present": true}
{"t_ms": 400, "tap_target": "collection.rogozen"}
{"t_ms": 800, "tap_target": "item.rogozen-goddess-jug", "if_present": true}
{"screenshot": "$out/60-narration-$at-bg-listen.png"}
{"t_ms": 1200, "tap_target": "narration.play"}
{"sleep_real": 4000}
{"t_ms": 1300, "tap_target": "contrast"}
{"screenshot": "$out/61-narration-$at-bg-contrast-playing.png"}
{"t_ms": 1600, "tap_target": "contrast"}
{"t_ms": 1700, "tap_target": "lang.en"}
{"t_ms": 1800, "tap_target": "text.size"}
{"t_ms": 1900, "tap_target": "text.size"}
{"t_ms": 2000, "tap_target": "narration.play"}
{"sleep_real": 6000}
{"screenshot": "$out/62-narration-$at-en-largest-playing.png"}
{"quit": true}
JSONL
  SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null demo_at "$at" --replay "$out/narration-$at.jsonl"
done

# The map (docs/map.md): the whole region, an object's "show on the map" (the Valley of the
# Thracian Kings), closer there, the Panagyurishte treasure's count listed; in both languages,
# landscape and portrait.
for at in "$size" "${h}x${w}"; do
  tw=${at%x*}
  th=${at#*x}
  for lang in bg en; do
    cat > "$out/map-$lang-$at.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang", "if_present": true}
{"t_ms": 500, "tap_target": "open.map"}
{"screenshot": "$out/42-map-$lang-$at.png"}
{"t_ms": 1000, "tap_target": "map.cluster.panagyurishte-amphora-rhyton", "if_present": true}
{"screenshot": "$out/43-map-list-$lang-$at.png"}
{"t_ms": 1500, "tap_target": "nav.home"}
{"t_ms": 2000, "tap_target": "collection.tombs"}
{"t_ms": 2500, "tap_target": "item.kazanlak-tomb", "if_present": true}
{"t_ms": 3000, "tap_target": "item.show_on_map", "if_present": true}
{"screenshot": "$out/44-map-shown-$lang-$at.png"}
{"t_ms": 3500, "pinch": [$((tw / 2)), $((th / 2)), 100, 400], "ms": 300}
{"screenshot": "$out/45-map-closer-$lang-$at.png"}
{"quit": true}
JSONL
    demo_at "$at" --replay "$out/map-$lang-$at.jsonl"
  done
done

if [ -n "$recording" ]; then
  { cat "$recording"; echo "{\"screenshot\": \"$out/16-recorded-session.png\"}"; echo '{"quit": true}'; } > "$out/recorded.jsonl"
  run --replay "$out/recorded.jsonl"
fi
ls "$out"/*.png

# Six interface languages (docs/translations.md): the picker, and in each language the home
# screen and an object whose description is shown in English under the "not yet translated"
# note; the same object pseudo-localised, and in portrait.
for lang in de fr ru el; do
  cat > "$out/languages-$lang.jsonl" <<JSONL
{"t_ms": 300, "tap_target": "lang"}
{"t_ms": 700, "screenshot": "$out/70-language-picker-$lang.png"}
{"t_ms": 900, "tap_target": "lang.$lang"}
{"t_ms": 1300, "screenshot": "$out/71-home-$lang.png"}
{"t_ms": 1500, "tap_target": "collection.panagyurishte"}
{"t_ms": 1900, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"t_ms": 2300, "screenshot": "$out/72-item-fallback-$lang.png"}
{"t_ms": 2500, "tap_target": "nav.home"}
{"t_ms": 2700, "tap_target": "open.timeline"}
{"t_ms": 3500, "screenshot": "$out/73-timeline-$lang.png"}
{"quit": true}
JSONL
  kiosk_at "$size" --pack "$pack" --replay "$out/languages-$lang.jsonl"
done
for at in "$size" "${h}x${w}"; do
  cat > "$out/pseudo.jsonl" <<JSONL
{"t_ms": 300, "screenshot": "$out/74-pseudo-home-$at.png"}
{"t_ms": 500, "tap_target": "collection.panagyurishte"}
{"t_ms": 900, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"t_ms": 1300, "screenshot": "$out/75-pseudo-item-$at.png"}
{"t_ms": 1500, "tap_target": "nav.home"}
{"t_ms": 1700, "tap_target": "open.search"}
{"t_ms": 2100, "screenshot": "$out/76-pseudo-search-$at.png"}
{"quit": true}
JSONL
  kiosk_at "$at" --pack "$pack" --pseudo-locale --lang en --replay "$out/pseudo.jsonl"
done


# What's on (docs/events.md): the demo's programme, dated from its build day, in Bulgarian and
# English, landscape and portrait; an event opened; the attract loop's event slides.
for lang in bg en; do
  for at in "$size" "${h}x${w}"; do
    cat > "$out/whats-on.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang"}
{"t_ms": 500, "tap_target": "open.whats_on"}
{"t_ms": 1500, "screenshot": "$out/80-whats-on-$lang-$at.png"}
{"t_ms": 1700, "tap_target": "event.lecture-panagyurishte"}
{"t_ms": 2500, "screenshot": "$out/81-event-$lang-$at.png"}
{"quit": true}
JSONL
    demo_at "$at" --replay "$out/whats-on.jsonl"
  done
done
# The attract loop from 10 s: an event's slide after every three objects (one at 34-40 s).
{
  for t in 30 36 42 48 54 60 66 72; do echo "{\"t_ms\": ${t}000, \"screenshot\": \"$out/82-attract-$t.png\"}"; done
  echo '{"quit": true}'
} > "$out/attract-events.jsonl"
run --lang en --set session.idle_timeout=10 --set session.attract_timeout=10 --replay "$out/attract-events.jsonl"

# Visits counted (docs/usage.md): a few visitors in a time-lapse of a day, then the admin
# screen's Visitors tab, in English and Bulgarian, landscape and the smallest window.
rm -rf "$out/usage-state"
{
  for v in 0 1 2 3 4 5 6 7 8 9 10 11; do
    t=$((v * 2400000 + 1000))
    lang=$([ $((v % 3)) = 0 ] && echo en || echo bg)
    collection=$(echo panagyurishte rogozen valchitran | cut -d' ' -f$((v % 3 + 1)))
    echo "{\"t_ms\": $t, \"tap_target\": \"lang.$lang\"}"
    echo "{\"t_ms\": $((t + 1000)), \"tap_target\": \"collection.$collection\"}"
    echo "{\"t_ms\": $((t + 3000)), \"tap\": [300, 500]}"
    echo "{\"t_ms\": $((t + 3000 + v * 3000 + 15000)), \"tap_target\": \"nav.back\"}"
  done
  echo '{"t_ms": 28900000}'
  echo '{"quit": true}'
} > "$out/visits.jsonl"
run --set session.idle_timeout=60 --set session.attract_timeout=0 --set "state.dir=\"$out/usage-state\"" \
  --now 2027-03-19T09:00 --replay "$out/visits.jsonl"
for lang in en bg; do
  for at in "$size" 1280x800; do
    sed -e '/"quit"/d' -e '/12-admin/d' "$out/admin.jsonl" > "$out/visitors.jsonl"
    cat >> "$out/visitors.jsonl" <<JSONL
{"t_ms": 4000, "tap_target": "admin.tab.visitors"}
{"t_ms": 5000, "screenshot": "$out/83-visitors-$lang-$at.png"}
{"quit": true}
JSONL
    demo_at "$at" --config "$out/admin.toml" --set "state.dir=\"$out/usage-state\"" --set "session.default_language=$lang" \
      --now 2027-03-19T17:30 --replay "$out/visitors.jsonl"
  done
done
