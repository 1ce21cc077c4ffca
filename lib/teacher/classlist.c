/* classlist.c: do=roster and do=unroster (see classlist.h). */
#include "teacher/classlist.h"
#include "teacher/words.h"
#include "ocean/roster.h"
#include "ocean/reply.h"
#include "ocean/player.h"
#include "ocean/secret.h"
#include "http/names.h"
#include "http/json.h"
#include "http/query.h"
#include "sys/sys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOWN_BYTES 80   /* of a refused name, in its refusal */

/* The names of a class list, cut at its commas, each trimmed of
 * spaces: at most max of them into out (pointers into text, changed in
 * place).  Returns how many there were, or max + 1 past max. */
static int classlist_split(char *text, char **out, int max)
{
	int n = 0;

	for (char *s = strtok(text, ","); s; s = strtok(NULL, ",")) {
		char *end = s + strlen(s);
		while (*s == ' ' || *s == '\t')
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (!*s)
			continue;   /* "ann,,ben" or a blank line */
		if (n == max)
			return max + 1;
		out[n++] = s;
	}
	return n;
}

/* name cut to SHOWN_BYTES at a whole character, for a refusal. */
static void classlist_shown(const char *name, char out[SHOWN_BYTES + 1])
{
	size_t len = strlen(name);

	if (len > SHOWN_BYTES) {
		len = SHOWN_BYTES;
		while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
			len--;   /* not inside a UTF-8 character */
	}
	memcpy(out, name, len);
	out[len] = '\0';
}

/* 1 after fail(rq, 400, ...) when names[0..n) may not join the roster (a
 * name that is not one, or more than it holds with the names on it
 * already); else 0. */
static int classlist_refused(struct request *rq, char **names, int n)
{
	char shown[SHOWN_BYTES + 1];
	int have = roster_size(rq);
	int fresh = 0;
	struct roster_entry e;

	if (n == 0) {
		fail(rq, 400, "names= holds no name: list the class, like names=ann,ben");
		return 1;
	}
	for (int i = 0; i < n && n <= ROSTER_MAX; i++) {
		const char *why = NULL;

		if (!is_player_name(names[i]) || (why = name_refusal(names[i]))) {
			classlist_shown(names[i], shown);
			fail(rq, 400, "%s is not a name (%s): fix it in the list; nothing "
			     "was added", shown, why ? why : "1 to 64 letters and digits, like ann");
			return 1;
		}
		fresh += !roster_find(rq, names[i], &e);
	}
	if (n > ROSTER_MAX || have + fresh > ROSTER_MAX) {
		fail(rq, 400, "a roster holds at most %d names and %s has %d: "
		     "split the class into two worlds; nothing was added",
		     ROSTER_MAX, arg(rq, "world"), have);
		return 1;
	}
	return 0;
}

/* Put one name on the roster (or find it there), and say it with its word. */
static int classlist_put(struct request *rq, const char *name)
{
	struct roster_entry e;
	struct player p;
	int had = roster_find(rq, name, &e);

	if (!had) {
		words_make_secret(e.word, sizeof e.word);
		snprintf(e.name, sizeof e.name, "%s", name);
		if (roster_add(rq, name, e.word) < 0)
			return -1;
		/* Playing already: the teacher's word protects it from now on. */
		if (player_find(rq, name, &p) && secret_give(rq, p.id, e.word) < 0)
			return -1;
	}
	say(rq, "\n%s %s%s", e.name, e.word, had ? " (on the roster already: "
	    "the same word)" : "");
	json_object(&rq->reply.json, NULL);
	json_str(&rq->reply.json, "name", e.name);
	json_str(&rq->reply.json, "secret", e.word);
	json_bool(&rq->reply.json, "added", !had);
	json_end(&rq->reply.json);
	return 0;
}

void classlist_add(struct request *rq)
{
	char *text = xstrdup(arg(rq, "names"));
	char **names = xmalloc((ROSTER_MAX + 1) * sizeof *names);
	int n = classlist_split(text, names, ROSTER_MAX);

	if (!classlist_refused(rq, names, n)) {
		say(rq, "%d name%s on the roster of %s, each with its secret word "
		    "(only these names may join now):", n, n == 1 ? "" : "s",
		    arg(rq, "world"));
		json_array(&rq->reply.json, "roster");
		for (int i = 0; i < n && classlist_put(rq, names[i]) == 0; i++)
			;
		json_end(&rq->reply.json);
	}
	free(names);
	free(text);
}

void classlist_remove(struct request *rq)
{
	struct roster_entry e;
	struct player p;
	int playing;

	if (!roster_find(rq, arg(rq, "name"), &e)) {
		fail(rq, 404, "%s is not on the roster of %s: check the name in the "
		     "overview", arg(rq, "name"), arg(rq, "world"));
		return;
	}
	playing = player_find(rq, e.name, &p);
	if (roster_remove(rq, &e) < 0 || (playing && player_remove(rq, p.id) < 0))
		return;
	say(rq, "%s is off the roster of %s%s", e.name, arg(rq, "world"),
	    playing ? " and has left the game" : "");
	if (roster_size(rq) == 0)
		say(rq, "; the roster is empty, so %s admits every name again "
		    "(do=lock needs a word of each)", arg(rq, "world"));
}
