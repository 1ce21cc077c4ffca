/* bot.c: the students' bots as files in DATA_DIR/bots (see bot.h). */
#include "store/bot.h"
#include "sys/sys.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when text may name a folder of DATA_DIR/bots: no slash, not hidden. */
static int safe_name(const char *text)
{
	return text && *text && *text != '.' && !strchr(text, '/');
}

/* path = DATA_DIR/bots/WORLD/NAME/FILE (world, name or file may be NULL). */
static void bot_path(struct buf *path, const char *world, const char *name,
		     const char *file)
{
	buf_clear(path);
	buf_printf(path, "%s/bots", data_dir());
	if (world)
		buf_printf(path, "/%s", world);
	if (name)
		buf_printf(path, "/%s", name);
	if (file)
		buf_printf(path, "/%s", file);
}

/* Read a whole small file into out; its last max bytes when longer.
 * Returns 0, or -1 when it cannot be read. */
static int read_file(const char *path, struct buf *out, size_t max)
{
	char chunk[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	off_t size;
	ssize_t n;

	if (fd < 0)
		return -1;
	size = lseek(fd, 0, SEEK_END);
	lseek(fd, size > (off_t)max ? size - (off_t)max : 0, SEEK_SET);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	close(fd);
	return 0;
}

/* Write path whole (with these permissions), through path.tmp and a
 * rename.  Returns 0 or -1. */
static int write_file(const char *path, const char *text, size_t len, int mode)
{
	struct buf tmp = {0};
	int fd;
	int ok;

	buf_printf(&tmp, "%s.tmp", path);
	fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd >= 0)
		fchmod(fd, (mode_t)mode);
	ok = fd >= 0 && write(fd, text, len) == (ssize_t)len;
	if (fd >= 0 && close(fd) < 0)
		ok = 0;
	if (ok && rename(buf_str(&tmp), path) < 0)
		ok = 0;
	if (!ok)
		log_line("cannot write %s: %s", path, strerror(errno));
	buf_free(&tmp);
	return ok ? 0 : -1;
}

/* Take DATA_DIR/bots/lock (made when missing).  Returns its fd, or -1. */
static int lock_bots(void)
{
	struct buf path = {0};
	int fd;

	bot_path(&path, NULL, NULL, NULL);
	mkdir(buf_str(&path), 0750);
	buf_puts(&path, "/lock");
	fd = open(buf_str(&path), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		log_line("cannot lock %s: %s", buf_str(&path), strerror(errno));
	buf_free(&path);
	return fd;
}

/* Let the lock go. */
static void unlock_bots(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Read the state file of a bot into *b.  Returns 1, or 0 with no bot. */
static int read_state(const char *world, const char *name, struct bot *b)
{
	struct buf path = {0};
	struct buf text = {0};
	int found;

	memset(b, 0, sizeof *b);
	if (!safe_name(world) || !safe_name(name))
		return 0;
	bot_path(&path, world, name, "state");
	found = read_file(buf_str(&path), &text, 4096) == 0;
	if (found && sscanf(buf_str(&text), "%15s %lf", b->state, &b->since) != 2)
		snprintf(b->state, sizeof b->state, "stored");
	if (found && strchr(buf_str(&text), '\n')) {
		snprintf(b->why, sizeof b->why, "%s", strchr(buf_str(&text), '\n') + 1);
		b->why[strcspn(b->why, "\n")] = '\0';
	}
	bot_path(&path, world, name, "cpu");
	buf_clear(&text);
	if (found && read_file(buf_str(&path), &text, 64) == 0)
		b->cpu = strtod(buf_str(&text), NULL);
	buf_free(&path);
	buf_free(&text);
	return found;
}

/* Write a bot's state: state, since, and why. */
static int write_state(const char *world, const char *name, const char *state,
		       double since, const char *why)
{
	struct buf path = {0};
	struct buf text = {0};
	int r;

	bot_path(&path, world, name, "state");
	buf_printf(&text, "%s %.3f\n%s\n", state, since, why);
	r = write_file(buf_str(&path), text.s, text.len, 0640);
	buf_free(&path);
	buf_free(&text);
	return r;
}

int bot_store(const char *world, const char *name, const char *program,
	      size_t len, double now)
{
	struct buf path = {0};
	int lock;
	int r = -1;

	if (!safe_name(world) || !safe_name(name))
		return -1;
	lock = lock_bots();

	bot_path(&path, world, NULL, NULL);
	mkdir(buf_str(&path), 0750);
	bot_path(&path, world, name, NULL);
	mkdir(buf_str(&path), 0750);
	bot_path(&path, world, name, "program.py");
	/* Readable by the bot's own user, in its sandbox; the folders
	 * around it keep everyone else out. */
	if (lock >= 0 && write_file(buf_str(&path), program, len, 0644) == 0)
		r = write_state(world, name, "stored", now, "");
	unlock_bots(lock);
	buf_free(&path);
	return r;
}

int bot_read(const char *world, const char *name, struct bot *b, struct buf *out)
{
	struct buf path = {0};
	int found = read_state(world, name, b);

	bot_path(&path, world, name, "output");
	if (found && out)
		read_file(buf_str(&path), out, BOT_OUTPUT_MAX);
	buf_free(&path);
	return found;
}

int bot_want(const char *world, const char *name, int run, double now, struct bot *b)
{
	int lock = safe_name(world) && safe_name(name) ? lock_bots() : -1;
	int found = lock >= 0 && read_state(world, name, b);
	int going = found && (strcmp(b->state, "running") == 0 ||
			      strcmp(b->state, "queued") == 0);

	if (found && run && !going)
		write_state(world, name, "queued", now, "waiting for a place");
	if (found && !run && going)
		write_state(world, name, "stopped", now, "stopped by the teacher");
	if (found && run != going)
		read_state(world, name, b);
	unlock_bots(lock);
	return found;
}

/* qsort's comparison of two names. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int bot_names(const char *world, struct buf *names)
{
	struct buf path = {0};
	char **list = NULL;
	int n = 0;
	struct dirent *e;
	DIR *d;

	bot_path(&path, world, NULL, NULL);
	d = opendir(buf_str(&path));
	while (d && (e = readdir(d)) != NULL) {
		struct bot b;
		if (e->d_name[0] == '.' || !read_state(world, e->d_name, &b))
			continue;
		list = xrealloc(list, sizeof *list * (size_t)(n + 1));
		list[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n > 0)
		qsort(list, (size_t)n, sizeof *list, by_name);
	for (int i = 0; i < n; i++) {
		buf_printf(names, "%s\n", list[i]);
		free(list[i]);
	}
	free(list);
	buf_free(&path);
	return n;
}

const char *bot_sandbox_missing(void)
{
	static char why[512];
	struct buf path = {0};
	struct buf text = {0};

	bot_path(&path, NULL, NULL, "sandbox");
	if (read_file(buf_str(&path), &text, sizeof why - 1) < 0)
		snprintf(why, sizeof why, "the arena (lib/scripts/arena.py, which "
			 "runs the bots) is not running on this server");
	else if (strncmp(buf_str(&text), "yes", 3) == 0)
		why[0] = '\0';
	else
		snprintf(why, sizeof why, "%s", buf_str(&text) +
			 (strncmp(buf_str(&text), "no: ", 4) == 0 ? 4 : 0));
	why[strcspn(why, "\n")] = '\0';
	buf_free(&path);
	buf_free(&text);
	return why[0] ? why : NULL;
}
