// Command verify checks, with Go's golang.org/x/mod/sumdb packages, a signed checkpoint and the
// Merkle proofs the C# audit log produced. It prints "ok" and exits 0 only if everything holds.
//
// Usage: go run verify.go INPUT.json
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// inclusionCase is one leaf of the tree and its audit path (RFC 9162 inclusion proof).
type inclusionCase struct {
	Index    int64       `json:"index"`
	LeafHash tlog.Hash   `json:"leafHash"`
	Proof    []tlog.Hash `json:"proof"`
}

// consistencyCase is an earlier tree and the proof that it is a prefix of the checkpoint's tree.
type consistencyCase struct {
	Size  int64       `json:"size"`
	Root  tlog.Hash   `json:"root"`
	Proof []tlog.Hash `json:"proof"`
}

type input struct {
	VerifierKey string            `json:"verifierKey"`
	Origin      string            `json:"origin"`
	Note        string            `json:"note"`
	Size        int64             `json:"size"`
	Root        tlog.Hash         `json:"root"`
	Inclusion   []inclusionCase   `json:"inclusion"`
	Consistency []consistencyCase `json:"consistency"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: verify INPUT.json")
		os.Exit(2)
	}
	if err := check(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func check(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var in input
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("input: %w", err)
	}

	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		return fmt.Errorf("verifier key: %w", err)
	}
	opened, err := note.Open([]byte(in.Note), note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("note: %w", err)
	}

	// The checkpoint body: origin, decimal size, base64 root, each newline-terminated.
	lines := strings.Split(opened.Text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		return errors.New("checkpoint: too few lines")
	}
	if lines[0] != in.Origin {
		return fmt.Errorf("checkpoint: origin %q", lines[0])
	}
	if lines[1] != strconv.FormatInt(in.Size, 10) {
		return fmt.Errorf("checkpoint: size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil || root != in.Root {
		return fmt.Errorf("checkpoint: root %q", lines[2])
	}

	for _, c := range in.Inclusion {
		if err := tlog.CheckRecord(tlog.RecordProof(c.Proof), in.Size, root, c.Index, c.LeafHash); err != nil {
			return fmt.Errorf("inclusion of %d: %w", c.Index, err)
		}
	}
	for _, c := range in.Consistency {
		if err := tlog.CheckTree(tlog.TreeProof(c.Proof), in.Size, root, c.Size, c.Root); err != nil {
			return fmt.Errorf("consistency from %d: %w", c.Size, err)
		}
	}
	return nil
}
