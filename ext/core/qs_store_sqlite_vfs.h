/* qs_store_sqlite_vfs: the SQLite store's file layer (one write per commit
 * for the WAL frames); see qs_store_sqlite_vfs.c. */
#ifndef QS_STORE_SQLITE_VFS_H
#define QS_STORE_SQLITE_VFS_H

#include <stdbool.h>

/* The name of the VFS to open a store with, registered on the first call;
 * NULL: the platform's default VFS (SQLite older than 3.32, or it failed). */
const char *qs_sqlite_vfs(void);

#endif
