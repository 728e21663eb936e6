#!/usr/bin/env bash
# Two builds, the same screens: for refactors that must not change a pixel.
#   tests/e2e/compare_screens.sh OLD_BUILD NEW_BUILD OUT_DIR [WxH]
# Records one visitor session with the old build (flings, swipes, a pinch, back, the language),
# then runs tests/e2e/screens.sh with each build (the recording replayed by both) and compares
# every PNG pixel by pixel. Exit 1 if any differs. The admin screen shows live figures (memory,
# frame rate, uptime): it is compared but its difference is reported, not failed.
set -euo pipefail
old=${1:?usage: compare_screens.sh OLD_BUILD NEW_BUILD OUT_DIR [WxH]}
new=${2:?usage: compare_screens.sh OLD_BUILD NEW_BUILD OUT_DIR [WxH]}
out=${3:?usage: compare_screens.sh OLD_BUILD NEW_BUILD OUT_DIR [WxH]}
size=${4:-1920x1080}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/old" "$out/new"
out=$(cd "$out" && pwd)
cat > "$out/session.jsonl" <<JSONL
{"t_ms": 500, "drag": [960, 900, 960, 300], "ms": 150}
{"t_ms": 3000, "tap_target": "collection.tombs"}
{"t_ms": 4000, "drag": [900, 900, 950, 250], "ms": 120}
{"t_ms": 4400, "tap": [960, 600]}
{"t_ms": 7000, "drag": [600, 900, 640, 400], "ms": 400}
{"t_ms": 9000, "tap_target": "nav.back"}
{"t_ms": 10000, "tap_target": "collection.rogozen", "if_present": true}
{"t_ms": 11000, "tap": [300, 500]}
{"t_ms": 13000, "drag": [1500, 600, 500, 620], "ms": 250}
{"t_ms": 15000, "drag": [400, 600, 1400, 600], "ms": 700}
{"t_ms": 17000, "tap_target": "lang.en"}
{"t_ms": 18000, "tap_target": "item.image"}
{"t_ms": 19000, "pinch": [900, 500, 200, 600], "ms": 400}
{"t_ms": 20000, "drag": [900, 500, 700, 400], "ms": 200}
{"t_ms": 22000, "tap_target": "viewer.close"}
{"quit": true}
JSONL
env -u DISPLAY SDL_VIDEODRIVER=offscreen "$old/kiosk/bin/orpheus-kiosk" --pack "$old/content/thracology.db" \
  --set 'session.languages=["bg","en"]' --windowed "$size" --replay "$out/session.jsonl" --record "$out/recording.jsonl" 2>"$out/record.log"
"$here/screens.sh" "$old" "$out/old" "$size" "$out/recording.jsonl" >/dev/null
"$here/screens.sh" "$new" "$out/new" "$size" "$out/recording.jsonl" >/dev/null
status=0
for a in "$out"/old/*.png; do
  name=$(basename "$a")
  b="$out/new/$name"
  if [ ! -f "$b" ]; then echo "missing in the new build: $name"; status=1; continue; fi
  diff=$(compare -metric AE "$a" "$b" /dev/null 2>&1 || true)
  if [ "$diff" = "0" ]; then
    echo "same       $name"
  elif [ "$name" = "12-admin.png" ]; then
    echo "live data  $name ($diff pixels differ)"
  else
    echo "DIFFERENT  $name ($diff pixels differ)"
    status=1
  fi
done
for b in "$out"/new/*.png; do [ -f "$out/old/$(basename "$b")" ] || echo "new        $(basename "$b")"; done
exit $status
