package snapshot

import (
	"testing"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestClusterRelease(t *testing.T) {
	cv := func(desired string, history ...configv1.UpdateHistory) *configv1.ClusterVersion {
		return &configv1.ClusterVersion{ObjectMeta: metav1.ObjectMeta{Name: "version"},
			Status: configv1.ClusterVersionStatus{Desired: configv1.Release{Version: desired}, History: history}}
	}
	node := func(name, kubelet string) *corev1.Node {
		n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}}
		n.Status.NodeInfo.KubeletVersion = kubelet
		return n
	}
	cases := []struct {
		name string
		objs []any
		want string
	}{
		{"a nightly's ClusterVersion", []any{cv("4.8.0-0.nightly-2021-07-31-065602")}, "4.8 (ClusterVersion)"},
		{"the completed update, not the one in progress", []any{cv("4.19.0",
			configv1.UpdateHistory{State: configv1.PartialUpdate, Version: "4.19.0"},
			configv1.UpdateHistory{State: configv1.CompletedUpdate, Version: "4.18.3"})}, "4.18 (ClusterVersion)"},
		{"the ClusterVersion wins over kubelets", []any{cv("4.9.1"), node("a", "v1.31.2")}, "4.9 (ClusterVersion)"},
		{"no ClusterVersion: the newest kubelet", []any{node("a", "v1.21.1+051ac4f"), node("b", "v1.22.0-rc.0+75ee307")}, "4.9 (kubelet)"},
		{"an unreadable version falls back to kubelets", []any{cv("nightly"), node("a", "v1.31.0")}, "4.18 (kubelet)"},
		{"neither: unknown", []any{node("a", "")}, "unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder()
			for _, o := range tc.objs {
				b.Add(o, "f", false)
			}
			if got := b.Build().Release().String(); got != tc.want {
				t.Errorf("Release() = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestReleaseOrder(t *testing.T) {
	r418 := Release{4, 18}
	if !(Release{4, 8}).Before(r418) || r418.Before(Release{4, 8}) || r418.Before(r418) {
		t.Error("Before is not the release order")
	}
	if got := r418.Kubernetes(); got != "1.31" {
		t.Errorf("4.18 ships Kubernetes %s, want 1.31", got)
	}
}
