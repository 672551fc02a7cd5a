"""The process protocol by hand, without the shipped module; MODE picks a deviation."""
import json
import os
import sys

MODE = os.environ.get("MODE", "ok")
print(json.dumps({"protocol": "l2l", "version": 2 if MODE == "version" else 1}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    if MODE == "garbage":
        print("{this is not json", flush=True)
    elif MODE == "nofitness":
        print(json.dumps({"extra": {"a": 1}}), flush=True)
    else:
        print(json.dumps({"fitness": [req["params"]["x"][0]]}), flush=True)
