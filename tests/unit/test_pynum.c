/* test_pynum.c: numbers and words read as Python reads them (lib/pynum.c),
 * compared with what Python 3 itself answered for each text (the tables
 * below were made with /usr/bin/python3: int(), float(), a + b, split()). */
#include "http/pynum.h"
#include "unit.h"

#include <limits.h>
#include <unictype.h>

/* Generated with Python 3.11.2: int(text) and float(text) of each text. */
static const struct { const char *text, *as_int; double as_float; int float_ok; } PY[] = {
	{ "0", "0", 0x0.0p+0, 1 },  /* 0 */
	{ "7", "7", 0x1.c000000000000p+2, 1 },  /* 7 */
	{ "-7", "-7", -0x1.c000000000000p+2, 1 },  /* -7 */
	{ "+7", "7", 0x1.c000000000000p+2, 1 },  /* +7 */
	{ "007", "7", 0x1.c000000000000p+2, 1 },  /* 007 */
	{ "-0", "0", -0x0.0p+0, 1 },  /* -0 */
	{ "+0", "0", 0x0.0p+0, 1 },  /* +0 */
	{ "0_7", "7", 0x1.c000000000000p+2, 1 },  /* 0_7 */
	{ "1_01", "101", 0x1.9400000000000p+6, 1 },  /* 1_01 */
	{ "1_000_000", "1000000", 0x1.e848000000000p+19, 1 },  /* 1_000_000 */
	{ "_1", NULL, 0, 0 },  /* _1 */
	{ "1_", NULL, 0, 0 },  /* 1_ */
	{ "1__0", NULL, 0, 0 },  /* 1__0 */
	{ "- 5", NULL, 0, 0 },  /* - 5 */
	{ "+-5", NULL, 0, 0 },  /* +-5 */
	{ "--5", NULL, 0, 0 },  /* --5 */
	{ "", NULL, 0, 0 },  /*  */
	{ " ", NULL, 0, 0 },  /*   */
	{ "+", NULL, 0, 0 },  /* + */
	{ "-", NULL, 0, 0 },  /* - */
	{ " 42 ", "42", 0x1.5000000000000p+5, 1 },  /*  42  */
	{ "\01142\012", "42", 0x1.5000000000000p+5, 1 },  /* \t42\n */
	{ "\302\2405\302\240", "5", 0x1.4000000000000p+2, 1 },  /* \xa05\xa0 */
	{ "\343\200\200 7\343\200\200", "7", 0x1.c000000000000p+2, 1 },  /* \u3000 7\u3000 */
	{ "\342\200\203-3\342\200\250", "-3", -0x1.8000000000000p+1, 1 },  /* \u2003-3\u2028 */
	{ "\0347", NULL, 0, 0 },  /* \x1c7 */
	{ "7\037", NULL, 0, 0 },  /* 7\x1f */
	{ "\342\200\2137", NULL, 0, 0 },  /* \u200b7 */
	{ "\302\2059", "9", 0x1.2000000000000p+3, 1 },  /* \x859 */
	{ "\331\241\331\240\331\241", "101", 0x1.9400000000000p+6, 1 },  /* \u0661\u0660\u0661 */
	{ "\340\271\221\340\271\222", "12", 0x1.8000000000000p+3, 1 },  /* \u0e51\u0e52 */
	{ "\360\235\237\217\360\235\237\220", "12", 0x1.8000000000000p+3, 1 },  /* \U0001d7cf\U0001d7d0 */
	{ "\302\262", NULL, 0, 0 },  /* \xb2 */
	{ "\342\221\240", NULL, 0, 0 },  /* \u2460 */
	{ "\331\243.\331\245", NULL, 0x1.c000000000000p+1, 1 },  /* \u0663.\u0665 */
	{ "\331\241_\331\240", "10", 0x1.4000000000000p+3, 1 },  /* \u0661_\u0660 */
	{ "1\302\240_0", NULL, 0, 0 },  /* 1\xa0_0 */
	{ "1\342\200\2005", NULL, 0, 0 },  /* 1\u20005 */
	{ "12abc", NULL, 0, 0 },  /* 12abc */
	{ "1.5", NULL, 0x1.8000000000000p+0, 1 },  /* 1.5 */
	{ "1.", NULL, 0x1.0000000000000p+0, 1 },  /* 1. */
	{ ".5", NULL, 0x1.0000000000000p-1, 1 },  /* .5 */
	{ ".", NULL, 0, 0 },  /* . */
	{ "5.", NULL, 0x1.4000000000000p+2, 1 },  /* 5. */
	{ "1_0.5", NULL, 0x1.5000000000000p+3, 1 },  /* 1_0.5 */
	{ "1._5", NULL, 0, 0 },  /* 1._5 */
	{ "1_.5", NULL, 0, 0 },  /* 1_.5 */
	{ "1e3", NULL, 0x1.f400000000000p+9, 1 },  /* 1e3 */
	{ "1E-3", NULL, 0x1.0624dd2f1a9fcp-10, 1 },  /* 1E-3 */
	{ "1.5e+3", NULL, 0x1.7700000000000p+10, 1 },  /* 1.5e+3 */
	{ "1e", NULL, 0, 0 },  /* 1e */
	{ "e3", NULL, 0, 0 },  /* e3 */
	{ ".e3", NULL, 0, 0 },  /* .e3 */
	{ "1e_3", NULL, 0, 0 },  /* 1e_3 */
	{ "1e3_0", NULL, 0x1.93e5939a08ceap+99, 1 },  /* 1e3_0 */
	{ "1_e3", NULL, 0, 0 },  /* 1_e3 */
	{ "1e+", NULL, 0, 0 },  /* 1e+ */
	{ "0x10", NULL, 0, 0 },  /* 0x10 */
	{ "0b1", NULL, 0, 0 },  /* 0b1 */
	{ "1,5", NULL, 0, 0 },  /* 1,5 */
	{ "1 5", NULL, 0, 0 },  /* 1 5 */
	{ "inf", NULL, INFINITY, 1 },  /* inf */
	{ "-Infinity", NULL, -INFINITY, 1 },  /* -Infinity */
	{ "+inf", NULL, INFINITY, 1 },  /* +inf */
	{ "INF", NULL, INFINITY, 1 },  /* INF */
	{ "nan", NULL, NAN, 1 },  /* nan */
	{ "-NaN", NULL, NAN, 1 },  /* -NaN */
	{ "infx", NULL, 0, 0 },  /* infx */
	{ "in_f", NULL, 0, 0 },  /* in_f */
	{ "infinit", NULL, 0, 0 },  /* infinit */
	{ "nan(1)", NULL, 0, 0 },  /* nan(1) */
	{ "1e999", NULL, INFINITY, 1 },  /* 1e999 */
	{ "-1e999", NULL, -INFINITY, 1 },  /* -1e999 */
	{ "1e-400", NULL, 0x0.0p+0, 1 },  /* 1e-400 */
	{ "2.2250738585072014e-308", NULL, 0x1.0000000000000p-1022, 1 },  /* 2.2250738585072014e-308 */
	{ "4.9e-324", NULL, 0x0.0000000000001p-1022, 1 },  /* 4.9e-324 */
	{ "0.1", NULL, 0x1.999999999999ap-4, 1 },  /* 0.1 */
	{ "0.30000000000000004", NULL, 0x1.3333333333334p-2, 1 },  /* 0.30000000000000004 */
	{ "9223372036854775807", "9223372036854775807", 0x1.0000000000000p+63, 1 },  /* 9223372036854775807 */
	{ "9223372036854775808", "9223372036854775808", 0x1.0000000000000p+63, 1 },  /* 9223372036854775808 */
	{ "-9223372036854775808", "-9223372036854775808", -0x1.0000000000000p+63, 1 },  /* -9223372036854775808 */
	{ "-9223372036854775809", "-9223372036854775809", -0x1.0000000000000p+63, 1 },  /* -9223372036854775809 */
	{ "18446744073709551615", "18446744073709551615", 0x1.0000000000000p+64, 1 },  /* 18446744073709551615 */
	{ "18446744073709551616", "18446744073709551616", 0x1.0000000000000p+64, 1 },  /* 18446744073709551616 */
	{ "99999999999999999999", "99999999999999999999", 0x1.5af1d78b58c40p+66, 1 },  /* 99999999999999999999 */
	{ "-99999999999999999999", "-99999999999999999999", -0x1.5af1d78b58c40p+66, 1 },  /* -99999999999999999999 */
	{ "000000000000000000000000000000000000010", "10", 0x1.4000000000000p+3, 1 },  /* 000000000000000000000000000000000000010 */
	{ "123456789012345678901234567890.5", NULL, 0x1.8ee90ff6c373ep+96, 1 },  /* 123456789012345678901234567890.5 */
	{ "\357\273\2771", NULL, 0, 0 },  /* \ufeff1 */
	{ "\331\243", "3", 0x1.8000000000000p+1, 1 },  /* \u0663 */
	{ "\360\235\237\227\360\235\237\227\360\235\237\227", "999", 0x1.f380000000000p+9, 1 },  /* \U0001d7d7\U0001d7d7\U0001d7d7 */
	{ "1\302\240\302\240", "1", 0x1.0000000000000p+0, 1 },  /* 1\xa0\xa0 */
};
/* Python: a + b */
static const char *const SUMS[][3] = {
	{ "0", "0", "0" },
	{ "5", "37", "42" },
	{ "-37", "37", "0" },
	{ "-38", "37", "-1" },
	{ "-36", "37", "1" },
	{ "99999999999999999999", "37", "100000000000000000036" },
	{ "-99999999999999999999", "37", "-99999999999999999962" },
	{ "-100000000000000000036", "37", "-99999999999999999999" },
	{ "9223372036854775807", "37", "9223372036854775844" },
	{ "963", "37", "1000" },
	{ "-1000", "1", "-999" },
	{ "1", "-1000", "-999" },
	{ "999", "1", "1000" },
	{ "-999", "-1", "-1000" },
	{ "12", "-12", "0" },
	{ "100", "-1", "99" },
};
/* Python: text.split()[0], or "" when text has no word */
static const char *const WORDS[][2] = {
	{ "passport please", "passport" },
	{ "  leaf it", "leaf" },
	{ "\302\240leaf\302\240it", "leaf" },
	{ "Leaf", "Leaf" },
	{ "", "" },
	{ "   ", "" },
	{ "32\343\200\200animals", "32" },
	{ "\034wigs\035x", "wigs" },
	{ "a\342\200\213b c", "a\342\200\213b" },
	{ "caf\303\251 au lait", "caf\303\251" },
};
/* Python: the code points above 127 that str.isspace() accepts */
static const unsigned SPACES[] = { 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000 };
/* Python: the code points whose unicodedata.decimal() is 0 (each starts a run 0..9) */
static const unsigned ZEROS[] = {
	0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66,
	0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
	0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
	0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0,
	0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0,
	0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730,
	0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
	0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950,
	0x1fbf0,
};

#define LEN(a) (sizeof (a) / sizeof (a)[0])

/* 1 when x and y are the same double (nan is nan; -0.0 is not 0.0). */
static int same(double x, double y)
{
	return (isnan(x) && isnan(y)) || (x == y && signbit(x) == signbit(y));
}

int main(void)
{
	char out[64];
	double d, nums[3];
	long long ll;
	size_t s = 0, z = 0;

	for (size_t i = 0; i < LEN(PY); i++) {
		int rc = py_int(PY[i].text, out, sizeof out);
		if (PY[i].as_int)
			CHECK_STR(rc == 0 ? out : PY[i].text, PY[i].as_int);
		else if (rc == 0)
			CHECK_STR(PY[i].text, "(Python's int() refuses this)");
		rc = py_float(PY[i].text, &d);
		if (PY[i].float_ok ? rc != 0 || !same(d, PY[i].as_float) : rc == 0)
			CHECK_STR(PY[i].text, "(Python's float() reads this otherwise)");
	}
	CHECK(py_int("12345", out, 6) == 0 && py_int("123456", out, 6) < 0);
	CHECK(py_int_ll(" 1_01 ", &ll) == 0 && ll == 101);
	CHECK(py_int_ll("99999999999999999999", &ll) == 1 && ll == LLONG_MAX);
	CHECK(py_int_ll("-99999999999999999999", &ll) == 1 && ll == LLONG_MIN);
	CHECK(py_int_ll("1.0", &ll) == -1);

	for (size_t i = 0; i < LEN(SUMS); i++) {
		CHECK(decimal_add(SUMS[i][0], SUMS[i][1], out, sizeof out) == 0);
		CHECK_STR(out, SUMS[i][2]);
	}
	CHECK(decimal_add("99", "1", out, 6) == 0 && strcmp(out, "100") == 0);
	CHECK(decimal_add("99", "1", out, 4) < 0);

	for (size_t i = 0; i < LEN(WORDS); i++) {
		int n = py_first_word(WORDS[i][0], out, sizeof out);
		CHECK(n == (int)strlen(WORDS[i][1]));
		CHECK_STR(n > 0 ? out : "", WORDS[i][1]);
	}
	CHECK(py_first_word("  passport please", out, 9) == 8);
	CHECK(py_first_word("  passport please", out, 8) == -1);

	/* Every code point: white space and decimal digits as Python has them. */
	CHECK(py_isspace(' ') && py_isspace('\t') && py_isspace(0x1c) && !py_isspace('a'));
	for (unsigned c = 128; c <= 0x10ffff; c++) {
		int space = s < LEN(SPACES) && SPACES[s] == c;
		int digit = z < LEN(ZEROS) && c >= ZEROS[z] && c < ZEROS[z] + 10;
		if (py_isspace(c) != space || uc_decimal_value(c) !=
		    (digit ? (int)(c - ZEROS[z]) : -1)) {
			fprintf(stderr, "code point %#x differs from Python\n", c);
			unit_failed++;
		}
		s += space;
		z += digit && c == ZEROS[z] + 9;
	}
	CHECK(s == LEN(SPACES) && z == LEN(ZEROS));

	CHECK(py_read_numbers("1,2;3 4", nums, 3) == 0 && nums[2] == 3);
	CHECK(py_read_numbers("10, 90", nums, 2) == 0 && nums[0] == 10 && nums[1] == 90);
	CHECK(py_read_numbers("1_0\xc2\xa0" "9\xd9\xa0", nums, 2) == 0 && nums[1] == 90);
	CHECK(py_read_numbers("1,2,3,x", nums, 3) == 0);   /* past n: not read */
	nums[0] = nums[1] = nums[2] = 7;
	CHECK(py_read_numbers("1,x,3", nums, 3) == -1);
	CHECK(py_read_numbers("1,inf,3", nums, 3) == -1);
	CHECK(py_read_numbers("1,2", nums, 3) == -1);
	CHECK(py_read_numbers("", nums, 3) == -1);
	CHECK(py_read_numbers(" ,;", nums, 3) == -1);
	CHECK(nums[0] == 7 && nums[1] == 7 && nums[2] == 7);   /* left as it was */
	UNIT_DONE();
}
