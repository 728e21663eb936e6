#include "admin/pin.h"
