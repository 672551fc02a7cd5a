#!/usr/bin/env bash
# launch-cost.sh - what the runner's two srun launch modes cost on the driver's node, measured on real runs:
#   per-worker  runner.launch "per-worker": one 'srun -N 1 -n 1 -c 1 --exact' step per worker
#   step        runner.launch "step": the pool as the tasks of one 'srun -n N --kill-on-bad-exit=0' step
# For each worker count N it runs './l2l run' (a GA of N individuals that sleep, one generation) inside the
# allocation and, once every worker is ready, sums over the driver JVM's child processes and their descendants
# (the srun clients) resident memory (VmRSS), threads and processes, and counts the driver JVM's own threads
# (the JDK keeps one process-reaper thread per child process; the step mode adds one reader thread for srun's
# output). The worker JVMs run on the nodes, under slurmstepd, and are not counted. Sibling of srun-cost.sh,
# which measures the srun clients alone with 'sleep' as the worker. Run it inside an allocation of at least N
# CPUs, e.g. on the local test cluster:
#   SLURM_CPUS=48 scripts/local-slurm.sh start --nodes 3
#   salloc -N 3 -n 128 scripts/launch-cost.sh 8 32 128
set -euo pipefail
[ -n "${SLURM_JOB_ID:-}" ] || { echo "launch-cost.sh: run it inside an allocation (salloc -n N ...)" >&2; exit 2; }
[ $# -gt 0 ] || set -- 8 32 128
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l2l-launch-cost.XXXXXX")
trap 'if [ "$?" = 0 ]; then rm -rf "$WORK"; else echo "launch-cost.sh: kept $WORK" >&2; fi' EXIT

# descendants PID : every descendant of PID, one per line (one ps call: the machine may be busy starting JVMs)
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '{ parent[$1] = $2 } END {
    for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
}
# sum_of PIDS... : "rss_kib threads processes" over the given processes (one awk over their status files)
sum_of() {
  local files=() p
  for p in "$@"; do [ -r "/proc/$p/status" ] && files+=("/proc/$p/status"); done
  [ ${#files[@]} -gt 0 ] || { echo "0 0 0"; return; }
  awk '/^VmRSS:/ {r += $2} /^Threads:/ {t += $2; n++} END {print r + 0, t + 0, n + 0}' "${files[@]}" 2>/dev/null
}
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }

printf '%-10s %8s %10s %12s %10s %14s %14s\n' mode workers "srun MiB" "srun thr" "srun proc" "driver thr" "KiB/worker"
for n in "$@"; do
  for mode in per-worker step; do
    exp=$WORK/cost-$mode-$n.json out=$WORK/run-$mode-$n
    cat > "$exp" <<EOF
{"name": "cost", "seed": 1, "optimizee": {"type": "sleep", "meanMillis": 60000, "cv": 0},
 "optimizer": {"type": "ga", "popSize": $n, "nIteration": 1}, "fitnessWeights": [-1.0],
 "runner": {"maxWorkers": $n, "srun": "srun -N 1 -n 1 -c 1 --exact", "launch": "$mode", "workerStartTimeout": "20m",
            "jvmOptions": ["-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"]}}
EOF
    "$HOME_DIR/l2l" run "$exp" --out "$out" > "$WORK/driver-$mode-$n.log" 2>&1 & launcher=$!
    # ./l2l execs java: the driver JVM is the launcher's pid
    # "N workers ready in T ms" once all are; "K of N workers ready" (after restarts) does not count
    ready() { grep -v " of $n workers" "$out/run.log" 2>/dev/null | grep -q " $n workers ready in"; }
    for _ in $(seq 12000); do ready && break; kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
    ready && kill -0 "$launcher" 2>/dev/null || { echo "launch-cost.sh: $mode $n: workers not ready" >&2
      tail -20 "$WORK/driver-$mode-$n.log" >&2; kill "$launcher" 2>/dev/null || true; wait || true; exit 1; }
    sleep 1
    dthr=$(threads_of "$launcher")
    mapfile -t kids < <(descendants "$launcher")
    read -r rss thr procs < <(sum_of "${kids[@]}")
    printf '%-10s %8d %10s %12d %10d %14d %14d\n' "$mode" "$n" "$(awk -v r="$rss" 'BEGIN {printf "%.1f", r / 1024}')" \
      "$thr" "$procs" "$dthr" $((rss / n))
    wait "$launcher" || { echo "launch-cost.sh: the $mode run of $n workers failed" >&2; tail -20 "$WORK/driver-$mode-$n.log" >&2; exit 1; }
  done
done
