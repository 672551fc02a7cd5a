#!/usr/bin/env python3
"""Benchmark functions as an L2L optimizee, in plain Python (standard library only).

The environment variable FUNCTION picks one: sphere, rastrigin or rosenbrock (the experiment file sets it).
Used by examples/command-python.json (one run per individual) and examples/process-python.json (one
process per worker): the same file serves both. l2l_worker is the module the worker ships and puts on
PYTHONPATH.
"""
import math
import os
import random

import l2l_worker


def sphere(x):
    return sum(v * v for v in x)


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


FUNCTION = {"sphere": sphere, "rastrigin": rastrigin, "rosenbrock": rosenbrock}[os.environ.get("FUNCTION", "sphere")]


def simulate(params, seed):
    x = params["x"]                                           # an array parameter, declared in the experiment file
    noise = random.Random(seed).gauss(0.0, params["noise"])  # the seed makes every evaluation reproducible
    value = FUNCTION(x)
    return [value + noise], {"clean": value, "norm": math.sqrt(sum(v * v for v in x))}


if __name__ == "__main__":
    l2l_worker.main(simulate)
