/* query.h: the query string (everything after '?') read once, into two
 * views of the same decoded text, and the bounded, typed readers that
 * routes use to check their keys.
 *
 * Each term (the text between two '&') is URL-decoded once ("%20" and "+"
 * are spaces).  Then:
 * - the pairs: key=value split at the first '=' sent, both trimmed of
 *   leading and trailing white space, as the old server did.  A key given
 *   twice keeps its last value, as bottle did.  A key with no '=' ("&info")
 *   is present with the empty value.  query_get and friends read these.
 * - the terms, every one in the order sent, split at its first operator
 *   (= != < <= > >=, sent as is or %-escaped): "y>=250" is key "y", OP_GE,
 *   value "250", both trimmed.  /data reads these (dataquery.h). */
#ifndef MOCEAN_QUERY_H
#define MOCEAN_QUERY_H

#include <stddef.h>

#define QUERY_MAX_PAIRS 64        /* more pairs than this is refused */
#define QUERY_MAX_LEN (64 * 1024) /* the most lighttpd passes on anyway */

struct pair {
	char *key;
	char *value;
};

/* How a term joins its key and its value. */
enum op {
	OP_NONE,  /* a lone key: "info" */
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
};

/* One term, as sent and as read: "depth < 15" is key "depth", OP_LT, value
 * "15"; "info" is key "info", OP_NONE, value "".  A term with no operator
 * at the start of a word ("a b=1", "(=1") has that text in its key: the
 * reader of the terms says what it accepts. */
struct term {
	const char *text; /* the whole term, decoded, untrimmed (for sentences) */
	char *key;
	enum op op;
	char *value;
};

struct query {
	struct pair pairs[QUERY_MAX_PAIRS]; /* the last value of each key */
	int n;
	struct term *terms;                 /* every term, in order */
	int nterms;
	char *text; /* one allocation holding every decoded term, both views */
};

/* Parse a raw query string.  Returns 0, or -1 with a one-line reason for a
 * person in err (a broken %-escape, text that is not UTF-8, too many keys,
 * too long).  Free with query_free either way. */
int query_parse(struct query *q, const char *raw, char *err, size_t errlen);

/* Free what query_parse allocated. */
void query_free(struct query *q);

/* The value of key, or NULL when the key was not sent. */
const char *query_get(const struct query *q, const char *key);

/* The value of key, or "" when the key was not sent (docs/PROTOCOL.md
 * section 1: a missing key reads as the empty string). */
const char *query_str(const struct query *q, const char *key);

/* 1 when key was sent (with or without a value). */
int query_has(const struct query *q, const char *key);

/* The last term whose key is key (with any operator), or NULL. */
const struct term *query_term(const struct query *q, const char *key);

/* Operator text as in addresses and in SQL: "=", "!=", "<", "<=", ">",
 * ">=" ("" for OP_NONE). */
const char *op_text(enum op op);

/* Decode %XX escapes and '+' in place.  Returns 0, or -1 when a '%' is not
 * followed by two hex digits. */
int url_decode(char *s);

/* 1 when the len bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/* Read a whole integer (optional sign, digits, nothing else) into *out.
 * Returns 0, or -1 for empty text, leftovers, or a value outside long long. */
int text_to_int(const char *s, long long *out);

/* A teacher's setting: the whole number in environment variable name
 * when it is one from lo to hi, else otherwise. */
long long setting_int(const char *name, long long lo, long long hi, long long otherwise);

/* Read a finite real number ("12", "-3.5", "1e3"; nothing else) into *out.
 * Returns 0, or -1 for empty text, leftovers, nan, inf or overflow. */
int text_to_real(const char *s, double *out);

/* Trim white space from both ends of s, in place; returns the new start. */
char *trim_space(char *s);

/* 1 when s is 1..maxlen ASCII letters and digits (player names, worlds). */
int is_word(const char *s, size_t maxlen);

/* 1 when s looks like a host and port ("localhost:8080", "10.0.0.5",
 * "[::1]:8080"): letters, digits and . - : [ ] only, at most 255. */
int is_host(const char *s);

#endif
