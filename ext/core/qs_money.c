/* qs_money: money as integer minor units (ISO 4217 decimals), parsing of decimal
 * text and strictly-checked doubles, formatting, and quantity x price rounding. */
#include "qs_money.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ISO 4217 currencies whose minor unit is not 2 (list 1 of the standard,
 * current codes). Everything else, including unknown codes, has 2. */
static const struct {
	const char code[4];
	int decimals;
} qs_currency_exceptions[] = {
	/* zero decimals */
	{"BIF", 0}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"ISK", 0}, {"JPY", 0},
	{"KMF", 0}, {"KRW", 0}, {"PYG", 0}, {"RWF", 0}, {"UGX", 0}, {"UYI", 0},
	{"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
	/* three decimals */
	{"BHD", 3}, {"IQD", 3}, {"JOD", 3}, {"KWD", 3}, {"LYD", 3}, {"OMR", 3},
	{"TND", 3},
	/* four decimals (units of account) */
	{"CLF", 4}, {"UYW", 4},
};

int qs_currency_decimals(const char *iso)
{
	size_t i;
	char up[4];

	if (!iso || strlen(iso) != 3) {
		return 2;
	}
	for (i = 0; i < 3; i++) {
		up[i] = (char)toupper((unsigned char)iso[i]);
	}
	up[3] = '\0';
	for (i = 0; i < sizeof(qs_currency_exceptions) / sizeof(qs_currency_exceptions[0]); i++) {
		if (memcmp(qs_currency_exceptions[i].code, up, 4) == 0) {
			return qs_currency_exceptions[i].decimals;
		}
	}
	return 2;
}

/* Quotes at most 40 bytes of text for a message, replacing control bytes. */
static void quote_text(const char *text, size_t len, char *out, size_t size)
{
	size_t i, o = 0;
	size_t max = len > 40 ? 40 : len;

	if (size < 8) {
		if (size) {
			out[0] = '\0';
		}
		return;
	}
	out[o++] = '"';
	for (i = 0; i < max && o + 5 < size; i++) {
		unsigned char c = (unsigned char)text[i];
		out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (max < len && o + 5 < size) {
		out[o++] = '.';
		out[o++] = '.';
		out[o++] = '.';
	}
	out[o++] = '"';
	out[o] = '\0';
}

/* Parses [+-]digits[.digits] with at most max_dec decimals into value * 10^scale
 * (scale >= max_dec). Returns 0 on success, 1 junk, 2 too many decimals, 3 overflow. */
static int parse_scaled(const char *text, size_t len, int max_dec, int scale, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	int64_t v = 0;
	int dec = -1; /* -1: no point seen yet */
	size_t int_digits = 0;

	if (len == 0) {
		return 1;
	}
	if (text[0] == '+' || text[0] == '-') {
		neg = text[0] == '-';
		i++;
	}
	for (; i < len; i++) {
		char c = text[i];
		if (c == '.') {
			if (dec >= 0 || int_digits == 0) {
				return 1;
			}
			dec = 0;
			continue;
		}
		if (c < '0' || c > '9') {
			return 1;
		}
		if (dec >= 0) {
			dec++;
			if (dec > max_dec) {
				/* trailing zeros beyond the allowed decimals are harmless */
				if (c == '0') {
					continue;
				}
				/* keep scanning for junk first: junk wins over decimals */
				for (i++; i < len; i++) {
					if (text[i] < '0' || text[i] > '9') {
						return 1;
					}
				}
				return 2;
			}
		} else {
			int_digits++;
		}
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (int64_t)(c - '0'), &v)) {
			return 3;
		}
	}
	if (int_digits == 0 || dec == 0) {
		return 1; /* "", "+", "5." */
	}
	if (dec < 0) {
		dec = 0;
	}
	if (dec > max_dec) {
		dec = max_dec; /* only zeros were beyond max_dec and they were skipped */
	}
	for (; dec < scale; dec++) {
		if (__builtin_mul_overflow(v, 10, &v)) {
			return 3;
		}
	}
	*out = neg ? -v : v;
	return 0;
}

qs_status qs_money_parse(const char *text, size_t len, int decimals, qs_money *out, qs_error *e)
{
	char q[64];
	int64_t v;
	int rc;

	if (decimals < 0 || decimals > 6) {
		return qs_error_set(e, QS_EINTERNAL, "money with %d decimals is not supported", decimals);
	}
	rc = parse_scaled(text, len, decimals, decimals, &v);
	if (rc == 0) {
		*out = v;
		return QS_OK;
	}
	quote_text(text, len, q, sizeof(q));
	switch (rc) {
	case 2:
		if (decimals == 0) {
			return qs_error_set(e, QS_EVALIDATION, "%s has decimals but the currency has none", q);
		}
		return qs_error_set(e, QS_EVALIDATION, "%s has more than %d decimals", q, decimals);
	case 3:
		return qs_error_set(e, QS_EVALIDATION, "%s is too large", q);
	default:
		if (len == 0) {
			return qs_error_set(e, QS_EVALIDATION, "\"\" is empty, not an amount");
		}
		return qs_error_set(e, QS_EVALIDATION, "%s is not a decimal number like \"10.99\"", q);
	}
}

qs_status qs_decimal4_parse(const char *text, size_t len, int64_t *out, qs_error *e)
{
	char q[64];
	int64_t v;
	int rc = parse_scaled(text, len, 4, 4, &v);

	if (rc == 0) {
		*out = v;
		return QS_OK;
	}
	quote_text(text, len, q, sizeof(q));
	switch (rc) {
	case 2:
		return qs_error_set(e, QS_EVALIDATION, "%s has more than 4 decimals", q);
	case 3:
		return qs_error_set(e, QS_EVALIDATION, "%s is too large", q);
	default:
		return qs_error_set(e, QS_EVALIDATION, "%s is not a decimal number like \"1.5\"", q);
	}
}

/* The shortest "%.*e" form of d that reads back as d: digits (no point, no
 * trailing zeros) and the decimal exponent of the first digit. */
static void shortest_digits(double d, char digits[24], int *exp10)
{
	char buf[40];
	int prec;

	for (prec = 0; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec, d);
		if (strtod(buf, NULL) == d) {
			break;
		}
	}
	snprintf(buf, sizeof(buf), "%.*e", prec, d);
	{
		/* buf: [-]D[.DDDD]e[+-]XX */
		const char *p = buf;
		size_t n = 0;
		char *epos;
		if (*p == '-') {
			p++;
		}
		for (; *p && *p != 'e'; p++) {
			if (*p >= '0' && *p <= '9' && n < 23) {
				digits[n++] = *p;
			}
		}
		while (n > 1 && digits[n - 1] == '0') {
			n--;
		}
		digits[n] = '\0';
		epos = strchr(buf, 'e');
		*exp10 = epos ? atoi(epos + 1) : 0;
	}
}

/* Applies the strict-float rule to d with max_dec decimals, scaling to `scale`.
 * shown receives the shortest representation for messages. */
static int double_scaled(double d, int max_dec, int scale, int64_t *out, char *shown, size_t shown_size)
{
	char digits[24];
	int exp10, ndig, decimals, i;
	int64_t v = 0;
	bool neg = signbit(d) != 0;

	if (isnan(d) || isinf(d)) {
		snprintf(shown, shown_size, "%s", isnan(d) ? "NAN" : (d < 0 ? "-INF" : "INF"));
		return 1;
	}
	if (d == 0.0) {
		*out = 0;
		snprintf(shown, shown_size, "0");
		return 0;
	}
	shortest_digits(fabs(d), digits, &exp10);
	ndig = (int)strlen(digits);
	/* value = 0.digits * 10^(exp10+1) = digits * 10^(exp10 - ndig + 1) */
	decimals = ndig - 1 - exp10;
	if (decimals < 0) {
		decimals = 0;
	}
	/* shown: plain decimal notation of the shortest representation */
	{
		char tmp[400];
		size_t o = 0;
		if (neg) {
			tmp[o++] = '-';
		}
		if (exp10 < -7 || exp10 > 21) {
			tmp[o++] = digits[0];
			if (ndig > 1) {
				tmp[o++] = '.';
				for (i = 1; i < ndig; i++) {
					tmp[o++] = digits[i];
				}
			}
			o += (size_t)snprintf(tmp + o, sizeof(tmp) - o, "E%+d", exp10);
		} else if (exp10 < 0) {
			tmp[o++] = '0';
			tmp[o++] = '.';
			for (i = -1; i > exp10 && o < 200; i--) {
				tmp[o++] = '0';
			}
			for (i = 0; i < ndig; i++) {
				tmp[o++] = digits[i];
			}
		} else {
			for (i = 0; i <= exp10 && o < 380; i++) {
				tmp[o++] = i < ndig ? digits[i] : '0';
			}
			if (ndig > exp10 + 1) {
				tmp[o++] = '.';
				for (i = exp10 + 1; i < ndig; i++) {
					tmp[o++] = digits[i];
				}
			}
		}
		tmp[o] = '\0';
		snprintf(shown, shown_size, "%s", tmp);
	}
	if (decimals > max_dec) {
		return 2;
	}
	for (i = 0; i < ndig; i++) {
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (int64_t)(digits[i] - '0'), &v)) {
			return 3;
		}
	}
	/* v * 10^(exp10 - ndig + 1 + scale) */
	for (i = exp10 - ndig + 1 + scale; i > 0; i--) {
		if (__builtin_mul_overflow(v, 10, &v)) {
			return 3;
		}
	}
	/* i < 0 cannot happen: decimals <= max_dec <= scale */
	*out = neg ? -v : v;
	return 0;
}

qs_status qs_money_from_double(double d, int decimals, qs_money *out, qs_error *e)
{
	char shown[64];
	int64_t v;
	int rc;

	if (decimals < 0 || decimals > 6) {
		return qs_error_set(e, QS_EINTERNAL, "money with %d decimals is not supported", decimals);
	}
	rc = double_scaled(d, decimals, decimals, &v, shown, sizeof(shown));
	switch (rc) {
	case 0:
		*out = v;
		return QS_OK;
	case 1:
		return qs_error_set(e, QS_EVALIDATION, "%s is not a number", shown);
	case 2:
		if (decimals == 0) {
			return qs_error_set(e, QS_EVALIDATION, "%s (a float) has decimals but the currency has none", shown);
		}
		return qs_error_set(e, QS_EVALIDATION, "%s (a float) has more than %d decimals", shown, decimals);
	default:
		return qs_error_set(e, QS_EVALIDATION, "%s is too large", shown);
	}
}

qs_status qs_decimal4_from_double(double d, int64_t *out, qs_error *e)
{
	/* the same rule and messages as money with 4 decimals */
	return qs_money_from_double(d, 4, out, e);
}

/* Formats |v| / 10^decimals with the sign, all decimals kept. */
static void format_scaled(int64_t v, int decimals, bool trim, char *buf, size_t size)
{
	char digits[32];
	char tmp[48];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = 0, i;
	size_t o = 0;

	do {
		digits[n++] = (char)('0' + (u % 10));
		u /= 10;
	} while (u);
	while (n <= decimals) {
		digits[n++] = '0';
	}
	if (v < 0) {
		tmp[o++] = '-';
	}
	for (i = n - 1; i >= decimals; i--) {
		tmp[o++] = digits[i];
	}
	if (decimals > 0) {
		int last = 0; /* number of decimals to keep */
		if (trim) {
			for (i = 0; i < decimals; i++) {
				if (digits[i] != '0') {
					break;
				}
			}
			last = decimals - i;
		} else {
			last = decimals;
		}
		if (last > 0) {
			tmp[o++] = '.';
			for (i = decimals - 1; i >= decimals - last; i--) {
				tmp[o++] = digits[i];
			}
		}
	}
	tmp[o] = '\0';
	if (size) {
		qs_strlcpy(buf, tmp, size);
	}
}

void qs_money_format(qs_money m, int decimals, char *buf, size_t size)
{
	if (decimals < 0) {
		decimals = 0;
	}
	if (decimals > 18) {
		decimals = 18;
	}
	format_scaled(m, decimals, false, buf, size);
}

void qs_decimal4_format(int64_t v, char *buf, size_t size)
{
	format_scaled(v, 4, true, buf, size);
}

qs_status qs_money_mul_qty(qs_money unit, int64_t qty_e4, qs_money *out, qs_error *e)
{
	int64_t p, q, r;

	if (__builtin_mul_overflow(unit, qty_e4, &p)) {
		return qs_error_set(e, QS_EVALIDATION, "quantity x unit price is too large");
	}
	q = p / 10000;
	r = p % 10000;
	/* half away from zero: |r| >= 5000 moves one unit away from zero */
	if (r >= 5000) {
		q++;
	} else if (r <= -5000) {
		q--;
	}
	*out = q;
	return QS_OK;
}
