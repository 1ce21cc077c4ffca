/* /notfound: what the server answers for a route it does not know.
 * lighttpd runs it for every address that matches nothing (a 404).
 *
 *   /jion?name=fred   -> 404: there is no route /jion here. Try /mocean for
 *                        the game's routes, or /steps for the puzzles.
 * Worst case: an address of up to 127 bytes checked and repeated once.
 */
#include "mocean.h"

#include <string.h>

/* The route part of the address the student typed ("/jion"). */
static void asked_route(const struct request *rq, char *out, size_t len)
{
	const char *uri = rq->in.uri;
	size_t n = strcspn(uri, "?");

	if (n == 0 || n >= len || !utf8_valid(uri, n))
		n = 0;
	memcpy(out, uri, n);
	out[n] = '\0';
}

static void notfound(struct request *rq)
{
	char route[128];

	asked_route(rq, route, sizeof route);
	fail(rq, 404, "there is no route %s here. Try /mocean for the game's "
		      "routes, or /steps for the puzzles.",
	     *route ? route : "like that");
}

static const struct route route = {
	.name = "notfound",
	.handle = notfound,
};

int main(void) { return serve(&route); }
