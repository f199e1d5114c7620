/* qs_json: the plain JSON text of a json-c value, and a member's look-up
 * (qs_json.c). Pure C. */
#ifndef QS_JSON_H
#define QS_JSON_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* The text json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE) gives, malloc'd (the caller frees it);
 * *len (may be NULL) its length. NULL when out of memory. */
char *qs_json_plain(json_object *o, size_t *len);

/* The member key of object o into *v (false when o is no object or has no
 * such member; *v NULL then): an object of a few fields (a normalised
 * document's) by a walk over its entries, the first byte compared before
 * the rest, which costs less than hashing the key; a larger one by json-c's
 * look-up. */
bool qs_json_member(json_object *o, const char *key, json_object **v);

/* The tree json_tokener_parse_ex (json-c's default flags, a fresh tokener)
 * gives for the len bytes at s, or NULL where it fails (or s is NULL, len 0
 * or above INT32_MAX), as QBO's answers are read. A top-level object or
 * array of plain JSON is read by a parse of its own that makes the same
 * json-c calls the tokener makes (objects, members in order with the same
 * rule for a repeated name, arrays, strings with their escapes decoded,
 * int64 / uint64 / double with its source text), without the tokener's
 * byte-by-byte states and copies of every name; members named as QBO names
 * them often keep a constant key. Anything else (comments, single quotes,
 * NaN, Infinity, literals in other cases, a lone surrogate, leading zeros,
 * a trailing comma, text after the value, a NUL byte, more than 16 levels)
 * goes to json-c's tokener whole. *fast (may be NULL): whether the parse of
 * its own made the tree. */
json_object *qs_json_parse(const char *s, size_t len, bool *fast);

/* qs_json_parse, but the parse of its own leaves out, at any depth, each
 * member whose name drop(name, length) accepts (its value is read past by
 * the same rules, so the same texts are read by the parse of its own, and
 * nothing is made of it). Where json-c's tokener reads the text instead
 * (*fast false), the tree is whole. For answers whose readers never look at
 * those members: less to build and to free. */
json_object *qs_json_parse_dropping(const char *s, size_t len, bool (*drop)(const char *name, size_t n), bool *fast);

/* json_object_object_add with a string literal for key: json-c keeps the
 * literal as the member's key instead of a copy of it (the text, the order
 * and the serialised JSON are the same). */
#define QS_JSON_ADD(o, key, v) json_object_object_add_ex((o), "" key "", (v), JSON_C_OBJECT_KEY_IS_CONSTANT)

#endif
