/* sys.h: what every other file of lib/ may lean on, and that leans on
 * nothing of ours: the server's log, memory that never comes back NULL,
 * random bytes from the kernel, and where the data folder is.  The serving
 * loop says what out of memory does (sys_on_out_of_memory): a file this low
 * must not know about connections. */
#ifndef MOCEAN_SYS_H
#define MOCEAN_SYS_H

#include <stddef.h>

/* The number of elements of an array. */
#define LEN(a) (sizeof (a) / sizeof (a)[0])

/* One line in the server's log (lighttpd's error log, in both modes),
 * written in one piece: "mocean: " and the formatted text. */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* malloc that never returns NULL: out of memory runs the hook set with
 * sys_on_out_of_memory (the serving loop's: a 500, and the process ends),
 * or logs it and ends the process. */
void *xmalloc(size_t n);

/* realloc with the same policy. */
void *xrealloc(void *p, size_t n);

/* strdup with the same policy. */
char *xstrdup(const char *s);

/* What out of memory does: hook never returns. */
void sys_on_out_of_memory(void (*hook)(void));

/* Random bytes from the kernel, for seeds, ids and keys. */
void random_bytes(void *out, size_t n);

/* The data directory: $MOCEAN_DATA (set by lighttpd.conf), else $DATA_DIR,
 * else "data". */
const char *data_dir(void);

#endif
