// Autonoma web sample: start a generation, follow its agents over SSE, browse and download the files.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const H = window.AutonomaHighlight;
  const form = $('prompt-form'), promptBox = $('prompt'), generateBtn = $('generate'), cancelBtn = $('cancel');
  const formError = $('form-error'), progress = $('progress'), runStatus = $('run-status'), agentList = $('agents');
  const agentLog = $('agent-log'), filesSection = $('files'), tree = $('tree'), fileCount = $('file-count');
  const download = $('download'), previewPath = $('preview-path'), previewCode = $('preview-code');

  const LABELS = { pending: 'waiting', running: 'running…', retrying: 'retrying…', done: 'done', failed: 'failed', cancelled: 'cancelled' };
  let current = null; // { id, source, agents: Map, finished }

  function api(path) { return '/api/generations' + path; }

  function encodePath(p) { return p.split('/').map(encodeURIComponent).join('/'); }

  // errors are RFC 9457 problem details: {type, title, status, detail, error, problems}
  function showError(body) {
    if (!body) { formError.textContent = ''; return; }
    const problems = Array.isArray(body.problems) && body.problems.length ? '\n' + body.problems.join('\n') : '';
    formError.textContent = (body.detail || 'Something went wrong.') + problems;
  }

  function announce(text) { agentLog.textContent = text; }

  function setAgent(name, status, detail) {
    const a = current.agents.get(name);
    if (!a) return;
    a.status = status;
    a.li.dataset.status = status;
    a.state.textContent = LABELS[status] || status;
    a.detail.textContent = detail || '';
    updateSummary();
  }

  function updateSummary() {
    const all = [...current.agents.values()];
    const done = all.filter((a) => a.status === 'done').length;
    if (!current.finished) runStatus.textContent = 'Running: ' + done + ' of ' + all.length + ' agents done.';
  }

  function renderAgents(names) {
    agentList.textContent = '';
    current.agents.clear();
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
      agentList.append(li);
      current.agents.set(name, { li, state, detail, status: 'pending' });
    }
    updateSummary();
  }

  function follow(id) {
    const source = new EventSource(api('/' + encodeURIComponent(id) + '/events'));
    current.source = source;
    const on = (type, fn) => source.addEventListener(type, (e) => {
      if (!current || current.id !== id) return;
      fn(JSON.parse(e.data));
    });
    on('RunStarted', (d) => renderAgents(d.agents));
    on('AgentStarted', (d) => {
      setAgent(d.agent, 'running', d.attempt > 1 ? 'attempt ' + d.attempt : '');
      announce(d.agent + ' started');
    });
    on('ArtifactWritten', () => { current.files += 1; });
    on('AgentLog', (d) => {
      const a = current.agents.get(d.agent);
      if (a && a.status === 'running') a.detail.textContent = d.message.length > 80 ? d.message.slice(0, 79) + '…' : d.message;
    });
    on('AgentFinished', (d) => {
      setAgent(d.agent, 'done', d.durationMillis + ' ms');
      announce(d.agent + ' done');
    });
    on('AgentFailed', (d) => {
      setAgent(d.agent, d.willRetry ? 'retrying' : 'failed', d.error);
      announce(d.agent + (d.willRetry ? ' failed, retrying' : ' failed: ' + d.error));
    });
    on('RunFinished', (d) => {
      source.close();
      current.finished = true;
      cancelBtn.hidden = true;
      generateBtn.disabled = false;
      if (d.status === 'cancelled') {
        for (const [name, a] of current.agents) if (a.status === 'running' || a.status === 'retrying') setAgent(name, 'cancelled');
      }
      const secs = (d.durationMillis / 1000).toFixed(1);
      runStatus.textContent = d.status === 'succeeded' ? 'Done: all agents finished in ' + secs + ' s.'
        : d.status === 'cancelled' ? 'Cancelled.' : 'Failed: ' + d.message;
      runStatus.dataset.status = d.status;
      loadFiles(id);
    });
    source.onerror = () => {
      if (current && current.id === id && !current.finished) runStatus.textContent = 'Connection lost, reconnecting…';
    };
  }

  async function start(ev) {
    ev.preventDefault();
    showError(null);
    $('prompt-note').textContent = '';
    const prompt = promptBox.value;
    if (current && current.source) current.source.close();
    generateBtn.disabled = true;
    let res, body;
    try {
      res = await fetch(api(''), { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ prompt }) });
      body = await res.json().catch(() => ({}));
    } catch (e) {
      generateBtn.disabled = false;
      showError({ detail: 'The server cannot be reached: ' + e.message });
      return;
    }
    if (res.status !== 202) {
      generateBtn.disabled = false;
      showError(body);
      promptBox.focus();
      return;
    }
    $('prompt-note').textContent = body.promptNote ? 'Note: ' + body.promptNote + '.' : '';
    current = { id: body.id, agents: new Map(), files: 0, finished: false, source: null };
    progress.hidden = false;
    filesSection.hidden = true;
    agentList.textContent = '';
    runStatus.textContent = 'Starting…';
    delete runStatus.dataset.status;
    cancelBtn.hidden = false;
    follow(body.id);
  }

  async function cancel() {
    if (!current || current.finished) return;
    cancelBtn.disabled = true;
    await fetch(api('/' + encodeURIComponent(current.id)), { method: 'DELETE' }).catch(() => {});
    cancelBtn.disabled = false;
  }

  function buildTree(paths) {
    const root = { dirs: new Map(), files: [] };
    for (const p of paths) {
      const parts = p.split('/');
      let node = root;
      for (const dir of parts.slice(0, -1)) {
        if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: new Map(), files: [] });
        node = node.dirs.get(dir);
      }
      node.files.push({ name: parts[parts.length - 1], path: p });
    }
    return root;
  }

  function renderTree(node, depth) {
    const ul = document.createElement('ul');
    for (const [name, child] of [...node.dirs.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const li = document.createElement('li');
      const details = document.createElement('details');
      details.open = depth < 1;
      const summary = document.createElement('summary');
      summary.textContent = name + '/';
      details.append(summary, renderTree(child, depth + 1));
      li.append(details);
      ul.append(li);
    }
    for (const f of node.files.sort((a, b) => a.name.localeCompare(b.name))) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'file';
      b.dataset.path = f.path;
      b.textContent = f.name;
      b.setAttribute('aria-label', 'Preview ' + f.path);
      b.addEventListener('click', () => preview(f.path, b));
      li.append(b);
      ul.append(li);
    }
    return ul;
  }

  async function loadFiles(id) {
    const res = await fetch(api('/' + encodeURIComponent(id) + '/files'));
    if (!res.ok) return;
    const body = await res.json();
    const paths = body.files.map((f) => f.path);
    fileCount.textContent = '(' + paths.length + ')';
    tree.textContent = '';
    tree.append(renderTree(buildTree(paths), 0));
    download.href = api('/' + encodeURIComponent(id) + '/zip');
    download.hidden = paths.length === 0;
    previewPath.textContent = paths.length ? 'Choose a file to preview it' : 'No files were written';
    previewCode.textContent = '';
    filesSection.hidden = false;
  }

  async function preview(path, button) {
    for (const b of tree.querySelectorAll('button.file[aria-current]')) b.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
    previewPath.textContent = path;
    previewCode.textContent = 'Loading…';
    const res = await fetch(api('/' + encodeURIComponent(current.id) + '/files/' + encodePath(path)));
    if (!res.ok) { previewCode.textContent = 'Cannot load this file (' + res.status + ').'; return; }
    const type = res.headers.get('Content-Type') || '';
    if (!type.startsWith('text/')) { previewCode.textContent = '(binary file, ' + (await res.arrayBuffer()).byteLength + ' bytes)'; return; }
    const text = await res.text();
    const lang = H.languageOf(path);
    previewCode.className = lang ? 'lang-' + lang : '';
    previewCode.innerHTML = H.highlight(text, lang); // highlight() escapes every character of the file
  }

  form.addEventListener('submit', start);
  cancelBtn.addEventListener('click', cancel);
  promptBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
  });
})();
