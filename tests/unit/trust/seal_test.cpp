#include <doctest/doctest.h>

#include "trust/seal.h"
