/* qs_map_int: what the canonical-document modules share and nothing else sees:
 * the validation context (vctx) and the QBO-mapping context (mctx), the generic
 * field parsers of qs_map_field.c, the QBO JSON helpers of qs_map_qbo.c, the
 * lines/taxes/applications of qs_map_lines.c, and each kind's keys, validator and
 * QBO body (qs_kind_<kind>.c), which the kind table (qs_kind.c) points at.
 * Every symbol here starts with qsm_. */
#ifndef QS_MAP_INT_H
#define QS_MAP_INT_H

#include "qs_map.h"
#include "qs_kind.h"
#include "qs_json.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QS_ID_MAX 64

/* ------------------------------------------------------------------ */
/* validation (qs_map_field.c)                                          */

typedef struct qs_vctx {
	const char *kind;     /* "invoice" */
	const char *title;    /* "Invoice" */
	char id[QS_ID_MAX + 1];
	const char *currency; /* for messages: the document's or the home currency */
	int decimals;
	qs_error *e;
} vctx;

/* Fills e: QS_EVALIDATION, kind, record id, element = field, and the message
 * "<Title> <id>: <formatted>". */
qs_status qsm_verr(vctx *v, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* text: characters of UTF-8 s; byte length of its first max_chars characters;
 * the byte length of a control character at s (0 when none); a quoted excerpt
 * for messages (bytes that are not UTF-8 written \xNN); the PHP-ish name of a json type; single-line cleaning (malloc'd) */
size_t qsm_utf8_chars(const char *s, size_t n);
long qsm_utf8_bad_offset(const char *s, size_t n);   /* first invalid byte or NUL; -1 when valid */
size_t qsm_utf8_prefix(const char *s, size_t n, size_t max_chars);
size_t qsm_control_len(const unsigned char *s, size_t n);
void qsm_quote(const char *s, size_t n, char *out, size_t size);
const char *qsm_type_name(json_object *o);
char *qsm_clean_line(const char *s, size_t n, bool drop_colon, bool collapse);

/* accessors of the input document and writers of the normalised one */
json_object *qsm_get(json_object *obj, const char *key);
bool qsm_is_object(json_object *o);
json_object *qsm_as_list(json_object *o, json_object **tmp);
void qsm_put_str(json_object *norm, const char *key, const char *s, size_t n);
void qsm_put_int(json_object *norm, const char *key, int64_t v);
void qsm_put_bool(json_object *norm, const char *key, bool b);

/* the whole-document UTF-8 scan and the unknown-key check */
qs_status qsm_scan_utf8(vctx *v, json_object *o, char *path, size_t plen, size_t cap);
bool qsm_utf8_checked(json_object *doc);   /* marked by qs_map_mark_utf8_checked */
qs_status qsm_check_keys(vctx *v, json_object *obj, const char *const *allowed, const char *prefix);

/* field parsers */
const char *qsm_index_path(char *buf, size_t size, const char *name, size_t i);
const char *qsm_fpath(char *buf, size_t size, const char *prefix, const char *key);
qs_status qsm_parse_ref(vctx *v, json_object *val, const char *field, const char *what, char out[QS_ID_MAX + 1]);
qs_status qsm_req_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1]);
qs_status qsm_opt_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1], bool *present);
qs_status qsm_opt_text(vctx *v, json_object *doc, const char *key, const char *prefix, size_t max_chars,
	bool single_line, bool accept_int, const char *fix, json_object *norm, char **out);
qs_status qsm_money_field(vctx *v, json_object *doc, const char *key, const char *prefix,
	json_object *norm, qs_money *out, bool *present);
qs_status qsm_dec4_field(vctx *v, json_object *val, const char *path, int64_t *out);
qs_status qsm_dec4_key(vctx *v, json_object *val, const char *prefix, const char *key, int64_t *out);
qs_status qsm_date_field(vctx *v, json_object *doc, const char *key, bool required, bool allow_time,
	const char *what, json_object *norm);
qs_status qsm_bool_field(vctx *v, json_object *doc, const char *key, const char *prefix, json_object *norm,
	bool *out, bool *present);
qs_status qsm_currency_field(vctx *v, json_object *doc, json_object *norm, char out[4]);
qs_status qsm_exchange_rate_field(vctx *v, json_object *doc, json_object *norm);
qs_status qsm_positive_amount(vctx *v, json_object *doc, json_object *norm, qs_money *amount, const char *hint);
int64_t qsm_iabs64(int64_t x);

/* ------------------------------------------------------------------ */
/* lines, taxes, applications (qs_map_lines.c)                          */

typedef struct line_info {
	qs_money amount;        /* as normalised, signed as given */
	int64_t contribution;   /* to the subtotal: discount/credit count negative */
	bool adjustable;        /* sale or late_fee */
	bool unit_qty;          /* quantity 1: UnitPrice can follow an adjusted amount */
} line_info;

/* doc.lines into norm.lines; *infos: malloc'd array of *count entries. */
qs_status qsm_validate_lines(vctx *v, json_object *doc, bool required, json_object *norm,
	line_info **infos, size_t *count);
/* Spreads d minor units over the lines (the rounding rule of qs_map.c). */
void qsm_spread_difference(json_object *norm_lines, line_info *li, size_t n, int64_t d);
/* applies_to: [{invoice, amount}], amounts > 0, no invoice twice; *sum. */
qs_status qsm_validate_applies(vctx *v, json_object *doc, json_object *norm, qs_money *sum);
/* taxes: [{tax, rate, amount}]; *sum, *count, the first tax id. */
qs_status qsm_validate_taxes(vctx *v, json_object *doc, json_object *norm, qs_money *sum, size_t *count,
	char first_tax[QS_ID_MAX + 1]);

/* ------------------------------------------------------------------ */
/* QBO JSON (qs_map_qbo.c)                                              */

typedef struct qs_mctx {
	const qs_map_ctx *ctx;
	const char *kind;
	const char *title;    /* the kind's label, "Invoice" */
	const char *id;
	int decimals;
	qs_error *e;
} mctx;

/* readers of a normalised document */
const char *qsm_norm_str(json_object *o, const char *key);
int64_t qsm_norm_int(json_object *o, const char *key, int64_t dflt);
bool qsm_norm_has(json_object *o, const char *key);
bool qsm_norm_bool(json_object *o, const char *key);

/* QBO values: money with the currency's decimals, a 4-decimal quantity, {"value": id} */
json_object *qsm_money_json(qs_money m, int decimals);
json_object *qsm_dec4_json(int64_t v);
json_object *qsm_ref_json(const char *id);
/* o[key] = s when s is set; key is a string literal (kept as the member's key, not copied:
 * the macro refuses anything else at compile time) */
void qsm_add_str_literal(json_object *o, const char *key, const char *s);
#define qsm_add_str(o, key, s) qsm_add_str_literal((o), "" key "", (s))
/* o[key] = v in an object being built that has no member key yet: json-c adds
 * it without looking for one first (a second add of key would give two
 * members); key is a string literal, kept as QS_JSON_ADD keeps it */
#define QSM_ADD_NEW(o, key, v) \
	json_object_object_add_ex((o), "" key "", (v), JSON_C_OBJECT_KEY_IS_CONSTANT | JSON_C_OBJECT_ADD_KEY_IS_NEW)

/* "<Title> <id>: <formatted>" with status st. */
qs_status qsm_mapping_error(mctx *m, qs_status st, const char *element, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Resolves (kind, local) to a QBO id. required: an empty answer is an error
 * (QS_ECONFIG naming what to map); otherwise *qbo_id may come back empty. */
qs_status qsm_resolve(mctx *m, const char *kind, const char *local, bool required, const char *what,
	char qbo_id[32]);
/* The same with what as printf's fmt and its arguments, formatted (into 96
 * bytes) only when a message names it. */
qs_status qsm_resolvef(mctx *m, const char *kind, const char *local, bool required, char qbo_id[32],
	const char *what_fmt, ...) __attribute__((format(printf, 6, 7)));
void qsm_add_refnum(json_object *q, json_object *norm, size_t max_chars);
void qsm_add_marker(json_object *q, mctx *m, json_object *norm, const char *extra);
void qsm_add_currency(json_object *q, mctx *m, json_object *norm);

/* Line[] of an invoice or credit memo; TxnTaxDetail and GlobalTaxCalculation;
 * one SalesItemLine with the fallback item (qs_map_lines.c). */
qs_status qsm_map_lines(mctx *m, json_object *norm, json_object *q, bool *any_taxable);
qs_status qsm_map_tax(mctx *m, json_object *norm, json_object *q);
qs_status qsm_single_line(mctx *m, json_object *q, qs_money amount, const char *desc);
/* The same with another item: local id item_local of kind "item" (what: in messages). */
qs_status qsm_single_line_item(mctx *m, json_object *q, qs_money amount, const char *desc, const char *item_local,
	const char *what);

/* ------------------------------------------------------------------ */
/* the kinds (qs_kind_<kind>.c): allowed keys, validator, QBO body       */

#define QSM_KIND_DECL(k) \
	extern const char *const qsm_##k##_keys[]; \
	qs_status qsm_##k##_validate(vctx *v, json_object *doc, json_object *norm); \
	qs_status qsm_##k##_to_qbo(mctx *m, json_object *norm, json_object *q);
QSM_KIND_DECL(customer)
QSM_KIND_DECL(item)
QSM_KIND_DECL(invoice)
QSM_KIND_DECL(payment)
QSM_KIND_DECL(refund)
QSM_KIND_DECL(credit)
QSM_KIND_DECL(writeoff)
#undef QSM_KIND_DECL

#endif
