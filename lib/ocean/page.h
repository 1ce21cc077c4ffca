/* page.h: the one web page every route and Steps level answers a person
 * with (client=browser, or a browser's address bar: reply.h decides), its
 * refusals (400, 403, 404, 429 ...) too, laid out like the students' page (www/style.css) and readable on a projector: the address
 * that was asked and the reply in large type, then a form for the next try
 * that builds the next address, shows it as it is typed, and opens it
 * (www/page.js).
 *
 * The page is well-formed XHTML, so a test (or a program) can parse it:
 *   <p class="asked">You asked <code id="asked">http://HOST/begin?message=97</code></p>
 *   <pre id="reply" class="reply">97 is prime, nice! ...</pre>
 *   <p class="next">Next: <a href="/beguine?client=browser">/beguine</a></p>  (a level solved)
 *   <form id="next" method="get" action="/begin"> a field per key, and
 *     <code id="address">http://HOST/begin?message=97</code> </form> */
#ifndef MOCEAN_PAGE_H
#define MOCEAN_PAGE_H

#include "http/buf.h"

struct request;

/* The page for the request's answer (rq->reply: its text and status, and
 * the next level a solved Steps level names) appended to out.  The form
 * sends to the route again with the route's keys as fields, prefilled from
 * the request (world=, and name= for a Steps level, too; secret= and key=
 * as hidden-text fields when sent; client= kept as sent); after a solved
 * level, to the next level, with its key and the name.  A route with no
 * keys (and /notfound) gets one field holding the whole address. */
void page_write(struct buf *out, const struct request *rq);

#endif
