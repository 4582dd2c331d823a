package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// goImage is the Containerfile's build stage; TestContainerImage pulls it first, so that a machine without the
// network skips with that reason instead of failing in the build.
const goImage = "docker.io/library/golang:1.26.8"

// TestContainerImage builds the image from the Containerfile and runs `ccabot version` and an offline `ask` in
// it, without a network, as the image's user; then it runs the bot as README says (token from an env file, a
// volume on /data, a stop timeout above SHUTDOWN_TIMEOUT) against bottest on loopback (the host's network), gets
// an answer, reads /healthz and /readyz, stops the container (SIGTERM) and requires exit code 0. It needs a
// container engine (docker or podman) whose daemon answers, the network to pull the Go image, and a minute or
// more, so it runs only when CCABOT_CONTAINER_TEST is set: to 1 for the first engine found, or to the engine's
// name.
func TestContainerImage(t *testing.T) {
	choice := os.Getenv("CCABOT_CONTAINER_TEST")
	if choice == "" {
		t.Skip("set CCABOT_CONTAINER_TEST=1 to build and run the container image (needs docker or podman and the network)")
	}
	engines := []string{"docker", "podman"}
	if choice != "1" {
		engines = []string{choice}
	}
	var engine string
	for _, e := range engines {
		if p, err := exec.LookPath(e); err == nil {
			engine = p
			break
		}
	}
	if engine == "" {
		t.Skipf("no container engine on PATH (looked for %s)", strings.Join(engines, ", "))
	}
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	run := func(args ...string) (string, error) {
		out, err := exec.CommandContext(ctx, engine, args...).CombinedOutput()
		return strings.TrimSpace(string(out)), err
	}
	if out, err := run("version"); err != nil {
		t.Skipf("%s cannot reach its daemon: %v: %s", engine, err, lastLine(out))
	}
	if containerfileBase(t) != goImage {
		t.Fatalf("Containerfile builds FROM %s, want %s (update goImage)", containerfileBase(t), goImage)
	}
	if _, err := run("image", "inspect", goImage); err != nil {
		if out, err := run("pull", goImage); err != nil {
			t.Skipf("cannot pull the build stage's base image %s: %v: %s", goImage, err, lastLine(out))
		}
	}
	tag := fmt.Sprintf("localhost/ccabot-test:%d", time.Now().UnixNano())
	const version = "v0.0.0-containertest"
	if out, err := run("build", "-f", "Containerfile", "--build-arg", "VERSION="+version, "-t", tag, "."); err != nil {
		t.Fatalf("%s build: %v\n%s", engine, err, out)
	}
	t.Cleanup(func() { exec.Command(engine, "rmi", "-f", tag).Run() })

	const config = "{{.Config.User}} {{json .Config.Entrypoint}} {{json .Config.Volumes}} {{json .Config.Env}}"
	if out, err := run("image", "inspect", "--format", config, tag); err != nil ||
		!strings.HasPrefix(out, `65532:65532 ["/ccabot"] {"/data":{}}`) || !strings.Contains(out, `"DATA_DIR=/data"`) {
		t.Errorf("image config = %q, %v; want user 65532:65532, entrypoint /ccabot, volume /data, DATA_DIR=/data",
			out, err)
	}
	if out, err := run("run", "--rm", "--network=none", tag, "version"); err != nil ||
		!strings.HasPrefix(out, "ccabot "+version+" go") || strings.Count(out, "\n") != 0 {
		t.Errorf("ccabot version in the image = %q, %v; want one line starting %q", out, err, "ccabot "+version)
	}
	if out, err := run("run", "--rm", "--network=none", tag, "ask", "who heads the secretariat?"); err != nil ||
		!strings.Contains(out, "Wu Yingchen") {
		t.Errorf("ccabot ask in the image = %q, %v; want Wu Yingchen", out, err)
	}

	tg := bottest.New(t)
	envFile := filepath.Join(t.TempDir(), "env")
	// Port 0: the bot logs the address it got ("metrics at …" addr=127.0.0.1:N), read below.
	env := "TELEGRAM_BOT_TOKEN=" + tg.Token() + "\nTELEGRAM_API_URL=" + tg.URL() + "\nMETRICS_ADDR=127.0.0.1:0\n"
	if err := os.WriteFile(envFile, []byte(env), 0o600); err != nil {
		t.Fatal(err)
	}
	name := strings.ReplaceAll(strings.TrimPrefix(tag, "localhost/"), ":", "-")
	if out, err := run("volume", "create", name); err != nil {
		t.Fatalf("volume create: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(engine, "volume", "rm", "-f", name).Run() })
	if out, err := run("run", "-d", "--name", name, "--network=host", "--env-file", envFile, "-v", name+":/data",
		"--stop-timeout", "30", tag); err != nil {
		t.Fatalf("run the bot: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(engine, "rm", "-f", name).Run() })
	tg.WaitCalls(t, "getUpdates", 1, time.Minute)
	tg.Push(bottest.PrivateText(501, 501, "who heads the secretariat?"))
	if m := tg.WaitSent(t, 1, time.Minute)[0]; !strings.Contains(m.Plain, "Wu Yingchen") {
		t.Errorf("the bot in the container answered %q, want Wu Yingchen", m.Plain)
	}
	started, _ := run("logs", name)
	_, metrics, _ := strings.Cut(started, "/readyz\" addr=")
	metrics, _, _ = strings.Cut(metrics, "\n")
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready"} {
		resp, err := http.Get("http://" + metrics + path)
		if err != nil {
			t.Errorf("GET %s: %v", path, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != want {
			t.Errorf("GET %s = %d %q, want 200 %q", path, resp.StatusCode, body, want)
		}
	}
	stopping := time.Now()
	if out, err := run("stop", name); err != nil {
		t.Fatalf("stop: %v: %s", err, out)
	}
	logs, _ := run("logs", name)
	t.Logf("%s stop took %v; the bot's log:\n%s", filepath.Base(engine), time.Since(stopping).Round(time.Millisecond),
		logs)
	if out, err := run("inspect", "--format", "{{.State.ExitCode}}", name); err != nil || out != "0" ||
		!strings.Contains(logs, "msg=stopped") {
		t.Errorf("after SIGTERM the bot exited with %q (%v), want 0 and a clean stop; logs:\n%s", out, err, logs)
	}
}

// containerfileBase returns the image the Containerfile's first stage is built FROM.
func containerfileBase(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile("Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(text), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && strings.EqualFold(f[0], "FROM") {
			return f[1]
		}
	}
	t.Fatal("Containerfile has no FROM")
	return ""
}

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }
