#ifndef NHI_CZLIB_SHIM_H
#define NHI_CZLIB_SHIM_H
#include <zlib.h>
#endif
