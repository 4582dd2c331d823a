package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ccabot/config"
)

const unitPath = "deploy/ccabot.service"

// unitSettings reads a systemd unit's "Key=value" lines (comments and sections skipped); a key set twice keeps
// every value, in order.
func unitSettings(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' || line[0] == '[' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: line %q is not Key=value", path, line)
		}
		m[k] = append(m[k], v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSystemdUnitSettings holds the unit to what README promises: the installed binary, the token from
// /etc/ccabot/env, state under /var/lib/ccabot owned by a dynamic user, restarts on failure, and a stop bound
// above the bot's own graceful shutdown.
func TestSystemdUnitSettings(t *testing.T) {
	t.Parallel()
	got := unitSettings(t, unitPath)
	cfg, err := config.Load(func(string) string { return "" }, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"ExecStart": "/usr/local/bin/ccabot", "EnvironmentFile": "/etc/ccabot/env",
		"Environment": "DATA_DIR=/var/lib/ccabot", "StateDirectory": "ccabot", "DynamicUser": "yes",
		"Restart": "on-failure", "KillSignal": "SIGTERM", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
		"ProtectHome": "yes", "PrivateTmp": "yes",
	}
	for k, v := range want {
		if vs := got[k]; len(vs) != 1 || vs[0] != v {
			t.Errorf("%s: %s = %q, want %q", unitPath, k, vs, v)
		}
	}
	stop, err := time.ParseDuration(strings.Join(got["TimeoutStopSec"], ""))
	if err != nil || stop <= cfg.ShutdownTimeout {
		t.Errorf("%s: TimeoutStopSec = %q, want a duration above SHUTDOWN_TIMEOUT's default %v, so a graceful stop "+
			"is not cut short", unitPath, got["TimeoutStopSec"], cfg.ShutdownTimeout)
	}
}

// TestSystemdUnitVerifies runs systemd-analyze on the unit: verify must print nothing (it exits 0 even for
// unknown keys, so its warnings count as failures), and the offline security review must rate the sandbox's
// exposure at most 1.5 (it is 1.1 with systemd 252). verify needs ExecStart to exist, so it checks a copy whose
// ExecStart is this test binary.
func TestSystemdUnitVerifies(t *testing.T) {
	t.Parallel()
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed, so the unit is not verified (apt-get install systemd)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(unitPath)
	if err != nil {
		t.Fatal(err)
	}
	const exec0 = "\nExecStart=/usr/local/bin/ccabot\n"
	if !strings.Contains(string(text), exec0) {
		t.Fatalf("%s has no line %q", unitPath, strings.TrimSpace(exec0))
	}
	unit := filepath.Join(t.TempDir(), "ccabot.service")
	copied := strings.Replace(string(text), exec0, "\nExecStart="+self+"\n", 1)
	if err := os.WriteFile(unit, []byte(copied), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", "--man=no", unit).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify %s: %v\n%s", unitPath, err, out)
	}
	out, err = exec.Command(analyze, "security", "--offline=true", "--threshold=15", unit).CombinedOutput()
	if strings.Contains(string(out), "unrecognized option") {
		t.Skipf("this systemd-analyze has no offline security review (systemd < 250): %s", out)
	}
	if err != nil {
		t.Errorf("systemd-analyze security --offline=true --threshold=15 (exposure above 1.5): %v\n%s", err, out)
	}
}
