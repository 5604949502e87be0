package search

import _ "embed"

// ClientJS is the browser client, written for this site without
// dependencies; the site serves it at ClientPath and the search page
// loads it.
//
//go:embed client/search.js
var ClientJS []byte

// ClientPath is where the site serves ClientJS, below the root.
const ClientPath = "static/js/search.js"
