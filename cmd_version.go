package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// version, when set at link time (go build -ldflags "-X main.version=v1.2.0"), names the release instead of the
// module version the go command stamps; the container build sets it, because its build context has no .git.
var version string

func (e *env) version(args []string) error {
	fs := newFlagSet("version", "version")
	if err := parseFlags(fs, args, e.stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("version: takes no arguments, got %q", fs.Arg(0))
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(e.stdout, versionLine(info, version))
	return nil
}

// versionLine says in one line what the binary was built from, from its build information: the release (the
// link-time version, else the module version: a tag, a pseudo-version, or "(devel)"), the VCS revision, commit
// time and whether the tree had uncommitted changes, when the go command recorded them (go build in a git
// checkout does, unless -buildvcs=false), and the Go version and platform.
//
//	ccabot v0.0.0-20261130031406-05e41bf5790e (revision 05e41bf5790e40fe5e666f812c83bb1ae12a9302, 2026-11-30T03:14:06Z, modified) go1.26.8 linux/amd64
func versionLine(info *debug.BuildInfo, linked string) string {
	if info == nil {
		info = &debug.BuildInfo{}
	}
	v := linked
	if v == "" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	var vcs []string
	if r := settings["vcs.revision"]; r != "" {
		vcs = append(vcs, "revision "+r)
	}
	if t := settings["vcs.time"]; t != "" {
		vcs = append(vcs, t)
	}
	if settings["vcs.modified"] == "true" {
		vcs = append(vcs, "modified")
	}
	line := "ccabot " + v
	if len(vcs) > 0 {
		line += " (" + strings.Join(vcs, ", ") + ")"
	}
	if info.GoVersion != "" {
		line += " " + info.GoVersion
	}
	if goos, goarch := settings["GOOS"], settings["GOARCH"]; goos != "" && goarch != "" {
		line += " " + goos + "/" + goarch
	}
	return line
}
