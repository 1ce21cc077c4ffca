/* sys.c: the log, checked allocation, random bytes, the data folder (see
 * sys.h). */
#include "sys/sys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* What out of memory does: the serving loop's hook, or NULL. */
static void (*out_of_memory)(void);

void sys_on_out_of_memory(void (*hook)(void))
{
	out_of_memory = hook;
}

/* Out of memory: the hook (a 500 on the connection being served), else a
 * line in the log and the end of the process.  No reply is half-written
 * yet (replies are written only at the end), and SQLite rolls back an open
 * transaction when the process exits; lighttpd starts a new one. */
static void no_memory(void)
{
	if (out_of_memory)
		out_of_memory();
	log_line("out of memory");
	_exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		no_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		no_memory();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* Write all of len bytes to a file descriptor. */
static void write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n <= 0)
			return; /* nowhere to write: nothing more to do */
		s += n;
		len -= (size_t)n;
	}
}

void log_line(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	memcpy(line, "mocean: ", 8);
	va_start(ap, fmt);
	n = vsnprintf(line + 8, sizeof line - 9, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = 8 + (n < (int)sizeof line - 9 ? n : (int)sizeof line - 10);
	line[n++] = '\n';
	write_all(STDERR_FILENO, line, (size_t)n);
}

const char *data_dir(void)
{
	const char *d = getenv("MOCEAN_DATA");

	if (!d || !*d)
		d = getenv("DATA_DIR");
	return d && *d ? d : "data";
}

void random_bytes(void *out, size_t n)
{
	unsigned char *p = out;

	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got <= 0)
			continue; /* EINTR; the kernel's pool is always there */
		p += got;
		n -= (size_t)got;
	}
}
