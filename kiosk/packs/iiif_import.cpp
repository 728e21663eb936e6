#include "packs/iiif_import.h"
