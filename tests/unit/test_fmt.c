/* test_fmt.c: numbers print as Python's repr() does (lib/fmt.c). */
#include "http/fmt.h"
#include "unit.h"

#include <stdlib.h>

static const char *real(double x)
{
	static char b[FMT_REAL_MAX];
	return fmt_real(b, x);
}

int main(void)
{
	CHECK_STR(real(188), "188.0");
	CHECK_STR(real(0), "0.0");
	CHECK_STR(real(-0.0), "-0.0");
	CHECK_STR(real(12.5), "12.5");
	CHECK_STR(real(0.1), "0.1");
	CHECK_STR(real(0.1 + 0.2), "0.30000000000000004");
	CHECK_STR(real(1.0 / 3), "0.3333333333333333");
	CHECK_STR(real(-2.75), "-2.75");
	CHECK_STR(real(1e-4), "0.0001");
	CHECK_STR(real(1e-5), "1e-05");
	CHECK_STR(real(1.5e-7), "1.5e-07");
	CHECK_STR(real(1e15), "1000000000000000.0");
	CHECK_STR(real(1e16), "1e+16");
	CHECK_STR(real(123456789012345680.0), "1.2345678901234568e+17");
	CHECK_STR(real(899.9999999999999), "899.9999999999999");
	CHECK_STR(real(5e-324), "5e-324");
	CHECK_STR(real(1.7976931348623157e308), "1.7976931348623157e+308");
	/* Below DBL_MIN a double holds fewer than 15 digits. */
	CHECK_STR(real(-2.1763764530768e-310), "-2.1763764530768e-310");
	CHECK_STR(real(2.2250738585072014e-308), "2.2250738585072014e-308");
	CHECK_STR(real(1e-310), "1e-310");
	CHECK_STR(real(120.5), "120.5");
	/* 17 digits rounded to 15 with a carry: 9.9999999999999992e+22. */
	CHECK_STR(real(1e23), "1e+23");
	CHECK_STR(real(123456.78901234567), "123456.78901234567");
	CHECK_STR(real(0.09999999999999999), "0.09999999999999999");
	CHECK_STR(real(0.1 + 0.7), "0.7999999999999999");
	CHECK_STR(real(0.000123), "0.000123");
	/* Every printed value reads back exactly. */
	for (int i = 1; i < 2000; i++) {
		double x = i * 0.37 / 7.0;
		CHECK(strtod(real(x), NULL) == x);
	}
	/* round() as Python's round(x, 2). */
	CHECK(fmt_round(2.675, 2) == 2.67); /* 2.675 is 2.67499999... in binary */
	CHECK(fmt_round(1.005, 2) == 1.0);
	CHECK(fmt_round(-3.14159, 2) == -3.14);
	CHECK(fmt_round(0.125, 2) == 0.12);  /* a true tie: to even */
	CHECK(fmt_round(50, 2) == 50.0);
	UNIT_DONE();
}
