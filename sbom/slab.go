package sbom

// slabBlock is how many items one block of a slab holds.
const slabBlock = 256

// slab hands out the short lists of many components (licences, CPEs,
// texts) cut from shared blocks: one allocation per block instead of one
// or two per component, which on 100k components was a sizeable part of
// the garbage collector's work. A block is never written again once a
// list was cut from it, so a component that is kept (Read keeps them all)
// keeps its lists as they were; lists are capacity-clipped, so appending
// to one copies it.
type slab[T any] struct {
	block []T
	tmp   []T // scratch a list is built in before keep copies it out
}

// scratch is an empty list to build a component's list in; it is only
// valid until the next call of keep.
func (s *slab[T]) scratch() []T { return s.tmp[:0] }

// keep returns a copy of list cut from the current block (nil when list
// is empty), and keeps list's storage as the next scratch.
func (s *slab[T]) keep(list []T) []T {
	if cap(list) > cap(s.tmp) {
		s.tmp = list[:0]
	}
	if len(list) == 0 {
		return nil
	}
	if cap(s.block)-len(s.block) < len(list) {
		s.block = make([]T, 0, max(slabBlock, len(list)))
	}
	start := len(s.block)
	s.block = append(s.block, list...)
	return s.block[start:len(s.block):len(s.block)]
}
