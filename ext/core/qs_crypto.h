/* qs_crypto: randomness, hashing, HMAC, base64 and AES-256-GCM sealing of secrets
 * (OpenSSL). Every buffer that held a secret is wiped before it is freed. */
#ifndef QS_CRYPTO_H
#define QS_CRYPTO_H

#include "qs_error.h"

#define QS_KEY_LEN 32

/* Cryptographically secure random bytes. */
qs_status qs_random_bytes(unsigned char *buf, size_t n, qs_error *e);

/* nchars random characters from [A-Za-z0-9] plus a NUL (out has nchars+1 bytes). */
qs_status qs_random_token(char *out, size_t nchars, qs_error *e);

/* Lower-case hex SHA-256 of data (out: 65 bytes). */
void qs_sha256_hex(const void *data, size_t n, char out[65]);

/* A 32-byte key from its text form: 64 hex digits, or base64 of 32 bytes.
 * Anything else is QS_ECONFIG with a message that says which forms are accepted
 * (the message never contains the key). */
qs_status qs_key_parse(const char *text, size_t len, unsigned char out[QS_KEY_LEN], qs_error *e);

/* AES-256-GCM. Sealed format: 1 version byte (1) | 12-byte random nonce |
 * ciphertext | 16-byte tag. aad (may be NULL) binds the blob to its place
 * (e.g. "token:<conn key>:refresh"). *out is malloc'd; free() it. */
qs_status qs_seal(const unsigned char key[QS_KEY_LEN], const char *aad,
	const void *plain, size_t plain_len, unsigned char **out, size_t *out_len, qs_error *e);

/* Opens a sealed blob; *plain is malloc'd, NUL-terminated; release it with
 * qs_secret_free(). A wrong key or a tampered blob is QS_ECONFIG/QS_ESTORE
 * ("cannot decrypt ...: wrong encryption key?"). */
qs_status qs_open(const unsigned char key[QS_KEY_LEN], const char *aad,
	const unsigned char *in, size_t in_len, char **plain, size_t *plain_len, qs_error *e);

/* Wipes n bytes in a way the compiler cannot elide (OPENSSL_cleanse). */
void qs_wipe(void *p, size_t n);

/* Wipes strlen(p) bytes and frees p; NULL is fine. */
void qs_secret_free(char *p);

/* Standard base64 with padding; malloc'd, NUL-terminated. */
char *qs_base64_encode(const void *data, size_t n);

/* HMAC-SHA256 of data under key, base64-encoded (malloc'd). */
char *qs_hmac_sha256_b64(const void *key, size_t key_len, const void *data, size_t n);

/* Constant-time comparison of two NUL-terminated strings. */
bool qs_const_eq(const char *a, const char *b);

#endif
