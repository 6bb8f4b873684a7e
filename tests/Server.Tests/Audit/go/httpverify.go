// Command httpverify checks a running platform's audit log over HTTP with Go's
// golang.org/x/mod/sumdb packages: the signed checkpoint against the published verifier key,
// inclusion proofs for the given entries and a consistency proof from the first entry.
// It prints "ok" and exits 0 only if everything holds.
//
// Usage: go run httpverify.go BASE-URL ENTRIES.json   (ENTRIES.json: base64 entries 0, 1, 2, …)
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func get(url string) []byte {
	resp, err := http.Get(url)
	if err != nil {
		fail("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		fail("GET %s: status %d %s", url, resp.StatusCode, body)
	}
	return body
}

func fail(format string, args ...any) {
	fmt.Printf(format+"\n", args...)
	os.Exit(1)
}

// proof decodes a {"proof": [base64…]} answer; strings first, since JSON may escape '+' and '/'.
func proof(body []byte) []tlog.Hash {
	var answer struct {
		Proof []string `json:"proof"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		fail("proof: %v", err)
	}
	hashes := make([]tlog.Hash, len(answer.Proof))
	for i, text := range answer.Proof {
		h, err := tlog.ParseHash(text)
		if err != nil {
			fail("proof hash: %v", err)
		}
		hashes[i] = h
	}
	return hashes
}

func main() {
	base := strings.TrimSuffix(os.Args[1], "/")
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	var encoded []string
	if err := json.Unmarshal(raw, &encoded); err != nil {
		fail("%v", err)
	}

	verifier, err := note.NewVerifier(strings.TrimSpace(string(get(base + "/audit/verifier-key"))))
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open(get(base+"/audit/checkpoint"), note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("checkpoint text: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("root: %v", err)
	}

	var first tlog.Hash
	for i, text := range encoded {
		entry, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			fail("entry %d: %v", i, err)
		}
		leaf := tlog.RecordHash(entry)
		if i == 0 {
			first = leaf
		}
		p := proof(get(fmt.Sprintf("%s/audit/proof/inclusion?index=%d&size=%d", base, i, size)))
		if err := tlog.CheckRecord(p, size, root, int64(i), leaf); err != nil {
			fail("inclusion of %d: %v", i, err)
		}
	}
	if size > 1 {
		p := proof(get(fmt.Sprintf("%s/audit/proof/consistency?from=1&to=%d", base, size)))
		if err := tlog.CheckTree(p, size, root, 1, first); err != nil {
			fail("consistency 1 -> %d: %v", size, err)
		}
	}
	fmt.Printf("ok: %s size %d, %d inclusion proofs\n", verifier.Name(), size, len(encoded))
}
