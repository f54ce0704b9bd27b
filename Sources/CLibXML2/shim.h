#ifndef NHI_CLIBXML2_SHIM_H
#define NHI_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 pulls in the system ICU headers, which clash with Foundation's bundled ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>

/* xmlFree is a global function-pointer variable; touching it from Swift 6 is a concurrency error. */
static inline void nhi_xmlFree(void *ptr) { xmlFree(ptr); }
#endif
