package loader

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/klauspost/compress/s2"
	"golang.org/x/sync/semaphore"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// task is one needed file on its way to a decoder.
type task struct {
	seq  int // the order the reader met the file: the de-dup tie-break
	path string
	root *root
	at   place
	data []byte
	// file is set, instead of data, for a per-pod copy in a folder that is
	// read only if its namespace's pods.yaml turns out to be unusable.
	file string
	// packed is data compressed (s2) while an archive's per-pod copy waits
	// for the second pass, which rarely needs it.
	packed []byte
	weight int64 // what the task holds of the queue's bytes
}

// The reader runs ahead of the decoders by up to queueTasks files and
// queueBytes bytes of them: in a tar, far enough to pass a namespace's logs
// and per-pod copies while the decoders work through its Lists, and little
// against the memory target (docs/performance.md, section 9).
const (
	queueTasks = 256
	queueBytes = 8 << 20
)

// outcome is one decoded file.
type outcome struct {
	task *task
	res  decode.Result
}

// run is the state of one load.
type run struct {
	ctx     context.Context
	lim     Limits
	dec     decode.Decoder
	workers int

	tasks    chan *task
	queued   *semaphore.Weighted // bytes of the files in tasks and being decoded
	seq      int
	inputs   []*input
	problems []problem
	lost     []lostKinds // kinds lost by files that could not be read (partial.go)
	pending  []*task     // per-pod copies kept aside for the second pass
	lists    *podLists
}

// problem is a snapshot.Problem with the position it sorts at.
type problem struct {
	seq int
	snapshot.Problem
}

func newRun(ctx context.Context, opts Options) *run {
	r := &run{ctx: ctx, lim: opts.Limits.WithDefaults(), dec: opts.Decoder, workers: opts.Workers, lists: newPodLists()}
	if r.dec == nil {
		r.dec = decode.Default()
	}
	if r.workers <= 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	return r
}

// problem records a part of the input that could not be read.
func (r *run) problem(path string, err error) {
	r.problems = append(r.problems, problem{seq: r.seq, Problem: snapshot.Problem{Path: path, Error: err.Error()}})
}

// pipeline runs produce (the reader) on this goroutine while the decoders
// and the collector run beside it, and returns every outcome.
func (r *run) pipeline(produce func()) []outcome {
	r.tasks = make(chan *task, queueTasks)
	r.queued = semaphore.NewWeighted(queueBytes)
	results := make(chan outcome, 2*r.workers)

	var wg sync.WaitGroup
	for range r.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range r.tasks {
				if t.at.role == rolePodCopy && r.lists.wait(r.ctx, t.root, t.at.ns) {
					r.done(t) // its List has every pod: unread
					continue
				}
				res := r.decode(t)
				r.done(t) // the decoder keeps nothing of it
				results <- outcome{task: t, res: res}
			}
		}()
	}
	var out []outcome
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for o := range results {
			r.observe(o)
			out = append(out, o)
		}
	}()
	produce()
	close(r.tasks)
	wg.Wait()
	close(results)
	<-collected
	return out
}

// decode runs the decoder on one file; a decoder that panics costs that
// file, not the load.
func (r *run) decode(t *task) (res decode.Result) {
	defer func() {
		if p := recover(); p != nil {
			res = decode.Result{Errors: []error{fmt.Errorf("decoder failed: %v", p)}}
		}
	}()
	return r.dec.Decode(t.data, t.hint())
}

// hint is the kind to give objects that carry none. Only Insights files
// (and a single file given by its Insights path) are written without kinds;
// must-gather and gather-extra objects always have one, so a file there
// without kinds is garbage and must not be read as objects of its path's kind.
func (t *task) hint() snapshot.Kind {
	if t.at.role == roleInsights || t.at.role == roleFile {
		return t.at.kind
	}
	return ""
}

// observe notes, as soon as it is known, whether a namespace's pods.yaml
// decoded cleanly, so that the reader skips that namespace's per-pod copies
// unread and the decoders drop those already read.
func (r *run) observe(o outcome) {
	if t := o.task; t.isPodList() {
		// An empty pods.yaml is no List: its per-pod copies stand in.
		r.lists.decoded(t.root, t.at.ns, len(o.res.Errors) == 0 && !o.res.Empty)
	}
}

func (t *task) isPodList() bool { return t.at.role == roleList && t.at.kind == snapshot.Pod }

// emit hands a needed file to the decoders. It returns false when the load
// is cancelled.
func (r *run) emit(rt *root, at place, path string, data []byte) bool {
	r.seq++
	t := &task{seq: r.seq, path: path, root: rt, at: at, data: data}
	if t.isPodList() {
		r.lists.decoding(rt, at.ns)
	}
	return r.send(t)
}

func (r *run) send(t *task) bool {
	t.weight = min(int64(len(t.data)), queueBytes)
	if r.queued.Acquire(r.ctx, t.weight) != nil {
		return false
	}
	select {
	case r.tasks <- t:
		return true
	case <-r.ctx.Done():
		r.queued.Release(t.weight)
		return false
	}
}

// done releases a task's file and its share of the queue.
func (r *run) done(t *task) {
	releaseBuffer(t.data)
	t.data = nil
	r.queued.Release(t.weight)
}

// keepAside records a per-pod copy whose namespace List has not decoded
// cleanly, or has not been met yet: data for archive entries, file for
// folders. In an archive only copies met before their List (a tar written
// in another order) or of a broken List wait here; they are kept
// compressed, and those whose List has decoded since are dropped as reading
// goes on, so that they cost little memory (docs/performance.md).
func (r *run) keepAside(rt *root, at place, path string, data []byte, file string) {
	r.seq++
	t := &task{seq: r.seq, path: path, root: rt, at: at, file: file}
	if data != nil {
		t.packed = s2.Encode(nil, data)
		releaseBuffer(data)
	}
	r.pending = append(r.pending, t)
	if len(r.pending)%256 == 0 {
		r.prunePending()
	}
}

// prunePending drops the per-pod copies whose namespace List has decoded.
func (r *run) prunePending() {
	keep := r.pending[:0]
	for _, t := range r.pending {
		if !r.lists.ok(t.root, t.at.ns) {
			keep = append(keep, t)
		}
	}
	clear(r.pending[len(keep):])
	r.pending = keep
}

// secondPass decodes the per-pod copies of namespaces whose pods.yaml was
// missing or broken, and drops the others unread.
func (r *run) secondPass() []outcome {
	var todo []*task
	for _, t := range r.pending {
		if !r.lists.ok(t.root, t.at.ns) {
			todo = append(todo, t)
		}
	}
	r.pending = nil
	if len(todo) == 0 {
		return nil
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].seq < todo[j].seq })
	return r.pipeline(func() {
		for _, t := range todo {
			if t.file != "" {
				data, err := readRegular(t.file, r.lim.MaxFileBytes)
				if err != nil {
					r.problems = append(r.problems, problem{seq: t.seq, Problem: snapshot.Problem{Path: t.path, Error: err.Error()}})
					r.lost = append(r.lost, lostKinds{rt: t.root, seq: t.seq, p: partialOf(t.at.ns, snapshot.Pod, t.path, err.Error())})
					continue
				}
				t.data = data
			}
			if t.packed != nil {
				data, err := s2.Decode(nil, t.packed)
				if err != nil {
					r.problems = append(r.problems, problem{seq: t.seq, Problem: snapshot.Problem{Path: t.path, Error: err.Error()}})
					continue
				}
				t.data, t.packed = data, nil
			}
			if !r.send(t) {
				return
			}
		}
	})
}
