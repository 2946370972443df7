#!/usr/bin/env bash
# compare.sh times ha-compliance on a generated must-gather against the
# floor of reading it: `gzip -dc`, `zstd -dc` and `xz -dc` of the same
# archive to /dev/null. It prints, per input, the median wall time of RUNS
# runs, the ratio to the floor and the peak RSS (from /usr/bin/time -v).
#
# Usage: hack/bench/compare.sh [--data-only]   (from anywhere in the repository)
#   --data-only   generate (or reuse) the must-gather and stop: the Go stage
#                 benchmarks (make bench) read it from .bench/mg
# Environment:
#   RUNS=5            runs per measurement (the median is reported)
#   NODES=120 PODS=6000 LOG_BYTES=150000  size of the generated must-gather
#   SEED=1            generator seed
#   CMD=analyze       ha-compliance subcommand to time (analyze or inspect)
#   FORMATS="tar.gz tar.zst tar.xz dir"   inputs to time; also "tar.xz1", the
#                     tar.xz written by single-threaded xz (one block: xz cannot
#                     decompress it in parallel), made on first use
#   CPUS=0,1          cores to pin every process to (taskset) when the machine has more
#   HAC=path          time this ha-compliance binary instead of building the repository's
#                     (to compare a before and an after)
#
# The generated data is cached in .bench/ (git-ignored) and rebuilt when the
# size parameters change. Needs go, gzip, zstd, xz and GNU time; on Debian or
# Ubuntu the missing ones are installed with apt-get when running as root.
set -euo pipefail

RUNS=${RUNS:-5}
NODES=${NODES:-120}
PODS=${PODS:-6000}
LOG_BYTES=${LOG_BYTES:-150000}
SEED=${SEED:-1}
CMD=${CMD:-analyze}
FORMATS=${FORMATS:-"tar.gz tar.zst tar.xz dir"}
CPUS=${CPUS:-0,1}

cd "$(dirname "$0")/../.."
BENCH=.bench
DATA=$BENCH/mg
mkdir -p "$BENCH"

need_tools() {
	local missing=()
	command -v gzip >/dev/null || missing+=(gzip)
	command -v zstd >/dev/null || missing+=(zstd)
	command -v xz >/dev/null || missing+=(xz-utils)
	[ -x /usr/bin/time ] || missing+=(time)
	[ ${#missing[@]} -eq 0 ] && return
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing ${missing[*]}" >&2
		apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2
	else
		echo "missing tools: ${missing[*]}; install them and run again" >&2
		exit 2
	fi
}

# generate (re)builds the must-gather when it is absent or was made with
# other parameters.
generate() {
	local gen
	gen=$(cat hack/genmustgather/*.go | sha256sum | cut -c1-12)
	local stamp="nodes=$NODES pods=$PODS log-bytes=$LOG_BYTES seed=$SEED generator=$gen"
	if [ -f "$DATA/params" ] && [ "$(cat "$DATA/params")" = "$stamp" ] &&
		[ -f "$DATA/must-gather.tar.xz" ] && [ -d "$DATA/must-gather.local.$SEED" ]; then
		return
	fi
	echo "generating the must-gather ($stamp); the xz archive takes several minutes" >&2
	rm -rf "$DATA"
	nice go run ./hack/genmustgather -nodes "$NODES" -pods "$PODS" -log-bytes "$LOG_BYTES" -seed "$SEED" \
		-out "$DATA" -archive all >&2
	echo "$stamp" >"$DATA/params"
}

# pin runs a command on the chosen cores when the machine has more.
pin() {
	if [ "$(nproc)" -gt 2 ] && command -v taskset >/dev/null; then
		taskset -c "$CPUS" "$@"
	else
		"$@"
	fi
}

# measure runs "$@" once under /usr/bin/time -v and prints "seconds max_rss_kb".
# Exit status 1 is accepted: analyze exits 1 when a check fails.
measure() {
	local log
	log=$(mktemp)
	local rc=0
	pin /usr/bin/time -v "$@" >/dev/null 2>"$log" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "command failed ($rc): $*" >&2
		tail -5 "$log" >&2
		exit 1
	fi
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %d\n", wall, rss }' "$log"
	rm -f "$log"
}

# median_of runs "$@" RUNS times and prints the median seconds and the
# largest peak RSS in MB.
median_of() {
	local i out times=() rss=0
	for ((i = 0; i < RUNS; i++)); do
		out=$(measure "$@")
		times+=("${out% *}")
		[ "${out#* }" -gt "$rss" ] && rss=${out#* }
	done
	printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" '{ t[NR] = $1 } END { printf "%.2f %.0f\n", t[int((NR + 1) / 2)], rss / 1024 }'
}

need_tools
generate
[ "${1:-}" = --data-only ] && exit 0
TOOL=${HAC:-$BENCH/ha-compliance}
[ -n "${HAC:-}" ] || go build -o "$TOOL" ./cmd/ha-compliance
REPORT=$(mktemp -d)
trap 'rm -rf "$REPORT"' EXIT
tool_args=("$CMD")
[ "$CMD" = analyze ] && tool_args+=(--output-dir "$REPORT" --fail-on never)

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $RUNS runs, medians"
echo "# must-gather: $(cat "$DATA/params"), $(du -sh "$DATA/must-gather.local.$SEED" | cut -f1) unpacked"
printf '%-8s %-12s %10s %10s %8s %10s\n' input floor floor_s "${CMD}_s" ratio peak_MB
for f in $FORMATS; do
	case $f in
	tar.gz) floor=(gzip -dc "$DATA/must-gather.tar.gz") ;;
	tar.zst) floor=(zstd -dc "$DATA/must-gather.tar.zst") ;;
	tar.xz) floor=(xz -dc "$DATA/must-gather.tar.xz") ;;
	tar.xz1)
		if [ ! -f "$DATA/must-gather.tar.xz1" ]; then
			echo "writing a single-block tar.xz (single-threaded xz: many minutes)" >&2
			gzip -dc "$DATA/must-gather.tar.gz" | nice xz -T1 -6 >"$DATA/must-gather.tar.xz1.tmp"
			mv "$DATA/must-gather.tar.xz1.tmp" "$DATA/must-gather.tar.xz1"
		fi
		floor=(xz -dc "$DATA/must-gather.tar.xz1")
		;;
	dir) floor=() ;;
	*) echo "unknown format $f" >&2; exit 2 ;;
	esac
	if [ "$f" = dir ]; then
		input=$DATA/must-gather.local.$SEED
		measure "$TOOL" "${tool_args[@]}" "$input" >/dev/null # warm the page cache
		read -r tool_s rss <<<"$(median_of "$TOOL" "${tool_args[@]}" "$input")"
		printf '%-8s %-12s %10s %10s %8s %10s\n' dir "-" "-" "$tool_s" "-" "$rss"
		continue
	fi
	input=$DATA/must-gather.$f
	cat "$input" >/dev/null # the floor and the tool both read from the page cache
	read -r floor_s _ <<<"$(median_of "${floor[@]}")"
	read -r tool_s rss <<<"$(median_of "$TOOL" "${tool_args[@]}" "$input")"
	ratio=$(awk -v a="$tool_s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')
	printf '%-8s %-12s %10s %10s %8s %10s\n' "$f" "${floor[0]} -dc" "$floor_s" "$tool_s" "$ratio" "$rss"
done
