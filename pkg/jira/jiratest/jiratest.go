// Package jiratest is a stand-in Jira server for tests, on loopback. It
// answers the three calls pkg/jira makes (get an issue, search by JQL,
// create an issue) with the documents of Atlassian's REST documentation:
// statuses with their statusCategory (new / indeterminate / done),
// resolutions by name, 400 with errorMessages and per-field errors, 401,
// 403, 404, 410 Gone for the classic search on Cloud, 429 with
// Retry-After, 5xx and slow answers on demand.
package jiratest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Flavour is the product the stand-in plays.
type Flavour int

const (
	// DataCenter answers the classic search (/rest/api/2/search, startAt)
	// and 404 for /search/jql; it wants a bearer token.
	DataCenter Flavour = iota
	// Cloud answers 410 Gone on the classic search and serves
	// /rest/api/2/search/jql with nextPageToken; it wants basic auth.
	Cloud
)

// Server is a running stand-in. Its fields may be changed between calls
// under no lock only before the code under test runs; use the methods after.
type Server struct {
	*httptest.Server
	t       testing.TB
	flavour Flavour

	mu        sync.Mutex
	issues    map[string]*issue // by key
	order     []string          // keys in creation order
	project   string
	next      int
	cred      string   // the expected Authorization header; "" accepts none
	compNames []string // valid component names; nil accepts any
	versNames []string // valid version names; nil accepts any
	pageSize  int
	delay     map[string]time.Duration // per issue key
	faults    []fault                  // answered before anything else, in order
	hidden    map[string]int           // key -> status answered instead (403, 404)
	requests  map[string]int           // "GET /rest/api/2/issue/KEY" -> count
	inFlight  int
	maxFlight int
}

type issue struct {
	Key, Summary, Description string
	Status, Category          string
	Resolution                string
	Labels, Components        []string
	Versions                  []string
}

type fault struct {
	status     int
	retryAfter string
}

// Start runs a stand-in for project (e.g. OCPBUGS) until the test ends.
func Start(t testing.TB, f Flavour, project string) *Server {
	s := &Server{t: t, flavour: f, issues: map[string]*issue{}, project: project, next: 1,
		pageSize: 50, delay: map[string]time.Duration{}, hidden: map[string]int{}, requests: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// RequireBearer makes every request need this personal access token.
func (s *Server) RequireBearer(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cred = "Bearer " + token
}

// RequireBasic makes every request need this user and API token.
func (s *Server) RequireBasic(user, apiToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cred = "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+apiToken))
}

// Components restricts the component names a create may use.
func (s *Server) Components(names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.compNames = names
}

// Versions restricts the version names a create may use.
func (s *Server) Versions(names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versNames = names
}

// PageSize caps the issues of one search page, to exercise pagination.
func (s *Server) PageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// Add creates an issue directly, open in status New, and returns its key.
func (s *Server) Add(summary string, labels ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.add(&issue{Summary: summary, Labels: labels})
}

func (s *Server) add(is *issue) string {
	is.Key = fmt.Sprintf("%s-%d", s.project, s.next)
	s.next++
	is.Status, is.Category = "New", "new"
	s.issues[is.Key] = is
	s.order = append(s.order, is.Key)
	return is.Key
}

// SetStatus moves an issue to status (category "new", "indeterminate" or
// "done") with resolution ("" for none), as a workflow transition would.
func (s *Server) SetStatus(key, status, category, resolution string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.issues[key]
	if is == nil {
		s.t.Fatalf("jiratest: no issue %s", key)
	}
	is.Status, is.Category, is.Resolution = status, category, resolution
}

// Resolve closes an issue with resolution: status Closed, category done.
func (s *Server) Resolve(key, resolution string) { s.SetStatus(key, "Closed", "done", resolution) }

// Hide answers status (403 or 404) for the issue instead of its document.
func (s *Server) Hide(key string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hidden[key] = status
}

// Slow delays every answer about key by d.
func (s *Server) Slow(key string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay[key] = d
}

// Fail answers the next n requests with status (429, 500, 503...), with a
// Retry-After header when retryAfter is not "".
func (s *Server) Fail(n, status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, fault{status, retryAfter})
	}
}

// Issue returns a copy of the issue with key, for assertions.
func (s *Server) Issue(key string) (summary string, labels, components, versions []string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.issues[key]
	if is == nil {
		return "", nil, nil, nil, false
	}
	return is.Summary, slices.Clone(is.Labels), slices.Clone(is.Components), slices.Clone(is.Versions), true
}

// Keys lists the issues in creation order.
func (s *Server) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.order)
}

// Requests counts the requests of "METHOD path" (query left out).
func (s *Server) Requests(methodPath string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[methodPath]
}

// MaxInFlight is the most requests the server was answering at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxFlight
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.Method+" "+r.URL.Path]++
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	var f *fault
	if len(s.faults) > 0 {
		f = &s.faults[0]
		s.faults = s.faults[1:]
	}
	cred := s.cred
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	switch {
	case f != nil:
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		writeJSON(w, f.status, errorDoc([]string{http.StatusText(f.status)}, nil))
		return
	case cred != "" && r.Header.Get("Authorization") != cred:
		// Jira answers 401 to a missing or wrong credential, in JSON for the REST API.
		writeJSON(w, http.StatusUnauthorized, errorDoc([]string{"You are not authenticated. Authentication required to perform this operation."}, nil))
		return
	}
	path := r.URL.Path
	switch {
	case r.Method == http.MethodPost && path == "/rest/api/2/issue":
		s.create(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/rest/api/2/issue/"):
		s.get(w, strings.TrimPrefix(path, "/rest/api/2/issue/"))
	case r.Method == http.MethodGet && (path == "/rest/api/2/search" || path == "/rest/api/3/search"):
		if s.flavour == Cloud {
			writeJSON(w, http.StatusGone, errorDoc([]string{"The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."}, nil))
			return
		}
		s.search(w, r, false)
	case r.Method == http.MethodGet && (path == "/rest/api/2/search/jql" || path == "/rest/api/3/search/jql"):
		if s.flavour == DataCenter {
			writeJSON(w, http.StatusNotFound, errorDoc([]string{"null for uri: " + r.URL.String()}, nil))
			return
		}
		s.search(w, r, true)
	default:
		writeJSON(w, http.StatusNotFound, errorDoc([]string{"no such resource " + r.Method + " " + path}, nil))
	}
}

func (s *Server) get(w http.ResponseWriter, key string) {
	s.mu.Lock()
	d, hidden := s.delay[key], s.hidden[key]
	is := s.issues[key]
	var doc map[string]any
	if is != nil {
		doc = s.doc(is)
	}
	s.mu.Unlock()
	time.Sleep(d)
	switch {
	case hidden == http.StatusForbidden:
		writeJSON(w, http.StatusForbidden, errorDoc([]string{"You do not have the permission to see the specified issue."}, nil))
	case is == nil || hidden == http.StatusNotFound:
		writeJSON(w, http.StatusNotFound, errorDoc([]string{"Issue Does Not Exist"}, nil))
	default:
		writeJSON(w, http.StatusOK, doc)
	}
}

// categories are Jira's status categories, by key.
var categories = map[string]map[string]any{
	"new":           {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"},
	"indeterminate": {"id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"},
	"done":          {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
}

// doc is the issue document of GET /rest/api/2/issue/{key}, fields as asked.
func (s *Server) doc(is *issue) map[string]any {
	var res any
	if is.Resolution != "" {
		res = map[string]any{"self": s.URL + "/rest/api/2/resolution/1", "id": "1", "name": is.Resolution, "description": ""}
	}
	comps := []any{}
	for _, c := range is.Components {
		comps = append(comps, map[string]any{"name": c})
	}
	return map[string]any{
		"id": strings.TrimPrefix(is.Key, s.project+"-"), "key": is.Key, "self": s.URL + "/rest/api/2/issue/" + is.Key,
		"fields": map[string]any{
			"summary": is.Summary,
			"status": map[string]any{"self": s.URL + "/rest/api/2/status/1", "name": is.Status, "id": "1",
				"statusCategory": categories[is.Category]},
			"resolution": res,
			"labels":     nonNil(is.Labels),
			"components": comps,
		},
	}
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Fields struct {
			Project     struct{ Key string }    `json:"project"`
			IssueType   struct{ Name string }   `json:"issuetype"`
			Summary     string                  `json:"summary"`
			Description string                  `json:"description"`
			Components  []struct{ Name string } `json:"components"`
			Labels      []string                `json:"labels"`
			Versions    []struct{ Name string } `json:"versions"`
		} `json:"fields"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeJSON(w, http.StatusBadRequest, errorDoc([]string{"Unexpected character in the request: " + err.Error()}, nil))
		return
	}
	f := body.Fields
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := map[string]string{}
	if f.Project.Key != s.project {
		errs["project"] = "valid project is required"
	}
	if f.IssueType.Name == "" {
		errs["issuetype"] = "valid issue type is required"
	}
	if strings.TrimSpace(f.Summary) == "" {
		errs["summary"] = "You must specify a summary of the issue."
	} else if len(f.Summary) > 255 {
		errs["summary"] = "Summary must be less than 255 characters."
	}
	is := &issue{Summary: f.Summary, Description: f.Description, Labels: f.Labels}
	for _, c := range f.Components {
		if s.compNames != nil && !slices.Contains(s.compNames, c.Name) {
			errs["components"] = fmt.Sprintf("Component name '%s' is not valid", c.Name)
		}
		is.Components = append(is.Components, c.Name)
	}
	for _, v := range f.Versions {
		if s.versNames != nil && !slices.Contains(s.versNames, v.Name) {
			errs["versions"] = fmt.Sprintf("Version name '%s' is not valid", v.Name)
		}
		is.Versions = append(is.Versions, v.Name)
	}
	if len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, errorDoc(nil, errs))
		return
	}
	key := s.add(is)
	id := strings.TrimPrefix(key, s.project+"-")
	writeJSON(w, http.StatusCreated, map[string]any{"id": id, "key": key, "self": s.URL + "/rest/api/2/issue/" + id})
}

// clause is one JQL condition the stand-in understands.
var clause = regexp.MustCompile(`^\s*(project|labels|summary|key)\s*(=|~|in)\s*(.+?)\s*$`)

// match evaluates the JQL subset pkg/jira writes: clauses joined by AND, of
// project = "X", labels = "L", summary ~ "words", key in (A, B).
func (s *Server) match(jql string) (func(*issue) bool, string) {
	var tests []func(*issue) bool
	for part := range strings.SplitSeq(jql, " AND ") {
		m := clause.FindStringSubmatch(part)
		if m == nil {
			return nil, fmt.Sprintf("Error in the JQL Query: cannot read %q", part)
		}
		field, op, val := m[1], m[2], m[3]
		str, err := strconv.Unquote(val)
		if err != nil && op != "in" {
			return nil, fmt.Sprintf("Error in the JQL Query: %q is not a string", val)
		}
		switch {
		case field == "project" && op == "=":
			tests = append(tests, func(*issue) bool { return str == s.project })
		case field == "labels" && op == "=":
			tests = append(tests, func(is *issue) bool { return slices.Contains(is.Labels, str) })
		case field == "summary" && op == "~":
			words := strings.Fields(strings.ToLower(str))
			tests = append(tests, func(is *issue) bool {
				sum := strings.ToLower(is.Summary)
				for _, w := range words {
					if !strings.Contains(sum, w) {
						return false
					}
				}
				return true
			})
		case field == "key" && op == "in":
			keys := strings.FieldsFunc(strings.Trim(val, "()"), func(r rune) bool { return r == ',' || r == ' ' || r == '"' })
			tests = append(tests, func(is *issue) bool { return slices.Contains(keys, is.Key) })
		default:
			return nil, fmt.Sprintf("Error in the JQL Query: the operator '%s' is not supported by the '%s' field", op, field)
		}
	}
	return func(is *issue) bool {
		for _, t := range tests {
			if !t(is) {
				return false
			}
		}
		return true
	}, ""
}

func (s *Server) search(w http.ResponseWriter, r *http.Request, token bool) {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	ok, problem := s.match(q.Get("jql"))
	if problem != "" {
		writeJSON(w, http.StatusBadRequest, errorDoc([]string{problem}, nil))
		return
	}
	var found []map[string]any
	for _, k := range s.order {
		if is := s.issues[k]; ok(is) {
			found = append(found, s.doc(is))
		}
	}
	size := s.pageSize
	if n, err := strconv.Atoi(q.Get("maxResults")); err == nil && n > 0 && n < size {
		size = n
	}
	start := 0
	var err error
	if token {
		if t := q.Get("nextPageToken"); t != "" {
			if start, err = strconv.Atoi(strings.TrimPrefix(t, "page-")); err != nil {
				writeJSON(w, http.StatusBadRequest, errorDoc([]string{"Invalid nextPageToken"}, nil))
				return
			}
		}
	} else if start, err = strconv.Atoi(q.Get("startAt")); err != nil {
		start = 0
	}
	start = min(start, len(found))
	end := min(start+size, len(found))
	page := map[string]any{"issues": nonNil(found[start:end])}
	if token {
		// Cloud: no total; the token is absent on the last page.
		page["isLast"] = end == len(found)
		if end < len(found) {
			page["nextPageToken"] = "page-" + strconv.Itoa(end)
		}
	} else {
		page["startAt"], page["maxResults"], page["total"] = start, size, len(found)
	}
	writeJSON(w, http.StatusOK, page)
}

func errorDoc(messages []string, fields map[string]string) map[string]any {
	return map[string]any{"errorMessages": nonNil(messages), "errors": nonNilMap(fields)}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
