/* test_conn.c: the connection in CGI mode (lib/conn.c): the request's
 * variables, the reply on stdout in one piece, the log line on stderr, and
 * out of memory answered 500 before the process ends.  (Event mode is
 * tested through lighttpd: every test runs in both modes.) */
#include "http/conn.h"
#include "sys/sys.h"
#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run body in a child whose stdin is /dev/null (so CGI) and whose stdout
 * and stderr are files; return its exit status and what it wrote. */
static int run(void (*body)(void), char *out, char *err, size_t len)
{
	FILE *o = tmpfile(), *e = tmpfile();
	int status = -1;
	pid_t pid;
	size_t n;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(fileno(o), 1);
		dup2(fileno(e), 2);
		body();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	rewind(o);
	n = fread(out, 1, len - 1, o);
	out[n] = '\0';
	rewind(e);
	n = fread(err, 1, len - 1, e);
	err[n] = '\0';
	fclose(o);
	fclose(e);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One CGI request: its query back as the reply; a second accept says no. */
static void echo_query(void)
{
	struct conn c = {0};
	const char *q;

	if (!conn_accept(&c))
		_exit(2);
	q = conn_param(&c, "QUERY_STRING");
	conn_reply(&c, q, strlen(q));
	if (*conn_param(&c, "NOT_SENT_AT_ALL") || conn_accept(&c))
		_exit(3);
	log_line("served %s", q);
	conn_close(&c);
}

static void out_of_memory(void)
{
	struct conn c = {0};

	conn_accept(&c);
	conn_out_of_memory();
}

int main(void)
{
	char out[4096], err[4096];

	setenv("QUERY_STRING", "message=101", 1);
	CHECK(run(echo_query, out, err, sizeof out) == 0);
	CHECK_STR(out, "message=101");
	CHECK_STR(err, "mocean: served message=101\n");

	CHECK(run(out_of_memory, out, err, sizeof out) == 1);
	CHECK(strncmp(out, "Status: 500 ", 12) == 0);
	CHECK(strstr(out, "\r\n\r\nthe server ran out of memory") != NULL);
	CHECK_STR(err, "mocean: out of memory\n");
	UNIT_DONE();
}
