/* mocean.h: everything a route file needs, in one include. */
#ifndef MOCEAN_H
#define MOCEAN_H

#include "buf.h"
#include "db.h"
#include "fmt.h"
#include "player.h"
#include "prime.h"
#include "pynum.h"
#include "query.h"
#include "reply.h"
#include "request.h"
#include "schema.h"
#include "worlds.h"
#include "scores.h"
#include "serve.h"
#include "sight.h"
#include "steps.h"
#include "items.h"
#include "overview.h"
#include "secret.h"
#include "teacher.h"
#include "world.h"

#endif
