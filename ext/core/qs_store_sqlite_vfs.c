/* qs_store_sqlite_vfs: the SQLite store's file layer, a thin VFS over the
 * platform's own that writes each commit's WAL frames in one call. SQLite
 * writes a frame as two writes (its 24-byte header, then the page), so a
 * commit of 9 pages costs 18 system calls; here they are gathered in memory
 * and written together, in order, at the same offsets, before the commit
 * can be seen: when the commit frame's page arrives (its header carries the
 * database size), and at the latest before any other operation on the WAL
 * or on the database's shared-memory index (through which other connections
 * learn of the commit). Durability is SQLite's: a commit is in the WAL file
 * before it returns; with synchronous=FULL its sync follows that write. */
#include "qs_store_sqlite_vfs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#if SQLITE_VERSION_NUMBER >= 3032000   /* sqlite3_database_file_object */

#define QS_VFS_NAME "qbosync-wal"
#define WAL_FRAME_HEADER 24
/* Frames gathered at most, in bytes: a larger transaction's frames go out in
 * pieces of this size (the unix VFS writes less than 128 KiB per call). */
#define GATHER_MAX (96 * 1024)

typedef struct vfs_file vfs_file;

struct vfs_file {
	sqlite3_file base;        /* its methods: one of the tables below */
	sqlite3_file *real;       /* the platform VFS's file, allocated right after this struct */
	bool is_wal;
	vfs_file *wal;            /* main database: its WAL, while open */
	vfs_file *db;             /* WAL: its main database */
	unsigned char *buf;       /* WAL: frames not yet written (GATHER_MAX bytes) */
	size_t len;
	sqlite3_int64 at;         /* WAL: the file offset of buf[0] */
	bool commit_header;       /* WAL: the last write was a commit frame's header */
};

static sqlite3_vfs qs_vfs;
static sqlite3_vfs *real_vfs;

/* Writes the gathered frames. */
static int flush(vfs_file *f)
{
	int rc = SQLITE_OK;
	if (f && f->len) {
		rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->at);
		f->len = 0;
	}
	return rc;
}

static int x_close(sqlite3_file *pf)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = f->is_wal ? flush(f) : SQLITE_OK, rc2;
	if (f->is_wal && f->db && f->db->wal == f) {
		f->db->wal = NULL;
	}
	if (!f->is_wal && f->wal) {
		f->wal->db = NULL;
	}
	free(f->buf);
	rc2 = f->real->pMethods->xClose(f->real);
	return rc != SQLITE_OK ? rc : rc2;
}

static int x_read(sqlite3_file *pf, void *out, int n, sqlite3_int64 off)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = f->is_wal ? flush(f) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, out, n, off);
}

static int x_write(sqlite3_file *pf, const void *data, int n, sqlite3_int64 off)
{
	vfs_file *f = (vfs_file *)pf;
	int rc;
	bool commit_page;
	if (!f->is_wal) {
		return f->real->pMethods->xWrite(f->real, data, n, off);
	}
	commit_page = f->commit_header && n != WAL_FRAME_HEADER;
	f->commit_header = n == WAL_FRAME_HEADER && ((const unsigned char *)data)[4] | ((const unsigned char *)data)[5]
		| ((const unsigned char *)data)[6] | ((const unsigned char *)data)[7];
	if (f->len && (off != f->at + (sqlite3_int64)f->len || f->len + (size_t)n > GATHER_MAX)) {
		rc = flush(f);   /* not the next bytes (a frame rewritten, the WAL restarted), or enough gathered */
		if (rc != SQLITE_OK) {
			return rc;
		}
	}
	if ((size_t)n > GATHER_MAX) {
		return f->real->pMethods->xWrite(f->real, data, n, off);
	}
	if (!f->buf && !(f->buf = malloc(GATHER_MAX))) {
		return f->real->pMethods->xWrite(f->real, data, n, off);   /* no memory: written as it comes */
	}
	if (!f->len) {
		f->at = off;
	}
	memcpy(f->buf + f->len, data, (size_t)n);
	f->len += (size_t)n;
	/* the commit frame's page: the transaction's frames are written now, so
	 * that a failure is this commit's error */
	return commit_page ? flush(f) : SQLITE_OK;
}

static int x_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = f->is_wal ? flush(f) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int x_sync(sqlite3_file *pf, int flags)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->is_wal ? f : f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int x_file_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = f->is_wal ? flush(f) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}

static int x_lock(sqlite3_file *pf, int level)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->is_wal ? f : f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xLock(f->real, level);
}

static int x_unlock(sqlite3_file *pf, int level)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->is_wal ? f : f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xUnlock(f->real, level);
}

static int x_check_reserved(sqlite3_file *pf, int *out)
{
	vfs_file *f = (vfs_file *)pf;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int x_file_control(sqlite3_file *pf, int op, void *arg)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->is_wal ? f : f->wal);
	if (rc != SQLITE_OK) {
		return rc;
	}
	if (op == SQLITE_FCNTL_VFSNAME && arg) {
		/* what SQLite reports as the VFS stack: this layer over the platform's */
		rc = f->real->pMethods->xFileControl(f->real, op, arg);
		if (rc == SQLITE_OK) {
			char *below = *(char **)arg;
			*(char **)arg = sqlite3_mprintf(QS_VFS_NAME "/%z", below);
		}
		return rc;
	}
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int x_sector_size(sqlite3_file *pf)
{
	vfs_file *f = (vfs_file *)pf;
	return f->real->pMethods->xSectorSize(f->real);
}

static int x_device_characteristics(sqlite3_file *pf)
{
	vfs_file *f = (vfs_file *)pf;
	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* The shared-memory index lives with the main database: whatever changes it
 * (a new WAL header there makes a commit visible) comes after the frames. */
static int x_shm_map(sqlite3_file *pf, int pg, int pgsz, int extend, void volatile **pp)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

/* Before any lock change, in particular before the WAL write lock is released:
 * another process may write the WAL only once it holds that lock, so nothing
 * of this connection's (not even the frames of a transaction rolled back) is
 * still to be written when it can. */
static int x_shm_lock(sqlite3_file *pf, int offset, int n, int flags)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void x_shm_barrier(sqlite3_file *pf)
{
	vfs_file *f = (vfs_file *)pf;
	if (f->wal && f->wal->len) {
		/* not reached while the commit frame is recognised (its page writes
		 * the frames); kept so that no commit is ever seen before its frames */
		(void)flush(f->wal);
	}
	f->real->pMethods->xShmBarrier(f->real);
}

static int x_shm_unmap(sqlite3_file *pf, int del)
{
	vfs_file *f = (vfs_file *)pf;
	int rc = flush(f->wal);
	return rc != SQLITE_OK ? rc : f->real->pMethods->xShmUnmap(f->real, del);
}

static int x_fetch(sqlite3_file *pf, sqlite3_int64 off, int n, void **pp)
{
	vfs_file *f = (vfs_file *)pf;
	return f->real->pMethods->xFetch(f->real, off, n, pp);
}

static int x_unfetch(sqlite3_file *pf, sqlite3_int64 off, void *p)
{
	vfs_file *f = (vfs_file *)pf;
	return f->real->pMethods->xUnfetch(f->real, off, p);
}

/* One table per version of the platform's file methods (a version-1 file
 * has no shared memory, version 2 no memory map). */
#define QS_IO_METHODS(version) { version, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, \
	x_lock, x_unlock, x_check_reserved, x_file_control, x_sector_size, x_device_characteristics, \
	version >= 2 ? x_shm_map : NULL, version >= 2 ? x_shm_lock : NULL, version >= 2 ? x_shm_barrier : NULL, \
	version >= 2 ? x_shm_unmap : NULL, version >= 3 ? x_fetch : NULL, version >= 3 ? x_unfetch : NULL }

static const sqlite3_io_methods io_methods[3] = {QS_IO_METHODS(1), QS_IO_METHODS(2), QS_IO_METHODS(3)};

static int x_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf, int flags, int *out_flags)
{
	vfs_file *f = (vfs_file *)pf;
	int rc, v;
	(void)vfs;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)(f + 1);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK || !f->real->pMethods) {
		if (f->real->pMethods) {
			f->real->pMethods->xClose(f->real);
		}
		f->base.pMethods = NULL;
		return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
	}
	v = f->real->pMethods->iVersion;
	f->base.pMethods = &io_methods[v >= 3 ? 2 : v >= 2 ? 1 : 0];
	if ((flags & SQLITE_OPEN_WAL) && name) {
		vfs_file *db = (vfs_file *)sqlite3_database_file_object(name);
		f->is_wal = true;
		if (db && db->base.pMethods && db->base.pMethods->xClose == x_close) {
			f->db = db;
			db->wal = f;
		}
	}
	return SQLITE_OK;
}

/* The file-system calls go to the platform VFS as they are, with its own
 * object (its methods may read their VFS's settings). */
static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dlerror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	real_vfs->xDlError(real_vfs, n, out);
}

static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int v_current_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

const char *qs_sqlite_vfs(void)
{
	static bool tried, ok;
	sqlite3_mutex *m;
	if (sqlite3_initialize() != SQLITE_OK) {
		return NULL;
	}
	m = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP1);
	sqlite3_mutex_enter(m);
	if (!tried) {
		/* once per process: registered beside the platform's, never the default */
		tried = true;
		real_vfs = sqlite3_vfs_find(NULL);
		if (real_vfs && real_vfs->iVersion >= 2 && real_vfs->xCurrentTimeInt64) {
			memset(&qs_vfs, 0, sizeof(qs_vfs));
			qs_vfs.iVersion = 2;
			qs_vfs.szOsFile = (int)sizeof(vfs_file) + real_vfs->szOsFile;
			qs_vfs.mxPathname = real_vfs->mxPathname;
			qs_vfs.zName = QS_VFS_NAME;
			qs_vfs.xOpen = x_open;
			qs_vfs.xDelete = v_delete;
			qs_vfs.xAccess = v_access;
			qs_vfs.xFullPathname = v_full_pathname;
			qs_vfs.xDlOpen = v_dlopen;
			qs_vfs.xDlError = v_dlerror;
			qs_vfs.xDlSym = v_dlsym;
			qs_vfs.xDlClose = v_dlclose;
			qs_vfs.xRandomness = v_randomness;
			qs_vfs.xSleep = v_sleep;
			qs_vfs.xCurrentTime = v_current_time;
			qs_vfs.xGetLastError = v_last_error;
			qs_vfs.xCurrentTimeInt64 = v_current_time64;
			ok = sqlite3_vfs_register(&qs_vfs, 0) == SQLITE_OK;
		}
	}
	sqlite3_mutex_leave(m);
	return ok ? QS_VFS_NAME : NULL;
}

#else

const char *qs_sqlite_vfs(void)
{
	return NULL;   /* SQLite older than 3.32: the platform VFS as it is */
}

#endif
