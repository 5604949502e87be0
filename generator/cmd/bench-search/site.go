package main

import (
	"os"
	"path/filepath"

	"portal/generator/internal/build"
	"portal/generator/internal/diag"
	"portal/generator/internal/output"
	"portal/generator/internal/render"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// loadSite reads the configuration and the content of the site at
// source, parses every report and extracts its figures, and makes the
// site's model, as the generator's build does (build.LoadSite).
func loadSite(source, contentDir string) (*site.Site, *build.Docs, diag.List, error) {
	return build.LoadSite(build.Options{
		Config:  filepath.Join(source, "config.toml"),
		Content: contentDir,
		Layouts: filepath.Join(source, "layouts"),
	})
}

// renderSite renders every page and file of the site but its search index
// into files.
func renderSite(s *site.Site, docs *build.Docs, layoutsDir string, files output.Sink) error {
	layouts := os.DirFS(layoutsDir)
	tmpl, err := render.LoadTemplates(layouts)
	if err != nil {
		return err
	}
	_, err = render.Render(s, tmpl, layouts, files, render.Options{Docs: docs, Assets: render.Assets{search.ClientPath: build.SearchClient}})
	return err
}

// searchDocs is how the index sees the reports (build.SearchDocs).
func searchDocs(s *site.Site, docs *build.Docs) ([]search.Doc, error) {
	return build.SearchDocs(s.Reports, docs)
}
