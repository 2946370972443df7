package loader

// handover is the reading side shared by ahead and zstdRing: a stream that
// another goroutine hands over in pieces, in order. Read copies out of the
// current piece, skip passes over it without copying, and next, supplied
// by the owner, gives the piece back and takes the following one.
type handover struct {
	cur  []byte // the unread part of the current piece
	err  error  // how the stream ended, once its last piece is read
	next func() // sets cur to the following piece, or err
}

// Read copies out of the pieces; how the stream ended follows its last
// byte.
func (h *handover) Read(p []byte) (int, error) {
	for len(h.cur) == 0 {
		if h.err != nil {
			return 0, h.err
		}
		h.next()
	}
	n := copy(p, h.cur)
	h.cur = h.cur[n:]
	return n, nil
}

// skip passes over n bytes of the pieces without copying them. Like every
// skipFunc, it returns fewer at the end of the stream, and the next Read
// says how it ended.
func (h *handover) skip(n int64) (int64, error) {
	var done int64
	for done < n {
		if len(h.cur) == 0 {
			if h.err != nil {
				return done, nil
			}
			h.next()
			continue
		}
		k := min(int64(len(h.cur)), n-done)
		h.cur = h.cur[k:]
		done += k
	}
	return done, nil
}
