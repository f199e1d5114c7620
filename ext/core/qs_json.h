/* qs_json: the plain JSON text of a json-c value (qs_json.c). Pure C. */
#ifndef QS_JSON_H
#define QS_JSON_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* The text json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE) gives, malloc'd (the caller frees it);
 * *len (may be NULL) its length. NULL when out of memory. */
char *qs_json_plain(json_object *o, size_t *len);

#endif
