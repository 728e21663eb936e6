#!/usr/bin/env bash
# Fuzzing with libFuzzer (clang 14; tests/fuzz/README.md):
#   scripts/fuzz.sh [--no-build] [TARGET|all] [SECONDS]
# configures and builds the `fuzz` preset (build/fuzz), gathers each target's seed corpus into
# build/fuzz/corpus/TARGET (committed seeds, kept crashes, generated files, ../shared/testdata),
# then runs TARGET (default: all, one after another) for SECONDS each (default 60). Crashes,
# leaks and timeouts land in build/fuzz/crashes/TARGET/, the log in build/fuzz/logs/TARGET.log.
# Prints per target executions per second, coverage (cov: edges, ft: features) and crashes.
# Exits 1 if any target crashed. TARGET is the name without "fuzz_" (pack_open, po, ...).
# --no-build: use the binaries as they are (the `long` CTests, which CMake built).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build/fuzz
TESTDATA=$ROOT/../shared/testdata
SEEDS=$ROOT/tests/fuzz/seeds
REGRESSIONS=$ROOT/tests/fuzz/regressions
DICTS=$ROOT/tests/fuzz/dict

build=1
if [[ ${1:-} == --no-build ]]; then build=0; shift; fi
only=${1:-all}
seconds=${2:-60}

# Every target: its maximum input length and its dictionary (files of tests/fuzz/dict, joined).
declare -A MAX_LEN=(
  [pack_open]=262144 [pack_verify]=262144 [pack_source]=32768 [csv_import]=32768 [import_text]=8192
  [iiif_import]=32768 [events_ics]=16384 [events_csv]=8192 [config]=8192 [replay_script]=8192
  [image]=131072 [png_check]=65536 [jpeg_check]=65536 [exif]=2048 [vorbis]=32768 [search]=256
  [po]=32768 [fleet_channel]=16384 [fleet_status]=8192 [fleet_delta]=32768 [usage_export]=32768
  [trust_text]=1024
)
declare -A DICT=(
  [pack_open]=sqlite [pack_verify]=sqlite [pack_source]=toml [csv_import]="toml csv" [import_text]=csv
  [iiif_import]=iiif [events_ics]=ics [events_csv]=csv [config]=toml [replay_script]=json
  [image]=image [png_check]=image [jpeg_check]=image [exif]=image [po]=po
  [fleet_channel]=json [fleet_status]=json [usage_export]=json
)
TARGETS=(pack_open pack_verify pack_source csv_import import_text iiif_import events_ics events_csv config
         replay_script image png_check jpeg_check exif vorbis search po fleet_channel fleet_status
         fleet_delta usage_export trust_text)

if [[ $only != all && -z ${MAX_LEN[$only]:-} ]]; then
  echo "fuzz.sh: unknown target '$only'; one of: ${TARGETS[*]}" >&2
  exit 2
fi
[[ $only == all ]] || TARGETS=("$only")

if ((build)); then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j2
fi
[[ -x $BUILD/tests/fuzz/fuzz_seeds ]] || { echo "fuzz.sh: $BUILD is not built (run without --no-build)" >&2; exit 2; }
# The generated seeds (packs, patches, audio, signed documents): once; delete the folder to remake them.
[[ -d $BUILD/seeds/pack ]] || "$BUILD/tests/fuzz/fuzz_seeds" "$BUILD/seeds"

BREAK=$'\n%%file%%\n'

# copy_files DEST FILE... : files into the corpus under names of their own.
copy_files() {
  local dest=$1 f
  shift
  for f in "$@"; do [[ -f $f ]] && cp -f "$f" "$dest/seed-$(basename "$f")"; done
  return 0
}

# CSV chunks: the header and N lines from line K on, every STEP lines.
csv_chunks() {
  local csv=$1 out=$2 prefix=$3 lines k=2 i=0
  [[ -f $csv ]] || return 0
  lines=$(wc -l <"$csv")
  while ((k < lines && i < 24)); do
    { printf '%b' "$prefix"; head -n 1 "$csv"; sed -n "${k},$((k + 7))p" "$csv"; } >"$out-$i"
    k=$((k + lines / 24 + 1))
    i=$((i + 1))
  done
}

gather() {
  local t=$1 dir=$BUILD/corpus/$1
  mkdir -p "$dir"
  for d in "$SEEDS/$t" "$REGRESSIONS/$t"; do
    if [[ -d $d ]]; then copy_files "$dir" "$d"/*; fi
  done
  case $t in
    pack_open | pack_verify) copy_files "$dir" "$BUILD"/seeds/pack/*.db ;;
    vorbis | fleet_delta | fleet_channel | fleet_status | usage_export)
      copy_files "$dir" "$BUILD"/seeds/"$t"/* ;;
    image) copy_files "$dir" "$TESTDATA"/images/pngsuite/*.png "$TESTDATA"/images/jpeg/*.jpg ;;
    png_check) copy_files "$dir" "$TESTDATA"/images/pngsuite/*.png ;;
    jpeg_check) copy_files "$dir" "$TESTDATA"/images/jpeg/*.jpg ;;
    exif) copy_files "$dir" "$TESTDATA"/images/jpeg/hopper_orientation_6.jpg ;;
    iiif_import)
      copy_files "$dir" "$TESTDATA"/iiif/*.json
      # A collection with the manifests it lists, imported together.
      local c=$TESTDATA/iiif/cookbook_0032-collection_collection.json m
      if [[ -f $c ]]; then
        for m in "$TESTDATA"/iiif/cookbook_0001-mvm-image_manifest.json "$TESTDATA"/iiif/cookbook_0009-book-1_manifest.json; do
          [[ -f $m ]] && { cat "$c"; printf '%s' "$BREAK"; cat "$m"; } >"$dir/seed-pair-$(basename "$m")" || true
        done
      fi ;;
    csv_import)
      local tate=$TESTDATA/real/tate/tate-artworks-sample.csv mapping=$ROOT/tests/unit/packs/data/tate-mapping.toml
      { cat "$ROOT/content/csv-example/mapping.toml"; printf '%s' "$BREAK"; cat "$ROOT/content/csv-example/export.csv"; } >"$dir/seed-csv-example"
      csv_chunks "$tate" "$dir/seed-tate" "$(sed 's/\\/\\\\/g' "$mapping")\n%%file%%\n" ;;
    import_text)
      csv_chunks "$TESTDATA/real/tate/tate-artworks-sample.csv" "$dir/seed-tate" '\x00'
      { printf ';'; cat "$ROOT/content/csv-example/export.csv"; } >"$dir/seed-csv-example" ;;
    pack_source)
      # pack.toml, a collection, an item, timeline.toml, map.toml, an event of the demo source.
      local src=$ROOT/content/thracology i=0 item coll events=()
      events=("$BUILD"/../*/content/thracology-events/*.toml)
      for item in "$src"/items/*/*.toml; do
        ((i % 9 == 0)) || { i=$((i + 1)); continue; }
        coll=$src/collections/$(basename "$(dirname "$item")").toml
        {
          cat "$src/pack.toml"; printf '%s' "$BREAK"
          if [[ -f $coll ]]; then cat "$coll"; fi
          printf '%s' "$BREAK"
          cat "$item"; printf '%s' "$BREAK"
          if ((i % 2)); then cat "$src/timeline.toml"; fi
          printf '%s' "$BREAK"
          if ((i % 4 == 0)); then cat "$src/map.toml"; fi
          printf '%s' "$BREAK"
          if [[ -f ${events[0]} ]]; then cat "${events[$((i / 9 % ${#events[@]}))]}"; fi
        } >"$dir/seed-thracology-$i"
        i=$((i + 1))
      done ;;
    config) copy_files "$dir" "$ROOT/packaging/kiosk.toml" ;;
    po) copy_files "$dir" "$ROOT"/assets/po/*.po ;;
  esac
  # libFuzzer skips (and warns about) inputs above -max_len: keep them out.
  find "$dir" -type f -size +"${MAX_LEN[$t]}"c -delete
}

dict_for() {
  local t=$1 d out=$BUILD/dict/$1.dict
  [[ -n ${DICT[$t]:-} ]] || return 0
  mkdir -p "$BUILD/dict"
  : >"$out"
  for d in ${DICT[$t]}; do cat "$DICTS/$d.dict" >>"$out"; done
  echo "-dict=$out"
}

status=0
summary=()
for t in "${TARGETS[@]}"; do
  exe=$BUILD/tests/fuzz/fuzz_$t
  [[ -x $exe ]] || { echo "fuzz.sh: $exe missing" >&2; exit 2; }
  gather "$t"
  crashes=$BUILD/crashes/$t
  mkdir -p "$crashes" "$BUILD/logs"
  before=$(find "$crashes" -type f | wc -l)
  log=$BUILD/logs/$t.log
  echo "== fuzz_$t for ${seconds}s (corpus $(find "$BUILD/corpus/$t" -type f | wc -l) inputs, log $log)"
  set +e
  # Leaks are checked (detect_leaks) as in the asan preset; the scratch files of a crashed run
  # stay in $TMPDIR/orpheus-fuzz-PID.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:intercept_tls_get_addr=0} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$exe" "$BUILD/corpus/$t" -max_total_time="$seconds" -max_len="${MAX_LEN[$t]}" $(dict_for "$t") \
    -artifact_prefix="$crashes/" -timeout=30 -rss_limit_mb=3072 -print_final_stats=1 -close_fd_mask=1 \
    >"$log" 2>&1
  rc=$?
  set -e
  after=$(find "$crashes" -type f | wc -l)
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$( (grep -o 'cov: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)
  ft=$( (grep -o 'ft: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)
  new=$((after - before))
  line=$(printf '%-14s %8s exec/s %10s runs  cov %6s  ft %7s  new crashes %d (%s)' "$t" "${execs:-?}" "${runs:-?}" \
    "${cov:-?}" "${ft:-?}" "$new" "$crashes")
  echo "$line"
  summary+=("$line")
  if ((rc != 0 || new > 0)); then
    status=1
    grep -m1 -A12 -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|deadly signal|ALARM' "$log" | head -20 || true
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit $status
