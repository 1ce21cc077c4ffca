"""lib/ is in layers (lib/README.md): a file includes only files of its own
layer or of layers below it, and no files include each other in a circle.
A route file includes one header of lib/, mocean.h, and reaches nothing of
how a store is kept."""
import os
import re

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(HERE, "lib")
# Lowest first; "" is lib/ itself: the request cycle on top of them all.
LAYERS = ["sys", "http", "store", "ocean", "data", "teacher", ""]
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)


def lib_files():
    files = {}
    for where, _, names in os.walk(LIB):
        for n in names:
            if n.endswith((".c", ".h")):
                path = os.path.join(where, n)
                files[os.path.relpath(path, LIB)] = path
    return files


def layer(rel):
    folder = os.path.dirname(rel)
    assert folder in LAYERS, "%s is in no layer: add its folder to lib/README.md" % rel
    return LAYERS.index(folder)


def includes(path):
    with open(path) as f:
        return INCLUDE.findall(f.read())


def test_every_layer_has_its_paragraph():
    with open(os.path.join(LIB, "README.md")) as f:
        readme = f.read()
    for folder in LAYERS[:-1]:
        assert "`%s/`" % folder in readme
        with open(os.path.join(LIB, folder, "README.md")) as f:
            assert f.read().startswith("# lib/%s: " % folder)


def test_no_include_points_up_or_nowhere():
    files = lib_files()
    assert len(files) > 50
    for rel, path in files.items():
        for inc in includes(path):
            assert inc in files, "%s includes %s, which lib/ does not have (write the layer: "\
                "\"store/db.h\")" % (rel, inc)
            assert layer(inc) <= layer(rel), "%s (layer %s) includes %s, a layer above it" % (
                rel, LAYERS[layer(rel)] or "lib", LAYERS[layer(inc)] or "lib")


def test_no_files_include_each_other_in_a_circle():
    files = lib_files()
    graph = {rel: [i for i in includes(path) if i in files] for rel, path in files.items()}
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                raise AssertionError("a circle of includes: " + " -> ".join(trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_the_lowest_layers_know_nothing_of_requests():
    """sys, http and store are built on nothing that knows a request, a world's
    geometry or a player."""
    files = lib_files()
    for rel, path in files.items():
        if layer(rel) <= LAYERS.index("store"):
            with open(path) as f:
                code = f.read()
            assert "struct request" not in code, rel
            assert not re.search(r"\bstruct player\b", code), rel


def test_a_route_file_includes_only_mocean_h_of_lib():
    routes = os.path.join(HERE, "cgi-bin")
    for name in sorted(os.listdir(routes)):
        if name.endswith(".c"):
            path = os.path.join(routes, name)
            with open(path) as f:
                code = f.read()
            ours = [i for i in includes(path) if i != "route_list.h"]
            assert ours == ["mocean.h"], (name, ours)
            # How a store is kept is not a lesson's business.
            for internal in ("->missing", "->kept", "->store", "->failed", "stores"):
                assert internal not in code, (name, internal)


def test_no_function_calls_a_layer_above_it():
    """What the objects of each layer call (nm's undefined symbols) is defined
    in their own layer or below: a lower layer never calls a higher one."""
    import glob
    import subprocess
    objects = None
    for build in ("build/asan/lib", "build/lib"):
        found = glob.glob(os.path.join(HERE, build, "**", "*.o"), recursive=True)
        if found:
            objects = {os.path.relpath(o, os.path.join(HERE, build))[:-2] + ".c": o for o in found}
            break
    assert objects, "build lib/ first (make test builds it)"
    defined = {}
    for rel, obj in objects.items():
        out = subprocess.run(["nm", "--defined-only", obj], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBR":
                defined[parts[2]] = rel
    for rel, obj in objects.items():
        out = subprocess.run(["nm", "-u", obj], capture_output=True, text=True).stdout
        for name in (line.split()[-1] for line in out.splitlines() if line.strip()):
            if name in defined:
                assert layer(defined[name]) <= layer(rel), "%s calls %s, defined in %s above it" % (
                    rel, name, defined[name])
