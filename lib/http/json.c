/* json.c: the JSON writer (see json.h). */
#include "http/json.h"
#include "http/fmt.h"

#include <assert.h>
#include <string.h>

void json_start(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

void json_members(struct json *j, struct buf *out)
{
	json_start(j, out);
	j->depth = 1;
	j->open[1] = '{';
	j->has[1] = 1;
}

/* Before a value: the comma after the one before, and its key inside an
 * object.  Returns 0 when the writer writes nothing. */
static int json_value(struct json *j, const char *key)
{
	if (!j->out)
		return 0;
	assert((j->open[j->depth] == '{') == (key != NULL));
	if (j->has[j->depth])
		buf_puts(j->out, j->lines[j->depth] ? ",\n" : ",");
	j->has[j->depth] = 1;
	if (key) {
		buf_json(j->out, key);
		buf_puts(j->out, ":");
	}
	return 1;
}

/* Open an object or an array ('{' or '['). */
static void json_open(struct json *j, const char *key, char kind)
{
	if (!json_value(j, key))
		return;
	assert(j->depth < JSON_DEPTH_MAX);
	j->depth++;
	j->open[j->depth] = kind;
	j->has[j->depth] = 0;
	j->lines[j->depth] = 0;
	buf_add(j->out, &kind, 1);
}

void json_object(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void json_array(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void json_rows(struct json *j, const char *key)
{
	json_open(j, key, '[');
	if (j->out)
		j->lines[j->depth] = 1;
}

void json_end(struct json *j)
{
	if (!j->out)
		return;
	assert(j->depth > 0);
	buf_puts(j->out, j->open[j->depth] == '{' ? "}" : "]");
	j->depth--;
}

void json_int(struct json *j, const char *key, long long v)
{
	if (json_value(j, key))
		buf_printf(j->out, "%lld", v);
}

void json_real(struct json *j, const char *key, double v)
{
	char b[FMT_REAL_MAX];

	if (!json_value(j, key))
		return;
	fmt_real(b, v);
	/* JSON has no nan or inf; a route should never produce them. */
	buf_puts(j->out, strpbrk(b, "ni") ? "null" : b);
}

void json_fixed(struct json *j, const char *key, double v, int decimals)
{
	if (json_value(j, key))
		buf_printf(j->out, "%.*f", decimals, v);
}

void json_str(struct json *j, const char *key, const char *v)
{
	if (!json_value(j, key))
		return;
	if (v)
		buf_json(j->out, v);
	else
		buf_puts(j->out, "null");
}

void json_bool(struct json *j, const char *key, int v)
{
	if (json_value(j, key))
		buf_puts(j->out, v ? "true" : "false");
}

void json_raw(struct json *j, const char *key, const char *text)
{
	if (json_value(j, key))
		buf_puts(j->out, text);
}
