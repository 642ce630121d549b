package vendorlists

// Profile returns the profile with the given id.
func (l *List) Profile(id string) (*Profile, bool) {
	for i := range l.Profiles {
		if l.Profiles[i].ID == id {
			return &l.Profiles[i], true
		}
	}
	return nil, false
}

// DefaultProfile returns the profile marked default, else the first one.
func (l *List) DefaultProfile() (*Profile, bool) {
	for i := range l.Profiles {
		if l.Profiles[i].Default {
			return &l.Profiles[i], true
		}
	}
	if len(l.Profiles) > 0 {
		return &l.Profiles[0], true
	}
	return nil, false
}

// Regime returns the regime with the given id.
func (l *List) Regime(id string) (*Regime, bool) {
	for i := range l.Regimes {
		if l.Regimes[i].ID == id {
			return &l.Regimes[i], true
		}
	}
	return nil, false
}

// Source returns the source with the given id.
func (l *List) Source(id string) (*Source, bool) {
	for i := range l.Sources {
		if l.Sources[i].ID == id {
			return &l.Sources[i], true
		}
	}
	return nil, false
}

// Entity returns the entity with the given id.
func (l *List) Entity(id string) (*Entity, bool) {
	for i := range l.Entities {
		if l.Entities[i].ID == id {
			return &l.Entities[i], true
		}
	}
	return nil, false
}
