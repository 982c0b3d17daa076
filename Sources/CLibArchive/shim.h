#ifndef CLIBARCHIVE_SHIM_H
#define CLIBARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
/* The file-type macros carry casts that Swift cannot import. */
static inline unsigned int carchive_filetype_mask(void) { return AE_IFMT; }
static inline unsigned int carchive_regular(void) { return AE_IFREG; }
static inline unsigned int carchive_directory(void) { return AE_IFDIR; }
static inline unsigned int carchive_symlink(void) { return AE_IFLNK; }
#endif
