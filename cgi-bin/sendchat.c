/* /sendchat: send a message to another player.  Each player has a one-message
 * inbox: while a message waits unread, no other can be sent.  Sending stops
 * you (you cannot swim and type), even when the message is refused; a
 * refused message is delivered to nobody.
 *
 *   /sendchat?id=0&name=wilma&message=hello  -> message sent to wilma
 *   wilma then reads, with /popchat:            player fred tells you: hello
 *   unknown player, empty message, full inbox -> a sentence each
 * Worst case: a 500-byte message, one lookup, one player written.
 */
#include "mocean.h"

static const char SQL_DELIVER[] =
	"UPDATE player SET inbox = ? WHERE id = ? AND inbox IS NULL";

static void sendchat(struct request *rq)
{
	const char *to = arg(rq, "name");
	const char *message = arg(rq, "message");
	struct buf text = {0};
	struct player friend;
	int sent = 0;

	player_stop(&rq->me); /* you cannot swim and type, whatever happens next */
	if (!player_find(rq, to, &friend))
		say(rq, "there is no player called %s in this ocean", to);
	else if (!*message)
		say(rq, "your message is empty: add message=... to say something");
	else if (player_message_waiting(rq, friend.id))
		say(rq, "%s's inbox is full: wait until they read it with /popchat", friend.name);
	else {
		buf_printf(&text, "player %s tells you: %s", rq->me.name, message);
		sent = db_exec(rq->db, SQL_DELIVER, "ti", buf_str(&text), friend.id) == 0;
		say(rq, "message sent to %s", friend.name);   /* Fred is fred */
	}
	json_bool(&rq->reply.json, "sent", sent);
	buf_free(&text);
}

static const struct route route = {
	.name = "sendchat",
	.game = GAME_MOCEAN,
	.order = 21,
	.about = "send a message to a player",
	.example = "/sendchat?id=0&name=wilma&message=hello&world=demo",
	.usage = "id, name, message",
	.reply = "sends to NAME's one-message inbox",
	.json = "sent",
	.keys = {
		PLAYER_ID,
		{ .name = "name", .type = KEY_TEXT, .longest = PLAYER_NAME_BYTES },
		{ .name = "message", .type = KEY_TEXT, .longest = 500 },
	},
	.store = STORE_WORLD,
	.handle = sendchat,
};

int main(void) { return serve(&route); }
