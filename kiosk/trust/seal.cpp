#include "trust/seal.h"
