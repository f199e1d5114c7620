/* qs_crypto: randomness, SHA-256, HMAC, base64, key parsing and AES-256-GCM
 * sealing of secrets, all through OpenSSL; wipes every buffer that held a secret. */
#include "qs_crypto.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#define QS_SEAL_VERSION 1
#define QS_NONCE_LEN 12
#define QS_TAG_LEN 16

void qs_wipe(void *p, size_t n)
{
	if (p && n) {
		OPENSSL_cleanse(p, n);
	}
}

void qs_secret_free(char *p)
{
	if (p) {
		qs_wipe(p, strlen(p));
		free(p);
	}
}

qs_status qs_random_bytes(unsigned char *buf, size_t n, qs_error *e)
{
	while (n > 0) {
		int chunk = n > 1048576 ? 1048576 : (int)n;
		if (RAND_bytes(buf, chunk) != 1) {
			return qs_error_set(e, QS_EINTERNAL,
				"The system random generator failed; check that /dev/urandom is readable");
		}
		buf += chunk;
		n -= (size_t)chunk;
	}
	return QS_OK;
}

qs_status qs_random_token(char *out, size_t nchars, qs_error *e)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char pool[64];
	size_t have = 0, used = 0, i = 0;

	/* Rejection sampling: bytes >= 248 (= 4 * 62) are dropped so that every
	 * character is equally likely. */
	while (i < nchars) {
		if (used == have) {
			if (qs_random_bytes(pool, sizeof(pool), e) != QS_OK) {
				qs_wipe(pool, sizeof(pool));
				out[0] = '\0';
				return QS_EINTERNAL;
			}
			have = sizeof(pool);
			used = 0;
		}
		unsigned char b = pool[used++];
		if (b < 248) {
			out[i++] = alphabet[b % 62];
		}
	}
	out[nchars] = '\0';
	qs_wipe(pool, sizeof(pool));
	return QS_OK;
}

static void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* SHA-256 fetched from the provider once per process (EVP_sha256() looks the
 * implementation up again on every digest). */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* One digest context kept between digests (EVP_Digest makes and frees one,
 * with the provider's state, every time): a digest takes it when it is there
 * and puts it back when the place is free, so that concurrent threads each
 * use their own; it lives as long as the process, like sha256_md. */
static EVP_MD_CTX *_Atomic sha256_spare;

void qs_sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	const EVP_MD *type;
	EVP_MD_CTX *ctx, *none = NULL;
	bool ok;
	pthread_once(&sha256_once, sha256_fetch);
	type = sha256_md ? (const EVP_MD *)sha256_md : EVP_sha256();
	ctx = atomic_exchange(&sha256_spare, NULL);
	if (!ctx) {
		ctx = EVP_MD_CTX_new();
	}
	ok = ctx && EVP_DigestInit_ex(ctx, type, NULL) == 1 && EVP_DigestUpdate(ctx, data, n) == 1
		&& EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen == 32;
	if (ctx && !atomic_compare_exchange_strong(&sha256_spare, &none, ctx)) {
		EVP_MD_CTX_free(ctx);
	}
	if (!ok) {
		memset(out, '0', 64);
		out[64] = '\0';
		return;
	}
	hex_encode(md, 32, out);
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static int b64_value(int c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+' || c == '-') {
		return 62;
	}
	if (c == '/' || c == '_') {
		return 63;
	}
	return -1;
}

/* Strict base64 (standard or URL-safe alphabet, padding optional) into out;
 * returns the number of bytes or -1. */
static long b64_decode(const char *in, size_t len, unsigned char *out, size_t cap)
{
	size_t i, o = 0;
	unsigned long acc = 0;
	int bits = 0;

	while (len > 0 && in[len - 1] == '=') {
		len--;
	}
	for (i = 0; i < len; i++) {
		int v = b64_value((unsigned char)in[i]);
		if (v < 0) {
			return -1;
		}
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap) {
				return -1;
			}
			out[o++] = (unsigned char)((acc >> bits) & 0xff);
		}
	}
	/* Leftover bits must be zero padding of fewer than 8 bits. */
	if (bits >= 6 || (acc & ((1UL << bits) - 1)) != 0) {
		return -1;
	}
	acc = 0;
	return (long)o;
}

qs_status qs_key_parse(const char *text, size_t len, unsigned char out[QS_KEY_LEN], qs_error *e)
{
	unsigned char tmp[48];
	size_t i;
	long n;

	if (!text) {
		len = 0;
	}
	/* Tolerate surrounding whitespace (keys pasted from files or env vars). */
	while (len > 0 && isspace((unsigned char)text[0])) {
		text++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)text[len - 1])) {
		len--;
	}
	if (len == 0) {
		return qs_error_set(e, QS_ECONFIG,
			"No encryption key is set: set encryption_key (or the INI setting qbosync.encryption_key) "
			"to 64 hex digits or the base64 of 32 random bytes, e.g. from `openssl rand -hex 32`");
	}
	if (len == 2 * QS_KEY_LEN) {
		bool ok = true;
		for (i = 0; i < QS_KEY_LEN; i++) {
			int hi = hex_value((unsigned char)text[2 * i]);
			int lo = hex_value((unsigned char)text[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				ok = false;
				break;
			}
			out[i] = (unsigned char)((hi << 4) | lo);
		}
		if (ok) {
			return QS_OK;
		}
		qs_wipe(out, QS_KEY_LEN);
	}
	n = b64_decode(text, len, tmp, sizeof(tmp));
	if (n == QS_KEY_LEN) {
		memcpy(out, tmp, QS_KEY_LEN);
		qs_wipe(tmp, sizeof(tmp));
		return QS_OK;
	}
	qs_wipe(tmp, sizeof(tmp));
	return qs_error_set(e, QS_ECONFIG,
		"The encryption key is not usable: encryption_key (qbosync.encryption_key) must be 64 hex digits "
		"or the base64 of exactly 32 bytes (%zu characters were given); generate one with `openssl rand -hex 32`",
		len);
}

qs_status qs_seal(const unsigned char key[QS_KEY_LEN], const char *aad,
	const void *plain, size_t plain_len, unsigned char **out, size_t *out_len, qs_error *e)
{
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char *buf = NULL;
	size_t total;
	int len = 0, fin = 0;
	qs_status st = QS_EINTERNAL;

	*out = NULL;
	*out_len = 0;
	if (plain_len > (size_t)0x7fffffff - 64) {
		return qs_error_set(e, QS_EINTERNAL, "A secret to encrypt is too large (%zu bytes)", plain_len);
	}
	total = 1 + QS_NONCE_LEN + plain_len + QS_TAG_LEN;
	buf = malloc(total);
	if (!buf) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while encrypting a secret");
	}
	buf[0] = QS_SEAL_VERSION;
	if (qs_random_bytes(buf + 1, QS_NONCE_LEN, e) != QS_OK) {
		free(buf);
		return QS_EINTERNAL;
	}
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx
		|| EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1
		|| EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, QS_NONCE_LEN, NULL) != 1
		|| EVP_EncryptInit_ex(ctx, NULL, NULL, key, buf + 1) != 1) {
		goto fail;
	}
	if (aad && *aad && EVP_EncryptUpdate(ctx, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) != 1) {
		goto fail;
	}
	len = 0;
	if (plain_len > 0 && EVP_EncryptUpdate(ctx, buf + 1 + QS_NONCE_LEN, &len,
			(const unsigned char *)plain, (int)plain_len) != 1) {
		goto fail;
	}
	if (EVP_EncryptFinal_ex(ctx, buf + 1 + QS_NONCE_LEN + len, &fin) != 1
		|| (size_t)(len + fin) != plain_len
		|| EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, QS_TAG_LEN,
			buf + 1 + QS_NONCE_LEN + plain_len) != 1) {
		goto fail;
	}
	EVP_CIPHER_CTX_free(ctx);
	*out = buf;
	*out_len = total;
	return QS_OK;

fail:
	EVP_CIPHER_CTX_free(ctx);
	qs_wipe(buf, total);
	free(buf);
	return qs_error_set(e, st, "Encrypting a secret failed inside OpenSSL");
}

qs_status qs_open(const unsigned char key[QS_KEY_LEN], const char *aad,
	const unsigned char *in, size_t in_len, char **plain, size_t *plain_len, qs_error *e)
{
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char *buf = NULL;
	unsigned char tag[QS_TAG_LEN];
	size_t clen;
	int len = 0, fin = 0;

	*plain = NULL;
	if (plain_len) {
		*plain_len = 0;
	}
	if (!in || in_len < 1 + QS_NONCE_LEN + QS_TAG_LEN || in[0] != QS_SEAL_VERSION) {
		return qs_error_set(e, QS_ESTORE,
			"A stored secret is damaged or in an unknown format; reconnect to QuickBooks in the addon");
	}
	clen = in_len - 1 - QS_NONCE_LEN - QS_TAG_LEN;
	if (clen > (size_t)0x7fffffff - 64) {
		return qs_error_set(e, QS_ESTORE, "A stored secret is too large to be genuine; reconnect to QuickBooks");
	}
	buf = malloc(clen + 1);
	if (!buf) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while decrypting a secret");
	}
	memcpy(tag, in + 1 + QS_NONCE_LEN + clen, QS_TAG_LEN);
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx
		|| EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1
		|| EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, QS_NONCE_LEN, NULL) != 1
		|| EVP_DecryptInit_ex(ctx, NULL, NULL, key, in + 1) != 1) {
		goto internal;
	}
	if (aad && *aad && EVP_DecryptUpdate(ctx, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) != 1) {
		goto internal;
	}
	len = 0;
	if (clen > 0 && EVP_DecryptUpdate(ctx, buf, &len, in + 1 + QS_NONCE_LEN, (int)clen) != 1) {
		goto internal;
	}
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, QS_TAG_LEN, tag) != 1) {
		goto internal;
	}
	if (EVP_DecryptFinal_ex(ctx, buf + len, &fin) != 1) {
		EVP_CIPHER_CTX_free(ctx);
		qs_wipe(buf, clen + 1);
		free(buf);
		return qs_error_set(e, QS_ECONFIG,
			"Cannot decrypt the stored QuickBooks tokens: wrong encryption key? Set the encryption_key "
			"(qbosync.encryption_key) used when the company was connected, or reconnect in the addon");
	}
	EVP_CIPHER_CTX_free(ctx);
	buf[clen] = '\0';
	*plain = (char *)buf;
	if (plain_len) {
		*plain_len = clen;
	}
	return QS_OK;

internal:
	EVP_CIPHER_CTX_free(ctx);
	qs_wipe(buf, clen + 1);
	free(buf);
	return qs_error_set(e, QS_EINTERNAL, "Decrypting a secret failed inside OpenSSL");
}

char *qs_base64_encode(const void *data, size_t n)
{
	size_t outlen = 4 * ((n + 2) / 3) + 1;
	char *out;
	size_t i = 0, o = 0;
	const unsigned char *p = data;

	if (n > ((size_t)-1) / 2) {
		return NULL;
	}
	out = malloc(outlen);
	if (!out) {
		return NULL;
	}
	/* EVP_EncodeBlock takes an int length; encode in chunks of 3*2^20 bytes. */
	while (i < n) {
		size_t chunk = n - i > 3145728 ? 3145728 : n - i;
		int w = EVP_EncodeBlock((unsigned char *)out + o, p + i, (int)chunk);
		if (w < 0) {
			free(out);
			return NULL;
		}
		o += (size_t)w;
		i += chunk;
	}
	out[o] = '\0';
	return out;
}

char *qs_hmac_sha256_b64(const void *key, size_t key_len, const void *data, size_t n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *out;

	if (key_len > 0x7fffffff) {
		return NULL;
	}
	if (!HMAC(EVP_sha256(), key, (int)key_len, data, n, md, &mdlen)) {
		return NULL;
	}
	out = qs_base64_encode(md, mdlen);
	qs_wipe(md, sizeof(md));
	return out;
}

bool qs_const_eq(const char *a, const char *b)
{
	unsigned char ha[32], hb[32];
	unsigned int la = 0, lb = 0;
	bool eq;

	if (!a || !b) {
		return false;
	}
	/* Compare fixed-size digests so that neither the length nor the position of
	 * the first difference shows in the timing. */
	if (EVP_Digest(a, strlen(a), ha, &la, EVP_sha256(), NULL) != 1
		|| EVP_Digest(b, strlen(b), hb, &lb, EVP_sha256(), NULL) != 1) {
		return false;
	}
	eq = CRYPTO_memcmp(ha, hb, 32) == 0;
	qs_wipe(ha, sizeof(ha));
	qs_wipe(hb, sizeof(hb));
	return eq;
}
