#include "packs/csv_import.h"
