/* mocean.h: everything a route file needs, in one include: the request's
 * verbs (request.h, reply.h), the ocean and its players, the statements a
 * lesson runs on its world (db.h), the Steps, data and teacher helpers.
 * How a store is opened and kept is not here. */
#ifndef MOCEAN_H
#define MOCEAN_H

#include "http/buf.h"
#include "http/fmt.h"
#include "http/json.h"
#include "http/names.h"
#include "http/pynum.h"
#include "http/query.h"
#include "store/db.h"
#include "store/schema.h"
#include "ocean/explain.h"
#include "store/bot.h"
#include "ocean/items.h"
#include "ocean/player.h"
#include "ocean/prime.h"
#include "ocean/reply.h"
#include "ocean/round.h"
#include "ocean/request.h"
#include "ocean/roster.h"
#include "ocean/secret.h"
#include "ocean/seenlog.h"
#include "ocean/sight.h"
#include "ocean/souvenir.h"
#include "ocean/steps.h"
#include "ocean/world.h"
#include "ocean/worlds.h"
#include "data/datapage.h"
#include "data/datareply.h"
#include "data/datasql.h"
#include "teacher/overview.h"
#include "teacher/rounds.h"
#include "teacher/scores.h"
#include "teacher/teacher.h"
#include "teacher/classlist.h"
#include "teacher/arena.h"
#include "serve.h"

#endif
