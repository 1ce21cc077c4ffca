/* test_query.c: reading the query string (lib/query.c). */
#include "query.h"
#include "unit.h"

#include <stdlib.h>

/* Parse raw; return the value of key (NULL when absent or on error). */
static const char *value(const char *raw, const char *key)
{
	static struct query q;
	char err[200];

	query_free(&q);
	if (query_parse(&q, raw, err, sizeof err) < 0)
		return NULL;
	return query_get(&q, key);
}

static int refused(const char *raw, const char *words)
{
	struct query q;
	char err[200] = "";
	int rc = query_parse(&q, raw, err, sizeof err);

	query_free(&q);
	return rc < 0 && strstr(err, words) != NULL;
}

int main(void)
{
	long long i;
	double d;
	char s[64];

	CHECK_STR(value("a=1&b=2", "b"), "2");
	CHECK_STR(value("message=hello%20world", "message"), "hello world");
	CHECK_STR(value("message=hello+world", "message"), "hello world");
	CHECK_STR(value("message=%E2%82%AC", "message"), "\xe2\x82\xac");
	CHECK_STR(value("message=+%20padded%09+", "message"), "padded");
	CHECK_STR(value("a=1&a=2", "a"), "2");            /* the last one wins */
	CHECK_STR(value("info&dataset=x", "info"), "");  /* a key with no '=' */
	CHECK_STR(value("a=x=y", "a"), "x=y");
	CHECK_STR(value("&&a=1&&", "a"), "1");
	CHECK(value("a=1", "b") == NULL);
	CHECK(value("", "a") == NULL);
	CHECK(refused("a=%zz", "%-escape"));
	CHECK(refused("a=%4", "%-escape"));
	CHECK(refused("a=50%", "%-escape"));
	CHECK(refused("a=%ff", "UTF-8"));            /* a lone continuation */
	CHECK(refused("a=%c0%af", "UTF-8"));         /* overlong '/' */
	CHECK(refused("a=%ed%a0%80", "UTF-8"));      /* a surrogate */
	CHECK(refused("a=%e2%82", "UTF-8"));         /* cut short */
	CHECK(refused("a=%f4%90%80%80", "UTF-8"));   /* above U+10FFFF */
	{
		char many[64 * 6 + 10] = "";
		for (int k = 0; k < 65; k++)
			snprintf(many + strlen(many), sizeof many - strlen(many), "k%d=1&", k);
		CHECK(refused(many, "too many keys"));
	}
	{
		char *big = malloc(QUERY_MAX_LEN + 10);
		memset(big, 'a', QUERY_MAX_LEN + 5);
		big[QUERY_MAX_LEN + 5] = '\0';
		CHECK(refused(big, "too long"));
		free(big);
	}
	strcpy(s, "a%2Bb+c");
	CHECK(url_decode(s) == 0);
	CHECK_STR(s, "a+b c");
	CHECK(utf8_valid("h\xc3\xa9llo", 6));
	CHECK(!utf8_valid("\xc3", 1));

	CHECK(parse_int("42", &i) == 0 && i == 42);
	CHECK(parse_int("-7", &i) == 0 && i == -7);
	CHECK(parse_int("+7", &i) == 0 && i == 7);
	CHECK(parse_int("9223372036854775807", &i) == 0);
	CHECK(parse_int("9223372036854775808", &i) < 0);
	CHECK(parse_int("12abc", &i) < 0);
	CHECK(parse_int("1.5", &i) < 0);
	CHECK(parse_int("", &i) < 0);
	CHECK(parse_int(" 1", &i) < 0);
	CHECK(parse_int(NULL, &i) < 0);
	CHECK(parse_real("12.5", &d) == 0 && d == 12.5);
	CHECK(parse_real("-3", &d) == 0 && d == -3);
	CHECK(parse_real("1e3", &d) == 0 && d == 1000);
	CHECK(parse_real("nan", &d) < 0);
	CHECK(parse_real("inf", &d) < 0);
	CHECK(parse_real("0x10", &d) < 0);
	CHECK(parse_real("1e999", &d) < 0);
	CHECK(parse_real("1.5.", &d) < 0);
	CHECK(parse_real("", &d) < 0);
	CHECK(is_word("fred42", 32));
	CHECK(!is_word("fred_42", 32));
	CHECK(!is_word("", 32));
	CHECK(!is_word("abc", 2));
	CHECK(!is_word("caf\xc3\xa9", 32));
	CHECK(is_host("localhost:8080"));
	CHECK(is_host("[::1]:8080"));
	CHECK(!is_host("evil.com/<script>"));
	value("", "x"); /* frees the last parse */
	UNIT_DONE();
}
