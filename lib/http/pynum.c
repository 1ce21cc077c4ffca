/* pynum.c: numbers and words as Python reads them (see pynum.h). */
#include "http/pynum.h"
#include "http/buf.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

/* Python 3.11 refuses int() of more digits than this (sys.int_info). */
#define PY_INT_MAX_DIGITS 4300

int py_isspace(unsigned c)
{
	int bidi;

	if (c < 0x80)
		return (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= ' ');
	/* Python's rule: bidirectional class WS, B or S, or a space separator */
	bidi = uc_bidi_class(c);
	return bidi == UC_BIDI_WS || bidi == UC_BIDI_B || bidi == UC_BIDI_S ||
	       uc_is_general_category(c, UC_SPACE_SEPARATOR);
}

/* White space for the ASCII reading step (C's isspace without a locale). */
static int ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Python's first step: a copy of text in ASCII, with non-ASCII white space
 * as ' ' and Unicode decimal digits as '0'..'9', then trimmed of ASCII white
 * space.  NULL when text has another non-ASCII character.  Free it. */
static char *py_ascii(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t n = strlen(text);
	char *out = xmalloc(n + 1), *o = out, *start;

	while (n > 0) {
		ucs4_t c;
		int len = u8_mbtouc(&c, s, n);
		int digit = c < 0x80 ? -1 : uc_decimal_value(c);

		if (c < 0x80)
			*o++ = (char)c;
		else if (py_isspace(c))
			*o++ = ' ';
		else if (digit >= 0)
			*o++ = (char)('0' + digit);
		else {
			free(out);
			return NULL;
		}
		s += len;
		n -= (size_t)len;
	}
	while (o > out && ascii_space(o[-1]))
		o--;
	*o = '\0';
	for (start = out; ascii_space(*start); start++)
		;
	memmove(out, start, strlen(start) + 1);
	return out;
}

/* Remove underscores from s in place, as Python allows them: each one
 * between two digits.  Returns 0, or -1 for an underscore elsewhere. */
static int drop_underscores(char *s)
{
	char *o = s, prev = '\0';

	for (char *p = s; *p; prev = *p++) {
		int digit = *p >= '0' && *p <= '9';
		if (*p == '_' ? !(prev >= '0' && prev <= '9') : prev == '_' && !digit)
			return -1;
		if (*p != '_')
			*o++ = *p;
	}
	*o = '\0';
	return prev == '_' ? -1 : 0;
}

int py_int(const char *text, char *out, size_t size)
{
	char *s = py_ascii(text), *p;
	int negative, rc = -1;
	size_t digits;

	if (!s)
		return -1;
	p = s;
	negative = *p == '-';
	if (*p == '+' || *p == '-')
		p++;
	/* Digits with single underscores between them, and nothing else. */
	if (*p < '0' || *p > '9' || drop_underscores(p) < 0 ||
	    strspn(p, "0123456789") != strlen(p))
		goto done;
	digits = strlen(p);
	while (*p == '0' && p[1])   /* "007" is 7 */
		p++;
	negative = negative && strcmp(p, "0") != 0;   /* "-0" is 0 */
	if (digits > PY_INT_MAX_DIGITS || strlen(p) + negative + 1 > size)
		goto done;
	memcpy(out, "-", (size_t)negative);
	strcpy(out + negative, p);
	rc = 0;
done:
	free(s);
	return rc;
}

int py_int_ll(const char *text, long long *out)
{
	size_t n = strlen(text) + 2;
	char *digits = xmalloc(n);
	int rc = -1;

	if (py_int(text, digits, n) == 0) {
		errno = 0;
		*out = strtoll(digits, NULL, 10);   /* clamps, with ERANGE */
		rc = errno == ERANGE;
	}
	free(digits);
	return rc;
}

int py_float(const char *text, double *out)
{
	char *s = py_ascii(text), *p, *end;
	int rc = -1;

	if (!s || drop_underscores(s) < 0)
		goto done;
	p = s + (*s == '+' || *s == '-');
	if (strcasecmp(p, "inf") == 0 || strcasecmp(p, "infinity") == 0) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		rc = 0;
	} else if (strcasecmp(p, "nan") == 0) {
		*out = NAN;
		rc = 0;
	} else if (*p && strspn(p, "0123456789.eE+-") == strlen(p) &&
		   strcspn(p, "0123456789") < strcspn(p, "eE")) {
		/* Only decimal text (no hex), a digit before any exponent ("e5"
		 * and ".e5" are refused); strtod checks the rest.  Too big is
		 * inf and too small 0, as in Python. */
		*out = strtod(s, &end);
		rc = *end || end == s ? -1 : 0;
	}
done:
	free(s);
	return rc;
}

/* Compare two digit strings without leading zeros: <0, 0, >0. */
static int compare_sizes(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	return na != nb ? (na < nb ? -1 : 1) : strcmp(a, b);
}

int decimal_add(const char *a, const char *b, char *out, size_t size)
{
	int neg_a = *a == '-', neg_b = *b == '-', carry = 0, negative;
	const char *x = a + neg_a, *y = b + neg_b;   /* the sizes */
	size_t nx = strlen(x), ny = strlen(y), n, i;
	char *sum;

	/* x is the bigger size; different signs: the sum has x's sign. */
	if (compare_sizes(x, y) < 0) {
		const char *t = x; x = y; y = t;
		n = nx; nx = ny; ny = n;
		negative = neg_b;
	} else {
		negative = neg_a;
	}
	n = nx + 1;                       /* room for a carry */
	if (n + 2 > size)
		return -1;
	sum = out + 1;                    /* out[0] is kept for a sign */
	sum[n] = '\0';
	for (i = 0; i < n; i++) {         /* from the last digit back */
		int dx = i < nx ? x[nx - 1 - i] - '0' : 0;
		int dy = i < ny ? y[ny - 1 - i] - '0' : 0;
		int d = neg_a == neg_b ? dx + dy + carry : dx - dy - carry;
		carry = d > 9 || d < 0;
		sum[n - 1 - i] = (char)('0' + (d + 10) % 10);
	}
	while (*sum == '0' && sum[1])
		sum++;
	if (strcmp(sum, "0") == 0)
		negative = 0;
	if (negative)
		*--sum = '-';
	memmove(out, sum, strlen(sum) + 1);
	return 0;
}

int py_first_word(const char *text, char *word, size_t size)
{
	const uint8_t *s = (const uint8_t *)text, *start = NULL;
	size_t n = strlen(text), len;

	while (n > 0) {
		ucs4_t c;
		int step = u8_mbtouc(&c, s, n);

		if (py_isspace(c) && start)
			break;
		if (!py_isspace(c) && !start)
			start = s;
		s += step;
		n -= (size_t)step;
	}
	if (!start)
		return 0;
	len = (size_t)(s - start);
	if (len + 1 > size)
		return -1;
	memcpy(word, start, len);
	word[len] = '\0';
	return (int)len;
}

int py_read_numbers(const char *text, double *out, int n)
{
	char *item = xmalloc(strlen(text) + 1);
	double *read = xmalloc(sizeof *read * (size_t)(n > 0 ? n : 1));
	const uint8_t *s = (const uint8_t *)text;
	size_t left = strlen(text), len = 0;
	int count = 0, bad = 0;

	/* One more turn at the end closes the last item. */
	while (!bad && count < n) {
		ucs4_t c = 0;
		int step = left ? u8_mbtouc(&c, s, left) : 0;

		if (!left || c == ',' || c == ';' || py_isspace(c)) {
			item[len] = '\0';
			if (len > 0) {
				bad = py_float(item, &read[count]) < 0 ||
				      !isfinite(read[count]);
				count++;
			}
			len = 0;
			if (!left)
				break;
		} else {
			memcpy(item + len, s, (size_t)step);
			len += (size_t)step;
		}
		s += step;
		left -= (size_t)step;
	}
	if (!bad && count == n)
		memcpy(out, read, sizeof *read * (size_t)n);
	free(item);
	free(read);
	return !bad && count == n ? 0 : -1;
}
