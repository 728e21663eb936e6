# Run by the CTest kiosk_asan_build: configures the source tree with ASan/UBSan into BINARY_DIR
# and builds orpheus-kiosk alone there (not the demo pack, whose drawing is far too slow under
# ASan). Incremental after the first run.
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DC_COMPILER=... -DCXX_COMPILER=... -DFONT_DIR=...
#         [-DMAKE_PROGRAM=ninja] -P build_asan_kiosk.cmake
foreach(var SOURCE_DIR BINARY_DIR C_COMPILER CXX_COMPILER FONT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "build_asan_kiosk.cmake: -D${var}=... is missing")
  endif()
endforeach()
set(configure -S ${SOURCE_DIR} -B ${BINARY_DIR} -G Ninja
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORPHEUS_SANITIZE=ON -DORPHEUS_WERROR=ON
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DORPHEUS_FONT_DIR=${FONT_DIR})
if(MAKE_PROGRAM)
  list(APPEND configure -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} ${configure} COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target orpheus-kiosk COMMAND_ERROR_IS_FATAL ANY)
