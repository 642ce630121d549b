package match

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestCJKSegmentation(t *testing.T) {
	rules := map[string]*rule{}
	var x cjkIndex
	for _, n := range []string{"卡巴斯基", "华为技术", "海思", "浙江大华技术", "萤石", "海能达", "中国移动"} {
		rules[n] = &rule{id: n}
		x.add(n, rules[n])
	}
	tests := []struct {
		word          string
		exact, within string // the rule id found, "" for none
	}{
		{"卡巴斯基", "卡巴斯基", ""},
		{"卡巴斯基实验室", "卡巴斯基", ""},
		{"卡巴斯基實驗室", "卡巴斯基", ""},
		{"莫斯科卡巴斯基实验室", "卡巴斯基", ""},
		{"华为终端", "华为技术", ""},     // the core of 华为技术 with another descriptor
		{"深圳华为软件技术", "华为技术", ""}, // a place, the core, descriptors
		{"海思半导体", "海思", ""},
		{"杭州萤石网络", "萤石", ""},
		{"浙江大华技术", "浙江大华技术", ""},
		{"大华技术", "浙江大华技术", ""},
		{"海能达通信", "海能达", ""},
		{"中国移动通信集团", "中国移动", ""}, // a listed name that opens with a place name
		{"卡巴斯基安全软件", "", "卡巴斯基"}, // a product: the name within
		{"我们的卡巴斯基", "", "卡巴斯基"},
		{"萤石矿业", "", ""}, // fluorite mining: a two-character core with other words
		{"大华银行", "", ""}, // United Overseas Bank
		{"中华为民", "", ""}, // 华为 inside other words
		{"海思考", "", ""},  // 海思 followed by a non-descriptor
		{"カスペルスキー", "", ""},
	}
	for _, tt := range tests {
		exact, within := x.match(tt.word)
		if got := ruleIDs(exact); got != tt.exact {
			t.Errorf("match(%q) exact = %q, want %q", tt.word, got, tt.exact)
		}
		if got := ruleIDs(within); got != tt.within {
			t.Errorf("match(%q) within = %q, want %q", tt.word, got, tt.within)
		}
	}
}

func ruleIDs(rs []*rule) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ","
		}
		s += r.id
	}
	return s
}

// TestCJKOrganisations: glued CJK company names in organisation fields
// reach the entity through the embedded lists.
func TestCJKOrganisations(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(lists)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		supplier, entity string
	}{
		{"海思半导体有限公司", "huawei"}, // HiSilicon, a Huawei subsidiary,
		{"华为技术有限公司", "huawei"},
		{"卡巴斯基实验室", "kaspersky"},
		{"海能达通信股份有限公司", "hytera"},
		{"杭州萤石网络股份有限公司", "hikvision"}, // EZVIZ,
		{"大华银行有限公司", ""},
	}
	for _, tt := range tests {
		ats := m.Attribute(&sbom.Component{Name: "firmware", Type: "firmware", Supplier: &sbom.Organization{Name: tt.supplier}})
		got := ""
		for _, a := range ats {
			got += a.Entity.ID + " "
		}
		if tt.entity == "" && got != "" || tt.entity != "" && !containsSub(got, tt.entity) {
			t.Errorf("supplier %q: entities %q, want %q", tt.supplier, got, tt.entity)
		}
	}
}

func containsSub(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
