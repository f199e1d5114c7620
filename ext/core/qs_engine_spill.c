/* qs_engine_spill: the local spill file. When the store cannot take a hook
 * event or a pushed document (its MariaDB/MySQL server is unreachable),
 * qbo_hook and qbo_push append it to a file on this host instead of losing
 * it, and the lines are replayed into the store, in order, by the next
 * process that reaches it (at open, on the hook and push paths, and before
 * delivery). One JSON object a line: {"event":..., "ids":..., "at":...} for
 * a hook event, {"push":kind, "doc":{...}, "flags":n, "at":...} for a
 * document (normalised and validated already); the file is locked (flock)
 * while it is appended to or replayed, and what was committed is cut from
 * its front. */
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

/* Appends the line o (taken) to the spill file. */
static qs_status spill_line(qs_engine *eng, json_object *o, qs_error *e)
{
	const char *line;
	size_t n;
	int fd;
	ssize_t w;
	line = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
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

qs_status qse_spill_put(qs_engine *eng, const char *event, const char *ids, double at, qs_error *e)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "event", json_object_new_string(event));
	json_object_object_add(o, "ids", json_object_new_string(ids));
	json_object_object_add(o, "at", json_object_new_double(at));
	return spill_line(eng, o, e);
}

qs_status qse_spill_push(qs_engine *eng, const char *kind, json_object *norm, int flags, double at, qs_error *e)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "push", json_object_new_string(kind));
	json_object_object_add(o, "doc", json_object_get(norm));
	json_object_object_add(o, "flags", json_object_new_int(flags));
	json_object_object_add(o, "at", json_object_new_double(at));
	return spill_line(eng, o, e);
}

/* Replays one pushed document: recorded as qbo_push would (queued, never
 * delivered here), unless the store holds a version recorded after it was
 * kept (another host's push meanwhile: the newer one stays). QS_ESTORE
 * stops the replay (the line stays); any other failure is logged and the
 * line is done. */
static qs_status replay_push(qs_engine *eng, json_object *o, long *n, long *skipped, qs_error *e)
{
	const char *kind = qse_jstr(o, "push");
	json_object *doc = qse_jget(o, "doc"), *at = qse_jget(o, "at"), *fl = qse_jget(o, "flags"), *state = NULL;
	const char *id = doc ? qse_jstr(doc, "id") : NULL;
	qs_entity en;
	qs_status r;
	if (!kind || !doc || !id) {
		return QS_OK;
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e);
	if (r != QS_OK) {
		return r;
	}
	if (en.exists && at && en.updated > json_object_get_double(at)) {
		qse_log_msg(eng, "warn", kind, id, "Not replayed from the spill file: a newer version was recorded while it was kept");
		qs_entity_clear(&en);
		(*skipped)++;
		return QS_OK;
	}
	qs_entity_clear(&en);
	r = qse_record_norm(eng, kind, doc, (fl ? json_object_get_int(fl) : 0) | QS_PUSH_QUEUE_ONLY, NULL, &state, NULL, e);
	json_object_put(state);
	if (r == QS_ESTORE) {
		return r;
	}
	if (r != QS_OK) {
		qse_log_msg(eng, "error", kind, id, "Not replayed from the spill file: %s", e->message);
		qs_error_clear(e);
		(*skipped)++;
		return QS_OK;
	}
	(*n)++;
	return QS_OK;
}

long qse_spill_replay(qs_engine *eng)
{
	struct stat sb;
	int fd;
	char *buf, *p, *nl, *done;
	long n = 0, pending = 0, docs = 0, skipped = 0;
	bool in_tx = false;
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
	eng->replaying = true;
	/* consecutive hook events go in one transaction; a document is recorded
	 * in its own (qbo_push's); done marks what is committed */
	done = buf;
	r = QS_OK;
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
			if (!in_tx) {
				r = qs_store_begin(eng->store, false, &e);
				in_tx = r == QS_OK;
			}
			if (r == QS_OK) {
				r = qs_store_hook_put(eng->store, eng->conn_key, qse_jstr(o, "event"), qse_jstr(o, "ids"),
					at ? json_object_get_double(at) : qs_store_now(), &e);
				pending++;
			}
		} else if (o && qse_jstr(o, "push")) {
			if (in_tx) {
				in_tx = false;
				if ((r = qs_store_commit(eng->store, &e)) == QS_OK) {
					n += pending;
					pending = 0;
					done = p;
				}
			}
			if (r == QS_OK) {
				r = replay_push(eng, o, &docs, &skipped, &e);
			}
		}
		json_object_put(o);
		if (r == QS_OK && !in_tx) {
			done = nl + 1;
		}
	}
	if (in_tx) {
		if (r == QS_OK && (r = qs_store_commit(eng->store, &e)) == QS_OK) {
			n += pending;
			done = p;
		} else if (r != QS_OK) {
			qs_store_rollback(eng->store);
		}
	}
	eng->replaying = false;
	if (done > buf) {
		/* what was committed is in the store now; anything after it stays */
		size_t used = (size_t)(done - buf), rest = (size_t)sb.st_size - used;
		if (rest > 0 && pread(fd, buf, rest, (off_t)used) == (ssize_t)rest) {
			if (pwrite(fd, buf, rest, 0) != (ssize_t)rest) {
				rest = 0;
			}
		}
		if (ftruncate(fd, (off_t)rest) != 0) {
			n = 0;
		}
		qse_log_msg(eng, "info", NULL, NULL, "Replayed %ld hook event(s) and %ld pushed document(s) kept in the spill file while "
			"the store was unreachable%s", n, docs, skipped ? " (some not replayed: see the records' log)" : "");
	}
	free(buf);
	flock(fd, LOCK_UN);
	close(fd);
	return n + docs;
}
