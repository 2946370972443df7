package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"cloud.google.com/go/storage"
	"golang.org/x/sync/errgroup"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/prow"
)

// gcsPath is a bucket and an object prefix (no slash at either end).
type gcsPath struct {
	bucket, prefix string
}

func (g gcsPath) child(name string) string {
	if g.prefix == "" {
		return name
	}
	return g.prefix + "/" + name
}

// gcs reads job runs from Google Cloud Storage with the client ci-tools and
// Sippy use. Objects are read as stored (ReadCompressed): Prow uploads
// gzip-encoded artifacts under names without ".gz", and the loader sniffs
// the bytes rather than trusting the name.
type gcs struct {
	client *storage.Client
}

// gcsClient returns the client of the batch, made on first use: Application
// Default Credentials when there are some, else anonymous, which reads
// public buckets such as test-platform-results. STORAGE_EMULATOR_HOST, when
// set, points the client at an emulator.
func (b *Batch) gcsClient(ctx context.Context) (*gcs, error) {
	b.gcsOnce.Do(func() {
		if b.opts.GCS != nil {
			b.gcs = &gcs{client: b.opts.GCS}
			return
		}
		c, err := storage.NewClient(ctx)
		if err != nil {
			c, err = storage.NewClient(ctx, option.WithoutAuthentication())
		}
		if err != nil {
			b.gcsErr = fmt.Errorf("google cloud storage client: %w", err)
			return
		}
		b.gcs = &gcs{client: c}
	})
	return b.gcs, b.gcsErr
}

// list returns the objects and sub-prefixes directly under prefix.
func (g *gcs) list(ctx context.Context, bucket, prefix string) (files []*storage.ObjectAttrs, dirs []string, err error) {
	q := &storage.Query{Prefix: prefix, Delimiter: "/"}
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		q.Prefix += "/"
	}
	if err := q.SetAttrSelection([]string{"Name", "Size", "ContentEncoding"}); err != nil {
		return nil, nil, err
	}
	it := g.client.Bucket(bucket).Objects(ctx, q)
	for {
		a, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return files, dirs, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("list %s: %w", prow.GCSURL(bucket, prefix), err)
		}
		if a.Prefix != "" {
			dirs = append(dirs, strings.TrimSuffix(a.Prefix, "/"))
		} else {
			files = append(files, a)
		}
	}
}

// findRuns walks prefix for run folders (prowjob.json or started.json in
// them) with one listing per folder, never listing inside a run. A prefix
// that is an object is one plain run.
func (g *gcs) findRuns(ctx context.Context, bucket, prefix string, parallel int) ([]Run, error) {
	var (
		mu   sync.Mutex
		runs []Run
		errs []error
		wg   sync.WaitGroup
	)
	// Listings run a few at a time; a goroutine per folder only waits.
	sem := make(chan struct{}, max(4, parallel*2))
	var walk func(p string, depth int)
	walk = func(p string, depth int) {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		files, dirs, err := g.list(ctx, bucket, p)
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
			return
		}
		for _, f := range files {
			if prow.IsRunMarker(path.Base(f.Name)) {
				run := Run{Key: prow.GCSURL(bucket, p), gcs: &gcsPath{bucket, p}}
				g.readMeta(ctx, &run, files)
				mu.Lock()
				runs = append(runs, run)
				mu.Unlock()
				return
			}
		}
		if depth >= maxDepth {
			return
		}
		for _, d := range dirs {
			wg.Add(1)
			go walk(d, depth+1)
		}
	}
	wg.Add(1)
	walk(prefix, 0)
	wg.Wait()
	err := errors.Join(errs...)
	if len(runs) == 0 && prefix != "" {
		// Not a tree of runs: an object (a must-gather archive, a file of
		// objects) is one plain run.
		if _, aerr := g.client.Bucket(bucket).Object(prefix).Attrs(ctx); aerr == nil {
			return []Run{{Key: prow.GCSURL(bucket, prefix), gcs: &gcsPath{bucket, prefix}, plain: true}}, nil
		}
		if err == nil {
			err = fmt.Errorf("%s: no Prow job run (a folder with prowjob.json or started.json) and no object there", prow.GCSURL(bucket, prefix))
		}
	}
	return runs, err
}

// readMeta reads the metadata files among a run folder's objects.
func (g *gcs) readMeta(ctx context.Context, run *Run, files []*storage.ObjectAttrs) {
	have := map[string]bool{}
	for _, f := range files {
		have[path.Base(f.Name)] = true
	}
	applyMeta(run, func(name string) ([]byte, bool) {
		if !have[name] {
			return nil, false
		}
		data, err := g.read(ctx, run.gcs.bucket, run.gcs.child(name), metaMax)
		if err != nil {
			run.MetaProblems = append(run.MetaProblems, ProblemRow{Path: run.Key + "/" + name, Error: err.Error()})
			return nil, false
		}
		return data, true
	})
}

// read returns an object's content, decompressed when it is stored
// gzip-encoded: metadata files are parsed here, not by the loader.
func (g *gcs) read(ctx context.Context, bucket, name string, limit int64) ([]byte, error) {
	r, err := g.client.Bucket(bucket).Object(name).NewReader(ctx)
	if err != nil {
		return nil, err
	}
	defer r.Close() //nolint:errcheck // read-only
	return io.ReadAll(io.LimitReader(r, limit))
}

// fetch copies what the loader needs of a run into dir, under the same
// relative names: the metadata files, the gather-extra files of every
// artifacts/<test>/gather-extra/artifacts/ and the must-gather archives of
// every artifacts/<test>/gather-must-gather/artifacts/. Pod logs, events and
// the rest of the artifacts are never listed or read. Which of gather-extra
// and must-gather is fetched follows prefer, as for a local run.
func (g *gcs) fetch(ctx context.Context, run gcsPath, dir string, prefer string) error {
	files, _, err := g.list(ctx, run.bucket, run.prefix)
	if err != nil {
		return err
	}
	var want []string
	for _, f := range files {
		if base := path.Base(f.Name); base == prow.ProwJobFile || base == prow.StartedFile || base == prow.FinishedFile {
			want = append(want, f.Name)
		}
	}
	_, tests, err := g.list(ctx, run.bucket, run.child("artifacts"))
	if err != nil {
		return err
	}
	var extra, mg []string
	for _, t := range tests {
		_, steps, err := g.list(ctx, run.bucket, t)
		if err != nil {
			return err
		}
		for _, s := range steps {
			switch path.Base(s) {
			case "gather-extra":
				names, err := g.names(ctx, run.bucket, s+"/artifacts", loader.IsGatherExtraFile)
				if err != nil {
					return err
				}
				extra = append(extra, names...)
			case "gather-must-gather":
				names, err := g.names(ctx, run.bucket, s+"/artifacts", loader.IsMustGatherArchive)
				if err != nil {
					return err
				}
				mg = append(mg, names...)
			}
		}
	}
	switch {
	case prefer == PreferGatherExtra && len(extra) > 0:
		want = append(want, extra...)
	case len(mg) > 0:
		want = append(want, mg...)
	default:
		want = append(want, extra...)
	}
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(4)
	for _, name := range want {
		eg.Go(func() error { return g.download(ectx, run, name, dir) })
	}
	return eg.Wait()
}

// names lists the objects directly under prefix whose base name keep accepts.
func (g *gcs) names(ctx context.Context, bucket, prefix string, keep func(string) bool) ([]string, error) {
	files, _, err := g.list(ctx, bucket, prefix)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if keep(path.Base(f.Name)) {
			out = append(out, f.Name)
		}
	}
	return out, nil
}

// download copies one object, as stored, to its place below dir.
func (g *gcs) download(ctx context.Context, run gcsPath, name, dir string) error {
	rel := strings.TrimPrefix(strings.TrimPrefix(name, run.prefix), "/")
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	r, err := g.client.Bucket(run.bucket).Object(name).ReadCompressed(true).NewReader(ctx)
	if err != nil {
		return fmt.Errorf("read %s: %w", prow.GCSURL(run.bucket, name), err)
	}
	defer r.Close() //nolint:errcheck // read-only
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", prow.GCSURL(run.bucket, name), err)
	}
	return nil
}

// fetchObject copies one object (a plain run) into dir and returns its path.
func (g *gcs) fetchObject(ctx context.Context, p gcsPath, dir string) (string, error) {
	if err := g.download(ctx, gcsPath{bucket: p.bucket, prefix: path.Dir(p.prefix)}, p.prefix, dir); err != nil {
		return "", err
	}
	return filepath.Join(dir, path.Base(p.prefix)), nil
}
