// Command verifychain checks a certificate chain with Go's crypto/x509, the verifier behind
// most Go TLS clients and servers: every certificate must pass x509.ParseCertificate's strict
// DER parsing, and the leaf must chain to the root for the given extended key usage (and DNS
// name, if given).
//
// Usage: verifychain -root root.pem -intermediate issuing.pem -leaf leaf.pem -usage server|client|any [-dns name] [-email address]
//
// It prints "verified: <chain subjects>" and exits 0, or prints the reason and exits 1.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	rootFile := flag.String("root", "", "PEM file of trusted root certificates")
	intermediateFile := flag.String("intermediate", "", "PEM file of intermediate certificates")
	leafFile := flag.String("leaf", "", "PEM file whose first certificate is verified")
	usage := flag.String("usage", "any", "extended key usage to require: server, client or any")
	dnsName := flag.String("dns", "", "DNS name the leaf must be valid for")
	email := flag.String("email", "", "e-mail address the leaf must carry as a SAN")
	flag.Parse()

	if err := run(*rootFile, *intermediateFile, *leafFile, *usage, *dnsName, *email); err != nil {
		fmt.Println("not verified:", err)
		os.Exit(1)
	}
}

func run(rootFile, intermediateFile, leafFile, usage, dnsName, email string) error {
	roots, err := load(rootFile)
	if err != nil {
		return err
	}
	intermediates, err := load(intermediateFile)
	if err != nil {
		return err
	}
	leaves, err := load(leafFile)
	if err != nil {
		return err
	}

	options := x509.VerifyOptions{
		Roots:         x509.NewCertPool(),
		Intermediates: x509.NewCertPool(),
		DNSName:       dnsName,
	}
	for _, root := range roots {
		options.Roots.AddCert(root)
	}
	for _, intermediate := range intermediates {
		options.Intermediates.AddCert(intermediate)
	}
	switch usage {
	case "server":
		options.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	case "client":
		options.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	case "any":
		options.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	default:
		return fmt.Errorf("unknown usage %q", usage)
	}

	leaf := leaves[0]
	if email != "" && !contains(leaf.EmailAddresses, email) {
		return fmt.Errorf("leaf has e-mail addresses %v, not %q", leaf.EmailAddresses, email)
	}
	chains, err := leaf.Verify(options)
	if err != nil {
		return err
	}
	var subjects []string
	for _, certificate := range chains[0] {
		subjects = append(subjects, certificate.Subject.String())
	}
	fmt.Println("verified:", strings.Join(subjects, " <- "))
	return nil
}

// load parses every CERTIFICATE block of a PEM file; any other content is an error, so a
// file the platform wrote with stray data fails here rather than being skipped.
func load(file string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var certificates []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("%s: unexpected PEM block %q", file, block.Type)
		}
		certificate, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		certificates = append(certificates, certificate)
	}
	if len(strings.TrimSpace(string(data))) != 0 {
		return nil, fmt.Errorf("%s: trailing data after the last certificate", file)
	}
	if len(certificates) == 0 {
		return nil, fmt.Errorf("%s: no certificate", file)
	}
	return certificates, nil
}

func contains(values []string, value string) bool {
	for _, v := range values {
		if v == value {
			return true
		}
	}
	return false
}
