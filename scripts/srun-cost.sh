#!/usr/bin/env bash
# srun-cost.sh - what launching workers through srun costs on the driver's node: resident memory,
# threads and processes of the srun client processes, for N workers, in two launch modes:
#   per-worker  N steps of 'srun -N 1 -n 1 -c 1 --exact' (what runner.srun does: one srun per worker)
#   one-step    one step 'srun -n N --kill-on-bad-exit=0' whose N tasks are the workers
# The workers are a trivial program (sleep): only the driver-side cost is measured. Run it inside an
# allocation of at least N CPUs, e.g. on the local test cluster:
#   SLURM_CPUS=48 scripts/local-slurm.sh start --nodes 3
#   salloc -N 3 -n 128 scripts/srun-cost.sh 8 32 128
set -euo pipefail
[ -n "${SLURM_JOB_ID:-}" ] || { echo "srun-cost.sh: run it inside an allocation (salloc -n N ...)" >&2; exit 2; }
[ $# -gt 0 ] || set -- 8 32 128

# sum_of PIDS... : "rss_kib threads processes" over the given processes and all their descendants
sum_of() {
  local all=() p kids
  for p in "$@"; do all+=("$p"); kids=$(pgrep -P "$p" | tr '\n' ' ' || true); [ -z "$kids" ] || all+=($kids); done
  local rss=0 thr=0 n=0 r t
  for p in "${all[@]}"; do
    [ -r "/proc/$p/status" ] || continue
    r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status"); t=$(awk '/^Threads:/ {print $2}' "/proc/$p/status")
    rss=$((rss + ${r:-0})); thr=$((thr + ${t:-0})); n=$((n + 1))
  done
  echo "$rss $thr $n"
}

wait_steps() {  # wait_steps COUNT : until squeue lists COUNT running steps of this job (besides extern/batch)
  for _ in $(seq 600); do
    [ "$(squeue -h -s -j "$SLURM_JOB_ID" -o %i | grep -cv -e '\.extern' -e '\.batch' -e '\.interactive')" -ge "$1" ] && return 0
    sleep 0.1; done
  echo "srun-cost.sh: only $(squeue -h -s -j "$SLURM_JOB_ID" | wc -l) steps after 60 s" >&2; return 1
}

wait_none() {  # until the job has no steps left running
  for _ in $(seq 600); do
    [ "$(squeue -h -s -j "$SLURM_JOB_ID" -o %i | grep -cv -e '\.extern' -e '\.batch' -e '\.interactive')" -eq 0 ] && return 0
    sleep 0.1; done
}

printf '%-10s %8s %14s %12s %10s %14s\n' mode workers "rss MiB" "threads" processes "rss KiB/worker"
for n in "$@"; do
  pids=()
  for i in $(seq "$n"); do srun -N 1 -n 1 -c 1 --exact --job-name=cost sleep 600 & pids+=($!); done
  wait_steps "$n"; sleep 1
  read -r rss thr procs < <(sum_of "${pids[@]}")
  printf '%-10s %8d %14s %12d %10d %14d\n' per-worker "$n" "$(awk -v r="$rss" 'BEGIN {printf "%.1f", r / 1024}')" "$thr" "$procs" $((rss / n))
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
  wait_none

  srun -n "$n" --kill-on-bad-exit=0 --job-name=cost sleep 600 & one=$!
  wait_steps 1; sleep 2
  read -r rss thr procs < <(sum_of "$one")
  printf '%-10s %8d %14s %12d %10d %14d\n' one-step "$n" "$(awk -v r="$rss" 'BEGIN {printf "%.1f", r / 1024}')" "$thr" "$procs" $((rss / n))
  kill "$one" 2>/dev/null || true; wait 2>/dev/null || true
  wait_none
done
