// A tiny syntax highlighter: comments, strings, numbers, keywords (and keys/tags for a few formats).
// Every token is HTML-escaped; nothing is ever inserted as markup from the file itself.
(function () {
  'use strict';
  const words = (s) => new Set(s.split(' '));
  const STR = String.raw`"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|` + '`(?:[^`\\\\]|\\\\.)*`';
  const NUM = String.raw`\b\d+(?:\.\d+)?\b`;
  const HASH = String.raw`#.*`;
  const SLASH = String.raw`\/\/.*|\/\*[\s\S]*?\*\/`;
  const LANGS = {
    python: { com: HASH, kw: words('False None True and as assert async await class def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case self') },
    ts: { com: SLASH, kw: words('abstract any as async await boolean break case catch class const continue default delete do else enum export extends false finally for from function if implements import in instanceof interface let new null number private protected public readonly return static string super switch this throw true try type typeof undefined var void while yield') },
    json: { key: String.raw`"(?:[^"\\\n]|\\.)*"(?=\s*:)`, kw: words('true false null') },
    yaml: { com: HASH, key: String.raw`^[ \t-]*[\w.\-/"']+(?=\s*:)`, kw: words('true false null yes no on off') },
    shell: { com: HASH, kw: words('if then else elif fi for in do done case esac while until function return export set local readonly exit FROM RUN COPY WORKDIR ENV EXPOSE CMD ENTRYPOINT ARG USER HEALTHCHECK AS') },
    sql: { com: String.raw`--.*`, kw: words('SELECT FROM WHERE INSERT INTO VALUES UPDATE SET DELETE CREATE TABLE INDEX PRIMARY KEY REFERENCES NOT NULL UNIQUE DEFAULT ALTER DROP AND OR ON JOIN') },
    css: { com: String.raw`\/\*[\s\S]*?\*\/`, kw: words('@tailwind @apply @layer @media @import') },
    markdown: { com: String.raw`^#{1,6} .*` },
    html: { com: String.raw`<!--[\s\S]*?-->`, tag: String.raw`<\/?[A-Za-z][\w:-]*|\/?>` },
  };
  const BY_EXT = { py: 'python', pyi: 'python', ts: 'ts', tsx: 'ts', js: 'ts', jsx: 'ts', mjs: 'ts', cjs: 'ts',
    json: 'json', yml: 'yaml', yaml: 'yaml', toml: 'yaml', ini: 'yaml', cfg: 'yaml', env: 'shell', sh: 'shell',
    sql: 'sql', css: 'css', md: 'markdown', html: 'html', mako: 'python' };

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function languageOf(path) {
    const name = path.split('/').pop();
    if (name === 'Dockerfile' || name.startsWith('Dockerfile.') || name === 'Makefile') return 'shell';
    if (name.startsWith('.env')) return 'shell';
    const dot = name.lastIndexOf('.');
    return dot < 0 ? null : (BY_EXT[name.slice(dot + 1).toLowerCase()] || null);
  }

  function highlight(code, lang) {
    const rules = LANGS[lang];
    if (!rules || code.length > 300000) return escapeHtml(code);
    const parts = [];
    const kinds = [];
    for (const k of ['com', 'key', 'tag']) if (rules[k]) { parts.push(rules[k]); kinds.push(k); }
    if (lang !== 'markdown') { parts.push(STR, NUM, String.raw`[A-Za-z_@][\w]*`); kinds.push('str', 'num', 'word'); }
    const re = new RegExp(parts.map((p) => '(' + p + ')').join('|'), 'gm');
    let out = '', last = 0, m;
    while ((m = re.exec(code)) !== null) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      out += escapeHtml(code.slice(last, m.index));
      const i = m.slice(1).findIndex((g) => g !== undefined);
      let kind = kinds[i];
      if (kind === 'word') kind = rules.kw && rules.kw.has(m[0]) ? 'kw' : null;
      out += kind ? '<span class="tok-' + kind + '">' + escapeHtml(m[0]) + '</span>' : escapeHtml(m[0]);
      last = re.lastIndex;
    }
    return out + escapeHtml(code.slice(last));
  }

  window.AutonomaHighlight = { highlight, languageOf, escapeHtml };
})();
