/* qs_engine_spill: the hook path's local spill file. When the store cannot
 * take a hook event (its MariaDB/MySQL server is unreachable), qbo_hook
 * appends the event to a file on this host instead of failing, and the
 * events are replayed into the store by the next process that reaches it
 * (at open, on the hook path, and before delivery). One JSON object a line:
 * {"event":..., "ids":..., "at":...}; the file is locked (flock) while it is
 * appended to or replayed, and emptied once its events are committed. */
#include "qs_engine_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The spill file of this store and company: in dir (NULL/"": TMPDIR, else
 * /tmp), named by a hash of the store name and the connection key. */
void qse_spill_path(qs_engine *eng, const char *dir)
{
	char buf[700], hex[65];
	const char *d = dir && *dir ? dir : getenv("TMPDIR");
	if (!d || !*d) {
		d = "/tmp";
	}
	snprintf(buf, sizeof(buf), "%s\n%s", eng->store_path, eng->conn_key);
	qs_sha256_hex(buf, strlen(buf), hex);
	hex[24] = '\0';
	snprintf(eng->spill_path, sizeof(eng->spill_path), "%s/qbosync-spill-%s.jsonl", d, hex);
}

qs_status qse_spill_put(qs_engine *eng, const char *event, const char *ids, double at, qs_error *e)
{
	json_object *o = json_object_new_object();
	const char *line;
	size_t n;
	int fd;
	ssize_t w;
	json_object_object_add(o, "event", json_object_new_string(event));
	json_object_object_add(o, "ids", json_object_new_string(ids));
	json_object_object_add(o, "at", json_object_new_double(at));
	line = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	n = strlen(line);
	fd = open(eng->spill_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		json_object_put(o);
		return qs_error_set(e, QS_ESTORE, "Cannot write the hook spill file %s: %s", eng->spill_path, strerror(errno));
	}
	flock(fd, LOCK_EX);
	w = write(fd, line, n);
	if (w == (ssize_t)n) {
		w = write(fd, "\n", 1) == 1 ? w : -1;
	}
	if (w < 0 || (eng->durability == QS_DURABLE_POWER && fsync(fd) != 0)) {
		int err = errno;
		flock(fd, LOCK_UN);
		close(fd);
		json_object_put(o);
		return qs_error_set(e, QS_ESTORE, "Cannot write the hook spill file %s: %s", eng->spill_path, strerror(err));
	}
	flock(fd, LOCK_UN);
	close(fd);
	json_object_put(o);
	return QS_OK;
}

long qse_spill_replay(qs_engine *eng)
{
	struct stat sb;
	int fd;
	char *buf, *p, *nl;
	long n = 0;
	qs_error e;
	qs_status r;
	if (!eng->spill_path[0] || stat(eng->spill_path, &sb) != 0 || sb.st_size == 0) {
		return 0;
	}
	fd = open(eng->spill_path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		return 0;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return 0;   /* another process is replaying (or appending): it finishes */
	}
	if (fstat(fd, &sb) != 0 || sb.st_size == 0 || sb.st_size > (64 << 20)) {
		flock(fd, LOCK_UN);
		close(fd);
		return 0;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf || pread(fd, buf, (size_t)sb.st_size, 0) != (ssize_t)sb.st_size) {
		free(buf);
		flock(fd, LOCK_UN);
		close(fd);
		return 0;
	}
	buf[sb.st_size] = '\0';
	qs_error_clear(&e);
	r = qs_store_begin(eng->store, false, &e);
	for (p = buf; r == QS_OK && *p; p = nl + 1) {
		json_object *o;
		nl = strchr(p, '\n');
		if (!nl) {
			break;   /* a line still being written: the next replay takes it */
		}
		*nl = '\0';
		o = json_tokener_parse(p);
		if (o && qse_jstr(o, "event") && qse_jstr(o, "ids")) {
			json_object *at = qse_jget(o, "at");
			r = qs_store_hook_put(eng->store, eng->conn_key, qse_jstr(o, "event"), qse_jstr(o, "ids"),
				at ? json_object_get_double(at) : qs_store_now(), &e);
			n++;
		}
		json_object_put(o);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, &e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK) {
		/* what was read is in the store now; anything after it stays */
		size_t used = (size_t)(p - buf), rest = (size_t)sb.st_size - used;
		if (rest > 0) {
			if (pwrite(fd, buf + used, rest, 0) != (ssize_t)rest) {
				rest = 0;
			}
		}
		if (ftruncate(fd, (off_t)rest) != 0) {
			n = 0;
		}
		qse_log_msg(eng, "info", NULL, NULL, "Replayed %ld hook event(s) kept in the spill file while the store was unreachable", n);
	} else {
		n = 0;
	}
	free(buf);
	flock(fd, LOCK_UN);
	close(fd);
	return n;
}
