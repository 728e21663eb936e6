// orpheus-kiosk: the kiosk with its standard screens. Everything else lives in kiosk/app.
#include "app/kiosk_main.h"

int main(int argc, char** argv) { return orpheus::app::kiosk_main(argc, argv, orpheus::ui::standard_screens()); }
