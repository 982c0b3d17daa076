#ifndef CMIMALLOC_SHIM_H
#define CMIMALLOC_SHIM_H
/* mimalloc (Microsoft, MIT licence; Debian's libmimalloc-dev), the allocator the akn programs
   link: linked by the executable, its malloc and free take the place of glibc's for the whole
   process (Swift's runtime, Foundation and libxml2 included). */
#include <mimalloc.h>
#endif
