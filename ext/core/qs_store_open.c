/* qs_store_open: opening a store: the backend is chosen by the form of the
 * store's name (a MariaDB/MySQL URL, else an SQLite path, "sqlite:" or not),
 * above both backends and the interface they share (qs_store.c). */
#include "qs_store_driver.h"

#include <string.h>
#include <strings.h>

qs_store *qs_store_open(const char *path, qs_durability durability, qs_error *e)
{
	return qs_store_open_with(path, NULL, durability, e);
}

qs_store *qs_store_open_with(const char *name, const char *password, qs_durability durability, qs_error *e)
{
	if (qs_store_is_mysql(name)) {
		return qs_store_mysql_open(name, password, e);
	}
	if (name && strncasecmp(name, "sqlite:", 7) == 0) {
		name += 7;
		if (name[0] == '/' && name[1] == '/') {
			name += 2;   /* sqlite:///abs/path */
		}
	}
	return qs_store_sqlite_open(name, durability, e);
}
