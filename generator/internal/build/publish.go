package build

import (
	"portal/generator/internal/cache"
	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// publisher publishes a site in steps under serve: each step commits
// the stage with what the build has made so far and, from the previous
// site, the files of the steps still to come.
type publisher struct {
	o     Options
	st    *state
	prev  siteManifest
	stage *output.Stage
	parts []string // the parts published early, in order
	// reused counts the files of the published steps unchanged from the
	// previous site; carried, those the stage took from the last step.
	reused, carried int
}

// earlySiteWide publishes the site-wide part, rendered after the local
// part was published early, with the previous search index
// (PartSiteWide).
func (pub *publisher) earlySiteWide(keys map[string]cache.Key) error {
	index := map[string]bool{}
	for _, f := range pub.prev.Search.Files {
		index[f] = true
	}
	isIndex := func(path string) bool { return index[path] }
	notIndex := func(path string) bool { return !index[path] }
	return pub.early(PartSiteWide, keys, isIndex, notIndex)
}

// early publishes the stage, with the files of the previous site that
// later says are written after this step, and calls Serve.PagesFirst(part).
// It leaves in pub.stage a new stage holding the files published that
// done says are written: those of this step and the steps before.
func (pub *publisher) early(part string, keys map[string]cache.Key, later, done func(path string) bool) error {
	pub.reused += pub.stage.Linked() - pub.carried
	for path, e := range pub.prev.Output.Site {
		if later(path) {
			pub.stage.Keep(path, e.Hash) // one that cannot be kept is missing until its step
		}
	}
	m := siteManifest{Search: pub.prev.Search, PageKeys: keys}
	var err error
	if m.Output, err = pub.stage.Commit(); err != nil {
		return err
	}
	dest := pub.o.Destination
	pub.st.keepManifest(dest, m)
	pub.parts = append(pub.parts, part)
	pub.o.Serve.PagesFirst(part)
	pub.st.release()
	st, err := output.Begin(dest, m.Output)
	if err != nil {
		return err
	}
	for path, e := range m.Output.Site {
		if done(path) && !st.Keep(path, e.Hash) {
			st.Abort()
			return diag.Errorf("publish %s: %s changed while the rest of the site was built; build again", dest, path)
		}
	}
	pub.stage, pub.carried = st, st.Linked()
	return nil
}
