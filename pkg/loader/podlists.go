package loader

import (
	"context"
	"sync"
)

// podLists is the per-pod-copy bookkeeping of a load: per root and
// namespace, whether its core/pods.yaml decoded cleanly (then the per-pod
// copies of that namespace are not needed), and, while it is with the
// decoders, a channel closed once it has decoded. The reader writes
// decoding, the collector decoded; anyone may ask.
type podLists struct {
	mu      sync.Mutex
	clean   map[string]bool
	pending map[string]chan struct{}
}

func newPodLists() *podLists {
	return &podLists{clean: map[string]bool{}, pending: map[string]chan struct{}{}}
}

// listKey is the key of a namespace's pods.yaml.
func listKey(rt *root, ns string) string { return rt.key + "\x00" + ns }

// decoding records that a namespace's pods.yaml went to the decoders.
func (p *podLists) decoding(rt *root, ns string) {
	key := listKey(rt, ns)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending[key] == nil {
		p.pending[key] = make(chan struct{})
	}
}

// decoded records that a namespace's pods.yaml has decoded, cleanly or not.
func (p *podLists) decoded(rt *root, ns string, clean bool) {
	key := listKey(rt, ns)
	p.mu.Lock()
	defer p.mu.Unlock()
	if clean {
		p.clean[key] = true
	}
	if done := p.pending[key]; done != nil {
		close(done)
		delete(p.pending, key)
	}
}

// ok says whether a namespace's pods.yaml decoded cleanly.
func (p *podLists) ok(rt *root, ns string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.clean[listKey(rt, ns)]
}

// state says whether a namespace's pods.yaml decoded cleanly, and whether
// it is still decoding.
func (p *podLists) state(rt *root, ns string) (ok, decoding bool) {
	key := listKey(rt, ns)
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.clean[key], p.pending[key] != nil
}

// wait is ok once the namespace's pods.yaml, if the decoders have it, has
// decoded. A decoder given a per-pod copy waits here: the List went to the
// decoders before the copy, so another decoder has it and no wait is for
// a task still queued.
func (p *podLists) wait(ctx context.Context, rt *root, ns string) bool {
	p.mu.Lock()
	done := p.pending[listKey(rt, ns)]
	p.mu.Unlock()
	if done != nil {
		select {
		case <-done:
		case <-ctx.Done():
		}
	}
	return p.ok(rt, ns)
}
