/* bare.c: the trivial program again, served by mocean's own loop
 * (lib/http/conn.c: the reply and the end of the request in one write, the
 * socket closed without waiting for lighttpd).  make bench shows it beside
 * the trivial responder on libfcgi's plain loop (trivial.c), so the gain of
 * the loop itself is seen apart from the routes' work. */
#include "http/conn.h"

int main(void)
{
	static const char reply[] =
		"Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok";
	struct conn c = {0};

	while (conn_accept(&c))
		conn_reply(&c, reply, sizeof reply - 1);
	conn_close(&c);
	return 0;
}
