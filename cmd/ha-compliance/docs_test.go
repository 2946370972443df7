package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docCommands returns the ha-compliance command lines of a markdown file's
// code blocks, continuation lines joined, as shell words (quotes removed),
// up to a pipe, a redirection or a comment.
func docCommands(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	var out [][]string
	inCode := false
	start := regexp.MustCompile(`^(?:\s*(?:- )?(?:run: )?(?:[A-Z_]+=\S+ )*)ha-compliance (.*)$`)
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
			continue
		}
		m := start.FindStringSubmatch(line)
		if !inCode || m == nil {
			continue
		}
		out = append(out, shellWords(m[1]))
	}
	return out
}

// shellWords splits s as a shell would, enough for the docs: single and
// double quotes, and an end at |, >, # or &&.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, any := rune(0), false
	for _, r := range s {
		switch {
		case in != 0 && r == in:
			in = 0
		case in != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			in, any = r, true
		case r == ' ' || r == '\t':
			if any {
				words = append(words, cur.String())
				cur.Reset()
				any = false
			}
		case r == '|' || r == '>' || r == '#' || r == '&':
			if any {
				words = append(words, cur.String())
			}
			return words
		default:
			cur.WriteRune(r)
			any = true
		}
	}
	if any {
		words = append(words, cur.String())
	}
	return words
}

// Every command docs/workflow.md shows parses: its verb exists, its flags
// exist and take what is given, and it has the arguments it needs. Verbs
// another branch adds (batch) are only counted.
func TestWorkflowDocCommands(t *testing.T) {
	cmds := docCommands(t, filepath.Join("..", "..", "docs", "workflow.md"))
	if len(cmds) < 10 {
		t.Fatalf("%d commands found in docs/workflow.md", len(cmds))
	}
	for _, args := range cmds {
		root := newRootCmd(IOStreams{})
		c, rest, err := root.Find(args)
		if err != nil || c == root {
			if args[0] == "batch" {
				continue
			}
			t.Errorf("%q: no such command: %v", args, err)
			continue
		}
		if err := c.ParseFlags(rest); err != nil {
			t.Errorf("%q: %v", args, err)
			continue
		}
		if err := c.ValidateArgs(c.Flags().Args()); err != nil {
			t.Errorf("%q: %v", args, err)
		}
	}
}
