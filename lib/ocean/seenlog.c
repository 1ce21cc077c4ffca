/* seenlog.c: each player's last requests, kept and read (see seenlog.h). */
#include "ocean/seenlog.h"
#include "ocean/limit.h"
#include "ocean/secret.h"
#include "ocean/worlds.h"
#include "store/tally.h"

void seenlog_record(struct request *rq)
{
	struct tally *t = NULL;
	long long id;

	if (rq->route->unlogged || rq->reply.status == 403)
		return;
	if (rq->has_me) {
		id = rq->me.id;
		t = &rq->kept->tally;
	} else {
		id = limit_player(rq, &t);
	}
	if (id >= 0 && t)
		seen_add(tally_seen(t), id, rq->now, rq->route->name, rq->in.query,
			 rq->reply.status, buf_str(&rq->reply.text), rq->in.addr);
}

int seenlog_read(struct request *rq, long long id, struct seen_request out[SEEN_KEPT])
{
	struct player p;
	int found = player_load(rq, id, &p);

	if (rq->db->failed) {
		answer_fault(rq, rq->db);
		return -1;
	}
	if (!found) {
		fail(rq, 404, "there is no player %lld in %s: see /who?world=%s, "
		     "or /join", id, rq->world_name, rq->world_name);
		return -1;
	}
	if (!secret_allows(rq, &p))
		return -1;
	return seen_read(tally_seen(&rq->kept->tally), id, out);
}
