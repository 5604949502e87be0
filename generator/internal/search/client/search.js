/* Full-text search for the report portal. Runs in the browser on the
   static index that generator/internal/search builds (see its doc.go for
   the formats). No dependencies. The tokeniser, hashing, phrase matching
   and scoring mirror the Go package rule for rule: tokenize.go, query.go,
   hash.go, rank.go, search.go. Report text is untrusted: it only ever
   reaches the page through textContent. */
(function () {
  'use strict';

  // ---- Tokeniser (tokenize.go) -------------------------------------------

  var PUNCT = 0, SPACE = 1, DIGIT = 2, LETTER = 3, CJK = 4;

  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) return 0x20;
    if (c >= 0x41 && c <= 0x5A) c += 0x20;
    return c;
  }

  function isCJK(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) ||
      c === 0x3005 || c === 0x3007 ||
      (c >= 0x3041 && c <= 0x30FF && c !== 0x30FB) ||
      (c >= 0xAC00 && c <= 0xD7A3);
  }

  function isSpace(c) {
    return c === 0x85 || c === 0xA0 || c === 0xAD || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200D) || c === 0x2028 || c === 0x2029 ||
      c === 0x202F || c === 0x205F || c === 0x2060 || c === 0x3000 || c === 0xFEFF;
  }

  function classOf(c) {
    if (c >= 0x30 && c <= 0x39) return DIGIT;
    if (c >= 0x61 && c <= 0x7A) return LETTER;
    if (c < 0x80) return (c <= 0x20 || c === 0x7F) ? SPACE : PUNCT;
    if (isCJK(c)) return CJK;
    if (isSpace(c)) return SPACE;
    return PUNCT;
  }

  function isInvisible(c) {
    return c === 0xAD || (c >= 0x200B && c <= 0x200D) || c === 0x2060 || c === 0xFEFF;
  }

  // codeAt returns the code point at i (a lone surrogate as itself).
  function codeAt(s, i) { return s.codePointAt(i); }
  function width(c) { return c > 0xFFFF ? 2 : 1; }

  // MAX_WORD is maxWordBytes: a longer word is cut into units of at most
  // this many folded characters; a unit the next continues ends with "+",
  // a continuation starts with "+".
  var MAX_WORD = 32;

  // wordPiece returns the next piece of a word of class k at i: a
  // character of the class, or a decimal point with the digit after it;
  // null where the word ends.
  function wordPiece(s, i, k) {
    var c = codeAt(s, i), w = width(c), f = fold(c);
    if (classOf(f) === k) return { text: String.fromCodePoint(f), size: w };
    if (k !== DIGIT || f !== 0x2E || i + w >= s.length) return null;
    var c2 = codeAt(s, i + w);
    if (classOf(fold(c2)) !== DIGIT) return null;
    return { text: '.' + String.fromCodePoint(fold(c2)), size: w + width(c2) };
  }

  // tokens splits s into units: {text, start, end, gap, word}, with start
  // and end in UTF-16 code units.
  function tokens(s) {
    var out = [], i = 0, gap = false, n = s.length, more = -1;
    while (i < n) {
      var k = more, cont = more >= 0;
      more = -1;
      if (!cont) {
        var c = codeAt(s, i), w = width(c);
        k = classOf(fold(c));
        if (k === SPACE) { i += w; continue; }
        if (k === PUNCT) { gap = true; i += w; continue; }
        if (k === CJK) {
          out.push({ text: s.slice(i, i + w), start: i, end: i + w, gap: gap, word: false });
          gap = false; i += w; continue;
        }
      }
      var start = i, text = '';
      while (i < n) {
        var p = wordPiece(s, i, k);
        if (!p) break;
        if (text.length + p.text.length > MAX_WORD) { more = k; break; }
        text += p.text;
        i += p.size;
      }
      out.push({ text: (cont ? '+' : '') + text + (more >= 0 ? '+' : ''), start: start, end: i, gap: gap, word: true });
      gap = false;
    }
    return out;
  }

  // keyOf joins units as tokenize.go's keyOf: a space between two words,
  // the pieces of a long word without the "+" marks between them.
  function keyOf(units) {
    var k = '';
    for (var i = 0; i < units.length; i++) {
      var t = units[i].text;
      if (i > 0 && t.charAt(0) === '+') t = t.slice(1);
      else if (i > 0 && units[i].word && units[i - 1].word) k += ' ';
      if (i + 1 < units.length && units[i + 1].text.charAt(0) === '+') t = t.slice(0, -1);
      k += t;
    }
    return k;
  }

  // ---- Queries (query.go) --------------------------------------------------

  var MAX_TERMS = 8, MAX_TERM_UNITS = 32;

  function splitQuery(q) {
    var parts = [], cur = '', quoted = false, i = 0;
    while (i < q.length) {
      var c = codeAt(q, i), w = width(c), f = fold(c);
      if (f === 0x22) {
        if (cur) parts.push(cur);
        cur = ''; quoted = !quoted;
      } else if (!quoted && classOf(f) === SPACE && !isInvisible(c)) {
        if (cur) parts.push(cur);
        cur = '';
      } else {
        cur += q.slice(i, i + w);
      }
      i += w;
    }
    if (cur) parts.push(cur);
    return parts;
  }

  function parseQuery(q) {
    var terms = [], seen = {};
    function add(run) {
      if (!run.length || terms.length >= MAX_TERMS) return;
      if (run.length > MAX_TERM_UNITS) {
        // A long word cut here ends here, as in query.go.
        run = run.slice(0, MAX_TERM_UNITS);
        var last = run[run.length - 1];
        if (last.text.slice(-1) === '+') {
          run[run.length - 1] = Object.assign({}, last, { text: last.text.slice(0, -1) });
        }
      }
      var k = keyOf(run);
      if (!Object.prototype.hasOwnProperty.call(seen, k)) {
        seen[k] = true;
        terms.push({ key: k, units: run });
      }
    }
    splitQuery(q).forEach(function (part) {
      var run = [];
      tokens(part).forEach(function (t) {
        if (t.gap && run.length) { add(run); run = []; }
        run.push(t);
      });
      add(run);
    });
    return terms;
  }

  // ---- Hashing (hash.go) ---------------------------------------------------

  var encoder = new TextEncoder();

  function keyHash(key) {
    var b = encoder.encode(key), h = 2166136261;
    for (var i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, 16777619);
    }
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  // ---- Ranking (rank.go) ---------------------------------------------------

  var K1 = 1.2, K1P1 = 2.2, WEIGHT_MAX = 63, HEAD_BONUS = 80, TITLE_BONUS = 160, KQ_SCALE = 32;

  function bodyWeight(tf, kq) {
    if (tf <= 0) return 0;
    var w = tf * K1P1 / (tf + K1 * kq / KQ_SCALE);
    return Math.min(Math.floor(w / K1P1 * WEIGHT_MAX + 0.5), WEIGHT_MAX);
  }

  function idfWeight(df, n) {
    var x = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return Math.max(Math.floor(x * 64 + 0.5), 1);
  }

  function termScore(p) {
    var s = p & 63;
    if (p & 64) s += HEAD_BONUS;
    if (p & 128) s += TITLE_BONUS;
    return s;
  }

  function makePayload(w, heading, title, block) {
    return (w & 63) | (heading ? 64 : 0) | (title ? 128 : 0) | (block << 8);
  }

  // ---- Fetching ------------------------------------------------------------

  // An Index reads the files below root (a URL ending in "/"). Byte ranges
  // are fetched with Range requests; a server that ignores them sends the
  // whole part (at most a megabyte), which is then kept and sliced.
  function Index(root) {
    this.root = root;
    this.ranges = new Map();
    this.whole = new Map();
    this.bytes = 0;
    this.requests = 0;
  }

  Index.prototype.url = function (path) { return new URL(path, this.root).href; };

  Index.prototype.file = function (path) {
    var self = this;
    if (!this.whole.has(path)) {
      this.whole.set(path, fetch(this.url(path)).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (b) {
        self.bytes += b.byteLength; self.requests++;
        return new Uint8Array(b);
      }));
    }
    return this.whole.get(path);
  };

  Index.prototype.range = function (path, start, end) {
    var self = this;
    if (end <= start) return Promise.resolve(new Uint8Array(0));
    if (this.whole.has(path)) {
      return this.whole.get(path).then(function (b) { return b.subarray(start, end); });
    }
    var key = path + ':' + start + '-' + end;
    if (!this.ranges.has(key)) {
      this.ranges.set(key, fetch(this.url(path), { headers: { Range: 'bytes=' + start + '-' + (end - 1) } })
        .then(function (r) {
          if (r.status === 206) {
            return r.arrayBuffer().then(function (b) {
              self.bytes += b.byteLength; self.requests++;
              if (b.byteLength !== end - start) throw new Error(path + ': short range');
              return new Uint8Array(b);
            });
          }
          if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
          // The server sent the whole file: keep it for later ranges.
          var whole = r.arrayBuffer().then(function (b) {
            self.bytes += b.byteLength; self.requests++;
            return new Uint8Array(b);
          });
          self.whole.set(path, whole);
          return whole.then(function (b) { return b.subarray(start, end); });
        }));
    }
    return this.ranges.get(key);
  };

  // ---- Binary reading ------------------------------------------------------

  function Reader(b) { this.b = b; this.i = 0; }
  Reader.prototype.uv = function () {
    var x = 0, mul = 1, b = this.b;
    for (;;) {
      if (this.i >= b.length) throw new Error('corrupt index');
      var c = b[this.i++];
      x += (c & 127) * mul;
      if (c < 128) return x;
      mul *= 128;
    }
  };

  var decoder = new TextDecoder();

  // ---- Index files (pack.go, build.go, search.go) ----------------------------

  // The manifest and the county lists are below search/; each shard's
  // files below search/<shard name>/ (facet.go, pack.go).
  var PATH = {
    manifest: 'search/index.json',
    counties: function (p) { return 'search/c/' + p + '.json'; },
    blocks: 'blocks.bin',
    docs: 'docs.bin',
    dir: function (i) { return 'dir-' + i + '.bin'; },
    post: function (i) { return 'post-' + i + '.bin'; },
    pos: function (i) { return 'pos-' + i + '.bin'; },
    frag: function (i) { return 'frag-' + i + '.bin'; }
  };
  var BITMAP = 1, PAYLOAD = 2, POSITIONS = 4, SHARD_NAME = /^[0-9]+$/;

  Index.prototype.open = function () {
    var self = this;
    if (!this.opened) {
      this.opened = this.file(PATH.manifest).then(function (b) {
        var m = JSON.parse(decoder.decode(b)), first = 0;
        if (m.version !== 2) throw new Error('unknown index version');
        var seen = {};
        var shards = m.shards.map(function (sh) {
          // Years: digits only, each once (Go: Open).
          if (!SHARD_NAME.test(sh.name) || seen[sh.name] || !(sh.docs > 0)) throw new Error('corrupt index');
          seen[sh.name] = true;
          var shard = new Shard(self, sh.name, first, sh.docs);
          first += sh.docs;
          return shard;
        });
        if (first !== m.docs) throw new Error('corrupt index');
        return Promise.all(shards.map(function (sh) { return sh.open(); })).then(function () {
          // Set only once every shard is open: callers take the manifest
          // for a sign that the index is ready.
          self.shards = shards;
          self.manifest = m;
          return self;
        });
      });
    }
    return this.opened;
  };

  // A Shard reads one shard of the index: the reports first to
  // first + docs - 1, below search/<name>/.
  function Shard(index, name, first, docs) {
    this.index = index;
    this.name = name;
    this.dir = 'search/' + name + '/';
    this.first = first;
    this.docs = docs;
  }

  Shard.prototype.range = function (name, start, end) {
    return this.index.range(this.dir + name, start, end);
  };

  Shard.prototype.open = function () {
    var self = this;
    return this.index.file(this.dir + PATH.blocks).then(function (b) { self.blocks = parseBlockIndex(b); });
  };

  function parseBlockIndex(b) {
    var r = new Reader(b), nb = r.uv(), stride = r.uv(), np = r.uv(), first = [], i;
    for (i = 0; i < np; i++) first.push(r.uv());
    var locs = new Array(nb), per = nb / stride, part = -1, off = 0;
    for (var li = 0; li < nb; li++) {
      if (part + 1 < first.length && first[part + 1] === li) { part++; off = 0; }
      var len = r.uv();
      locs[Math.floor(li / per) + (li % per) * stride] = { part: Math.max(part, 0), off: off, len: len };
      off += len;
    }
    return locs;
  }

  // lookup returns the directory entry of key, or null. An entry that
  // counts more reports than the shard has is corrupt.
  Shard.prototype.lookup = function (key) {
    var loc = this.blocks[keyHash(key) & (this.blocks.length - 1)];
    var kb = encoder.encode(key), docs = this.docs;
    return this.range(PATH.dir(loc.part), loc.off, loc.off + loc.len).then(function (b) {
      var r = new Reader(b);
      var d = { postPart: r.uv(), postOff: r.uv(), posPart: r.uv(), posOff: r.uv() };
      while (r.i < b.length) {
        var kl = r.uv(), ks = r.i;
        r.i += kl;
        d.flags = r.uv(); d.df = r.uv(); d.postLen = r.uv();
        d.posLen = (d.flags & POSITIONS) ? r.uv() : 0;
        if (kl === kb.length) {
          var same = true;
          for (var j = 0; j < kl; j++) if (b[ks + j] !== kb[j]) { same = false; break; }
          if (same) {
            if (d.df > docs) throw new Error('corrupt index');
            return d;
          }
        }
        d.postOff += d.postLen;
        d.posOff += d.posLen;
      }
      return null;
    });
  };

  // postings returns {docs: Int32Array, pays: Uint16Array or null} for a
  // term of up to four units or a filter, numbered within the shard. A
  // term's postings have payloads, a filter's none (search.go: gram).
  Shard.prototype.postings = function (key) {
    var self = this;
    return this.lookup(key).then(function (d) {
      if (!d) return { docs: new Int32Array(0), pays: new Uint16Array(0) };
      if (!!(d.flags & PAYLOAD) === (key.charCodeAt(0) === 1)) throw new Error('corrupt postings');
      return self.range(PATH.post(d.postPart), d.postOff, d.postOff + d.postLen).then(function (b) {
        return decodePostings(b, d.flags, d.df);
      });
    });
  };

  // countOnly returns {docs: empty, pays: null, df} for a term of up to
  // four units: its report count in the shard, from the directory.
  Shard.prototype.countOnly = function (key) {
    return this.lookup(key).then(function (d) {
      return { docs: new Int32Array(0), pays: null, df: d ? d.df : 0 };
    });
  };

  function decodePostings(b, flags, df) {
    var r = new Reader(b), n = r.uv(), end = r.i + n, docs = new Int32Array(df), k = 0;
    if (flags & BITMAP) {
      for (var j = r.i; j < end; j++) {
        var c = b[j];
        for (var bit = 0; c; bit++, c >>= 1) if (c & 1) docs[k++] = (j - r.i) * 8 + bit;
      }
    } else {
      var doc = -1;
      while (r.i < end) { doc += r.uv(); docs[k++] = doc; }
    }
    if (k !== df) throw new Error('corrupt postings');
    var pays = null;
    if (flags & PAYLOAD) {
      pays = new Uint16Array(df);
      for (var i = 0; i < df; i++) pays[i] = b[end + 2 * i] | (b[end + 2 * i + 1] << 8);
    }
    return { docs: docs, pays: pays };
  }

  function decodePositions(b) {
    var r = new Reader(b), out = [], doc = -1;
    while (r.i < b.length) {
      doc += r.uv();
      var kq = b[r.i], block = b[r.i + 1];
      r.i += 2;
      var cnt = r.uv(), vals = new Array(cnt), p = 0;
      for (var j = 0; j < cnt; j++) {
        var v = r.uv();
        p += Math.floor(v / 4);
        vals[j] = { pos: p, flags: v & 3 };
      }
      out.push({ doc: doc, kq: kq, block: block, vals: vals });
    }
    return out;
  }

  function cover(n) {
    var offs = [];
    for (var o = 0; o + 4 < n; o += 4) offs.push(o);
    offs.push(n - 4);
    return offs;
  }

  // phrase finds the reports with a term of more than four units.
  Shard.prototype.phrase = function (term) {
    var self = this, offs = cover(term.units.length);
    return Promise.all(offs.map(function (o) {
      return self.lookup(keyOf(term.units.slice(o, o + 4))).then(function (d) {
        if (!d || !(d.flags & POSITIONS)) return [];
        return self.range(PATH.pos(d.posPart), d.posOff, d.posOff + d.posLen).then(decodePositions);
      });
    })).then(function (lists) { return matchPhrase(lists, offs); });
  };

  function hasPos(vals, p) {
    var lo = 0, hi = vals.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vals[mid].pos < p) lo = mid + 1; else hi = mid;
    }
    return lo < vals.length && vals[lo].pos === p;
  }

  function matchPhrase(lists, offs) {
    var docs = [], pays = [], idx = lists.map(function () { return 0; });
    lists[0].forEach(function (first) {
      var doc = first.doc, i;
      for (i = 1; i < lists.length; i++) {
        var l = lists[i];
        while (idx[i] < l.length && l[idx[i]].doc < doc) idx[i]++;
        if (idx[i] === l.length || l[idx[i]].doc !== doc) return;
      }
      var tf = 0, heading = false, title = false;
      first.vals.forEach(function (v) {
        for (var i = 1; i < lists.length; i++) {
          if (!hasPos(lists[i][idx[i]].vals, v.pos + offs[i])) return;
        }
        if (v.flags & 1) title = true;
        else { tf++; if (v.flags & 2) heading = true; }
      });
      if (tf === 0 && !title) return;
      docs.push(doc);
      pays.push(makePayload(bodyWeight(tf, first.kq), heading, title, tf > 0 ? first.block : 0));
    });
    return { docs: Int32Array.from(docs), pays: Uint16Array.from(pays) };
  }

  var FILTER_PREFIX = { province: '\u0001p', county: '\u0001c', agency: '\u0001a', year: '\u0001y' };
  var FILTERS = ['province', 'county', 'agency', 'year'];

  // search runs a query with filters and returns {terms, total, hits},
  // hits being {doc, score, block}, best first.
  Index.prototype.search = function (q, filters) {
    var self = this, terms = parseQuery(q);
    filters = filters || {};
    if (!terms.length) return Promise.resolve({ terms: terms, total: 0, hits: [] });
    // A year filter confines the hits to the year's shard: of the others,
    // a term of up to four units needs only its report count; a longer
    // phrase is counted by matching it (search.go: Search).
    var year = filters.year || '';
    function wanted(sh) { return !year || sh.name === year; }
    var none = { docs: new Int32Array(0), pays: null };
    var jobs = terms.map(function (t) {
      return self.everyShard(function (sh) {
        if (t.units.length > 4) return sh.phrase(t);
        return wanted(sh) ? sh.postings(t.key) : sh.countOnly(t.key);
      });
    });
    FILTERS.forEach(function (f) {
      if (filters[f]) {
        jobs.push(self.everyShard(function (sh) {
          return wanted(sh) ? sh.postings(FILTER_PREFIX[f] + filters[f]) : Promise.resolve(none);
        }));
      }
    });
    return Promise.all(jobs).then(function (sets) {
      var hits = score(sets, terms.length, self.manifest.docs);
      return { terms: terms, total: hits.length, hits: hits };
    });
  };

  // everyShard runs find on each shard and joins the report sets,
  // numbered across shards (search.go: everyShard).
  Index.prototype.everyShard = function (find) {
    return Promise.all(this.shards.map(find)).then(function (sets) {
      var n = 0, df = 0, withPays = false, i;
      for (i = 0; i < sets.length; i++) {
        n += sets[i].docs.length;
        df += sets[i].df !== undefined ? sets[i].df : sets[i].docs.length;
        withPays = withPays || sets[i].pays !== null;
      }
      var docs = new Int32Array(n), pays = withPays ? new Uint16Array(n) : null, o = 0, shards = this.shards;
      for (i = 0; i < sets.length; i++) {
        var d = sets[i].docs;
        for (var j = 0; j < d.length; j++) docs[o + j] = d[j] + shards[i].first;
        if (pays && sets[i].pays) pays.set(sets[i].pays, o);
        o += d.length;
      }
      return { docs: docs, pays: pays, df: df };
    }.bind(this));
  };

  function score(sets, nterms, n) {
    var idf = [], i, smallest = 0;
    for (i = 0; i < nterms; i++) idf.push(idfWeight(sets[i].df, n));
    for (i = 1; i < sets.length; i++) if (sets[i].docs.length < sets[smallest].docs.length) smallest = i;
    var idx = sets.map(function () { return 0; }), hits = [], base = sets[smallest].docs;
    outer:
    for (var k = 0; k < base.length; k++) {
      var doc = base[k], sc = 0, block = 0;
      for (i = 0; i < sets.length; i++) {
        var d = sets[i].docs;
        while (idx[i] < d.length && d[idx[i]] < doc) idx[i]++;
        if (idx[i] === d.length || d[idx[i]] !== doc) continue outer;
        if (i < nterms) {
          var p = sets[i].pays[idx[i]], b = p >> 8;
          sc += idf[i] * termScore(p);
          if (b > 0 && (block === 0 || b < block)) block = b;
        }
      }
      hits.push({ doc: doc, score: sc, block: block });
    }
    hits.sort(function (a, b) { return (b.score - a.score) || (a.doc - b.doc); });
    return hits;
  }

  // ---- Fragments and snippets ---------------------------------------------

  var BLOCK = 512, WINDOW = 2048, MAX_SCAN = 65536;

  // fragment returns {header, line: {anchor, text} or null} for a hit: the
  // report's header and the line to show.
  Index.prototype.fragment = function (hit, terms) {
    for (var i = 0; i < this.shards.length; i++) {
      var sh = this.shards[i];
      if (hit.doc >= sh.first && hit.doc < sh.first + sh.docs) {
        return sh.fragment({ doc: hit.doc - sh.first, block: hit.block }, terms);
      }
    }
    return Promise.reject(new Error('no report ' + hit.doc));
  };

  // fragment is Index.fragment for the shard's report hit.doc.
  Shard.prototype.fragment = function (hit, terms) {
    var self = this;
    return this.range(PATH.docs, 12 * hit.doc, 12 * hit.doc + 12).then(function (rec) {
      var part = rec[0] | rec[1] << 8;
      var off = (rec[2] | rec[3] << 8 | rec[4] << 16) + rec[5] * 16777216;
      var hlen = rec[6] | rec[7] << 8;
      var blen = (rec[8] | rec[9] << 8 | rec[10] << 16) + rec[11] * 16777216;
      var path = self.dir + PATH.frag(part), body = off + hlen;
      var from = hit.block > 0 ? Math.max((hit.block - 1) * BLOCK - 1, 0) : 0;
      var to = Math.min(from + WINDOW, blen);
      var headerP, bodyP;
      if (body + from - off <= 4096) {
        var both = self.index.range(path, off, body + to);
        headerP = both.then(function (b) { return b.subarray(0, hlen); });
        bodyP = both.then(function (b) { return b.subarray(hlen); });
        from = 0;
      } else {
        headerP = self.index.range(path, off, body);
        bodyP = self.index.range(path, body + from, body + to);
      }
      return Promise.all([headerP, bodyP]).then(function (r) {
        var header = JSON.parse(decoder.decode(r[0]));
        return scanLines(self.index, path, body, blen, from, to, r[1], hit, terms).then(function (line) {
          return { header: header, line: line };
        });
      });
    });
  };

  // scanLines looks for the line to show in body bytes [from, to), reading
  // on while the lines found so far do not contain a term.
  function scanLines(index, path, body, blen, from, to, bytes, hit, terms) {
    var minStart = hit.block > 0 ? (hit.block - 1) * BLOCK : 0;
    var chunks = [bytes];
    function attempt() {
      var all = concat(chunks), lines = [], i;
      // Start at the first line that begins at or after minStart.
      for (i = Math.max(0, minStart - from); i < all.length; i++) {
        if (from + i === 0 || (i > 0 && all[i - 1] === 10)) break;
      }
      while (i < all.length) {
        var e = all.indexOf(10, i);
        if (e < 0) break;
        var s = decoder.decode(all.subarray(i, e)), tab = s.indexOf('\t');
        lines.push({ anchor: s.slice(0, tab), text: s.slice(tab + 1) });
        i = e + 1;
      }
      var pick = pickLine(lines, terms);
      var end = from + all.length;
      // A report found by its title alone (block 0) has no term in its
      // body: its opening passage is shown, and reading on is pointless.
      if (pick || hit.block === 0 || end >= blen || end - from >= MAX_SCAN) {
        return Promise.resolve(pick || (hit.block === 0 && opening(lines)) || null);
      }
      return index.range(path, body + end, body + Math.min(end + WINDOW * 2, blen)).then(function (b) {
        chunks.push(b);
        return attempt();
      });
    }
    return attempt();
  }

  function concat(chunks) {
    if (chunks.length === 1) return chunks[0];
    var n = 0, i;
    for (i = 0; i < chunks.length; i++) n += chunks[i].length;
    var out = new Uint8Array(n), o = 0;
    for (i = 0; i < chunks.length; i++) { out.set(chunks[i], o); o += chunks[i].length; }
    return out;
  }

  // pickLine mirrors SnippetLine: the first passage with a term, or a
  // later one within eight lines that has every term. The title block's
  // lines (no anchor: the organ, the title) are not passages of the body.
  function pickLine(lines, terms) {
    var first = -1;
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i].anchor || !highlights(lines[i].text, terms).length) continue;
      if (first < 0) first = i;
      if (countTerms(lines[i].text, terms) === terms.length) return lines[i];
      if (i - first >= 8) break;
    }
    return first >= 0 ? lines[first] : null;
  }

  // opening mirrors SnippetLine for a title match: the first paragraph
  // of the body, else its first passage; null if there is none.
  function opening(lines) {
    var first = null;
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i].anchor) continue;
      if (lines[i].anchor.charAt(0) === 'p') return lines[i];
      if (!first) first = lines[i];
    }
    return first;
  }

  function countTerms(text, terms) {
    var n = 0;
    terms.forEach(function (t) { if (highlights(text, [t]).length) n++; });
    return n;
  }

  // highlights returns the [start, end) UTF-16 ranges of text where the
  // terms occur, sorted and merged (search.go: Highlights).
  function highlights(text, terms) {
    var toks = tokens(text), rs = [];
    terms.forEach(function (t) {
      var n = t.units.length;
      outer:
      for (var i = 0; i + n <= toks.length; i++) {
        for (var j = 0; j < n; j++) {
          if (toks[i + j].text !== t.units[j].text || (j > 0 && toks[i + j].gap)) continue outer;
        }
        rs.push([toks[i].start, toks[i + n - 1].end]);
      }
    });
    rs.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    rs.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  // snippet cuts text around its first highlight: about 30 characters
  // before and 90 after.
  function snippet(text, ranges) {
    var start = 0, end = text.length;
    if (ranges.length) {
      start = Math.max(0, ranges[0][0] - 30);
      end = Math.min(text.length, start + 120);
    } else {
      end = Math.min(text.length, 120);
    }
    return {
      text: text.slice(start, end),
      ranges: ranges.filter(function (r) { return r[1] > start && r[0] < end; }).map(function (r) {
        return [Math.max(r[0], start) - start, Math.min(r[1], end) - start];
      }),
      before: start > 0,
      after: end < text.length
    };
  }

  // appendMarked appends text to el with the ranges in <mark>.
  function appendMarked(el, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement('mark');
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  // ---- The page ------------------------------------------------------------

  var PAGE = 10;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function App(form) {
    this.form = form;
    this.root = new URL(form.getAttribute('data-root') || '../', location.href);
    this.index = new Index(this.root.href);
    this.input = form.querySelector('input[name="q"]');
    this.status = document.getElementById('search-status');
    this.notice = document.getElementById('search-notice');
    this.list = document.getElementById('search-results');
    this.more = document.getElementById('search-more');
    this.selects = {};
    var self = this;
    FILTERS.forEach(function (f) { self.selects[f] = form.querySelector('select[name="' + f + '"]'); });
    this.seq = 0;
    this.result = null;
    this.shown = 0;
    this.last = null;
    this.title0 = document.title;
  }

  App.prototype.start = function () {
    var self = this;
    document.documentElement.classList.add('search-js');
    var nojs = document.querySelector('.search-nojs');
    if (nojs) nojs.hidden = true;
    this.form.querySelectorAll('[hidden].search-js-only').forEach(function (e) { e.hidden = false; });
    var timer = 0;
    this.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.update('replace'); }, 150);
    });
    this.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      self.update('push');
    });
    this.selects.province.addEventListener('change', function () {
      self.selects.county.value = '';
      self.loadCounties(self.selects.province.value).then(function () { self.update('push'); });
    });
    ['county', 'agency', 'year'].forEach(function (f) {
      self.selects[f].addEventListener('change', function () { self.update('push'); });
    });
    this.more.addEventListener('click', function () { self.showMore(true); });
    window.addEventListener('popstate', function () { self.fromURL(); });
    return this.index.open().then(function () {
      self.fillFilters();
      return self.fromURL();
    }).catch(function (e) { self.fail(e); });
  };

  // fail tells the reader, in words, that search is not working now; the
  // cause (a file, a status) goes to the console for the site's keepers.
  App.prototype.fail = function (e) {
    this.list.removeAttribute('aria-busy');
    this.status.textContent = '搜索暂时无法使用，请稍后再试。您也可以按地区或按年度浏览全部报告。';
    if (window.console) console.warn('search:', e);
  };

  function option(value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  App.prototype.fillFilters = function () {
    var m = this.index.manifest, s = this.selects;
    m.provinces.forEach(function (o) { s.province.appendChild(option(o.key, o.name + '（' + o.n + '）')); });
    m.agencies.forEach(function (o) { s.agency.appendChild(option(o.key, o.name + '（' + o.n + '）')); });
    m.years.forEach(function (o) { s.year.appendChild(option(o.key, o.name + '（' + o.n + '）')); });
  };

  // loadCounties fills the county list with the province's counties; a
  // province the index does not list has none, and a list that cannot be
  // read leaves the county filter off rather than the search broken.
  App.prototype.loadCounties = function (province) {
    var sel = this.selects.county;
    while (sel.options.length > 1) sel.remove(1);
    sel.disabled = true;
    if (!province || !known(this.index.manifest.provinces, province)) return Promise.resolve();
    return this.counties(province).then(function (list) {
      list.forEach(function (o) {
        sel.appendChild(option(o.key, (o.city ? o.city + ' ' : '') + o.name + '（' + o.n + '）'));
      });
      sel.disabled = false;
    }, function (e) {
      if (window.console) console.warn('search: counties of ' + province + ':', e);
    });
  };

  // counties returns the county list of a province the index lists.
  App.prototype.counties = function (province) {
    return this.index.file(PATH.counties(province)).then(function (b) {
      return JSON.parse(decoder.decode(b));
    });
  };

  function known(list, key) {
    return list.some(function (o) { return o.key === key; });
  }

  // provinceOf finds the province of a county key given without one (a
  // shared link may name only the county); "" if no province lists it.
  App.prototype.provinceOf = function (county) {
    var self = this, ps = this.index.manifest.provinces;
    return Promise.all(ps.map(function (p) {
      return self.counties(p.key).then(function (list) { return known(list, county); }, function () { return false; });
    })).then(function (has) {
      var i = has.indexOf(true);
      return i < 0 ? '' : ps[i].key;
    });
  };

  App.prototype.state = function () {
    var st = { q: this.input.value.trim() }, self = this;
    FILTERS.forEach(function (f) { st[f] = self.selects[f].value; });
    return st;
  };

  // FILTER_NAMES name the filters in the note on dropped values.
  var FILTER_NAMES = { province: '省份', county: '县（市、区）', agency: '机构', year: '年度' };

  // fromURL applies the page's URL. A filter value the index does not know
  // (a mistyped or stale link, a county since renamed) is dropped, said so
  // in a note, and taken out of the URL; the query and the other filters
  // still apply.
  App.prototype.fromURL = function () {
    var self = this, p = new URLSearchParams(location.search), m = this.index.manifest;
    var dropped = [];
    function take(f, list) {
      var v = p.get(f) || '';
      if (v && list && !known(list, v)) {
        dropped.push(f);
        v = '';
      }
      return v;
    }
    this.input.value = p.get('q') || '';
    var province = take('province', m.provinces);
    var county = p.get('county') || '';
    var found = province || !county ? Promise.resolve(province) : this.provinceOf(county);
    return found.then(function (prov) {
      province = prov;
      self.selects.province.value = province;
      return self.loadCounties(province);
    }).then(function () {
      if (county && !hasOption(self.selects.county, county)) {
        dropped.push('county');
        county = '';
      }
      self.selects.county.value = county;
      self.selects.agency.value = take('agency', m.agencies);
      self.selects.year.value = take('year', m.years);
      self.note(dropped.map(function (f) { return FILTER_NAMES[f] + '“' + p.get(f) + '”'; }));
      if (dropped.length) {
        dropped.forEach(function (f) { p.delete(f); });
        if (province && !p.get('province')) p.set('province', province);
        var qs = p.toString();
        history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
      }
      return self.run();
    }).catch(function (e) { self.fail(e); });
  };

  function hasOption(sel, value) {
    return Array.prototype.some.call(sel.options, function (o) { return o.value === value; });
  }

  // note shows which filters of the link were dropped, or hides the note.
  App.prototype.note = function (dropped) {
    if (!this.notice) return;
    this.notice.hidden = !dropped.length;
    this.notice.textContent = dropped.length ?
      '链接中的筛选条件' + dropped.join('、') + '在本站没有对应的报告，已忽略；其余条件照常适用。' : '';
  };

  App.prototype.update = function (mode) {
    var st = this.state(), p = new URLSearchParams();
    this.note([]);
    if (st.q) p.set('q', st.q);
    FILTERS.forEach(function (f) { if (st[f]) p.set(f, st[f]); });
    var url = location.pathname + (p.toString() ? '?' + p.toString() : '');
    if (url !== location.pathname + location.search) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    return this.run();
  };

  App.prototype.run = function () {
    var self = this, st = this.state(), seq = ++this.seq;
    var t0 = performance.now(), bytes0 = this.index.bytes, req0 = this.index.requests;
    var filters = {};
    FILTERS.forEach(function (f) { filters[f] = st[f]; });
    document.title = (st.q ? st.q + ' - ' : '') + this.title0;
    if (!st.q) {
      this.result = null;
      this.list.textContent = '';
      this.more.hidden = true;
      this.status.textContent = '请输入搜索词，例如：按期答复率、白大姐访调工作室、鲁山 信访。';
      return Promise.resolve();
    }
    this.list.setAttribute('aria-busy', 'true');
    return this.index.search(st.q, filters).then(function (res) {
      if (seq !== self.seq) return;
      var tRanked = performance.now();
      self.result = res;
      self.shown = 0;
      self.list.textContent = '';
      return self.showMore(false).then(function () {
        if (seq !== self.seq) return;
        var tShown = performance.now();
        self.list.removeAttribute('aria-busy');
        self.status.textContent = res.total ?
          '找到 ' + res.total + ' 篇报告' + (res.total > self.shown ? '，显示前 ' + self.shown + ' 篇' : '') :
          '没有找到包含“' + st.q + '”的报告。';
        self.last = {
          q: st.q, total: res.total, docs: res.hits.map(function (h) { return h.doc; }),
          scores: res.hits.map(function (h) { return h.score; }),
          msRanked: tRanked - t0, msShown: tShown - t0,
          bytes: self.index.bytes - bytes0, requests: self.index.requests - req0
        };
        document.dispatchEvent(new CustomEvent('portal-search-done'));
      });
    }).catch(function (e) {
      if (seq === self.seq) self.fail(e);
    });
  };

  // showMore renders the next page of results.
  App.prototype.showMore = function (focus) {
    var self = this, res = this.result;
    if (!res) return Promise.resolve();
    var page = res.hits.slice(this.shown, this.shown + PAGE);
    var seq = this.seq;
    return Promise.all(page.map(function (h) {
      return self.index.fragment(h, res.terms).catch(function () { return null; });
    })).then(function (frags) {
      if (seq !== self.seq) return;
      var firstNew = null;
      frags.forEach(function (f, i) {
        var li = self.item(page[i], f, res.terms);
        if (!firstNew) firstNew = li;
        self.list.appendChild(li);
      });
      self.shown += page.length;
      self.more.hidden = self.shown >= res.total;
      if (focus && firstNew) {
        var a = firstNew.querySelector('a');
        if (a) a.focus();
        self.status.textContent = '找到 ' + res.total + ' 篇报告，显示前 ' + self.shown + ' 篇';
      }
    });
  };

  App.prototype.item = function (hit, f, terms) {
    var li = el('li', 'search-result');
    if (!f) {
      li.appendChild(el('p', 'meta', '（摘要加载失败）'));
      return li;
    }
    var h = f.header, url = new URL(h.u, this.root).href;
    var title = el('h2', 'search-title'), a = el('a');
    a.href = url;
    appendMarked(a, h.t, highlights(h.t, terms));
    title.appendChild(a);
    li.appendChild(title);
    var meta = [h.p, h.c, h.n, h.a, h.y + '年度'].filter(Boolean).join(' · ');
    var mp = el('p', 'meta');
    appendMarked(mp, meta, highlights(meta, terms));
    li.appendChild(mp);
    if (f.line) {
      var sn = snippet(f.line.text, highlights(f.line.text, terms));
      var p = el('p', 'search-snippet'), link = el('a');
      link.href = f.line.anchor ? url + '#' + encodeURIComponent(f.line.anchor) : url;
      if (sn.before) link.appendChild(document.createTextNode('…'));
      appendMarked(link, sn.text, sn.ranges);
      if (sn.after) link.appendChild(document.createTextNode('…'));
      p.appendChild(link);
      li.appendChild(p);
    }
    return li;
  };

  // The API the tests and the benchmark use.
  window.portalSearch = {
    tokens: tokens, parseQuery: parseQuery, keyHash: keyHash, highlights: highlights,
    app: null,
    query: function (q, filters) {
      var app = window.portalSearch.app;
      return app.index.open().then(function (ix) { return ix.search(q, filters); }).then(function (r) {
        return { total: r.total, docs: r.hits.map(function (h) { return h.doc; }),
          scores: r.hits.map(function (h) { return h.score; }), blocks: r.hits.map(function (h) { return h.block; }) };
      });
    }
  };

  var form = document.getElementById('search-form');
  if (form && window.fetch && window.TextDecoder && window.URLSearchParams) {
    var app = new App(form);
    window.portalSearch.app = app;
    app.start();
  }
})();
