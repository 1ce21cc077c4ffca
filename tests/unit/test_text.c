/* test_text.c: buffers and escaping (lib/buf.c), Python literals
 * (lib/items.c), and reading a Steps guess (lib/steps.c). */
#include "http/buf.h"
#include "ocean/items.h"
#include "ocean/steps.h"
#include "unit.h"

int main(void)
{
	struct buf b = {0};

	buf_html(&b, "<a href=\"x\">Tom & 'Jerry'</a>");
	CHECK_STR(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	buf_clear(&b);
	buf_json(&b, "say \"hi\"\\\n\t\x01 caf\xc3\xa9");
	CHECK_STR(buf_str(&b), "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 caf\xc3\xa9\"");
	buf_clear(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len == strlen(b.s) && strncmp(b.s + b.len - 4, "999,", 4) == 0);
	buf_clear(&b);
	buf_python(&b, "boat hook");
	buf_python(&b, "Kick 'em Jenny");
	buf_python(&b, "it's \"quoted\"");
	buf_python(&b, "back\\slash");
	CHECK_STR(buf_str(&b), "'boat hook'\"Kick 'em Jenny\"'it\\'s \"quoted\"''back\\\\slash'");
	buf_free(&b);
	CHECK_STR(buf_str(&b), "");

	{
		unsigned long long n = 0;
		CHECK(level_read_guess("hello", &n) == NOT_A_NUMBER);
		CHECK(level_read_guess("", &n) == NOT_A_NUMBER);
		CHECK(level_read_guess("nan", &n) == NOT_A_NUMBER);
		CHECK(level_read_guess("12.5", &n) == NOT_WHOLE);
		CHECK(level_read_guess("-3", &n) == NEGATIVE);
		CHECK(level_read_guess("-2.5", &n) == NOT_WHOLE);
		CHECK(level_read_guess("-1e30", &n) == NEGATIVE);
		CHECK(level_read_guess("-99999999999999999999", &n) == NEGATIVE);
		CHECK(level_read_guess("101.0", &n) == WHOLE && n == 101);
		CHECK(level_read_guess("1e3", &n) == WHOLE && n == 1000);
		CHECK(level_read_guess("0", &n) == WHOLE && n == 0);
		CHECK(level_read_guess("-0", &n) == WHOLE && n == 0);
		CHECK(level_read_guess("-0.0", &n) == WHOLE && n == 0);
		CHECK(level_read_guess(" 1_01\xc2\xa0", &n) == WHOLE && n == 101);
		CHECK(level_read_guess("\xd9\xa1\xd9\xa0\xd9\xa1", &n) == WHOLE && n == 101);
		CHECK(level_read_guess("18446744073709551615", &n) == WHOLE &&
		      n == 18446744073709551615ULL);
		CHECK(level_read_guess("18446744073709551616", &n) == TOO_BIG);
		CHECK(level_read_guess("18446744073709551629", &n) == TOO_BIG);
		CHECK(level_read_guess("18446744073709551629.5", &n) == TOO_BIG);
		CHECK(level_read_guess("1e300", &n) == TOO_BIG);
		CHECK(level_read_guess("1e999", &n) == TOO_BIG);
		CHECK(level_read_guess("inf", &n) == TOO_BIG);
		CHECK(level_read_guess("1e19", &n) == WHOLE && n == 10000000000000000000ULL);
	}
	UNIT_DONE();
}
