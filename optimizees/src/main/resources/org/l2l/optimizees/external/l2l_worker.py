"""Turns a Python function into an L2L optimizee program. Standard library only.

    import l2l_worker

    def simulate(params, seed):          # params: {"x": [..], "tau": 2.0}; seed: an int
        return [fitness]                 # or (fitness, {"extra": values})

    if __name__ == "__main__":
        l2l_worker.main(simulate)

The same script works in both modes of the experiment file: "type": "command" (one run per individual)
and "type": "process" (one process per worker, fed individual after individual over the JSON-lines
protocol in the README). L2L_MODE, set by the worker, says which. simulate may take a third argument,
a dict with generation, index, attempt and (command mode) work_dir.

In process mode anything the simulation prints to standard output (NEURON's banner, print calls,
C libraries) is sent to standard error, which goes to the worker log: standard output carries the
protocol alone. The worker puts this module first on PYTHONPATH.
"""
import json
import os
import sys

PROTOCOL_VERSION = 1


def _result(value):
    """(fitness, extra) from what simulate returned."""
    extra = None
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ValueError("simulate must return fitness or (fitness, extra), not a %d-tuple" % len(value))
        value, extra = value
    if isinstance(value, (int, float)):
        fitness = [float(value)]
    else:
        fitness = [float(v) for v in value]
    if not fitness:
        raise ValueError("simulate returned an empty fitness")
    out = {"fitness": fitness}
    if extra:
        out["extra"] = {k: _plain(v) for k, v in dict(extra).items()}
    return out


def _plain(v):
    """Numbers, strings, Booleans, lists of numbers and dicts as JSON has them (numpy values included)."""
    if isinstance(v, (bool, str, int, float)) or v is None:
        return v
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if hasattr(v, "tolist"):        # numpy arrays and scalars, without importing numpy
        return _plain(v.tolist())
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return float(v)


def _takes_info(simulate):
    """Whether simulate takes a third argument (without importing inspect, which costs a command-mode run time)."""
    code = getattr(simulate, "__code__", None) or getattr(getattr(simulate, "__call__", None), "__code__", None)
    if code is None:
        return False
    n = code.co_argcount - (1 if hasattr(simulate, "__self__") or not hasattr(simulate, "__code__") else 0)
    return n >= 3


def _caller(simulate):
    if _takes_info(simulate):
        return lambda req: simulate(req["params"], req["seed"], _info(req))
    return lambda req: simulate(req["params"], req["seed"])


def _info(req):
    info = {k: req.get(k) for k in ("generation", "index", "attempt")}
    info["work_dir"] = os.getcwd()
    return info


def _traceback():
    import traceback
    return traceback.format_exc()


def serve(simulate, stdin=None, stdout=None):
    """Process mode: the handshake, then one reply line per request line until standard input ends."""
    call = _caller(simulate)
    if stdout is None:
        # the protocol keeps the real standard output; everything else printing to fd 1 goes to stderr
        stdout = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
        os.dup2(2, 1)
        sys.stdout = sys.stderr
    stdin = stdin if stdin is not None else sys.stdin
    stdout.write(json.dumps({"protocol": "l2l", "version": PROTOCOL_VERSION, "pid": os.getpid()}) + "\n")
    stdout.flush()
    for line in stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            reply = _result(call(req))
            reply["generation"], reply["index"] = req["generation"], req["index"]
            text = json.dumps(reply)
        except Exception:               # one individual failed; the process carries on
            text = json.dumps({"error": _traceback()})
        stdout.write(text + "\n")
        stdout.flush()


def run_once(simulate):
    """Command mode: the individual from the file named as the first argument, or standard input;
    the result as the last line of standard output. An exception exits with code 1 and its traceback."""
    if len(sys.argv) > 1 and os.path.isfile(sys.argv[1]):
        with open(sys.argv[1], encoding="utf-8") as f:
            req = json.load(f)
    else:
        req = json.loads(sys.stdin.read())
    reply = _result(_caller(simulate)(req))
    sys.stdout.flush()
    sys.stdout.write("\n" + json.dumps(reply) + "\n")
    sys.stdout.flush()


def main(simulate):
    """Runs simulate in the mode the worker asks for (L2L_MODE: process or command)."""
    if os.environ.get("L2L_MODE") == "process":
        serve(simulate)
    else:
        run_once(simulate)
