"""Sphere plus seeded noise, 10 ms per individual; HANG=g/i hangs that individual's first attempt (with a child)."""
import os
import random
import subprocess
import sys
import time

import l2l_worker


def simulate(params, seed, info):
    if os.environ.get("HANG") == "%s/%s" % (info["generation"], info["index"]) and info["attempt"] == 0:
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", os.path.abspath(__file__)])
        time.sleep(300)
    time.sleep(0.01)
    return [sum(v * v for v in params["x"]) + random.Random(seed).gauss(0, 0.05)]


if __name__ == "__main__":
    l2l_worker.main(simulate)
