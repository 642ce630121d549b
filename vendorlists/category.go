package vendorlists

// Categories returns every valid category, strongest first.
func Categories() []Category {
	return []Category{
		CategoryProduct, CategoryIntegration, CategoryNonSecurity,
		CategoryThreatIntel, CategoryContribution, CategoryMention,
	}
}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	for _, k := range Categories() {
		if c == k {
			return true
		}
	}
	return false
}
