package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// browsers are the names Chromium goes by; Debian's package is "chromium".
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"}

// findBrowser returns Chromium's path, or skips the test saying why. On CI
// (.ci/run installs Debian's chromium) a missing browser fails instead,
// unless .ci/run said it could not be installed.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range browsers {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := fmt.Sprintf("no Chromium on PATH (looked for %s): the HTML page was not tested in a browser; "+
		"install it with `apt-get install chromium`", strings.Join(browsers, ", "))
	if why := os.Getenv("HA_COMPLIANCE_NO_BROWSER"); why != "" {
		t.Skip(msg + "; .ci/run: " + why)
	}
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI sets up Chromium in .ci/run)")
	}
	t.Skip(msg)
	return ""
}

// TestHTMLInBrowser opens ha-compliance.html in headless Chromium: it loads
// with no console error and no request, the filters change what is shown,
// a cell opens its violations with the fix and the stanza, and markup in the
// data stays text. The screenshot is saved as a test artifact.
func TestHTMLInBrowser(t *testing.T) {
	browser := findBrowser(t)
	a := fixtureWithRisks(t)
	for i, r := range a.Results {
		if r.Namespace == "my-app" && r.Check == "replicas" {
			a.Results[i].Violations = append(r.Violations, result.Violation{Kind: "Deployment",
				Name: "evil", Message: `</script><img src=x onerror="console.error('injected')"><b>bold</b>`})
		}
	}
	var page bytes.Buffer
	if err := HTML(&page, a, MarkdownOptions{Checks: fixtureChecks}); err != nil {
		t.Fatal(err)
	}
	eval, screenshot := browse(t, browser, page.String())
	// filter sets the filters (component, outcome, lifecycle, text) and
	// returns the namespaces shown and the checks whose column is shown.
	filter := func(component, outcome, lifecycle, text string) string {
		t.Helper()
		return eval(fmt.Sprintf(`(() => {
			const set = (id, v) => { const e = document.getElementById(id); e.value = v;
				e.dispatchEvent(new Event(e.tagName === "INPUT" ? "input" : "change")); };
			set("f-component", %q); set("f-outcome", %q); set("f-lifecycle", %q); set("f-text", %q);
			const shown = (e) => e.getClientRects().length > 0; // laid out, whatever hid it
			const rows = [...document.querySelectorAll("#matrix tbody tr")].filter(shown).map(r => r.dataset.namespace);
			const cols = [...document.querySelectorAll("#matrix thead th[data-check]")].filter(shown).map(c => c.dataset.check);
			return rows.join(",") + " | " + cols.join(",");
		})()`, component, outcome, lifecycle, text))
	}
	all := "my-app,openshift-console,openshift-dns,openshift-etcd-operator,openshift-ingress,openshift-kube-scheduler,openshift-monitoring,openshift-operators"
	allChecks := "liveness-probe,readiness-probe,startup-probe,replicas,pdb,spread-across-nodes"
	for _, tc := range []struct {
		name                                string
		component, outcome, lifecycle, text string
		want                                string
	}{
		{"no filter shows everything", "", "", "", "", all + " | " + allChecks},
		{"by component", "Monitoring", "", "", "", "openshift-monitoring | " + allChecks},
		{"namespaces with no component", "—", "", "", "", "my-app,openshift-operators | " + allChecks},
		{"failing", "", "fail", "", "", "my-app,openshift-console,openshift-dns,openshift-ingress,openshift-monitoring | " + allChecks},
		{"flaking informing checks", "", "flake", "informing", "", "openshift-console | startup-probe"},
		{"blocking columns only", "Etcd", "", "blocking", "", "openshift-etcd-operator | liveness-probe,readiness-probe,replicas,pdb,spread-across-nodes"},
		{"text in a violation", "", "", "", "Download-Server", "openshift-console | " + allChecks},
		{"nothing matches", "", "", "", "no such thing", " | " + allChecks},
	} {
		if got := filter(tc.component, tc.outcome, tc.lifecycle, tc.text); got != tc.want {
			t.Errorf("%s: shown %q, want %q", tc.name, got, tc.want)
		}
	}
	filter("", "", "", "")
	if got := eval(`document.getElementById("shown").textContent`); got != "8 of 8 namespaces" {
		t.Errorf("count says %q", got)
	}
	detail := eval(`(() => {
		document.querySelector('tr[data-namespace="my-app"] td[data-check="replicas"]').click();
		const d = document.getElementById("detail");
		return (d.getClientRects().length ? "shown" : "hidden") + "\n" + d.innerText;
	})()`)
	for _, want := range []string{"shown", "my-app · replicas: fail", "How to fix: Set spec.replicas to 2 or more.",
		"jira: OCPBUGS-NNNNN", "workload: {kind: StatefulSet, name: db}", `</script><img src=x`} {
		if !strings.Contains(detail, want) {
			t.Errorf("drill-down lacks %q:\n%s", want, detail)
		}
	}
	if got := eval(`document.getElementById("verdict").textContent + " | " + document.querySelectorAll("#risks li").length`); !strings.HasPrefix(got, "FAIL: ") || !strings.HasSuffix(got, " | 2") {
		t.Errorf("summary on top: %q", got)
	}
	// Markup in the data stays text, and the page loads nothing.
	if got := eval(`document.images.length + " images, " + document.querySelectorAll("b").length + " bold, " +
		performance.getEntriesByType("resource").length + " requests"`); got != "0 images, 0 bold, 0 requests" {
		t.Errorf("page: %s", got)
	}

	screenshot("ha-compliance-html.png")
}

// TestTrendsInBrowser opens the batch page: one SVG chart per series, the
// filters by kind and name, no console error.
func TestTrendsInBrowser(t *testing.T) {
	browser := findBrowser(t)
	var page bytes.Buffer
	err := TrendsHTML(&page, Trends{Title: "HA compliance across 30 job runs", Axis: []string{"4.17", "4.18", "4.19"},
		Series: []TrendSeries{
			{Name: "replicas", Kind: "check", Points: []TrendCounts{{Pass: 8, Fail: 2}, {Pass: 9, Fail: 1}, {Pass: 10}}},
			{Name: "pdb", Kind: "check", Points: []TrendCounts{{Skip: 10}, {Pass: 5, Flake: 5}, {Pass: 4, Fail: 6}}},
			{Name: "Monitoring <b>", Kind: "component", Points: []TrendCounts{{Pass: 1, Fail: 1}, {}, {Pass: 2}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	eval, screenshot := browse(t, browser, page.String())
	if got := eval(`document.querySelectorAll("svg.trend").length + " charts, " + document.querySelectorAll("svg.trend circle").length +
		" points, " + document.querySelectorAll("svg.trend polyline").length + " lines, " + document.querySelectorAll("b").length + " bold"`); got != "3 charts, 7 points, 2 lines, 0 bold" {
		// pdb skips everywhere at 4.17 and Monitoring judges nothing at 4.18: no point there, and Monitoring's line breaks.
		t.Errorf("page: %s", got)
	}
	filter := func(kind, text string) string {
		t.Helper()
		return eval(fmt.Sprintf(`(() => {
			const k = document.getElementById("f-kind"); k.value = %q; k.dispatchEvent(new Event("change"));
			const q = document.getElementById("f-text"); q.value = %q; q.dispatchEvent(new Event("input"));
			return [...document.querySelectorAll(".series")].filter(s => s.getClientRects().length > 0).map(s => s.dataset.name).join(",");
		})()`, kind, text))
	}
	for _, tc := range []struct{ kind, text, want string }{
		{"", "", "replicas,pdb,Monitoring <b>"},
		{"component", "", "Monitoring <b>"},
		{"check", "PD", "pdb"},
	} {
		if got := filter(tc.kind, tc.text); got != tc.want {
			t.Errorf("kind %q, text %q: shown %q, want %q", tc.kind, tc.text, got, tc.want)
		}
	}
	screenshot("ha-compliance-trends.png")
}

// browse opens page in headless Chromium, launched as CI can run it, and
// returns a JavaScript evaluator and a screenshot saver. When the test ends
// it fails on any console error, uncaught exception or failed load.
func browse(t *testing.T, browser, page string) (eval func(js string) string, screenshot func(name string)) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.html")
	writeFile(t, path, page)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root in CI containers
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	var mu sync.Mutex
	var problems []string
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser: %s", p)
		}
	})
	if err := chromedp.Listen(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				problems = append(problems, fmt.Sprintf("console.%s: %v", e.Type, argsText(e.Args)))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+(&chromedp.ExceptionError{ExceptionDetails: e.ExceptionDetails}).Error())
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}); err != nil {
		t.Fatalf("start Chromium %s: %v", browser, err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+path), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("load the page: %v", err)
	}
	eval = func(js string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	screenshot = func(name string) {
		t.Helper()
		shot, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // quality 100 is a PNG
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		saveArtifact(t, name, shot)
	}
	return eval, screenshot
}

func argsText(args []*runtime.RemoteObject) string {
	var out []string
	for _, a := range args {
		out = append(out, string(a.Value)+a.Description)
	}
	return strings.Join(out, " ")
}

// saveArtifact keeps a file a person may want to look at after the run: in
// $ARTIFACT_DIR on CI, else under bin/test-artifacts.
func saveArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("ARTIFACT_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "bin", "test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
