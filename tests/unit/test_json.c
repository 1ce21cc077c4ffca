/* test_json.c: the JSON writer tracks nesting, commas and keys, and prints
 * numbers and strings as the first server did (lib/json.c). */
#include "http/json.h"
#include "unit.h"

#include <math.h>

/* Nested objects and arrays, with the commas where they belong. */
static void test_nesting(void)
{
	struct buf out = {0};
	struct json j;

	json_start(&j, &out);
	json_object(&j, NULL);
	json_int(&j, "id", 3);
	json_array(&j, "levels");
	json_str(&j, NULL, "steps");
	json_str(&j, NULL, "puzzle");
	json_end(&j);
	json_array(&j, "none");
	json_end(&j);
	json_object(&j, "routes");
	json_int(&j, "dive", 2);
	json_int(&j, "look", 5);
	json_end(&j);
	json_array(&j, "rows");
	json_array(&j, NULL);
	json_fixed(&j, NULL, 1.25, 1);
	json_fixed(&j, NULL, 30, 1);
	json_end(&j);
	json_object(&j, NULL);
	json_end(&j);
	json_end(&j);
	json_bool(&j, "riding", 0);
	json_end(&j);
	CHECK(j.depth == 0);
	CHECK_STR(buf_str(&out), "{\"id\":3,\"levels\":[\"steps\",\"puzzle\"],\"none\":[],"
		  "\"routes\":{\"dive\":2,\"look\":5},\"rows\":[[1.2,30.0],{}],"
		  "\"riding\":false}");
	buf_free(&out);
}

/* Values: reals as Python's repr, null for a NULL string and for NaN, text
 * escaped as buf_json escapes it, raw digits as they are. */
static void test_values(void)
{
	struct buf out = {0};
	struct json j;

	json_start(&j, &out);
	json_array(&j, NULL);
	json_real(&j, NULL, 0.1);
	json_real(&j, NULL, 188);
	json_real(&j, NULL, 1e16);
	json_real(&j, NULL, 1.5e-7);
	json_real(&j, NULL, NAN);
	json_real(&j, NULL, -INFINITY);
	json_str(&j, NULL, NULL);
	json_str(&j, NULL, "a\"b\\c\n\b\x1f José");
	json_raw(&j, NULL, "100000000000000000036");
	json_int(&j, NULL, -9223372036854775807LL - 1);
	json_bool(&j, NULL, 7);
	json_end(&j);
	CHECK_STR(buf_str(&out), "[0.1,188.0,1e+16,1.5e-07,null,null,null,"
		  "\"a\\\"b\\\\c\\n\\u0008\\u001f José\",100000000000000000036,"
		  "-9223372036854775808,true]");
	buf_free(&out);
}

/* The members of an object already open: every field after a comma. */
static void test_members(void)
{
	struct buf out = {0};
	struct json j;

	json_members(&j, &out);
	json_int(&j, "id", 0);
	json_array(&j, "things");
	json_end(&j);
	CHECK_STR(buf_str(&out), ",\"id\":0,\"things\":[]");
	CHECK(j.depth == 1);
	buf_free(&out);
}

/* A writer without a buffer writes nothing (a reply that is not JSON). */
static void test_nowhere(void)
{
	struct json j;

	json_members(&j, NULL);
	json_array(&j, "things");
	json_int(&j, NULL, 1);
	json_end(&j);
	json_str(&j, "name", "fred");
	CHECK(j.out == NULL);
}

/* Rows: one a line after the first, as /data writes them; nested values
 * keep their plain commas. */
static void test_rows(void)
{
	struct buf out = {0};
	struct json j;

	json_start(&j, &out);
	json_rows(&j, NULL);
	for (int i = 0; i < 3; i++) {
		json_object(&j, NULL);
		json_int(&j, "x", i);
		json_str(&j, "name", "a");
		json_end(&j);
	}
	json_end(&j);
	CHECK_STR(buf_str(&out), "[{\"x\":0,\"name\":\"a\"},\n{\"x\":1,\"name\":\"a\"},\n"
		  "{\"x\":2,\"name\":\"a\"}]");
	buf_free(&out);
}

int main(void)
{
	test_rows();
	test_nesting();
	test_values();
	test_members();
	test_nowhere();
	UNIT_DONE();
}
