#!/usr/bin/env python3
"""Rastrigin's function as an L2L optimizee, in plain Python (standard library only).

Used by examples/command-python.json (one run per individual) and examples/process-python.json (one
process per worker); the same file serves both. l2l_worker is the module the worker ships and puts on
PYTHONPATH.
"""
import math
import random

import l2l_worker


def simulate(params, seed):
    x = params["x"]                      # an array parameter, declared in the experiment file
    noise = random.Random(seed).gauss(0.0, params["noise"])  # the seed makes each evaluation reproducible
    value = 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)
    return [value + noise], {"clean": value, "norm": math.sqrt(sum(v * v for v in x))}


if __name__ == "__main__":
    l2l_worker.main(simulate)
