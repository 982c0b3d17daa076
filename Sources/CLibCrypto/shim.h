#ifndef CLIBCRYPTO_SHIM_H
#define CLIBCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only (EVP_Digest picks the CPU's SHA instructions). */
#include <openssl/evp.h>
#endif
