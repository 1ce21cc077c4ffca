/* test_names.c: lib's is_player_name (lib/player.c) against what Python's
 * str.isalnum() says, from the table tests/unit/names_table.py writes:
 * a sample of code points from many scripts, whole names, and a count and
 * sum over every code point. */
#include "http/buf.h"
#include "ocean/player.h"
#include "unit.h"

#include <unistr.h>

#include "names_table.h"

/* The code point c as a one-character C string in out. */
static const char *one(char out[8], ucs4_t c)
{
	int n = u8_uctomb((uint8_t *)out, c, 6);

	out[n > 0 ? n : 0] = '\0';
	return out;
}

int main(void)
{
	unsigned long long count = 0, sum = 0;
	char text[8];
	int wrong = 0;

	for (size_t i = 0; i < LEN(code_points); i++)
		if (is_player_name(one(text, code_points[i].cp)) != code_points[i].alnum) {
			fprintf(stderr, "U+%04X: Python says %d\n", code_points[i].cp,
				code_points[i].alnum);
			wrong++;
		}
	CHECK(wrong == 0);
	for (size_t i = 0; i < LEN(names); i++)
		if (is_player_name(names[i].text) != names[i].name) {
			fprintf(stderr, "\"%s\": Python says %d\n", names[i].text, names[i].name);
			wrong++;
		}
	CHECK(wrong == 0);

	/* Every code point: the same letters and digits as Python. */
	for (ucs4_t c = 1; c <= 0x10FFFF; c++)
		if ((c < 0xD800 || c > 0xDFFF) && is_player_name(one(text, c))) {
			count++;
			sum += c;
		}
	CHECK(count == ALNUM_COUNT);
	CHECK(sum == ALNUM_SUM);

	/* Bytes that are not UTF-8 (lib refuses them earlier, but still). */
	CHECK(!is_player_name("\xff"));
	CHECK(!is_player_name("caf\xc3"));          /* cut short */
	CHECK(!is_player_name("\xc0\xaf"));         /* overlong */
	CHECK(!is_player_name("\xed\xa0\x80"));     /* a surrogate */
	CHECK(!is_player_name("ab\xf4\x90\x80\x80")); /* above U+10FFFF */
	UNIT_DONE();
}
