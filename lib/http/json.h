/* json.h: the one JSON writer.  It keeps track of what is open (objects and
 * arrays, nested up to JSON_DEPTH_MAX) and writes the commas and the keys,
 * so a caller says only what it means: kcgi's kjson_* is the model.
 *
 *     struct json j;
 *     json_start(&j, &out);
 *     json_object(&j, NULL);          {
 *     json_int(&j, "id", 3);            "id":3
 *     json_array(&j, "levels");         ,"levels":[
 *     json_str(&j, NULL, "puzzle");       "puzzle"
 *     json_end(&j);                     ]
 *     json_end(&j);                   }
 *
 * Inside an object every value has a key; inside an array, and at the top,
 * none (NULL): asserted.  Strings are written as buf_json writes them, reals
 * as fmt_real (Python's repr: docs/PROTOCOL.md section 1), so the text is the
 * same byte for byte as the first server's.  Why not a library: jansson
 * (Debian's libjansson-dev) prints reals with a fixed precision ("%.17g":
 * 0.1 is 0.10000000000000001, 1e+16 is 10000000000000000.0), has no way to
 * put a number's own text, and escapes \b and \f differently. */
#ifndef MOCEAN_JSON_H
#define MOCEAN_JSON_H

#include "http/buf.h"

/* How deep objects and arrays may nest. */
#define JSON_DEPTH_MAX 8

struct json {
	struct buf *out;                  /* where it writes; NULL: nowhere */
	int depth;                        /* objects and arrays open */
	char open[JSON_DEPTH_MAX + 1];    /* at each depth: '{', '[', or 0 at
	                                     the top */
	char has[JSON_DEPTH_MAX + 1];     /* at each depth: 1 when a value is
	                                     there already (a comma comes next) */
	char lines[JSON_DEPTH_MAX + 1];   /* at each depth: 1 when each value
	                                     after the first starts a line */
};

/* Begin writing JSON at the end of out (NULL: the writer writes nothing,
 * for a reply that is not JSON). */
void json_start(struct json *j, struct buf *out);

/* Begin writing the members of an object that is already open in out and
 * has a member: each value goes on with a comma and its key. */
void json_members(struct json *j, struct buf *out);

/* Open an object, or an array, as the value of key; json_end closes the
 * one opened last. */
void json_object(struct json *j, const char *key);
void json_array(struct json *j, const char *key);

/* An array of rows: each element after the first on a line of its own
 * (",\n"), as /data writes its rows. */
void json_rows(struct json *j, const char *key);
void json_end(struct json *j);

/* A value: an integer; a real as fmt_real prints it (NaN and infinities,
 * which JSON has not, as null); a real with this many decimals ("%.2f"); a
 * string (NULL: null); true or false. */
void json_int(struct json *j, const char *key, long long v);
void json_real(struct json *j, const char *key, double v);
void json_fixed(struct json *j, const char *key, double v, int decimals);
void json_str(struct json *j, const char *key, const char *v);
void json_bool(struct json *j, const char *key, int v);

/* A value that is JSON text already: a number's digits (an integer of any
 * size), or an array another struct json wrote, when a field must come
 * before what is known only after it (a count before the list). */
void json_raw(struct json *j, const char *key, const char *text);

#endif
