#include <doctest/doctest.h>

#include "store/content_store.h"
