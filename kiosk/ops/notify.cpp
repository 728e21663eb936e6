#include "ops/notify.h"
