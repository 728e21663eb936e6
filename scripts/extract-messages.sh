#!/usr/bin/env bash
# Extracts the interface's words from the code into a gettext template (docs/translations.md):
#   scripts/extract-messages.sh OUT.pot
# Every lookup names a context key and the English: UiFrame's tr/trf/trn and ui::Strings'
# translate/translate_plural. The build's `pot` target writes assets/po/orpheus.pot with it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xgettext >/dev/null || { echo "extract-messages.sh: xgettext is missing (Debian: gettext)" >&2; exit 2; }
out="$1"
LC_ALL=C.UTF-8 xgettext --from-code=UTF-8 --language=C++ --sort-by-file --no-wrap \
  --keyword --keyword=tr:1c,2 --keyword=trf:1c,2 --keyword=trn:1c,2,3 \
  --keyword=translate:2c,3 --keyword=translate_plural:2c,3,4 \
  --add-comments=TRANSLATORS: --package-name=orpheus \
  -o "$out.tmp" $(find kiosk -name '*.cpp' -o -name '*.h' | LC_ALL=C sort)
# xgettext's own header, without its date (the template changes only when the words do) and
# with a comment of ours.
{
  printf '# The Orpheus kiosk'"'"'s interface: the template for translations (docs/translations.md).\n'
  printf '# Made by scripts/extract-messages.sh (the `pot` build target); do not edit by hand.\n'
  sed -e '1,/^msgid ""/{/^msgid ""/!d}' -e '/^"POT-Creation-Date:/d' "$out.tmp"
} > "$out"
rm -f "$out.tmp"
