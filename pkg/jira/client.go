// Package jira is the small Jira REST client ha-compliance needs: read
// issues (GET /rest/api/2/issue/{key}), search them by JQL and create them
// (POST /rest/api/2/issue), on Jira Data Center and Jira Cloud alike.
//
// It stays small on purpose: the well-kept Go clients for Jira either pull a
// large tree of dependencies or speak only one of the two products, and the
// three calls above are all the workflow needs. What it adds over net/http
// is what a periodic job needs to be trusted: bounded concurrency, a timeout
// per request, retries on 429 (honouring Retry-After) and 5xx up to a
// ceiling, errors that say "not found", "denied" or "unreachable", and
// credentials that never appear in an error, a log line or an output.
package jira

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The defaults of a Client.
const (
	DefaultTimeout  = 30 * time.Second // each request
	DefaultRetries  = 4                // retries after the first attempt
	DefaultMaxWait  = time.Minute      // the longest single wait between attempts
	DefaultParallel = 8                // requests in flight at once
	maxBody         = 8 << 20          // bytes read from one answer
)

// Client talks to one Jira server. The zero values of its fields are the
// defaults; BaseURL is required.
type Client struct {
	// BaseURL is the server, e.g. https://issues.redhat.com. It may not hold
	// credentials: those go in Auth.
	BaseURL string
	// Auth is how requests authenticate; the zero value sends none.
	Auth Auth
	// HTTP is the client to use; one with DefaultTimeout when nil.
	HTTP *http.Client
	// Retries is how many times a request is retried after a 429, a 5xx or
	// a network error; DefaultRetries when 0, none when negative. A create is
	// retried only after a 429, which Jira answers before doing anything.
	Retries int
	// MaxWait caps each wait between attempts; DefaultMaxWait when 0. A
	// server that asks for longer (Retry-After) is given up on at once.
	MaxWait time.Duration
	// Parallel bounds the requests Issues has in flight; DefaultParallel when 0.
	Parallel int
	// Sleep waits between attempts; a context-aware time.Sleep when nil.
	// Tests replace it to run without waiting.
	Sleep func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	search searchAPI // which search endpoint the server answers, once known
}

// Auth holds a credential. Its String never shows the secret.
type Auth struct {
	bearer   string
	user     string
	apiToken string
}

// Bearer authenticates with a personal access token (Jira Data Center).
func Bearer(token string) Auth { return Auth{bearer: token} }

// Basic authenticates as user with an API token (Jira Cloud).
func Basic(user, apiToken string) Auth { return Auth{user: user, apiToken: apiToken} }

// String names the kind of credential, never its value.
func (a Auth) String() string {
	switch {
	case a.bearer != "":
		return "personal access token (JIRA_TOKEN)"
	case a.user != "":
		return "API token of " + a.user + " (JIRA_USER, JIRA_API_TOKEN)"
	}
	return "no credential"
}

// GoString keeps %#v from printing the secret too.
func (a Auth) GoString() string { return "jira.Auth{" + a.String() + "}" }

// set adds the Authorization header to req.
func (a Auth) set(req *http.Request) {
	switch {
	case a.bearer != "":
		req.Header.Set("Authorization", "Bearer "+a.bearer)
	case a.user != "":
		req.SetBasicAuth(a.user, a.apiToken)
	}
}

// redact removes the secret from s, should a server echo it back.
func (a Auth) redact(s string) string {
	for _, secret := range []string{a.bearer, a.apiToken} {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// AuthFromEnv reads the credential from the environment: JIRA_TOKEN (a
// Data Center personal access token, sent as a bearer token), or JIRA_USER
// and JIRA_API_TOKEN (Jira Cloud, basic authentication). No variable set is
// no credential; a half-set or doubly-set environment is an error.
func AuthFromEnv(getenv func(string) string) (Auth, error) {
	token, user, apiToken := getenv("JIRA_TOKEN"), getenv("JIRA_USER"), getenv("JIRA_API_TOKEN")
	switch {
	case token != "" && (user != "" || apiToken != ""):
		return Auth{}, errors.New("set either JIRA_TOKEN (Data Center) or JIRA_USER and JIRA_API_TOKEN (Cloud), not both")
	case token != "":
		return Bearer(token), nil
	case user != "" && apiToken != "":
		return Basic(user, apiToken), nil
	case user != "" || apiToken != "":
		return Auth{}, errors.New("both JIRA_USER and JIRA_API_TOKEN are needed for Jira Cloud")
	}
	return Auth{}, nil
}

// CheckBaseURL rejects a Jira URL that is not http(s) or that carries
// credentials, which would end up in messages.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("the Jira URL: %v", err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return fmt.Errorf("the Jira URL %q: want http(s)://host", u.Redacted())
	case u.User != nil:
		return fmt.Errorf("the Jira URL %q: put credentials in JIRA_TOKEN or JIRA_USER/JIRA_API_TOKEN, not in the URL", u.Redacted())
	}
	return nil
}

// Error is an answer of the server that is not a success.
type Error struct {
	// Op is what was asked, e.g. "get OCPBUGS-1", "search", "create".
	Op string
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// Messages are Jira's errorMessages.
	Messages []string
	// Fields are Jira's per-field errors (400 on create), field -> message.
	Fields map[string]string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: %d %s", e.Op, e.StatusCode, http.StatusText(e.StatusCode))
	switch e.StatusCode {
	case http.StatusUnauthorized:
		s += " (check JIRA_TOKEN, or JIRA_USER and JIRA_API_TOKEN)"
	case http.StatusForbidden:
		s += " (the credential may not see or do this)"
	case http.StatusNotFound:
		s += " (no such issue, or not visible with this credential)"
	}
	var details []string
	details = append(details, e.Messages...)
	for _, f := range slices.Sorted(maps.Keys(e.Fields)) {
		details = append(details, f+": "+e.Fields[f])
	}
	if len(details) > 0 {
		s += ": " + strings.Join(details, "; ")
	}
	return s
}

// IsNotFound reports whether err says the issue does not exist (or is not
// visible to the credential, which Jira does not tell apart).
func IsNotFound(err error) bool { return statusOf(err) == http.StatusNotFound }

// IsDenied reports whether err is a refusal of the credential (401, 403).
func IsDenied(err error) bool {
	s := statusOf(err)
	return s == http.StatusUnauthorized || s == http.StatusForbidden
}

func statusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// request is one call: method, path under BaseURL, query and JSON body.
type request struct {
	op     string
	method string
	path   string
	query  url.Values
	body   any
}

// do sends r, retrying as the Client says, and decodes a 2xx answer into
// out. Other answers become an *Error.
func (c *Client) do(ctx context.Context, r request, out any) error {
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("%s: %w", r.op, err)
		}
	}
	u := strings.TrimSuffix(c.BaseURL, "/") + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	retries := c.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	for attempt := 0; ; attempt++ {
		status, header, body, err := c.once(ctx, r, u, payload)
		if err == nil && status/100 == 2 {
			if out == nil {
				return nil
			}
			if err := json.Unmarshal(body, out); err != nil {
				return fmt.Errorf("%s: decode the answer: %w", r.op, err)
			}
			return nil
		}
		var fail error
		if err != nil {
			fail = fmt.Errorf("%s: %s", r.op, c.Auth.redact(err.Error()))
		} else {
			e := errorFrom(r.op, status, body)
			for i, m := range e.Messages {
				e.Messages[i] = c.Auth.redact(m)
			}
			for k, m := range e.Fields {
				e.Fields[k] = c.Auth.redact(m)
			}
			fail = e
		}
		if ctx.Err() != nil || attempt >= retries || !retryable(r.method, status, err) {
			return fail
		}
		wait, err := c.wait(attempt, status, header)
		if err != nil {
			return fmt.Errorf("%w: %v", fail, err)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return fail
		}
	}
}

// once sends one attempt and reads its answer.
func (c *Client) once(ctx context.Context, r request, u string, payload []byte) (int, http.Header, []byte, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c.Auth.set(req)
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, data, nil
}

// retryable says whether another attempt may succeed: rate limits, server
// errors and network failures, except that a create is retried only after a
// 429, since a 5xx or a lost answer may hide an issue that was created.
func retryable(method string, status int, err error) bool {
	if method != http.MethodGet {
		return err == nil && status == http.StatusTooManyRequests
	}
	if err != nil {
		var ne net.Error
		return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
			strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "connection refused")
	}
	return status == http.StatusTooManyRequests || status >= 500
}

// wait is how long to wait before attempt+1: Retry-After when the server
// says (seconds or an HTTP date), else 1s, 2s, 4s... both capped by MaxWait;
// a Retry-After beyond MaxWait is an error, since honouring it would stall.
func (c *Client) wait(attempt, status int, h http.Header) (time.Duration, error) {
	ceiling := c.MaxWait
	if ceiling == 0 {
		ceiling = DefaultMaxWait
	}
	if ra := h.Get("Retry-After"); ra != "" && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
		var d time.Duration
		if s, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil {
			d = time.Duration(s) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			d = time.Until(t)
		}
		if d > ceiling {
			return 0, fmt.Errorf("the server asks to wait %s (Retry-After), more than the %s ceiling", d.Round(time.Second), ceiling)
		}
		if d > 0 {
			return d, nil
		}
	}
	return min(time.Second<<attempt, ceiling), nil
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// errorFrom reads Jira's error document ({"errorMessages": [...],
// "errors": {"field": "message"}}) when there is one.
func errorFrom(op string, status int, body []byte) *Error {
	e := &Error{Op: op, StatusCode: status}
	var doc struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
	}
	if json.Unmarshal(body, &doc) == nil {
		e.Messages, e.Fields = doc.ErrorMessages, doc.Errors
	}
	return e
}
