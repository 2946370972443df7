package main

import (
	"io"
	"testing"
)

func TestLimitFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a size that is not a quantity", []string{"--max-file-size", "big"}, exitUsage, `--max-file-size "big": want a positive size`},
		{"a zero input size", []string{"--max-input-size", "0"}, exitUsage, `--max-input-size "0": want a positive size`},
		{"a zero ratio", []string{"--max-ratio", "0"}, exitUsage, "--max-ratio 0: want a positive number"},
		{"a zero timeout", []string{"--input-timeout", "0s"}, exitUsage, "--input-timeout 0s: want a positive duration"},
		// The sample's pods.yaml files are over 1 KiB: each is a problem,
		// which --fail-on problems turns into exit 1.
		{"a limit passed is a problem, not a crash", []string{"--max-file-size", "1Ki", "--fail-on", "problems"}, exitFailed, "-byte limit for one file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{bundledSample, "--output-dir", t.TempDir(), "-o", "json", "--checks", "replicas"}, tc.args...)
			code, out, errOut := analyze(t, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			contains(t, "output", out+errOut, []string{tc.want})
		})
	}
	// inspect takes the same flags.
	if code := run([]string{"inspect", bundledSample, "--max-ratio", "-1"}, IOStreams{Out: io.Discard, ErrOut: io.Discard}); code != exitUsage {
		t.Errorf("inspect --max-ratio -1: exit %d", code)
	}
}
