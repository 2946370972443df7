#!/usr/bin/env bash
# batch.sh measures `ha-compliance batch` on generated job runs (hack/genruns):
#   - runs per minute with --parallel 1 and --parallel 2, for gather-extra-sized
#     runs and for must-gather-sized runs (a must-gather.tar from
#     hack/genmustgather, hard-linked into every run), and the speed-up;
#   - peak RSS of a batch of 100 runs against one of 1,000.
# Every figure is the median of RUNS runs, with /usr/bin/time -v.
#
# Usage: hack/bench/batch.sh   (from anywhere in the repository)
# Environment:
#   RUNS=3                   repetitions (median reported)
#   GE_RUNS=60 MG_RUNS=12    runs per throughput batch
#   RSS_SMALL=100 RSS_LARGE=1000  the two batch sizes of the memory figure
#   MG_PODS=400 MG_LOG_BYTES=100000  size of the must-gather in every run
#   HAC=path                 time this binary instead of building the repository's
set -euo pipefail

RUNS=${RUNS:-3}
GE_RUNS=${GE_RUNS:-60}
MG_RUNS=${MG_RUNS:-12}
RSS_SMALL=${RSS_SMALL:-100}
RSS_LARGE=${RSS_LARGE:-1000}
MG_PODS=${MG_PODS:-400}
MG_LOG_BYTES=${MG_LOG_BYTES:-100000}

cd "$(dirname "$0")/../.."
BENCH=.bench/batch
mkdir -p "$BENCH"
HAC=${HAC:-}
if [ -z "$HAC" ]; then
	go build -o "$BENCH/ha-compliance" ./cmd/ha-compliance
	HAC=$BENCH/ha-compliance
fi
go build -o "$BENCH/genruns" ./hack/genruns/cmd

# mirror NAME N ARGS... writes N runs into $BENCH/NAME once.
mirror() {
	local name=$1 n=$2
	shift 2
	local stamp="$n $*"
	if [ "$(cat "$BENCH/$name.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "${BENCH:?}/$name"
		"$BENCH/genruns" -o "$BENCH/$name" -runs "$n" -empty-every 0 -broken-every 0 "$@" >&2
		echo "$stamp" >"$BENCH/$name.stamp"
	fi
}

# gather-extra-sized: 50 namespaces of 4 Deployments of 3 pods (about 620
# pods, 200 Deployments and ReplicaSets, 6 nodes): a CI cluster's platform.
mirror ge "$GE_RUNS" -kind gather-extra -namespaces 50 -deployments 4 -replicas 3
mirror rss-small "$RSS_SMALL" -kind gather-extra -namespaces 10 -deployments 3
mirror rss-large "$RSS_LARGE" -kind gather-extra -namespaces 10 -deployments 3
# must-gather-sized: the metadata of genruns, the archive of genmustgather.
mirror mg "$MG_RUNS" -kind must-gather
MG=$BENCH/must-gather-$MG_PODS-$MG_LOG_BYTES.tar.gz
if [ ! -f "$MG" ]; then
	go run ./hack/genmustgather -nodes 6 -pods "$MG_PODS" -log-bytes "$MG_LOG_BYTES" -out "$BENCH/mg-src" -archive tar.gz >&2
	mv "$BENCH"/mg-src/must-gather*.tar.gz "$MG"
	rm -rf "$BENCH/mg-src"
fi
find "$BENCH/mg" -name must-gather.tar -exec ln -f "$MG" {} \;

# measure DIR PARALLEL prints "seconds peak-KiB" of one batch, median of RUNS.
measure() {
	local dir=$1 parallel=$2 out
	out=$(mktemp -d)
	local times=() rss=()
	for _ in $(seq "$RUNS"); do
		rm -rf "$out"
		/usr/bin/time -v "$HAC" batch "$dir" --parallel "$parallel" --output-dir "$out" >/dev/null 2>"$out.time" || true
		times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out.time")")
		rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")")
	done
	rm -rf "$out" "$out.time"
	echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p") $(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")"
}

size() { du -sk --apparent-size "$1" | awk '{print $1}'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %6s %9s %9s %10s %9s\n' input runs parallel seconds runs/min "peak MiB"
for set in ge mg; do
	n=$([ $set = ge ] && echo "$GE_RUNS" || echo "$MG_RUNS")
	for p in 1 2; do
		read -r s kib < <(measure "$BENCH/$set" $p)
		printf '%-22s %6d %9d %9.1f %10.1f %9.0f\n' "$([ $set = ge ] && echo gather-extra-sized || echo must-gather-sized)" "$n" "$p" "$s" "$(echo "$n * 60 / $s" | bc -l)" "$((kib / 1024))"
		eval "t_${set}_$p=$s"
	done
	echo "  speed-up of --parallel 2 over 1: $(echo "$(eval echo \$t_${set}_1) / $(eval echo \$t_${set}_2)" | bc -l | cut -c1-4)x"
done
echo "  run sizes: gather-extra $(($(size "$BENCH/ge") / GE_RUNS)) KiB per run; must-gather.tar $(($(stat -c %s "$MG") / 1024)) KiB"
for set in rss-small rss-large; do
	n=$([ $set = rss-small ] && echo "$RSS_SMALL" || echo "$RSS_LARGE")
	read -r s kib < <(measure "$BENCH/$set" 2)
	printf '%-22s %6d %9d %9.1f %10.1f %9.0f\n' "memory ($set)" "$n" 2 "$s" "$(echo "$n * 60 / $s" | bc -l)" "$((kib / 1024))"
done
