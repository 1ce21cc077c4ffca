# routes.awk: the one list of routes, read from the route files themselves.
#
# Each route file's `struct route` says how the route is listed (.game,
# .order, .about, .example, .usage, .reply, .json: see lib/request.h).  At
# build time the Makefile runs this script over cgi-bin/*.c to make
#
#   build/route_list.h  (form=c): the listings as C initializers, which
#                       cgi-bin/mocean.c compiles into /mocean's table;
#   www/index.html      (form=html page=www/index.html.in): the students'
#                       page, each `<!-- routes GAME_X -->` line of the
#                       template replaced by a table row per route of GAME_X.
#
# So adding a route is writing its file.  Why at build time: a route program
# knows only its own `struct route`, and the students' page is a static file
# lighttpd serves; reading the files when they are compiled gives both the
# same list, with no run-time cost and nothing to keep in step by hand.
#
# A listing field is written on one line, `.about = "text",`: one string (or
# a number, or a GAME_ constant), not several joined.  The route's .name
# must be its file's name.  A mistake stops the build with a line naming it.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

# Read one line of a route's initializer: fields at its top level (depth 0,
# not the keys' own .name) go into the current route.
function scan(line,    i, c, rest, field, value) {
	i = 1
	if (incomment) {           # inside a comment begun on an earlier line
		if (!(i = index(line, "*/")))
			return
		incomment = 0
		i += 2
	} else if (line ~ /^[ \t]*"/)
		fail("a listing field must be one string on one line")
	for (; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\"") {           # skip a string: braces in it do not count
			rest = substr(line, i)
			match(rest, /^"([^"\\]|\\.)*"/)
			i += RLENGTH - 1
		} else if (c == "{") {
			depth++
		} else if (c == "}") {
			depth--
		} else if (c == "/" && substr(line, i + 1, 1) == "/") {
			return             # a comment to the end of the line
		} else if (c == "/" && substr(line, i + 1, 1) == "*") {
			rest = index(substr(line, i + 2), "*/")
			if (!rest) {
				incomment = 1
				return
			}
			i += rest + 2      # past the comment's end
		} else if (c == "." && depth == 0 &&
			   match(substr(line, i), /^\.[a-z_]+[ \t]*=[ \t]*/)) {
			field = substr(line, i + 1, RLENGTH - 1)
			sub(/[ \t]*=.*/, "", field)
			i += RLENGTH
			rest = substr(line, i)
			if (!match(rest, /^("([^"\\]|\\.)*"|[A-Za-z0-9_]+)/))
				continue   # .keys = {, .handle = ...: not a listing
			value = substr(rest, 1, RLENGTH)
			i += RLENGTH - 1
			if (field !~ /^(name|game|order|about|example|usage|reply|json)$/)
				continue
			if (substr(rest, RLENGTH + 1) !~ /^[ \t]*([,}]|$)/)
				fail("." field " must be one string, not several joined")
			if ((n, field) in route)
				fail("." field " is given twice")
			route[n, field] = value
		}
	}
}

# The text of a C string literal, for the page: "a \"b\"" is a "b".
function unquote(s) {
	s = substr(s, 2, length(s) - 2)
	if (s ~ /\\[^"\\]/)
		fail("only \\\" and \\\\ may be escaped in a listing: " s)
	gsub(/\\"/, "\"", s)
	gsub(/\\\\/, "\\", s)
	return s
}

function html(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s)
	return s
}

FNR == 1 {
	base = FILENAME
	sub(/.*\//, "", base)
	sub(/\.c$/, "", base)
}

/^static const struct route route = \{/ {
	n++
	depth = incomment = 0
	file[n] = base
	inroute = 1
	next
}

inroute && /^};/ {
	inroute = 0
	if (route[n, "name"] != "\"" base "\"")
		fail(".name must be the file's name, \"" base "\"")
	if (!((n, "game") in route) || route[n, "game"] == "GAME_NONE")
		next
	if (!((n, "about") in route) || !((n, "example") in route) || !((n, "order") in route))
		fail("a listed route needs .order, .about and .example")
	key = route[n, "game"] " " route[n, "order"]
	if (key in taken)
		fail(".order " route[n, "order"] " is taken by " taken[key] ".c")
	taken[key] = base
	listed[++count] = n
	next
}

inroute { scan($0) }

END {
	if (failed)
		exit 1
	# In order: by game, then by .order (an insertion sort; 40 routes).
	for (i = 2; i <= count; i++)
		for (j = i; j > 1 && before(listed[j], listed[j - 1]); j--) {
			t = listed[j]; listed[j] = listed[j - 1]; listed[j - 1] = t
		}
	if (form == "c")
		write_c()
	else if (form == "html")
		write_page()
	else {
		print "routes.awk: form=c or form=html, please" > "/dev/stderr"
		exit 1
	}
}

function before(a, b) {
	if (route[a, "game"] != route[b, "game"])
		return route[a, "game"] < route[b, "game"]
	return route[a, "order"] + 0 < route[b, "order"] + 0
}

function write_c(    i, r, f, k, line) {
	print "/* Made by lib/scripts/routes.awk from every cgi-bin/ROUTE.c: each listed route, by"
	print " * game and .order.  Do not edit: edit the route's file. */"
	split("name game order about example usage reply json", f, " ")
	for (i = 1; i <= count; i++) {
		r = listed[i]
		line = "{"
		for (k = 1; k <= 8; k++)
			if ((r, f[k]) in route)
				line = line " ." f[k] " = " route[r, f[k]] ","
		print line " },"
	}
}

# The template, with a table row for each route where it asks.
function write_page(    line, game, i, r, ex) {
	while ((getline line < page) > 0) {
		if (line !~ /^[ \t]*<!-- routes GAME_[A-Z]+ -->$/) {
			print line
			continue
		}
		game = line
		sub(/^[ \t]*<!-- routes /, "", game)
		sub(/ -->$/, "", game)
		for (i = 1; i <= count; i++) {
			r = listed[i]
			if (route[r, "game"] != game)
				continue
			ex = html(unquote(route[r, "example"]))
			printf "  <tr><td><a class=\"try\" href=\"%s\">%s</a></td><td>%s</td>", ex, ex,
			       html(unquote(route[r, "about"]))
			printf "<td><a class=\"src\" href=\"/source/%s.c\">lesson: %s.c</a></td></tr>\n",
			       file[r], file[r]
		}
	}
}
