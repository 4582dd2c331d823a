package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The process-level tests (TestCrashLosesNoQuestion, TestLoadBurst, TestVersionOfTheBuiltBinary) run the real
// binary. It is built once per test run, the first time one of them asks for it, with a version linked in as the
// Containerfile does, into a folder TestMain removes at the end.

// testVersion is the version linked into the test binary.
const testVersion = "v9.8.7-test"

var (
	binDir string // the test binary's folder, made by TestMain
	build  = sync.OnceValues(func() (string, error) {
		bin := filepath.Join(binDir, "ccabot")
		// Without the Containerfile's CGO_ENABLED=0 and -trimpath, which would rebuild every package instead of
		// reusing the test's build cache.
		out, err := exec.Command("go", "build", "-ldflags", "-X main.version="+testVersion, "-o", bin, ".").CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go build: %v\n%s", err, out)
		}
		return bin, nil
	})
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ccabot-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testBinary is the program, built once per test run; with -short, the test is skipped instead.
func testBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, err := build()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
