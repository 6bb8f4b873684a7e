// Command tlsget GETs an HTTPS URL with Go's crypto/tls, trusting only -root and presenting
// -cert/-key as client certificate when given; it prints the status code and the body.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	root := flag.String("root", "", "PEM file of the only trusted root")
	cert := flag.String("cert", "", "PEM client certificate (optional)")
	key := flag.String("key", "", "PEM client key (optional)")
	url := flag.String("url", "", "the URL to GET")
	flag.Parse()

	pem, err := os.ReadFile(*root)
	if err != nil {
		fail(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		fail(fmt.Errorf("no certificate in %s", *root))
	}
	config := &tls.Config{RootCAs: pool, ServerName: "localhost"}
	if *cert != "" {
		pair, err := tls.LoadX509KeyPair(*cert, *key)
		if err != nil {
			fail(err)
		}
		config.Certificates = []tls.Certificate{pair}
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: config}}
	response, err := client.Get(*url)
	if err != nil {
		fail(err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		fail(err)
	}
	fmt.Printf("%d\n%s", response.StatusCode, body)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
