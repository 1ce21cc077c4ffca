/* buf.h: a growable text buffer, the one place replies and reports are built.
 * Memory that cannot be had ends the request with a 500 (sys.h's xmalloc). */
#ifndef MOCEAN_BUF_H
#define MOCEAN_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "sys/sys.h"  /* xmalloc, LEN: every user of a buffer allocates */

struct buf {
	char *s;      /* NUL-terminated text, or NULL while empty */
	size_t len;   /* bytes used, without the NUL */
	size_t cap;   /* bytes allocated */
};

/* Append len bytes of text. */
void buf_add(struct buf *b, const char *text, size_t len);

/* Append a NUL-terminated string. */
void buf_puts(struct buf *b, const char *text);

/* Append printf-style formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The same with a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Append text with &, <, >, " and ' escaped for HTML. */
void buf_html(struct buf *b, const char *text);

/* Append text as a JSON string literal, quotes included. */
void buf_json(struct buf *b, const char *text);

/* The text so far; "" while empty. */
const char *buf_str(const struct buf *b);

/* Forget the text, keep the memory. */
void buf_clear(struct buf *b);

/* Free the memory; the buffer is empty and usable again. */
void buf_free(struct buf *b);

#endif
