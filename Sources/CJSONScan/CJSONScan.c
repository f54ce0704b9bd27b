// CJSONScan is header-only (include/CJSONScan.h); SwiftPM needs one source file per C target.
#include "CJSONScan.h"
