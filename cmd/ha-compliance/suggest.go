package main

import (
	"strings"
)

// didYouMean returns ` (did you mean "x"?)` for the known value closest to
// s, when one is close enough to be a typo, else "". As kubectl does, close
// is an edit distance of at most a third of the word (and at least 2).
func didYouMean(s string, known []string) string {
	best, bestD := "", -1
	for _, k := range known {
		d := distance(strings.ToLower(s), strings.ToLower(k))
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if bestD < 0 || bestD > max(2, len(best)/3) {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// distance is the Levenshtein distance between a and b, by bytes: the values
// compared are ASCII identifiers.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
