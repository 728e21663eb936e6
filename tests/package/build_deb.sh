#!/usr/bin/env bash
# package_deb (the CTest fixture of package_tests and session_tests): builds the orpheus-kiosk .deb
# from this build tree with cpack into OUT_DIR, which then holds exactly that one .deb.
#
#   build_deb.sh CPACK BUILD_DIR OUT_DIR
set -uo pipefail

cpack=$1 build=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
echo "building the package: $cpack --config $build/CPackConfig.cmake -B $out"
if ! "$cpack" --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"
  echo "FAILED: cpack builds the package"
  exit 1
fi
rm -rf "$out/_CPack_Packages"  # cpack's staging copy of every file: another 100 MB
debs=("$out"/*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "FAILED: cpack made exactly one .deb (${debs[*]})"
  exit 1
fi
echo "package: ${debs[0]}, $(du -h "${debs[0]}" | cut -f1)"
