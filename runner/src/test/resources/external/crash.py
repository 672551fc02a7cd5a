"""Crashes on purpose: CRASH=start before the handshake, CRASH=every on every individual, each time saying why on stderr."""
import os
import sys

import l2l_worker

if os.environ.get("CRASH") == "start":
    print("fatal: cannot load the morphology", file=sys.stderr)
    sys.exit(4)


def simulate(params, seed):
    print("fatal: segmentation fault in the solver", file=sys.stderr)
    sys.stderr.flush()
    os._exit(5)


if __name__ == "__main__":
    l2l_worker.main(simulate)
