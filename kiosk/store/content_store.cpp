#include "store/content_store.h"
