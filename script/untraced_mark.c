/*
 * script/untraced_mark.c: for script/untraced-coverage, an LD_PRELOAD library
 * that sends a process's gcov counts under QBOSYNC_MARK_DIR when one of its
 * arguments matches a pattern of QBOSYNC_MARK_PATTERNS (comma-separated, as
 * valgrind's --trace-children-skip-by-arg takes them), and so do its
 * descendants (valgrind does not trace those either).
 */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int matches(const char *arg, const char *patterns)
{
	char buf[4096], *p, *save = NULL;
	snprintf(buf, sizeof(buf), "%s", patterns);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (fnmatch(p, arg, 0) == 0) {
			return 1;
		}
	}
	return 0;
}

__attribute__((constructor)) static void untraced_mark(void)
{
	const char *patterns = getenv("QBOSYNC_MARK_PATTERNS");
	const char *dir = getenv("QBOSYNC_MARK_DIR");
	static char args[1 << 16];
	size_t n, i;
	FILE *f;
	if (!patterns || !dir) {
		return;
	}
	if (getenv("QBOSYNC_MARKED")) {
		setenv("GCOV_PREFIX", dir, 1);
		return;
	}
	f = fopen("/proc/self/cmdline", "rb");
	if (!f) {
		return;
	}
	n = fread(args, 1, sizeof(args) - 1, f);
	fclose(f);
	args[n] = '\0';
	for (i = 0; i < n; i += strlen(args + i) + 1) {
		if (matches(args + i, patterns)) {
			setenv("GCOV_PREFIX", dir, 1);
			setenv("QBOSYNC_MARKED", "1", 1);
			return;
		}
	}
}
