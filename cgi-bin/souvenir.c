/* /souvenir: a postcard of a finished round for one player, to print or
 * keep: the ocean floor the round was played on, the player's track (from
 * its /location calls), the treasures it took and where, its name, rank
 * and time, and the round's date.  The answer is an SVG image.
 *
 *   /souvenir?world=class3&id=4&round=2  -> <svg ...> (open it in a browser)
 *   /souvenir?world=class3&id=4&round=3  -> 409: round 3 is not over yet: its
 *        postcards are made when it ends (see /round)
 *   /souvenir?world=class3&id=99&round=2 -> 404: player 99 did not play in round 2 ...
 * Worst case: 2025 squares of sea floor, and the track's rows of the round.
 */
#include "mocean.h"

static void souvenir(struct request *rq)
{
	souvenir_svg(rq, arg_int(rq, "id"), arg_int(rq, "round"));
}

static const struct route route = {
	.name = "souvenir",
	.game = GAME_MOCEAN,
	.order = 25,
	.about = "a postcard of a finished round: your track, treasures and rank",
	.example = "/souvenir?world=demo&id=0&round=1",
	.keys = {
		{ .name = "id", .type = KEY_INT, .required = 1, .min = 0, .max = 1e9 },
		{ .name = "round", .type = KEY_INT, .required = 1, .min = 1, .max = 1e9 },
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = souvenir,
};

int main(void) { return serve(&route); }
