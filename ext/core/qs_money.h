/* qs_money: money as integer minor units. Parsing of decimal strings, ints and
 * (strictly) floats; formatting back to decimal text. Never a double inside. */
#ifndef QS_MONEY_H
#define QS_MONEY_H

#include "qs_error.h"

typedef int64_t qs_money; /* minor units of the currency (cents for USD) */

/* Decimal places of an ISO 4217 currency (USD 2, JPY 0, BHD 3, ...); 2 when unknown. */
int qs_currency_decimals(const char *iso);

/* "10.99", "-5.00", "1200", "+3.5" -> minor units. More decimals than allowed,
 * empty text, junk, or overflow is QS_EVALIDATION (message names the value). */
qs_status qs_money_parse(const char *text, size_t len, int decimals, qs_money *out, qs_error *e);

/* A PHP float: accepted only when its shortest round-trip representation
 * ("%.17g" reduced) has no more than `decimals` decimals (10.99 yes, 0.1+0.2 no). */
qs_status qs_money_from_double(double d, int decimals, qs_money *out, qs_error *e);

/* Minor units -> "10.99" / "-5.00" / "1200" (decimals 0). buf of 32 bytes is enough. */
void qs_money_format(qs_money m, int decimals, char *buf, size_t size);

/* quantity (decimal text, up to 4 decimals, scaled by 10^4) * unit price (minor units),
 * rounded half away from zero to minor units. */
qs_status qs_money_mul_qty(qs_money unit, int64_t qty_e4, qs_money *out, qs_error *e);

/* Decimal text with up to 4 decimals -> value * 10^4 (quantities, tax rates). */
qs_status qs_decimal4_parse(const char *text, size_t len, int64_t *out, qs_error *e);

/* A float quantity or rate, under the same strict rule as qs_money_from_double
 * with 4 decimals. */
qs_status qs_decimal4_from_double(double d, int64_t *out, qs_error *e);

/* value * 10^-4 -> shortest decimal text: 15000 -> "1.5", 20000 -> "2". buf: 32 bytes. */
void qs_decimal4_format(int64_t v, char *buf, size_t size);

#endif
