"""A test program that misbehaves on request: MODE (environment) picks the behaviour."""
import os
import signal
import subprocess
import sys
import time

import l2l_worker

MODE = os.environ.get("MODE", "ok")


def simulate(params, seed, info):
    x = params["x"]
    if MODE == "exit" and info["index"] == 1:
        print("boom on index 1", file=sys.stderr)
        sys.stderr.flush()
        os._exit(3)
    if MODE == "signal" and info["index"] == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    if MODE == "error" and info["index"] == 1:
        raise ValueError("no good parameters")
    if MODE == "print":
        print("chatter on stdout")
    if MODE == "hang":
        child = subprocess.Popen(["sleep", "300"])
        with open(os.path.join(os.environ["L2L_RUN_DIR"], "pids-%d" % info["index"]), "w") as f:
            f.write("%d %d\n" % (os.getpid(), child.pid))
        time.sleep(300)
    return [sum(x)], {"seed": seed, "attempt": info["attempt"], "cwd": os.getcwd(), "env_seed": os.environ.get("L2L_SEED", ""),
                      "pair": [1.5, 2.5], "nested": {"a": 1}}


if __name__ == "__main__":
    l2l_worker.main(simulate)
