"""The ocean's geometry computed independently in Python from a seed, the
same way docs/PROTOCOL.md section 3 and lib/ocean/world.c describe it, for tests to check
the server against."""
import math

SIZE = 900.0
MASK = (1 << 64) - 1
SEAMOUNTS = ["Mount Crumpet", "Axial Seamount", "Meru Prastarah", "Krakatoa", "Atlantis",
             "Euler Seamount", "Ridhi Seamount", "Aiden Seamount", "Loihi Seamount",
             "Kick 'em Jenny", "West Mata", "Vema Seamount"]
TREASURES = ["fishing net", "crash alert", "JSON ROV", "ALVIN submarine", "imaging sonar",
             "teleport crystal", "chrono-synclastic infundibulum", "binoculars",
             "ham and cheese sandwich", "boat hook", "iron dust", "iron dust"]
WHALES = ["Anisha", "Stephen Jay Gould", "Debbie Kelley", "Herman Melville", "Ishmael",
          "Charles Darwin", "William Wang", "Paul Erdos", "George Of The Jungle",
          "Simone de Beauvoir", "Alex Honnold", "Marvin Gaye", "Bill Watterson",
          "James Earl Jones", "Richard Alley", "Naomi Oreskes", "Yayoi Kusama"]
TRENCH = [(140, 260, 290, 315), (260, 266, 290, 360), (260, 330, 360, 365),
          (330, 338, 360, 450), (330, 410, 450, 455)]


class Rng:
    """splitmix64."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def range(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)


class World:
    def __init__(self, seed):
        r = Rng(seed)
        self.seamounts = []
        for i in range(12):
            x = float(r.range(60, 839))
            y = float(r.range(60, 839))
            sigma = 10 + 30 * r.unit()
            height = 10 + 15 * r.unit()
            self.seamounts.append(dict(name=SEAMOUNTS[i], x=x, y=y, sigma=sigma, height=height,
                                       treasure=TREASURES[i]))
        self.whales = [(float(r.range(0, 899)), float(r.range(0, 899))) for _ in range(17)]

    def depth(self, x, y):
        if world_in_trench(x, y):
            return 50.0
        d = 30.0
        for s in self.seamounts:
            dist = torus_distance(x, y, s["x"], s["y"])
            if dist <= 3 * s["sigma"]:
                d -= s["height"] * math.exp(-dist * dist / (2 * s["sigma"] ** 2))
        return max(d, 0.0)

    def treasure(self, i):
        s = self.seamounts[i]
        return s["x"], s["y"], self.depth(s["x"], s["y"])


def delta(a, b):
    d = math.fmod(b - a, SIZE)
    if d > SIZE / 2:
        d -= SIZE
    elif d <= -SIZE / 2:
        d += SIZE
    return d


def torus_distance(x1, y1, x2, y2):
    return math.hypot(delta(x1, x2), delta(y1, y2))


def sight_water_distance(a, b):
    return math.sqrt(delta(a[0], b[0]) ** 2 + delta(a[1], b[1]) ** 2 + (a[2] - b[2]) ** 2)


def world_in_trench(x, y):
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, x1, y0, y1 in TRENCH)
