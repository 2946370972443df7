package fastyaml

// maxKeyLen keeps keys well inside go-yaml's 1024-character limit on
// simple keys.
const maxKeyLen = 1000

// scanKey reports whether a mapping key ("key:" followed by a blank or the
// end of the line) starts at i, and returns the decoded key and the
// position just past the ':'. A line that is not a key is not an error
// here: the caller decides what else it may be.
func (p *parser) scanKey(i int) (key []byte, after int, isKey bool, err error) {
	src := p.src
	c := src[i]
	if c == '"' || c == '\'' {
		return p.scanQuotedKey(i)
	}
	switch c {
	case '-', '?', ':':
		if p.blankOrEnd(i + 1) {
			return nil, 0, false, nil
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, 0, false, nil
	}
	for j := i; j < len(src); j++ {
		if !keyStop[src[j]] {
			continue
		}
		switch src[j] {
		case '\n':
			return nil, 0, false, nil
		case '#':
			if src[j-1] == ' ' || src[j-1] == '\t' {
				return nil, 0, false, nil
			}
		case ':':
			if !p.blankOrEnd(j + 1) {
				continue
			}
			if j+1 < len(src) && src[j+1] == '\t' {
				return nil, 0, false, unsupported(j, "tab after ':'")
			}
			end := j
			for end > i && (src[end-1] == ' ' || src[end-1] == '\t') {
				end--
			}
			key = src[i:end]
			if j-i > maxKeyLen {
				return nil, 0, false, unsupported(i, "key longer than a YAML simple key may be")
			}
			if err := checkKey(key, i); err != nil {
				return nil, 0, false, err
			}
			if !plainKeyIsString(key) {
				return nil, 0, false, unsupported(i, "key that YAML types as bool, number, null or merge")
			}
			return key, j + 1, true, nil
		}
	}
	return nil, 0, false, nil
}

// scanQuotedKey handles a key written as a one-line quoted scalar.
func (p *parser) scanQuotedKey(i int) (key []byte, after int, isKey bool, err error) {
	src := p.src
	end, escaped := p.quoteEnd(i)
	if end < 0 {
		return nil, 0, false, nil
	}
	j := end + 1
	for j < len(src) && src[j] == ' ' {
		j++
	}
	if j >= len(src) || src[j] != ':' || !p.blankOrEnd(j+1) {
		return nil, 0, false, nil
	}
	if j+1 < len(src) && src[j+1] == '\t' {
		return nil, 0, false, unsupported(j, "tab after ':'")
	}
	if j-i > maxKeyLen {
		return nil, 0, false, unsupported(i, "key longer than a YAML simple key may be")
	}
	key = src[i+1 : end]
	if escaped {
		// Keys are kept until their mapping closes: give them their own
		// storage rather than a shared scratch buffer.
		if key, err = p.unescapeLine(i, end); err != nil {
			return nil, 0, false, err
		}
	}
	if err := checkKey(key, i); err != nil {
		return nil, 0, false, err
	}
	return key, j + 1, true, nil
}

// keyStop marks the bytes scanKey looks at: the rest cannot end a key.
var keyStop = func() (t [256]bool) {
	t['\n'], t['#'], t[':'] = true, true, true
	return t
}()

// checkKey rejects keys the typed decode could match differently from
// sigs.k8s.io/yaml: non-ASCII keys (encoding/json folds some Unicode
// letters onto ASCII field names) and overlong ones.
func checkKey(key []byte, off int) error {
	if len(key) > maxKeyLen {
		return unsupported(off, "key longer than a YAML simple key may be")
	}
	for _, c := range key {
		if c >= 0x80 {
			return unsupported(off, "non-ASCII key")
		}
	}
	return nil
}

// addKey records key in the mapping whose keys start at p.keys[start].
// Duplicates are refused, and so are keys equal but for ASCII case:
// sigs.k8s.io/yaml sorts keys before encoding/json matches them to fields
// case-insensitively, so which one wins depends on an order this package
// does not reproduce.
func (p *parser) addKey(start int, key []byte) error {
	for _, k := range p.keys[start:] {
		if len(k) == len(key) && equalFoldASCII(k, key) {
			return unsupported(0, "duplicate key "+string(key))
		}
	}
	p.keys = append(p.keys, key)
	return nil
}

func equalFoldASCII(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x|0x20 != y|0x20 || x|0x20 < 'a' || x|0x20 > 'z' {
			return false
		}
	}
	return true
}

// skipped reports whether key, under the current path, matches a skip path.
func (p *parser) skipped(key []byte) bool {
	for _, sp := range p.skip {
		n := len(sp) - 1
		if n > len(p.path) || sp[n] != string(key) {
			continue
		}
		match := true
		for k := 0; k < n; k++ {
			if sp[k] != string(p.path[len(p.path)-n+k]) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
