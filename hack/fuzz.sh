#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# FUZZTIME sets the duration per target (default 5s); the seed corpus always
# runs as part of `go test` too, this adds fresh random inputs.
#
# FUZZMINIMIZETIME (default 500x: calls, not seconds, so that it costs the
# same on any machine) bounds the work of shrinking each new interesting
# input. Go's default, 60s, is spent with no exec counted and the progress
# line at "0/sec": on inputs of several KiB (our seeds are real manifests
# and archives) runs spent most of their time there (docs/reliability.md,
# Fuzzing). FUZZTIME may be a count too, e.g. 1000000x.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5s}
minimize=${FUZZMINIMIZETIME:-500x}
found=0
while IFS= read -r file; do
	pkg="./$(dirname "$file")"
	for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)\(' "$file" | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/'); do
		found=$((found + 1))
		echo "fuzz: $pkg $target ($fuzztime)"
		if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimize" "$pkg" >/tmp/fuzz.$$.log 2>&1; then
			# A duration-based -fuzztime races the engine's own deadline
			# (golang/go#75804, fixed in Go 1.27): the target fails with
			# "context deadline exceeded" and writes no input. Only a
			# written input, or any other failure, is a finding.
			if grep -q 'context deadline exceeded' /tmp/fuzz.$$.log && ! grep -q 'Failing input written' /tmp/fuzz.$$.log; then
				echo "fuzz: $target: the engine's end-of-time race (golang/go#75804), no failing input: not a finding"
			else
				cat /tmp/fuzz.$$.log
				rm -f /tmp/fuzz.$$.log
				exit 1
			fi
		fi
		grep -E '^fuzz: elapsed' /tmp/fuzz.$$.log | tail -1
	done
done < <(grep -rlE '^func Fuzz[A-Za-z0-9_]+\(' --include='*_test.go' pkg cmd internal 2>/dev/null | sort)
rm -f /tmp/fuzz.$$.log
echo "fuzz: $found targets ran for $fuzztime each"
