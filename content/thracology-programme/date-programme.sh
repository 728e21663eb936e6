#!/bin/sh
# Dates the demonstration pack's programme from the day of the build (content/CMakeLists.txt):
#   date-programme.sh TEMPLATE OUTDIR [TODAY]
# writes OUTDIR/NAME.toml for every "#=== NAME.toml" section of TEMPLATE, each {{...}} replaced by
# a date (see the template's head). TODAY (YYYY-MM-DD) defaults to SOURCE_DATE_EPOCH's day when
# that is set (reproducible builds), else to today. A file is rewritten only when its text
# changes, files no longer in the template are removed, and OUTDIR/.stamp is touched only then:
# the pack is rebuilt once a day at most. Needs GNU date.
set -eu

template=$1
out=$2
if [ $# -ge 3 ]; then
  today=$3
elif [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  today=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
else
  today=$(date +%F)
fi
date -d "$today" +%F >/dev/null  # a real date, or stop here

# The day N days after $1 (N may be negative).
plus() { date -d "$1 $2 days" +%F; }

# The first day from today on that is weekday $1 (1 Monday ... 7 Sunday).
first_weekday() {
  now=$(date -d "$today" +%u)
  plus "$today" $(( ($1 - now + 7) % 7 ))
}

# The last Sunday of the month of $1.
last_sunday() {
  last=$(date -d "$(date -d "$1" +%Y-%m-01) +1 month -1 day" +%F)
  plus "$last" $(( - $(date -d "$last" +%u) % 7 ))
}

resolve() {  # {{BASE[+-N]}} -> YYYY-MM-DD
  inner=${1#\{\{}
  inner=${inner%\}\}}
  base=${inner%%[+-]*}
  offset=${inner#"$base"}
  [ -n "$offset" ] || offset=0
  case $base in
    D) day=$today ;;
    MON) day=$(first_weekday 1) ;;
    TUE) day=$(first_weekday 2) ;;
    WED) day=$(first_weekday 3) ;;
    THU) day=$(first_weekday 4) ;;
    FRI) day=$(first_weekday 5) ;;
    SAT) day=$(first_weekday 6) ;;
    SUN) day=$(first_weekday 7) ;;
    LASTSUN)
      day=$(last_sunday "$today")
      if [ "$(date -d "$day" +%s)" -lt "$(date -d "$today" +%s)" ]; then
        day=$(last_sunday "$(date -d "$(date -d "$today" +%Y-%m-01) +1 month" +%F)")
      fi ;;
    *) echo "date-programme.sh: $template: unknown date {{$inner}}" >&2; exit 1 ;;
  esac
  plus "$day" "$offset"
}

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every placeholder once, replaced everywhere with sed.
script=$work/dates.sed
: >"$script"
for placeholder in $(grep -o '{{[A-Z]*\([+-][0-9]*\)\{0,1\}}}' "$template" | sort -u); do
  printf 's/%s/%s/g\n' "$placeholder" "$(resolve "$placeholder")" >>"$script"
done
sed -f "$script" "$template" >"$work/programme.toml"
if grep -n '^[^#]*{{' "$work/programme.toml" >&2; then
  echo "date-programme.sh: $template: a {{...}} above is not a date this script knows" >&2
  exit 1
fi

# Split at "#=== NAME.toml": each section is a file of its own.
mkdir "$work/files"
awk -v dir="$work/files" '
  /^#=== [a-z0-9-]+\.toml$/ { file = dir "/" $2; next }
  file != "" { print > file }
' "$work/programme.toml"

changed=0
for file in "$work"/files/*.toml; do
  name=$(basename "$file")
  if ! cmp -s "$file" "$out/$name"; then
    cp "$file" "$out/$name"
    changed=1
  fi
done
for file in "$out"/*.toml; do
  [ -e "$file" ] || continue
  if [ ! -e "$work/files/$(basename "$file")" ]; then
    rm -f "$file"
    changed=1
  fi
done
if [ "$changed" = 1 ] || [ ! -e "$out/.stamp" ]; then
  touch "$out/.stamp"
fi
