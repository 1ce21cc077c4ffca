"""Players released together: the helper the race tests share."""
import threading

import requests


def together(n, work):
    """Run work(i, session) in n threads released at the same moment (a
    barrier), each with its own requests.Session; return their results."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        with requests.Session() as s:
            barrier.wait()
            results[i] = work(i, s)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
