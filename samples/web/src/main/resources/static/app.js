// Autonoma studio: prompt → plan → generate (live) → code (Monaco) → change (propose, accept) → preview → export.
// Everything goes through the starter's REST + SSE API on this origin; nothing is fetched from elsewhere.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const MONACO = '/webjars/monaco-editor/0.52.2/min/vs';
  const FIELD_TYPES = ['string', 'text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'time', 'email', 'url', 'phone', 'enum'];
  const LABELS = { pending: 'waiting', running: 'running…', retrying: 'retrying…', done: 'done', failed: 'failed', cancelled: 'cancelled' };

  let gen = null;        // the generation shown: { id, source, agents: Map, finished, paths: Set }
  let plan = null;       // { spec } being edited before generating
  let editor = null;     // the Monaco editor, once loaded
  let openFile = null;   // { path, version, saved } of the file in the editor
  let previewTimer = null, previewSource = null;

  const api = (path) => '/api/generations' + path;
  const genApi = (path) => api('/' + encodeURIComponent(gen.id) + path);
  const encodePath = (p) => p.split('/').map(encodeURIComponent).join('/');

  // errors are RFC 9457 problem details: {type, title, status, detail, error, problems}
  function problemText(body) {
    const problems = body && Array.isArray(body.problems) && body.problems.length ? '\n' + body.problems.join('\n') : '';
    return ((body && body.detail) || 'Something went wrong.') + problems;
  }

  async function call(url, options) {
    let res;
    try {
      res = await fetch(url, options);
    } catch (e) {
      return { ok: false, status: 0, body: { detail: 'The server cannot be reached: ' + e.message } };
    }
    const type = res.headers.get('Content-Type') || '';
    const body = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => ({})) : await res.text();
    return { ok: res.ok, status: res.status, body, headers: res.headers };
  }

  const postJson = (url, body) => call(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body) });

  // ---------- 1. prompt → plan
  async function makePlan(ev) {
    ev.preventDefault();
    $('form-error').textContent = '';
    $('plan').disabled = true;
    const r = await postJson('/api/plans', { prompt: $('prompt').value });
    $('plan').disabled = false;
    if (!r.ok) { $('form-error').textContent = problemText(r.body); $('prompt').focus(); return; }
    plan = { spec: r.body.spec };
    $('plan-confidence').textContent = 'Confidence: ' + r.body.confidence + '. Correct anything below, then generate.';
    const summary = $('plan-summary');
    summary.textContent = '';
    for (const line of r.body.summary) {
      const li = document.createElement('li');
      li.textContent = line;
      summary.append(li);
    }
    showTab('form');
    renderPlanForm();
    $('plan-error').textContent = '';
    $('plan-card').hidden = false;
    $('plan-heading').scrollIntoView({ block: 'start' });
  }

  function input(path, value, label, type) {
    const el = document.createElement('input');
    el.type = type || 'text';
    if (el.type === 'checkbox') el.checked = !!value; else el.value = value == null ? '' : value;
    el.dataset.path = path;
    el.setAttribute('aria-label', label);
    return el;
  }

  function renderPlanForm() {
    const root = $('plan-form');
    root.textContent = '';
    const spec = plan.spec;
    const app = document.createElement('p');
    const appLabel = document.createElement('label');
    appLabel.textContent = 'App name';
    const appName = input('name', spec.name, 'App name');
    appName.addEventListener('input', () => { spec.name = appName.value; });
    appLabel.append(appName);
    app.append(appLabel);
    root.append(app);
    (spec.entities || []).forEach((entity, ei) => {
      const box = document.createElement('fieldset');
      box.className = 'entity';
      box.dataset.entity = entity.name;
      const legend = document.createElement('legend');
      const name = input('entities[' + ei + '].name', entity.name, 'Entity ' + (ei + 1) + ' name');
      name.addEventListener('input', () => { entity.name = name.value; });
      legend.append(name);
      box.append(legend);
      const table = document.createElement('table');
      table.className = 'fields';
      const head = document.createElement('tr');
      for (const h of ['Field', 'Type', 'Required', 'Unique', '']) {
        const th = document.createElement('th');
        th.textContent = h;
        head.append(th);
      }
      table.append(head);
      (entity.fields || []).forEach((field, fi) => {
        const at = 'entities[' + ei + '].fields[' + fi + ']';
        const tr = document.createElement('tr');
        tr.dataset.field = field.name;
        const fname = input(at + '.name', field.name, entity.name + ' field ' + (fi + 1) + ' name');
        fname.addEventListener('input', () => { field.name = fname.value; });
        const type = document.createElement('select');
        type.dataset.path = at + '.type';
        type.setAttribute('aria-label', entity.name + ' field ' + (fi + 1) + ' type');
        for (const t of FIELD_TYPES) type.append(new Option(t, t, false, t === field.type));
        type.addEventListener('change', () => {
          field.type = type.value;
          if (field.type === 'enum' && !Array.isArray(field.enumValues)) field.enumValues = [];
          renderPlanForm();
        });
        const req = input(at + '.required', field.required, entity.name + '.' + field.name + ' required', 'checkbox');
        req.addEventListener('change', () => { field.required = req.checked; });
        const uniq = input(at + '.unique', field.unique, entity.name + '.' + field.name + ' unique', 'checkbox');
        uniq.addEventListener('change', () => { field.unique = uniq.checked; });
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'secondary small';
        remove.textContent = 'Remove';
        remove.setAttribute('aria-label', 'Remove ' + entity.name + '.' + field.name);
        remove.addEventListener('click', () => { entity.fields.splice(fi, 1); renderPlanForm(); });
        const typeCell = [type];
        if (field.type === 'enum') {
          const values = input(at + '.enumValues', (field.enumValues || []).join(', '), entity.name + '.' + field.name + ' values');
          values.placeholder = 'low, medium, high';
          values.addEventListener('input', () => { field.enumValues = values.value.split(',').map((v) => v.trim()).filter(Boolean); });
          typeCell.push(values);
        }
        for (const c of [[fname], typeCell, [req], [uniq], [remove]]) {
          const td = document.createElement('td');
          td.append(...c);
          tr.append(td);
        }
        table.append(tr);
      });
      box.append(table);
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'secondary small';
      add.textContent = 'Add a field to ' + entity.name;
      add.addEventListener('click', () => {
        entity.fields = entity.fields || [];
        entity.fields.push({ name: '', type: 'string', required: false, unique: false });
        renderPlanForm();
        const inputs = root.querySelectorAll('input[data-path="entities[' + ei + '].fields[' + (entity.fields.length - 1) + '].name"]');
        if (inputs.length) inputs[0].focus();
      });
      box.append(add);
      root.append(box);
    });
    if ((spec.relations || []).length) {
      const rel = document.createElement('p');
      rel.className = 'note';
      rel.textContent = 'Relations: ' + spec.relations.map((r) => r.from + ' → ' + r.to + ' (' + r.kind.replace(/_/g, ' ') + ')').join('; ')
        + '. Edit them in the JSON tab.';
      root.append(rel);
    }
  }

  function showTab(which) {
    const json = which === 'json';
    if (json && plan) $('plan-json').value = JSON.stringify(plan.spec, null, 2);
    $('plan-form').hidden = json;
    $('plan-json-panel').hidden = !json;
    $('tab-form').setAttribute('aria-selected', String(!json));
    $('tab-json').setAttribute('aria-selected', String(json));
    $('tab-form').tabIndex = json ? -1 : 0;
    $('tab-json').tabIndex = json ? 0 : -1;
  }

  // the JSON tab is the source of truth while it is shown: parse it before leaving it or generating
  function readJsonTab() {
    if ($('plan-json-panel').hidden) return true;
    try {
      plan.spec = JSON.parse($('plan-json').value);
      $('plan-json-error').textContent = '';
      return true;
    } catch (e) {
      $('plan-json-error').textContent = 'This is not valid JSON: ' + e.message;
      $('plan-json').setAttribute('aria-invalid', 'true');
      $('plan-json').focus();
      return false;
    }
  }

  // shows each problem next to the input it points at (entities[0].fields[1].type: …), the rest in the list
  function showSpecProblems(body) {
    for (const el of $('plan-form').querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of $('plan-form').querySelectorAll('.field-error')) el.remove();
    const rest = [];
    for (const p of body.problems || []) {
      const at = p.indexOf(':');
      const path = at > 0 ? p.slice(0, at).trim() : '';
      const el = path && [...$('plan-form').querySelectorAll('[data-path]')].find((x) => x.dataset.path === path);
      if (el && $('plan-json-panel').hidden) {
        el.setAttribute('aria-invalid', 'true');
        const msg = document.createElement('span');
        msg.className = 'field-error';
        msg.textContent = p.slice(at + 1).trim();
        el.after(msg);
      } else {
        rest.push(p);
      }
    }
    const text = (body.detail || 'The plan is not valid.') + (rest.length ? '\n' + rest.join('\n') : '');
    if ($('plan-json-panel').hidden) $('plan-error').textContent = text; else $('plan-json-error').textContent = text;
  }

  async function generate(body) {
    $('form-error').textContent = '';
    $('plan-error').textContent = '';
    $('plan-json-error').textContent = '';
    const r = await postJson(api(''), body);
    if (r.status !== 202) {
      if (body.spec && r.body && r.body.error === 'invalid_spec') showSpecProblems(r.body);
      else if (body.spec) $('plan-error').textContent = problemText(r.body);
      else $('form-error').textContent = problemText(r.body);
      return;
    }
    startFollowing(r.body);
  }

  // ---------- 3. progress over SSE, files appearing as they are written
  function startFollowing(started) {
    if (gen && gen.source) gen.source.close();
    // a new app: the preview of the one shown so far is no longer looked at
    if (gen && (previewTimer || previewSource)) call(genApi('/preview'), { method: 'DELETE' });
    stopPreviewWatch();
    gen = { id: started.id, agents: new Map(), finished: false, paths: new Set(), source: null, writersDone: false };
    document.body.dataset.generation = gen.id;
    // the address names the app shown: a reload (or a bookmark) comes back to it, its events replayed
    history.replaceState(null, '', '?generation=' + encodeURIComponent(gen.id));
    $('prompt-note').textContent = started.promptNote ? 'Note: ' + started.promptNote + '.' : '';
    $('progress').hidden = false;
    $('files').hidden = true;
    $('change-card').hidden = true;
    $('export-card').hidden = true;
    $('preview-card').hidden = true;
    $('preview-frame').hidden = true;
    $('preview-frame').removeAttribute('src');
    $('preview-logs').textContent = '';
    $('preview-start').textContent = 'Start preview';
    $('preview-stop').hidden = true;
    $('preview-fresh').hidden = true;
    $('preview-open').hidden = true;
    delete $('preview-state').dataset.state;
    delete $('preview-state').dataset.ready;
    $('chat').textContent = '';
    $('checks').textContent = '';
    $('checks-box').hidden = true;
    $('agents').textContent = '';
    $('run-status').textContent = 'Starting…';
    delete $('run-status').dataset.status;
    $('cancel').hidden = false;
    $('tree').textContent = '';
    openFile = null;
    follow(gen);
    $('progress-heading').scrollIntoView({ block: 'start' });
  }

  function setAgent(name, status, detail) {
    const a = gen.agents.get(name);
    if (!a) return;
    a.status = status;
    a.li.dataset.status = status;
    a.state.textContent = LABELS[status] || status;
    a.detail.textContent = detail || '';
    const all = [...gen.agents.values()];
    if (!gen.finished) $('run-status').textContent = 'Running: ' + all.filter((x) => x.status === 'done').length + ' of ' + all.length + ' agents done.';
  }

  function renderAgents(names) {
    $('agents').textContent = '';
    gen.agents.clear();
    for (const name of names) {
      const li = document.createElement('li');
      li.className = 'agent';
      li.dataset.agent = name;
      li.dataset.status = 'pending';
      const label = document.createElement('span');
      const n = document.createElement('span');
      n.className = 'name';
      n.textContent = name;
      const detail = document.createElement('span');
      detail.className = 'detail';
      label.append(n, detail);
      const state = document.createElement('span');
      state.className = 'state';
      state.textContent = LABELS.pending;
      li.append(label, state);
      $('agents').append(li);
      gen.agents.set(name, { li, state, detail, status: 'pending' });
    }
  }

  function addCheck(d) {
    $('checks-box').hidden = false;
    const li = document.createElement('li');
    li.className = 'check';
    li.dataset.check = d.check;
    li.dataset.status = d.status;
    const head = document.createElement('span');
    head.textContent = d.check + ': ' + d.status.replace(/_/g, ' ') + (d.counts ? ' — ' + d.counts : '') + ' (' + (d.durationMillis / 1000).toFixed(1) + ' s)';
    li.append(head);
    if (d.excerpt) {
      const more = document.createElement('details');
      const s = document.createElement('summary');
      s.textContent = 'output';
      const pre = document.createElement('pre');
      pre.textContent = d.excerpt;
      more.append(s, pre);
      li.append(more);
    }
    $('checks').append(li);
  }

  let treeTimer = null;
  function scheduleTree() {
    if (treeTimer) return;
    treeTimer = setTimeout(() => { treeTimer = null; renderFiles(); }, 150);
  }

  function follow(g) {
    const source = new EventSource(api('/' + encodeURIComponent(g.id) + '/events'));
    g.source = source;
    const on = (type, fn) => source.addEventListener(type, (e) => { if (gen === g) fn(JSON.parse(e.data)); });
    on('RunStarted', (d) => renderAgents(d.agents));
    on('AgentStarted', (d) => {
      setAgent(d.agent, 'running', d.attempt > 1 ? 'attempt ' + d.attempt : '');
      $('agent-log').textContent = d.agent + ' started';
      // the verify stage only reads the files: they are all written once it starts
      if (d.agent === 'verify') writersDone();
    });
    on('ArtifactWritten', (d) => {
      g.paths.add(d.path);
      $('files').hidden = false;
      scheduleTree();
    });
    on('AgentLog', (d) => {
      const a = g.agents.get(d.agent);
      if (a && a.status === 'running') a.detail.textContent = d.message.length > 80 ? d.message.slice(0, 79) + '…' : d.message;
    });
    on('CheckFinished', addCheck);
    on('AgentFinished', (d) => { setAgent(d.agent, 'done', (d.durationMillis / 1000).toFixed(1) + ' s'); $('agent-log').textContent = d.agent + ' done'; });
    on('AgentFailed', (d) => setAgent(d.agent, d.willRetry ? 'retrying' : 'failed', d.error));
    on('RunFinished', async (d) => {
      source.close();
      g.finished = true;
      $('cancel').hidden = true;
      if (d.status === 'cancelled') {
        for (const [name, a] of g.agents) if (a.status === 'running' || a.status === 'retrying') setAgent(name, 'cancelled');
      }
      const secs = (d.durationMillis / 1000).toFixed(1);
      $('run-status').textContent = d.status === 'succeeded' ? 'Done: all agents finished in ' + secs + ' s.'
        : d.status === 'cancelled' ? 'Cancelled.' : 'Failed: ' + d.message;
      $('run-status').dataset.status = d.status;
      await loadFiles();
      if (d.status === 'succeeded') {
        writersDone();
        $('change-card').hidden = false;
        $('export-card').hidden = false;
      }
      $('save').disabled = !openFile;
    });
    source.onerror = () => {
      if (gen === g && !g.finished) $('run-status').textContent = 'Connection lost, reconnecting…';
    };
  }

  function writersDone() {
    if (gen.writersDone) return;
    gen.writersDone = true;
    $('preview-card').hidden = false;
    $('preview-start').disabled = false;
    $('preview-state').textContent = 'The files are written: start a preview to use the app.';
  }

  async function cancel() {
    if (!gen || gen.finished) return;
    $('cancel').disabled = true;
    await call(genApi(''), { method: 'DELETE' });
    $('cancel').disabled = false;
  }

  // ---------- 4. code: tree + Monaco, save as a new version, history and diffs
  async function loadFiles() {
    const r = await call(genApi('/files'));
    if (!r.ok) return;
    gen.paths = new Set(r.body.files.map((f) => f.path));
    renderFiles();
    $('download').href = genApi('/zip');
    $('download').hidden = gen.paths.size === 0;
    $('files').hidden = false;
  }

  function renderFiles() {
    const paths = [...gen.paths].sort();
    $('file-count').textContent = '(' + paths.length + ')';
    const open = new Set([...$('tree').querySelectorAll('details[open]')].map((d) => d.dataset.dir));
    const root = { dirs: new Map(), files: [] };
    for (const p of paths) {
      const parts = p.split('/');
      let node = root;
      parts.slice(0, -1).forEach((dir, i) => {
        if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: new Map(), files: [], path: parts.slice(0, i + 1).join('/') });
        node = node.dirs.get(dir);
      });
      node.files.push({ name: parts[parts.length - 1], path: p });
    }
    $('tree').textContent = '';
    $('tree').append(renderTree(root, open));
    if (openFile) markCurrent(openFile.path);
  }

  function renderTree(node, open) {
    const ul = document.createElement('ul');
    for (const [name, child] of [...node.dirs.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const li = document.createElement('li');
      const details = document.createElement('details');
      details.dataset.dir = child.path;
      details.open = open.has(child.path);
      const summary = document.createElement('summary');
      summary.textContent = name + '/';
      details.append(summary, renderTree(child, open));
      li.append(details);
      ul.append(li);
    }
    for (const f of node.files) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'file';
      b.dataset.path = f.path;
      b.textContent = f.name;
      b.setAttribute('aria-label', 'Open ' + f.path);
      b.addEventListener('click', () => openPath(f.path));
      li.append(b);
      ul.append(li);
    }
    return ul;
  }

  function markCurrent(path) {
    for (const b of $('tree').querySelectorAll('button.file[aria-current]')) b.removeAttribute('aria-current');
    const b = [...$('tree').querySelectorAll('button.file')].find((x) => x.dataset.path === path);
    if (b) b.setAttribute('aria-current', 'true');
  }

  let monacoReady = null;
  function loadMonaco() {
    if (!monacoReady) {
      monacoReady = new Promise((resolve, reject) => {
        if (typeof window.require !== 'function') { reject(new Error('the editor (Monaco) did not load')); return; }
        // the editor's web workers from this origin (worker-src 'self'): Monaco's default wraps them in blob: URLs
        window.MonacoEnvironment = { getWorkerUrl: () => MONACO + '/base/worker/workerMain.js' };
        window.require.config({ paths: { vs: MONACO } });
        window.require(['vs/editor/editor.main'], () => {
          editor = window.monaco.editor.create($('editor'), {
            value: '', automaticLayout: true, minimap: { enabled: false }, theme: 'vs-dark', fontSize: 13, scrollBeyondLastLine: false,
          });
          editor.onDidChangeModelContent(() => {
            if (!openFile) return;
            const dirty = editor.getValue() !== openFile.saved;
            $('editor-state').textContent = dirty ? 'edited, not saved' : 'version ' + openFile.version;
            $('save').disabled = !dirty || !gen.finished;
          });
          editor.addCommand(window.monaco.KeyMod.CtrlCmd | window.monaco.KeyCode.KeyS, () => save());
          resolve(window.monaco);
        }, reject);
      });
    }
    return monacoReady;
  }

  async function openPath(path) {
    markCurrent(path);
    $('editor-path').textContent = path;
    $('editor-state').textContent = 'Loading…';
    const [monaco, r] = await Promise.all([loadMonaco().catch((e) => { $('editor-state').textContent = e.message; return null; }),
      call(genApi('/files/' + encodePath(path)))]);
    if (!monaco) return;
    if (!r.ok) { $('editor-state').textContent = 'Cannot load this file (' + r.status + ').'; return; }
    const type = r.headers.get('Content-Type') || '';
    if (!type.startsWith('text/')) { $('editor-state').textContent = 'A binary file: download the zip to see it.'; return; }
    const version = Number(r.headers.get('X-Artifact-Version'));
    const uri = monaco.Uri.file('/' + path);
    let model = monaco.editor.getModel(uri);
    if (model) model.setValue(r.body); else model = monaco.editor.createModel(r.body, undefined, uri);
    openFile = { path, version, saved: r.body };
    editor.setModel(model);
    editor.updateOptions({ readOnly: false });
    $('editor-state').textContent = 'version ' + version;
    $('save').disabled = true;
    $('editor').dataset.path = path;
    $('editor').dataset.version = String(version);
    await loadVersions();
  }

  async function save() {
    if (!openFile || !gen.finished) return;
    const text = editor.getValue();
    $('save').disabled = true;
    const r = await call(genApi('/files/' + encodePath(openFile.path)), { method: 'PUT', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text });
    if (!r.ok) { $('editor-state').textContent = 'Not saved: ' + problemText(r.body); $('save').disabled = false; return; }
    openFile.saved = text;
    openFile.version = r.body.version;
    $('editor').dataset.version = String(r.body.version);
    $('editor-state').textContent = 'saved as version ' + r.body.version;
    await loadVersions();
  }

  async function loadVersions() {
    const r = await call(genApi('/versions/' + encodePath(openFile.path)));
    const list = $('versions');
    list.textContent = '';
    $('diff').textContent = '';
    if (!r.ok) return;
    for (const v of r.body.versions) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary small';
      b.dataset.version = String(v.version);
      b.textContent = 'v' + v.version + ' by ' + v.producedBy + ', ' + new Date(v.createdAt).toLocaleString();
      b.setAttribute('aria-label', 'Show the diff of version ' + v.version);
      b.addEventListener('click', () => showDiff(v.version));
      li.append(b);
      list.append(li);
    }
  }

  async function showDiff(version) {
    const r = await call(genApi('/diff/' + encodePath(openFile.path) + '?to=' + version));
    renderDiff($('diff'), r.ok ? r.body : problemText(r.body));
    $('diff').dataset.version = String(version);
  }

  function renderDiff(pre, text) {
    pre.textContent = '';
    if (!text) { pre.textContent = '(no difference)'; return; }
    for (const line of text.split('\n')) {
      const span = document.createElement('span');
      span.className = line.startsWith('@@') ? 'd-hunk' : line.startsWith('+') ? 'd-add' : line.startsWith('-') ? 'd-del' : '';
      span.textContent = line + '\n';
      pre.append(span);
    }
  }

  // ---------- 5. change: propose (delta, per-file diffs, conflicts), then accept or discard
  function say(who, build) {
    const li = document.createElement('li');
    li.className = 'msg ' + who;
    build(li);
    $('chat').append(li);
    li.scrollIntoView({ block: 'nearest' });
    return li;
  }

  async function propose(ev) {
    ev.preventDefault();
    const text = $('change').value.trim();
    $('change-error').textContent = '';
    if (!text) { $('change-error').textContent = 'Say what should change, e.g. “give books a page count”.'; return; }
    say('user', (li) => { li.textContent = text; });
    $('propose').disabled = true;
    const waiting = say('studio', (li) => { li.textContent = 'Working out the change…'; });
    const r = await postJson(genApi('/proposals'), { change: text });
    $('propose').disabled = false;
    waiting.remove();
    if (!r.ok) { say('studio error', (li) => { li.textContent = problemText(r.body); }); return; }
    $('change').value = '';
    showProposal(r.body);
  }

  function showProposal(p) {
    say('studio proposal', (li) => {
      li.dataset.status = p.status;
      const h = document.createElement('p');
      h.textContent = p.status === 'unchanged' ? 'This asks for nothing the app does not already have.'
        : p.status === 'failed' ? 'The change failed: ' + p.error : 'The spec changes like this:';
      li.append(h);
      if (p.delta && p.delta.length) {
        const ul = document.createElement('ul');
        ul.className = 'delta';
        for (const d of p.delta) { const x = document.createElement('li'); x.textContent = d; ul.append(x); }
        li.append(ul);
      }
      if (p.losses && p.losses.length) {
        const w = document.createElement('p');
        w.className = 'error';
        w.textContent = 'Data that would be lost: ' + p.losses.join('; ');
        li.append(w);
      }
      if (p.conflicts && p.conflicts.length) {
        const c = document.createElement('p');
        c.className = 'error conflicts';
        c.textContent = 'Conflicts with your edits (written with conflict markers): ' + p.conflicts.join(', ');
        li.append(c);
      }
      if (p.files && p.files.length) {
        const files = document.createElement('div');
        files.className = 'proposal-files';
        for (const f of p.files) {
          const d = document.createElement('details');
          d.dataset.path = f.path;
          const s = document.createElement('summary');
          s.textContent = f.action + ' ' + f.path;
          const pre = document.createElement('pre');
          pre.className = 'diff';
          renderDiff(pre, f.diff);
          d.append(s, pre);
          files.append(d);
        }
        li.append(files);
      }
      if (p.id && (p.status === 'ready' || p.status === 'conflicted')) {
        const actions = document.createElement('div');
        actions.className = 'actions';
        const accept = document.createElement('button');
        accept.type = 'button';
        accept.textContent = 'Accept the change';
        const discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'secondary';
        discard.textContent = 'Discard';
        accept.addEventListener('click', () => decide(p, true, actions));
        discard.addEventListener('click', () => decide(p, false, actions));
        actions.append(accept, discard);
        li.append(actions);
      }
    });
  }

  async function decide(p, accept, actions) {
    for (const b of actions.querySelectorAll('button')) b.disabled = true;
    if (!accept) {
      await call(genApi('/proposals/' + encodeURIComponent(p.id)), { method: 'DELETE' });
      actions.replaceWith(Object.assign(document.createElement('p'), { className: 'note', textContent: 'Discarded.' }));
      return;
    }
    const r = await call(genApi('/proposals/' + encodeURIComponent(p.id) + '/accept'), { method: 'POST', headers: { Accept: 'application/json' } });
    if (!r.ok) {
      for (const b of actions.querySelectorAll('button')) b.disabled = false;
      say('studio error', (li) => { li.textContent = problemText(r.body); });
      return;
    }
    const done = document.createElement('p');
    done.className = 'note accepted';
    done.textContent = r.body.status === 'conflicted'
      ? 'Accepted, with conflicts to resolve in: ' + r.body.conflicts.join(', ')
      : r.body.status === 'succeeded' ? 'Accepted: ' + r.body.files.filter((f) => f.action !== 'keep').length + ' files written.'
        : 'Not applied: ' + (r.body.error || r.body.status);
    actions.replaceWith(done);
    await loadFiles();
    if (openFile) await openPath(openFile.path);
    if (previewTimer || previewSource) startPreview(); // a running preview restarts on the new files
  }

  // ---------- 6. preview under the server's supervisor
  function stopPreviewWatch() {
    if (previewTimer) { clearTimeout(previewTimer); previewTimer = null; }
    if (previewSource) { previewSource.close(); previewSource = null; }
  }

  // the preview's data (rows, users, sessions) survives a restart, migrated to the new files, unless fresh
  async function startPreview(fresh) {
    stopPreviewWatch();
    $('preview-start').disabled = true;
    $('preview-frame').hidden = true;
    $('preview-frame').removeAttribute('src');
    $('preview-logs').textContent = '';
    $('preview-state').textContent = 'Starting the preview…';
    $('preview-state').dataset.state = 'preparing';
    $('preview-state').dataset.ready = 'false';
    const r = await call(genApi('/preview' + (fresh === true ? '?fresh=true' : '')), { method: 'POST', headers: { Accept: 'application/json' } });
    if (!r.ok) { $('preview-state').textContent = problemText(r.body); $('preview-start').disabled = false; return; }
    $('preview-stop').hidden = false;
    previewSource = new EventSource(genApi('/preview/logs'));
    previewSource.addEventListener('log', (e) => {
      const pre = $('preview-logs');
      pre.append(JSON.parse(e.data).line + '\n');
      while (pre.childNodes.length > 400) pre.firstChild.remove();
    });
    previewSource.onerror = () => { if (previewSource) { previewSource.close(); previewSource = null; } };
    showPreview(r.body);
  }

  function showPreview(s) {
    const stateEl = $('preview-state');
    stateEl.dataset.state = s.state;
    stateEl.dataset.ready = String(!!s.ready);
    const words = { preparing: 'Installing the app’s dependencies…', starting: 'Starting the backend and the frontend…',
      running: s.ready ? 'Running.' : 'Starting…', failed: 'The preview failed: ' + (s.reason || 'see the logs'), stopped: 'Stopped.' };
    stateEl.textContent = words[s.state] || s.state;
    const alive = s.state === 'preparing' || s.state === 'starting' || s.state === 'running';
    $('preview-start').disabled = alive && !s.ready;
    $('preview-start').textContent = alive ? 'Restart preview' : 'Start preview';
    $('preview-stop').hidden = !alive;
    $('preview-fresh').hidden = !(s.state === 'running' || s.state === 'failed');
    if (s.state === 'running' && s.ready) {
      const frame = $('preview-frame');
      if (frame.getAttribute('src') !== s.url) frame.src = s.url;
      frame.hidden = false;
      $('preview-open').href = s.url;
      $('preview-open').hidden = false;
    } else {
      $('preview-open').hidden = true;
    }
    if (!alive) {
      $('preview-frame').hidden = true;
      if (s.state === 'failed' && s.logs && !$('preview-logs').textContent) $('preview-logs').textContent = s.logs.join('\n');
      if (s.state === 'failed') $('preview-logs-box').open = true;
      stopPreviewWatch();
      return;
    }
    // polling also tells the server someone is looking: an unwatched preview is stopped when idle
    previewTimer = setTimeout(pollPreview, s.ready ? 15000 : 1000);
  }

  async function pollPreview() {
    previewTimer = null;
    const r = await call(genApi('/preview'));
    if (r.ok) showPreview(r.body);
    else showPreview({ state: 'stopped' });
  }

  async function stopPreview() {
    stopPreviewWatch();
    await call(genApi('/preview'), { method: 'DELETE' });
    showPreview({ state: 'stopped' });
  }

  // ---------- 7. export: git push (the zip is the link in the code card)
  async function push(ev) {
    ev.preventDefault();
    $('git-error').textContent = '';
    $('git-result').textContent = 'Pushing…';
    const token = $('git-token');
    const r = await postJson(genApi('/git'), { remote: $('git-remote').value, branch: $('git-branch').value || 'main',
      username: $('git-user').value || undefined, token: token.value || undefined });
    token.value = '';
    if (!r.ok) { $('git-result').textContent = ''; $('git-error').textContent = problemText(r.body); return; }
    $('git-result').textContent = r.body.unchanged ? 'The branch already had these files.'
      : 'Pushed ' + r.body.files + ' files as commit ' + r.body.commit.slice(0, 12) + ' to ' + r.body.branch + '.';
  }

  // ---------- wiring
  $('prompt-form').addEventListener('submit', makePlan);
  $('prompt').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('prompt-form').requestSubmit(); });
  $('generate-direct').addEventListener('click', () => generate({ prompt: $('prompt').value }));
  $('generate').addEventListener('click', () => { if (readJsonTab()) generate({ spec: plan.spec }); });
  $('tab-form').addEventListener('click', () => { if (readJsonTab()) { showTab('form'); renderPlanForm(); } });
  $('tab-json').addEventListener('click', () => showTab('json'));
  $('plan-json').addEventListener('input', () => $('plan-json').removeAttribute('aria-invalid'));
  $('cancel').addEventListener('click', cancel);
  $('save').addEventListener('click', save);
  $('change-form').addEventListener('submit', propose);
  $('preview-start').addEventListener('click', () => startPreview(false));
  $('preview-fresh').addEventListener('click', () => startPreview(true));
  $('preview-stop').addEventListener('click', stopPreview);
  $('git-form').addEventListener('submit', push);
  const shown = new URLSearchParams(location.search).get('generation');
  if (shown) {
    call(api('/' + encodeURIComponent(shown))).then((r) => {
      if (r.ok) startFollowing({ id: r.body.id, promptNote: r.body.promptNote });
      else $('form-error').textContent = 'The app in the address cannot be shown: ' + problemText(r.body);
    });
  }
  // leaving the page stops its preview (the idle timeout catches a tab that is simply closed without this)
  window.addEventListener('pagehide', () => {
    if (gen && (previewTimer || previewSource)) fetch(genApi('/preview'), { method: 'DELETE', keepalive: true }).catch(() => {});
  });
})();
