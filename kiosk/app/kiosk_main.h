#pragma once
// The whole of orpheus-kiosk's main(): the command line (--help, --hash-pin, --check-config), the
// effective settings, logging, then the App with `screens`, and the exit status for every way it
// can end. The executable passes the standard screens; a test kiosk adds its own.
#include "ui/screen.h"

namespace orpheus::app {

int kiosk_main(int argc, char** argv, ui::ScreenRegistry screens);

}  // namespace orpheus::app
