package main

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strconv"
)

// logMessages are shapes of klog lines from OpenShift operators; the
// numbers and names in them vary per line, so the text compresses about
// as well as real container logs.
var logMessages = []string{
	"] \"Observed a panic in reconciler\" err=\"resource version conflict\" controller=",
	"] Starting workers worker count=1 controller=",
	"] attempting to acquire leader lease openshift-operators/",
	"] successfully acquired lease openshift-operators/",
	"] \"Event occurred\" object=\"openshift-config-operator/config-operator\" kind=\"Deployment\" apiVersion=\"apps/v1\" type=\"Normal\" reason=\"OperatorStatusChanged\" message=\"Status for clusteroperator/",
	"] Updated ConfigMap/config -n openshift-config-managed: cause by changes in data.config.yaml",
	"] \"HTTP\" verb=\"GET\" URI=\"/readyz\" latency=\"1.234567ms\" userAgent=\"kube-probe/1.29\" audit-ID=\"",
	"] Caches populated for *v1.ConfigMap from k8s.io/client-go/informers/factory.go:159 key=",
	"] reconciling ClusterOperator status conditions=[Available=True Progressing=False Degraded=False] name=",
	"] Failed to update status: Operation cannot be fulfilled on clusteroperators.config.openshift.io \"",
	"] syncing node topology labels for zone us-east-1",
	"] \"Watch close - *v1.Secret total 8 items received\" reflector=\"k8s.io/client-go/informers/factory.go:159\" pod=",
}

var logFiles = []string{"controller.go", "leaderelection.go", "reflector.go", "status.go", "event.go", "httplog.go", "sync.go", "operator.go"}

// writeLog writes about size bytes of log lines to path. The content
// depends only on seed, so files can be written in any order.
func writeLog(path string, size int64, seed uint64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	rng := rand.New(rand.NewPCG(seed, 0x6c6f6773))
	line := make([]byte, 0, 512)
	var n int64
	sec := rng.IntN(3600)
	for n < size {
		sec += rng.IntN(3)
		line = line[:0]
		line = append(line, "IIIIIIIIIWE"[rng.IntN(11)])
		line = append(line, "0311 "...)
		line = appendClock(line, sec, rng.IntN(1e6))
		line = append(line, "       1 "...)
		line = append(line, logFiles[rng.IntN(len(logFiles))]...)
		line = append(line, ':')
		line = strconv.AppendInt(line, int64(20+rng.IntN(800)), 10)
		line = append(line, logMessages[rng.IntN(len(logMessages))]...)
		line = append(line, componentNames[rng.IntN(len(componentNames))]...)
		line = append(line, '-')
		line = strconv.AppendUint(line, rng.Uint64()&0xffffff, 16)
		line = append(line, '\n')
		m, err := w.Write(line)
		n += int64(m)
		if err != nil {
			f.Close()
			return n, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return n, err
	}
	return n, f.Close()
}

func appendClock(b []byte, sec, micros int) []byte {
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	b = two(b, 8+sec/3600%16)
	b = append(b, ':')
	b = two(b, sec/60%60)
	b = append(b, ':')
	b = two(b, sec%60)
	b = append(b, '.')
	s := strconv.Itoa(1000000 + micros)
	return append(b, s[1:]...)
}
