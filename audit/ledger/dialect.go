package ledger

import (
	"strconv"
	"strings"
)

// Dialect is what differs between the databases: column types, parameter
// markers and how a writer excludes the others.
type Dialect struct {
	Name string
	// Types replaces {{serial}} and {{blob}} in the migrations.
	Serial, Blob string
	// Numbered: parameters are $1, $2... instead of ?.
	Numbered bool
	// WriteLock, when set, runs first in every write transaction and
	// serialises writers (PostgreSQL: a transaction-level advisory lock;
	// SQLite needs none, its write transactions begin IMMEDIATE).
	WriteLock string
	// MaxParams bounds the parameters of one statement.
	MaxParams int
}

func (d *Dialect) expand(sql string) string {
	return strings.NewReplacer("{{serial}}", d.Serial, "{{blob}}", d.Blob).Replace(sql)
}

// rebind turns ? markers into the dialect's (the shared SQL has no ? in
// string literals).
func (d *Dialect) rebind(sql string) string {
	if !d.Numbered {
		return sql
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(sql); i++ {
		if sql[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(sql[i])
	}
	return b.String()
}
