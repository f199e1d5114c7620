/* qs_whmcs_shape: reading WHMCS's localAPI answers (internal to the WHMCS
 * adapter): scalars in any of WHMCS's spellings, ids, money, dates, lists. */
#ifndef QS_WHMCS_SHAPE_H
#define QS_WHMCS_SHAPE_H

#include <json-c/json.h>
#include "qs_error.h"
#include "qs_money.h"

/* o[key] when o is an object and has it, else NULL (borrowed). */
json_object *qsw_get(json_object *o, const char *key);
/* A scalar as text (buf holds it for non-strings); NULL when missing, null or not a scalar. */
const char *qsw_str(json_object *o, const char *key, char buf[64]);
/* An id: non-empty and not "0" (WHMCS's "none"); else NULL. */
const char *qsw_id(json_object *o, const char *key, char buf[64]);
/* "1", "on", "true", "yes" or true. */
bool qsw_flag(json_object *o, const char *key);
/* Money in minor units of decimals; absent or "" is 0; what names the record for messages. */
qs_status qsw_money(json_object *o, const char *key, int decimals, qs_money *out, const char *what, qs_error *e);
/* The day of "YYYY-MM-DD[ HH:MM:SS]"; false for a zero or malformed date. */
bool qsw_date(json_object *o, const char *key, char out[11]);
/* The list o[outer][inner] in any of WHMCS's shapes: a borrowed array, or one
 * made in *tmp (put it). */
json_object *qsw_list(json_object *o, const char *outer, const char *inner, json_object **tmp);

#endif
