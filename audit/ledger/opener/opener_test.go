package opener

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestOpenNeverEchoesAPassword: a ledger named by an unsupported URL or a
// libpq key=value string is refused with a message that does not repeat
// its password, and the key=value string creates no SQLite file named
// after it.
func TestOpenNeverEchoesAPassword(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, target := range []string{
		"mysql://bob:s3cretPW@127.0.0.1:1/db",
		"host=127.0.0.1 port=1 user=bob password=s3cretPW",
		"dbname=embargo password=s3cretPW",
		"postgres://bob@127.0.0.1:1/db?password=s3cretPW&connect_timeout=1",
		"postgres://bob:s3cretPW@127.0.0.1:1/db?connect_timeout=1",
	} {
		st, err := Open(context.Background(), target)
		if err == nil {
			st.Close()
			t.Errorf("%q: opened", target)
			continue
		}
		if strings.Contains(err.Error(), "s3cretPW") {
			t.Errorf("%q: the error repeats the password: %v", target, err)
		}
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("files created: %v", entries)
	}
}

// A file path that merely contains "=" is still a file.
func TestOpenPathWithEquals(t *testing.T) {
	t.Chdir(t.TempDir())
	st, err := Open(context.Background(), "run=1.db")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}
