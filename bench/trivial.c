/* trivial.c: the bench's floor: the cheapest CGI there is.  make bench runs
 * it beside the real routes, so their speed reads as a ratio to this. */
#include <stdio.h>

int main(void)
{
	fputs("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok",
	      stdout);
	return 0;
}
