package batch

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The files of an output folder.
const (
	RunsFile    = "runs.ndjson"
	ResultsFile = "results.ndjson"
	LedgerFile  = "ledger.ndjson"
	SummaryFile = "summary.md"
	// SummaryHTMLFile is the summary as a page of pass-rate trends.
	SummaryHTMLFile = "summary.html"
	SchemaDir       = "schema"
)

//go:embed schema/runs.json schema/results.json
var schemaFS embed.FS

// Schema returns the BigQuery schema (a JSON array of fields) of
// RunsFile or ResultsFile.
func Schema(file string) ([]byte, error) {
	switch file {
	case RunsFile:
		return schemaFS.ReadFile("schema/runs.json")
	case ResultsFile:
		return schemaFS.ReadFile("schema/results.json")
	}
	return nil, fmt.Errorf("no schema for %s", file)
}

// entry is one line of the ledger: a run whose rows are complete in both
// files, and where those files ended once they were written.
type entry struct {
	RunKey     string `json:"run_key"`
	ScoredAt   string `json:"scored_at"`
	Status     string `json:"status"`
	RunsEnd    int64  `json:"runs_end"`
	ResultsEnd int64  `json:"results_end"`
}

// output appends rows to an output folder. A run is committed in three
// steps: its result rows, then its run row, then, once both files are
// synced, its ledger line, which records where the two files end. Opening
// the folder cuts both files back to the end the last complete ledger line
// records, so rows of a run the process did not finish (a kill -9, a crash,
// a full disk) are dropped and the run is judged again: no row is ever
// written twice and none is lost.
type output struct {
	dir                   string
	runs, results, ledger *os.File
	runsEnd, resultsEnd   int64
	done                  map[string]bool
	unlock                func() error
	closed                bool
}

// openOutput creates or reopens an output folder, repairing it as the
// ledger says, and locks it against a second batch writing into it.
func openOutput(dir string) (_ *output, err error) {
	if err := os.MkdirAll(filepath.Join(dir, SchemaDir), 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	o := &output{dir: dir, done: map[string]bool{}}
	defer func() {
		if err != nil {
			o.close() //nolint:errcheck // the error is already err
		}
	}()
	open := func(name string) (*os.File, error) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("output folder: %w", err)
		}
		return f, nil
	}
	if o.ledger, err = open(LedgerFile); err != nil {
		return nil, err
	}
	if o.unlock, err = lockFile(o.ledger); err != nil {
		return nil, fmt.Errorf("output folder %s is in use by another batch (%v)", dir, err)
	}
	if o.runs, err = open(RunsFile); err != nil {
		return nil, err
	}
	if o.results, err = open(ResultsFile); err != nil {
		return nil, err
	}
	if err := o.recover(); err != nil {
		return nil, err
	}
	for _, f := range []string{RunsFile, ResultsFile} {
		data, _ := Schema(f)
		name := filepath.Join(dir, SchemaDir, f[:len(f)-len(".ndjson")]+".json")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return nil, fmt.Errorf("output folder: %w", err)
		}
	}
	return o, nil
}

// recover reads the ledger and cuts every file back to its last complete
// entry.
func (o *output) recover() error {
	data, err := io.ReadAll(o.ledger)
	if err != nil {
		return fmt.Errorf("read %s: %w", o.ledger.Name(), err)
	}
	var good int64 // end of the last complete, valid line
	for off, line := 0, 1; off < len(data); line++ {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break // a line cut by the crash
		}
		var e entry
		if json.Unmarshal(data[off:off+nl], &e) != nil || e.RunKey == "" {
			break
		}
		// commit only appends: ends that go back would cut rows of runs
		// the ledger calls done, and no crash writes them.
		if e.RunsEnd < o.runsEnd || e.ResultsEnd < o.resultsEnd {
			return fmt.Errorf("%s:%d: the files end before the previous line says they did: the folder was changed by hand; use a new folder, or delete %s, %s and %s to start again",
				o.ledger.Name(), line, LedgerFile, RunsFile, ResultsFile)
		}
		o.done[e.RunKey] = true
		o.runsEnd, o.resultsEnd = e.RunsEnd, e.ResultsEnd
		off += nl + 1
		good = int64(off)
	}
	files := []struct {
		f   *os.File
		end int64
	}{{o.ledger, good}, {o.runs, o.runsEnd}, {o.results, o.resultsEnd}}
	// Every file is checked before any is cut: a refused folder is left
	// as it was found.
	for _, c := range files {
		st, err := c.f.Stat()
		if err != nil {
			return err
		}
		if st.Size() < c.end {
			return fmt.Errorf("%s has %d bytes but %s says it had %d: the folder was changed by hand; use a new folder, or delete %s, %s and %s to start again",
				c.f.Name(), st.Size(), LedgerFile, c.end, LedgerFile, RunsFile, ResultsFile)
		}
	}
	for _, c := range files {
		if err := c.f.Truncate(c.end); err != nil {
			return fmt.Errorf("cut back %s: %w", c.f.Name(), err)
		}
		if _, err := c.f.Seek(c.end, io.SeekStart); err != nil {
			return err
		}
	}
	return nil
}

// judged is the rows of one run, ready to be committed.
type judged struct {
	run     RunRow
	results []ResultRow
}

// commit appends the rows of runs and records them in the ledger. The
// rows of all runs are synced to disk at once, before any of their ledger
// lines is written: after a power cut the ledger may lack a run whose rows
// are complete (they are then cut and judged again), never the other way
// round. One sync per group rather than per run keeps the writer from
// waiting on the disk once per run.
func (o *output) commit(runs ...judged) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	ends := make([]entry, 0, len(runs))
	for _, j := range runs {
		buf.Reset()
		for i := range j.results {
			if err := enc.Encode(&j.results[i]); err != nil {
				return err
			}
		}
		if err := o.append(o.results, buf.Bytes(), &o.resultsEnd); err != nil {
			return err
		}
		buf.Reset()
		if err := enc.Encode(&j.run); err != nil {
			return err
		}
		if err := o.append(o.runs, buf.Bytes(), &o.runsEnd); err != nil {
			return err
		}
		ends = append(ends, entry{RunKey: j.run.RunKey, ScoredAt: j.run.ScoredAt, Status: j.run.Status, RunsEnd: o.runsEnd, ResultsEnd: o.resultsEnd})
	}
	if err := o.results.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", o.results.Name(), err)
	}
	if err := o.runs.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", o.runs.Name(), err)
	}
	buf.Reset()
	for _, e := range ends {
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	var unused int64
	if err := o.append(o.ledger, buf.Bytes(), &unused); err != nil {
		return err
	}
	for _, e := range ends {
		o.done[e.RunKey] = true
	}
	return nil
}

func (o *output) append(f *os.File, data []byte, end *int64) error {
	n, err := f.Write(data)
	*end += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	return nil
}

// close closes the files and releases the lock; a second call does nothing.
func (o *output) close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	var errs []error
	for _, f := range []*os.File{o.runs, o.results} {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	if o.unlock != nil {
		errs = append(errs, o.unlock())
	}
	if o.ledger != nil {
		errs = append(errs, o.ledger.Close())
	}
	return errors.Join(errs...)
}

// readLines calls fn with every line of an NDJSON stream.
func readLines(r io.Reader, name string, fn func(line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
