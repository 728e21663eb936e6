#include "ops/health.h"
