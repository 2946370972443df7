package main

import (
	"time"

	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
)

// limitFlags bound what one input may cost (loader.Limits), shared by the
// commands that load inputs. Sizes are Kubernetes quantities (512Mi, 32Gi).
type limitFlags struct {
	fileSize, inputSize string
	ratio               int64
	timeout             time.Duration
}

// Bind registers the flags on fs, showing the defaults.
func (f *limitFlags) Bind(fs *pflag.FlagSet) {
	d := loader.Limits{}.WithDefaults()
	fs.StringVar(&f.fileSize, "max-file-size", resource.NewQuantity(d.MaxFileBytes, resource.BinarySI).String(),
		"largest resource file or archive entry read into memory")
	fs.StringVar(&f.inputSize, "max-input-size", resource.NewQuantity(d.MaxArchiveBytes, resource.BinarySI).String(),
		"most bytes decompressed for one input, skipped entries and nested archives included; an entry that declares more is refused at its header")
	fs.Int64Var(&f.ratio, "max-ratio", d.MaxRatio, "most decompressed bytes per compressed byte of one input, once 1Gi came out of it")
	fs.DurationVar(&f.timeout, "input-timeout", d.MaxDuration, "longest time spent reading one input (its folders, archives and compressed files)")
}

// Limits returns the limits, or a usage error naming the flag.
func (f *limitFlags) Limits() (loader.Limits, error) {
	var l loader.Limits
	for _, q := range []struct {
		name, value string
		into        *int64
	}{{"--max-file-size", f.fileSize, &l.MaxFileBytes}, {"--max-input-size", f.inputSize, &l.MaxArchiveBytes}} {
		v, err := resource.ParseQuantity(q.value)
		if err != nil || v.Value() <= 0 {
			return l, usageError("%s %q: want a positive size such as 512Mi or 32Gi", q.name, q.value)
		}
		*q.into = v.Value()
	}
	if f.ratio <= 0 {
		return l, usageError("--max-ratio %d: want a positive number", f.ratio)
	}
	if f.timeout <= 0 {
		return l, usageError("--input-timeout %v: want a positive duration such as 10m", f.timeout)
	}
	l.MaxRatio, l.MaxDuration = f.ratio, f.timeout
	return l, nil
}
