/* pynum.h: numbers and words as the first server, a Python program, read
 * them: int(text), float(text) and text.split().
 *
 * Python first rewrites the text: each non-ASCII white space (a no-break
 * space, U+3000 ...) becomes a space and each Unicode decimal digit ("١",
 * "๑", "𝟏") its ASCII digit; any other non-ASCII character is refused.  Then
 * it reads ASCII: white space around the number, an optional sign, digits
 * with single underscores between them ("1_01").  Integers have any size, so
 * py_int gives the number as decimal text. */
#ifndef MOCEAN_PYNUM_H
#define MOCEAN_PYNUM_H

#include <stddef.h>

/* 1 when the code point c is white space for Python's str.isspace()
 * (and so for str.split() and str.strip()). */
int py_isspace(unsigned c);

/* Read text as Python's int(text) does (base 10).  Writes the number as
 * plain decimal text, "-" for a negative, no leading zeros ("0", "101",
 * "-37") into out (size bytes: the text's length plus 2 is always enough).
 * Returns 0, or -1 when int() would refuse the text (or out is too small). */
int py_int(const char *text, char *out, size_t size);

/* py_int into a long long.  Returns 0; 1 when the number is beyond long
 * long (*out gets LLONG_MAX or LLONG_MIN, on the number's side); -1 when
 * int() would refuse the text. */
int py_int_ll(const char *text, long long *out);

/* Read text as Python's float(text) does into *out: "12", " -3.5 ",
 * "1_000.5", "1e3", "inf", "nan" ("1e999" is inf, as in Python).  Returns 0,
 * or -1 when float() would refuse the text. */
int py_float(const char *text, double *out);

/* Add two integers written as py_int writes them ("-99", "37"), into out
 * as the same kind of text.  Returns 0, or -1 when out (size bytes) is too
 * small: the longer one's length plus 3 is always enough. */
int decimal_add(const char *a, const char *b, char *out, size_t size);

/* The first word of text, as Python's text.split()[0]: copied into word
 * (size bytes).  Returns its length in bytes, 0 when text has no word, or -1
 * when the word does not fit. */
int py_first_word(const char *text, char *word, size_t size);

/* Read n numbers separated by commas, semicolons or white space ("10,90",
 * "10; 90", "10 90"), each as Python's float() reads it, into out.  Returns
 * 0 when text starts with n finite numbers (any more are not read), or -1,
 * and then out is left as it was. */
int py_read_numbers(const char *text, double *out, int n);

#endif
