#!/usr/bin/env bash
# Every kiosk screen in Bulgarian and English as PNGs, headless, for reviewing the UI:
#   tests/e2e/screens.sh BUILD_DIR OUT_DIR [WxH]
set -euo pipefail
build=${1:?usage: screens.sh BUILD_DIR OUT_DIR [WxH]}
out=${2:?usage: screens.sh BUILD_DIR OUT_DIR [WxH]}
size=${3:-1920x1080}
mkdir -p "$out"
out=$(cd "$out" && pwd)
kiosk="$build/kiosk/bin/orpheus-kiosk"
pack="$build/content/thracology.db"
for lang in bg en; do
  cat > "$out/tour-$lang.jsonl" <<JSONL
{"t_ms": 100, "tap_target": "lang.$lang"}
{"screenshot": "$out/1-home-$lang.png"}
{"t_ms": 1000, "tap_target": "collection.panagyurishte"}
{"screenshot": "$out/2-collection-$lang.png"}
{"t_ms": 2000, "tap_target": "item.panagyurishte-amphora-rhyton"}
{"screenshot": "$out/3-item-$lang.png"}
{"t_ms": 3000, "tap_target": "item.image"}
{"screenshot": "$out/4-viewer-$lang.png"}
{"quit": true}
JSONL
  # The first tap may hit the language already chosen: that is fine, it changes nothing.
  env -u DISPLAY SDL_VIDEODRIVER=offscreen "$kiosk" --pack "$pack" --windowed "$size" --replay "$out/tour-$lang.jsonl"
done
env -u DISPLAY SDL_VIDEODRIVER=offscreen "$kiosk" --pack /nonexistent/pack.db --windowed "$size" \
  --screenshot "$out/5-unavailable.png" 2>/dev/null
ls "$out"/*.png
