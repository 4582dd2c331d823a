// Command opcorpus writes generated operator documents, news-like Arabic and English prose, for measuring how
// KNOWLEDGE_DIR loads and indexes at a given size:
//
//	go run ./scripts/opcorpus -out /tmp/op16 -mib 16
//	DATA_DIR=off KNOWLEDGE_DIR=/tmp/op16 /usr/bin/time -v ccabot ask "who heads the secretariat?"
//
// -from DIR draws the sentences from the .md and .txt files under DIR instead of the built-in article.
package main

import (
	"flag"
	"fmt"
	"os"

	"ccabot/knowledge"
	"ccabot/knowledge/knowledgetest"
)

func main() {
	out := flag.String("out", "", "folder to write into (created if missing)")
	mib := flag.Float64("mib", 16, "total size in MiB")
	fileMiB := flag.Float64("file-mib", 1, "size of each file in MiB (at most 2, the per-file limit)")
	from := flag.String("from", "", "folder of .md/.txt documents to draw sentences from (default: the article)")
	flag.Parse()
	if err := run(*out, int(*mib*(1<<20)), int(*fileMiB*(1<<20)), *from); err != nil {
		fmt.Fprintln(os.Stderr, "opcorpus:", err)
		os.Exit(1)
	}
}

func run(out string, total, fileBytes int, from string) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	var docs []knowledge.Document
	if from != "" {
		var err error
		if docs, _, err = knowledge.LoadDir(from, 0); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	paths, err := knowledgetest.WriteProse(out, total, fileBytes, docs)
	if err != nil {
		return err
	}
	fmt.Printf("%d files under %s\n", len(paths), out)
	return nil
}
