"""A world file made by an earlier release (schema version 1, or 2) keeps its
players and their treasures, and gains what later releases add (secret words,
locks, limits, a view code; rounds, the class roster, names compared by their
skeletons), the first time any route opens it, in both serving modes."""
import os

from conftest import give_to_server_user, run_sql

# The world schema of the previous release, as it made new files.
VERSION_1 = (
    "CREATE TABLE world (seed INTEGER NOT NULL, bloom INTEGER NOT NULL DEFAULT 0,"
    " next_id INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL);"
    "CREATE TABLE player (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " playing INTEGER NOT NULL DEFAULT 1, x REAL NOT NULL, y REAL NOT NULL,"
    " z REAL NOT NULL DEFAULT 0, vx REAL NOT NULL DEFAULT 0, vy REAL NOT NULL DEFAULT 0,"
    " heading REAL NOT NULL, t REAL NOT NULL, wrapped INTEGER NOT NULL DEFAULT 0,"
    " whale INTEGER NOT NULL DEFAULT -1, inbox TEXT, joined REAL NOT NULL);"
    "CREATE UNIQUE INDEX player_name ON player(name) WHERE playing = 1;"
    "CREATE TABLE item (seq INTEGER PRIMARY KEY, player INTEGER NOT NULL,"
    " kind TEXT NOT NULL, name TEXT NOT NULL, amount REAL);"
    "CREATE INDEX item_player ON item(player);"
    "CREATE TABLE taken (treasure INTEGER PRIMARY KEY, player INTEGER NOT NULL,"
    " time REAL NOT NULL);"
    "CREATE TABLE hits (route TEXT PRIMARY KEY, n INTEGER NOT NULL);"
    "CREATE TABLE track (time REAL NOT NULL, player TEXT NOT NULL, x REAL NOT NULL,"
    " y REAL NOT NULL, z REAL NOT NULL);"
    "CREATE TABLE sighting (time REAL NOT NULL, player TEXT NOT NULL, thing TEXT NOT NULL,"
    " x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL);"
    "CREATE TABLE sounding (time REAL NOT NULL, name TEXT NOT NULL, x REAL NOT NULL,"
    " y REAL NOT NULL, depth REAL NOT NULL);"
)


def old_world(data_dir, name):
    """A version-1 world file with fred (id 0) holding the binoculars."""
    worlds = os.path.join(data_dir, "worlds")
    os.makedirs(worlds, exist_ok=True)
    give_to_server_user(worlds)
    path = os.path.join(worlds, name + ".db")
    for sql in VERSION_1.split(";")[:-1] + [
            "PRAGMA journal_mode=WAL",
            "INSERT INTO world (seed, next_id, created) VALUES (42, 1, 0)",
            "INSERT INTO player (id, name, x, y, heading, t, joined) VALUES (0, 'fred', 100, 120, 0, 0, 0)",
            "INSERT INTO item (player, kind, name, amount) VALUES (0, 'air tank', 'air tank', 1.0)",
            "INSERT INTO item (player, kind, name) VALUES (0, 'treasure', 'binoculars')",
            "INSERT INTO hits VALUES ('location', 7)",
            "PRAGMA user_version=1"]:
        run_sql(path, sql)
    return path


def test_a_world_of_the_previous_release_plays_on(make_server):
    s = make_server()
    path = old_world(s.data_dir, "lastyear")
    # A route that only reads opens it first: the upgrade happens all the same.
    assert s.text("who", world="lastyear") == "there are 1 players: fred "
    assert s.text("location", id=0, world="lastyear").startswith("100.0,120.0,0.0,")
    assert "binoculars" in s.text("inventory", id=0, world="lastyear")
    assert run_sql(path, "PRAGMA user_version") == [(3,)]
    assert run_sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'hits'") == [(0,)]
    # What this release adds works on it.
    assert s.text("join", name="ann", secret="kelp", world="lastyear") == "1"
    assert s.get("location", id=1, world="lastyear").status_code == 403
    world = [w for w in s.get("admin", key=s.key, format="json").json()["worlds"]
             if w["name"] == "lastyear"][0]
    assert len(world["view"]) == 12 and world["locked"] is False
    # It keeps the first server's race for treasures, and its taken ones.
    assert world["treasures"] == "shared"
    assert run_sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'taken_player'") == [(1,)]
    assert s.text("admin", key=s.key, do="lock", world="lastyear")
    assert s.text("join", name="bob", world="lastyear") == "-1"
    # Rounds, on a world from before them.
    assert s.text("round", world="lastyear").startswith("no round yet")
    assert s.get("admin", key=s.key, do="round", minutes="1", world="lastyear").status_code == 200
    assert s.text("round", world="lastyear") == "lobby"
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]


# What version 2 added to version 1 (lib/store/schema.c's WORLD_UPGRADE_2).
TO_VERSION_2 = [
    "ALTER TABLE world ADD COLUMN locked INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE world ADD COLUMN rate_limit INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE world ADD COLUMN view TEXT NOT NULL DEFAULT ''",
    "UPDATE world SET view = 'aaaabbbbcccc'",
    "ALTER TABLE player ADD COLUMN secret TEXT",
    "CREATE INDEX player_riding ON player(whale) WHERE playing = 1 AND whale >= 0",
    "DROP TABLE hits",
    "PRAGMA user_version=2",
]


def test_a_world_of_version_2_gains_the_class_roster(make_server):
    s = make_server()
    path = old_world(s.data_dir, "lastterm")
    for sql in TO_VERSION_2:
        run_sql(path, sql)
    # fred plays there already, without a word.
    assert s.text("who", world="lastterm") == "there are 1 players: fred "
    assert run_sql(path, "PRAGMA user_version") == [(3,)]
    assert run_sql(path, "SELECT count(*) FROM roster") == [(0,)]
    # Without a roster, it admits anybody, as it did.
    assert s.text("join", name="gil", world="lastterm") == "1"
    # A roster: fred keeps his treasure and gets the roster's word.
    r = s.get("admin", key=s.key, do="roster", world="lastterm", names="fred,ann", format="json")
    words = {n["name"]: n["secret"] for n in r.json()["roster"]}
    assert s.get("inventory", id=0, world="lastterm").status_code == 403
    assert "binoculars" in s.text("inventory", id=0, secret=words["fred"], world="lastterm")
    assert s.text("join", name="ann", secret=words["ann"], world="lastterm") == "2"
    assert s.text("join", name="hal", world="lastterm") == "-1"
    assert s.get("admin", key=s.key, world="lastterm", format="json").json()["worlds"][0]["view"] == "aaaabbbbcccc"
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]


def test_players_of_an_upgraded_world_are_found_by_their_look_alikes(make_server):
    """SQL cannot make a skeleton: the players already there have none until
    the next /join gives them theirs, and every lookup finds them meanwhile."""
    s = make_server()
    path = old_world(s.data_dir, "oldnames")
    run_sql(path, "INSERT INTO player (id, name, x, y, heading, t, joined) VALUES (1, 'ann', 5, 5, 0, 0, 0)")
    run_sql(path, "UPDATE world SET next_id = 2")
    assert s.text("who", world="oldnames") == "there are 2 players: fred ann "     # upgraded
    assert run_sql(path, "SELECT skeleton FROM player ORDER BY id") == [(None,), (None,)]
    assert s.text("id", name="Fred", world="oldnames") == "0"
    assert s.text("id", name="\uff41\uff4e\uff4e", world="oldnames") == "1"      # ａｎｎ
    assert s.text("admin", key=s.key, do="newsecret", name="ANN", secret="kelp", world="oldnames")
    assert s.get("puzzle", solution="leaf", name="Ann", world="oldnames").status_code == 403
    assert s.text("join", name="\U0001d41f\U0001d42b\U0001d41e\U0001d41d", world="oldnames") == "0"
    assert run_sql(path, "SELECT skeleton FROM player ORDER BY id") == [("fred",), ("ann",)]
    assert s.text("join", name="Ann", world="oldnames") == "-1"                     # her word
    assert s.text("join", name="Ann", secret="kelp", world="oldnames") == "1"
    assert s.text("who", world="oldnames") == "there are 2 players: fred ann "
    plan = run_sql(path, "EXPLAIN QUERY PLAN SELECT id FROM player WHERE skeleton = 'fred'"
                   " AND playing = 1 UNION ALL SELECT id FROM player WHERE skeleton IS NULL"
                   " AND playing = 1 ORDER BY id")
    assert [row[-1] for row in plan if "player" in row[-1]] == [
        "SEARCH player USING INDEX player_skeleton (skeleton=?)"] * 2
