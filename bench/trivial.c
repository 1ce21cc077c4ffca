/* trivial.c: the bench's floor and ceiling: the cheapest program there is.
 * Run once per request, it is the floor of CGI itself; kept running by
 * mod_fastcgi, it is the ceiling of event mode.  make bench measures the
 * real routes beside it in the same run, so their speed reads as a ratio.
 * It is the obvious libfcgi loop (FCGI_Accept), the ceiling event mode's
 * targets are set against; bench/bare.c is the same nothing on mocean's own
 * loop.  Built and linked as the routes are. */
#include <fcgi_stdio.h>

int main(void)
{
	while (FCGI_Accept() >= 0)
		fputs("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok",
		      stdout);
	return 0;
}
