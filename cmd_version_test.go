package main

import (
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	t.Parallel()
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "05e41bf5790e40fe5e666f812c83bb1ae12a9302"
	tests := []struct {
		name   string
		info   *debug.BuildInfo
		linked string
		want   string
	}{
		{"no build information", nil, "", "ccabot (devel)"},
		{"devel, no VCS (go run, -buildvcs=false)", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main:     debug.Module{Path: "ccabot", Version: "(devel)"},
			Settings: settings("GOOS", "linux", "GOARCH", "amd64")},
			"", "ccabot (devel) go1.26.8 linux/amd64"},
		{"clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Path: "ccabot", Version: "v0.0.0-20261130031406-05e41bf5790e"},
			Settings: settings("GOOS", "linux", "GOARCH", "arm64", "vcs", "git", "vcs.revision", rev,
				"vcs.time", "2026-11-30T03:14:06Z", "vcs.modified", "false")},
			"", "ccabot v0.0.0-20261130031406-05e41bf5790e (revision " + rev + ", 2026-11-30T03:14:06Z) go1.26.8 linux/arm64"},
		{"uncommitted changes", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main:     debug.Module{Path: "ccabot", Version: "v1.2.0+dirty"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2026-11-30T03:14:06Z", "vcs.modified", "true")},
			"", "ccabot v1.2.0+dirty (revision " + rev + ", 2026-11-30T03:14:06Z, modified) go1.26.8"},
		{"link-time version wins", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"v1.3.0", "ccabot v1.3.0 go1.26.8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := versionLine(tt.info, tt.linked); got != tt.want {
				t.Errorf("versionLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		out, stderr, code := runCmd(t, fakeEnv(t), "", args...)
		if code != 0 || stderr != "" || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "ccabot ") ||
			!strings.Contains(out, runtime.Version()) {
			t.Errorf("run(%q) exit %d, stdout %q, stderr %q; want one line naming %s and 0", args, code, out, stderr,
				runtime.Version())
		}
	}
	if _, stderr, code := runCmd(t, fakeEnv(t), "", "version", "extra"); code != 2 || stderr == "" {
		t.Errorf("run(version extra) exit %d, stderr %q; want 2", code, stderr)
	}
	if out, _, code := runCmd(t, fakeEnv(t), "", "version", "--help"); code != 0 || !strings.Contains(out, "Usage") {
		t.Errorf("run(version --help) exit %d, stdout %q; want usage and 0", code, out)
	}
}

// TestVersionOfTheBuiltBinary runs the binary built with the version linked in, as the Containerfile does (see
// testBinary): the line names that version, the Go toolchain and the platform.
func TestVersionOfTheBuiltBinary(t *testing.T) {
	t.Parallel()
	bin := testBinary(t)
	want := "ccabot " + testVersion
	for _, arg := range []string{"version", "--version"} {
		out, err := exec.Command(bin, arg).Output()
		line := string(out)
		if err != nil || strings.Count(line, "\n") != 1 || !strings.HasPrefix(line, want) ||
			!strings.HasSuffix(line, " "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH+"\n") {
			t.Errorf("ccabot %s = %q, %v; want one line %q … %s %s/%s", arg, line, err, want, runtime.Version(),
				runtime.GOOS, runtime.GOARCH)
		}
	}
}
