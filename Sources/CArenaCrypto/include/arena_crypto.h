#ifndef ARENA_CRYPTO_H
#define ARENA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

// The few primitives the server and the client need, from the system's libcrypto (OpenSSL 3).
// swift-crypto and swift-certificates would build a second copy of BoringSSL and ~250 Swift files
// for these, which is most of a newcomer's first build; see README "Architecture".

#define ARENA_SHA256_LENGTH 32

// SHA-256 of `length` bytes. Returns 0 on success.
int arena_sha256(const uint8_t *data, size_t length, uint8_t out[ARENA_SHA256_LENGTH]);

// HMAC-SHA-256. Returns 0 on success.
int arena_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length,
                      uint8_t out[ARENA_SHA256_LENGTH]);

// 1 when the two buffers are equal, in time that does not depend on where they differ.
int arena_constant_time_equal(const uint8_t *a, const uint8_t *b, size_t length);

// A new P-256 key and a self-signed X.509 v3 certificate for it, both PEM (the key as PKCS#8):
// subject and issuer `common_name` / `organization`, valid from `not_before` to `not_after`
// (Unix seconds), CA with path length 0 (BoringSSL clients refuse a self-signed leaf without
// keyCertSign), serverAuth, and the subject alternative names in `san` (OpenSSL's syntax, e.g.
// "DNS:localhost,IP:127.0.0.1"). On success returns 0 and sets *cert_pem and *key_pem to
// NUL-terminated strings the caller frees with arena_free; on failure returns -1 and sets
// nothing.
int arena_make_self_signed(const char *common_name, const char *organization, const char *san,
                           int64_t not_before, int64_t not_after, char **cert_pem, char **key_pem);

void arena_free(void *pointer);

#endif
