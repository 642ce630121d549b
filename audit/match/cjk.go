package match

import (
	"strings"
	"unicode"
)

// Chinese and Japanese write company names without spaces, so a listed
// name reaches an SBOM glued to a place and to words that say what the
// company does: 杭州萤石网络 (Hangzhou, EZVIZ, network), 华为终端 (Huawei,
// device), 卡巴斯基实验室 (Kaspersky, laboratory). Tokenizing keeps a whole
// Han or kana run as one word, so these runs are segmented here.
//
// Each listed name that is one CJK word is registered with its core: the
// name without the place names before it and the descriptors after it
// (浙江大华技术 → 大华). A run that is places, a listed name or core, then
// only descriptors, is that entity. A listed name of three or more
// characters found anywhere else in a run is "within" it, as a listed
// name inside a longer Latin name is. A two-character core elsewhere in a
// run is not enough: 大华 (Dahua) is also the start of 大华银行 (United
// Overseas Bank).

// cjkPlaces are place names that open company names.
var cjkPlaces = []string{
	"中国", "中國", "杭州", "浙江", "深圳", "北京", "上海", "广东", "廣東", "广州", "廣州",
	"南京", "江苏", "江蘇", "成都", "西安", "武汉", "武漢", "香港", "台湾", "臺灣", "莫斯科", "东莞", "東莞",
}

// cjkDescriptors are words any company name may carry after the name.
var cjkDescriptors = []string{
	"技术", "技術", "科技", "终端", "終端", "通讯", "通訊", "通信", "半导体", "半導體", "软件", "軟件", "軟體",
	"网络", "網絡", "網路", "电子", "電子", "系统", "系統", "集团", "集團", "控股", "实验室", "實驗室",
	"数字", "數字", "数码", "數碼", "股份", "国际", "國際", "设备", "設備", "信息", "資訊", "器材",
	"ラボ", "研究所",
}

// cjkIndex holds the listed CJK names and cores.
type cjkIndex struct {
	names map[string][]*rule // whole listed names
	cores map[string][]*rule // names without places and descriptors
	max   int                // the longest name or core, in bytes
}

// isCJKWord reports a word made only of Han, kana or Hangul.
func isCJKWord(w string) bool {
	if w == "" || w[0] < 0x80 {
		return false
	}
	for _, r := range w {
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) && r != 'ー' {
			return false
		}
	}
	return true
}

// add registers a normalised one-word name.
func (x *cjkIndex) add(norm string, r *rule) {
	if !isCJKWord(norm) || len([]rune(norm)) < 2 {
		return
	}
	if x.names == nil {
		x.names, x.cores = map[string][]*rule{}, map[string][]*rule{}
	}
	x.names[norm] = appendNew(x.names[norm], []*rule{r})
	core := trimAffixes(stripPlaces(norm), cjkDescriptors, false)
	if len([]rune(core)) >= 2 {
		x.cores[core] = appendNew(x.cores[core], []*rule{r})
	}
	x.max = max(x.max, len(norm))
}

// match segments one CJK word: exact when the word is places, a listed
// name or core, then descriptors; within when a listed name of three or
// more characters stands anywhere in it.
func (x *cjkIndex) match(w string) (exact, within []*rule) {
	if x.names == nil || !isCJKWord(w) {
		return nil, nil
	}
	rest := stripPlaces(w)
	for n := min(len(rest), x.max); n > 0; n-- {
		head := rest[:n]
		rs := x.names[head]
		if rs == nil {
			rs = x.cores[head]
		}
		if rs != nil && trimAffixes(rest[n:], cjkDescriptors, false) == "" {
			return rs, nil
		}
	}
	for i := range w { // byte offsets of runes
		for n := min(len(w)-i, x.max); n > 0; n-- {
			if rs := x.names[w[i:i+n]]; rs != nil && len([]rune(w[i:i+n])) >= 3 {
				within = appendNew(within, rs)
			}
		}
	}
	return nil, within
}

func stripPlaces(w string) string {
	return trimAffixes(w, cjkPlaces, true)
}

// trimAffixes strips any of words from the front (front) or the back of w
// for as long as one matches.
func trimAffixes(w string, words []string, front bool) string {
	for {
		cut := false
		for _, a := range words {
			if front && strings.HasPrefix(w, a) {
				w, cut = w[len(a):], true
			} else if !front && strings.HasSuffix(w, a) {
				w, cut = w[:len(w)-len(a)], true
			}
		}
		if !cut {
			return w
		}
	}
}
