/**
 * The report's only script: reads the embedded findings (JSON, never evaluated), and draws the
 * findings table page by page with filters, search and details. Every piece of data reaches the page
 * through textContent or a checked href, never through innerHTML. Plain ES2017, no dependencies,
 * no network. Kept in sync with `read-report-data.ts` (what the search matches) and checked by the
 * browser test.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var SEVERITY_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info', unknown: 'Unknown' };
  var CATEGORY_LABEL = { secret: 'Secret', sca: 'Dependency', sast: 'Code', container: 'Container', iac: 'Configuration' };
  var SUPPRESSION_LABEL = { exception: 'Policy exception', baseline: 'Baseline', vex: 'VEX statement', inline: 'Inline suppression' };
  var F_SUPPRESSED = 1, F_NEW = 2, F_OVERDUE = 4, F_BLOCKING = 8, F_WARNING = 16;
  var DAY = 86400000;

  function byId(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== '') node.textContent = String(text);
    return node;
  }
  function isHttpUrl(url) { return typeof url === 'string' && /^https?:\/\//i.test(url); }
  function link(text, url) {
    if (!isHttpUrl(url)) return el('span', null, text);
    var a = el('a', null, text);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  var data;
  try {
    data = JSON.parse(byId('gatehouse-data').textContent);
  } catch (error) {
    var box = byId('report-error');
    box.textContent = 'The report data could not be read: ' + error.message;
    box.hidden = false;
    return;
  }
  var S = data.strings;
  function str(i) { return typeof i === 'number' && i >= 0 && i < S.length ? S[i] : ''; }
  var reportTime = Date.parse(data.generatedAt);

  var findings = data.findings.map(function (f) {
    var engines = f.e.map(function (i) { return data.engines[i] || ''; });
    var parts = [f.k, str(f.t), str(f.m), str(f.r), str(f.w)];
    f.L.forEach(function (pair) { parts.push(str(pair[1])); });
    f.i.forEach(function (pair) { parts.push(str(pair[0])); });
    return {
      raw: f,
      severity: data.severities[f.s],
      category: data.categories[f.c],
      engines: engines,
      flags: f.o,
      text: parts.concat(engines).join('\n').toLowerCase()
    };
  });

  var state = { severity: '', category: '', engine: '', status: '', query: '', page: 0 };
  var expanded = {};
  var filtered = findings;

  function matches(f, terms) {
    if (state.severity && f.severity !== state.severity) return false;
    if (state.category && f.category !== state.category) return false;
    if (state.engine && f.engines.indexOf(state.engine) < 0) return false;
    var flags = f.flags;
    switch (state.status) {
      case 'open': if (flags & F_SUPPRESSED) return false; break;
      case 'suppressed': if (!(flags & F_SUPPRESSED)) return false; break;
      case 'new': if (!(flags & F_NEW)) return false; break;
      case 'overdue': if (!(flags & F_OVERDUE)) return false; break;
      case 'blocking': if (!(flags & F_BLOCKING)) return false; break;
    }
    for (var i = 0; i < terms.length; i++) if (f.text.indexOf(terms[i]) < 0) return false;
    return true;
  }

  function applyFilters() {
    var terms = state.query.toLowerCase().split(/\s+/).filter(Boolean);
    filtered = findings.filter(function (f) { return matches(f, terms); });
    state.page = 0;
    render();
  }

  function dueText(f) {
    var due = str(f.raw.d);
    if (!due) return '';
    var days = Math.round((Date.parse(due) - reportTime) / DAY);
    if (f.flags & F_SUPPRESSED) return due.slice(0, 10);
    if (days < 0) return due.slice(0, 10) + ' (overdue by ' + (-days) + 'd)';
    return due.slice(0, 10) + ' (in ' + days + 'd)';
  }

  function statusBadges(f, cell) {
    var flags = f.flags;
    if (flags & F_BLOCKING) cell.appendChild(el('span', 'badge status-blocking', 'blocking'));
    if (flags & F_SUPPRESSED) cell.appendChild(el('span', 'badge status-suppressed', 'suppressed'));
    else cell.appendChild(el('span', 'badge status-open', 'open'));
    if (flags & F_NEW) cell.appendChild(el('span', 'badge status-new', 'new'));
    if (flags & F_OVERDUE) cell.appendChild(el('span', 'badge status-overdue', 'overdue'));
    if (flags & F_WARNING) cell.appendChild(el('span', 'badge status-warning', 'warning'));
  }

  function row(f) {
    var r = f.raw;
    var tr = el('tr', 'finding-row sev-' + f.severity + (f.flags & F_SUPPRESSED ? ' is-suppressed' : ''));
    tr.setAttribute('data-finding-id', r.k);
    tr.setAttribute('data-severity', f.severity);
    tr.setAttribute('data-category', f.category);
    var sev = el('td', 'cell-severity');
    sev.appendChild(el('span', 'badge sev sev-' + f.severity, SEVERITY_LABEL[f.severity] || f.severity));
    tr.appendChild(sev);
    var title = el('td', 'cell-title');
    var button = el('button', 'expand', str(r.t));
    button.type = 'button';
    button.setAttribute('aria-expanded', expanded[r.k] ? 'true' : 'false');
    button.addEventListener('click', function () { toggle(tr, f, button); });
    title.appendChild(button);
    title.appendChild(el('div', 'rule', str(r.r)));
    tr.appendChild(title);
    tr.appendChild(el('td', 'cell-location mono', str(r.w)));
    tr.appendChild(el('td', 'cell-category', CATEGORY_LABEL[f.category] || f.category));
    tr.appendChild(el('td', 'cell-engines', f.engines.join(', ')));
    var status = el('td', 'cell-status');
    statusBadges(f, status);
    tr.appendChild(status);
    tr.appendChild(el('td', 'cell-due', dueText(f)));
    return tr;
  }

  function definitionList(pairs) {
    var dl = el('dl');
    pairs.forEach(function (pair) {
      if (pair[1] === '' || pair[1] === null || pair[1] === undefined) return;
      dl.appendChild(el('dt', null, pair[0]));
      var dd = el('dd');
      if (typeof pair[1] === 'object') dd.appendChild(pair[1]);
      else dd.textContent = String(pair[1]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function block(heading, content) {
    var div = el('div', 'details-block');
    div.appendChild(el('h3', null, heading));
    div.appendChild(content);
    return div;
  }

  function linkList(pairs, className) {
    var list = el('ul', className);
    pairs.forEach(function (pair) {
      var li = el('li');
      li.appendChild(link(str(pair[0]), str(pair[1])));
      list.appendChild(li);
    });
    return list;
  }

  function details(f) {
    var r = f.raw;
    var tr = el('tr', 'finding-details');
    tr.setAttribute('data-details-for', r.k);
    var td = el('td');
    td.colSpan = 7;
    td.appendChild(el('div', 'message', str(r.m)));
    var grid = el('div', 'details-grid');

    grid.appendChild(block('Finding', definitionList([
      ['Id', r.k],
      ['Rule', str(r.r)],
      ['Severity', (SEVERITY_LABEL[f.severity] || f.severity) + (str(r.b) ? ' \u2014 ' + str(r.b) : '')],
      ['Category', CATEGORY_LABEL[f.category] || f.category],
      ['First seen', str(r.n).slice(0, 10)]
    ])));
    grid.appendChild(block('Location', definitionList(r.L.map(function (p) { return [str(p[0]), str(p[1])]; }))));
    grid.appendChild(block('Fix', definitionList([['Fix', str(r.f[0])], ['Advice', str(r.f[1])]])));

    var due = str(r.d);
    var sla = 'No SLA';
    if (due) sla = f.flags & F_SUPPRESSED ? 'Suppressed' : f.flags & F_OVERDUE ? 'Overdue' : 'Within SLA';
    grid.appendChild(block('Due date and SLA', definitionList([['Due', dueText(f) || 'none'], ['SLA state', sla]])));

    if (r.p) {
      var expires = str(r.p[3]);
      var expired = expires && Date.parse(expires) <= reportTime ? ' (expired)' : '';
      grid.appendChild(block('Suppressed by', definitionList([
        ['Kind', SUPPRESSION_LABEL[str(r.p[0])] || str(r.p[0])],
        ['Reason', str(r.p[1])],
        ['Owner', str(r.p[2]) || 'none given'],
        ['Expires', expires ? expires.slice(0, 10) + expired : 'no expiry'],
        ['Source', str(r.p[4])]
      ])));
    }
    if (r.z) {
      grid.appendChild(block('Secret', definitionList([
        ['Preview', str(r.z[0]) + ' (masked)'],
        ['Verified', r.z[1] === 1 ? 'yes, the secret is live' : r.z[1] === 0 ? 'no' : 'not checked']
      ])));
    }
    if (r.i.length) grid.appendChild(block('Identifiers', linkList(r.i, 'identifiers')));
    if (r.g.length) grid.appendChild(block('References', linkList(r.g, 'references')));
    var sources = el('ul', 'sources');
    r.x.forEach(function (s) {
      var text = (data.engines[s[0]] || '') + (str(s[3]) ? ' ' + str(s[3]) : '') + ': ' + str(s[1]) + (str(s[2]) ? ' (' + str(s[2]) + ')' : '');
      sources.appendChild(el('li', null, text));
    });
    grid.appendChild(block('Reported by', sources));
    td.appendChild(grid);
    tr.appendChild(td);
    return tr;
  }

  function toggle(tr, f, button) {
    var id = f.raw.k;
    var next = tr.nextElementSibling;
    if (expanded[id]) {
      delete expanded[id];
      if (next && next.getAttribute('data-details-for') === id) next.remove();
      button.setAttribute('aria-expanded', 'false');
    } else {
      expanded[id] = true;
      tr.after(details(f));
      button.setAttribute('aria-expanded', 'true');
    }
  }

  var table = byId('findings-table');
  function render() {
    var size = data.pageSize;
    var pages = Math.max(1, Math.ceil(filtered.length / size));
    if (state.page > pages - 1) state.page = pages - 1;
    var start = state.page * size;
    var fragment = document.createDocumentFragment();
    filtered.slice(start, start + size).forEach(function (f) {
      var tr = row(f);
      fragment.appendChild(tr);
      if (expanded[f.raw.k]) fragment.appendChild(details(f));
    });
    byId('findings-body').replaceChildren(fragment);
    table.setAttribute('data-filtered', String(filtered.length));
    table.setAttribute('data-page', String(state.page + 1));
    table.setAttribute('data-pages', String(pages));
    var count = byId('findings-count');
    if (filtered.length === 0) count.textContent = 'No finding matches these filters.';
    else count.textContent = 'Showing ' + (start + 1) + '\u2013' + Math.min(start + size, filtered.length) + ' of ' + filtered.length +
      (filtered.length === findings.length ? ' findings' : ' findings (filtered from ' + findings.length + ')');
    byId('page-status').textContent = 'Page ' + (state.page + 1) + ' of ' + pages;
    byId('page-first').disabled = byId('page-prev').disabled = state.page === 0;
    byId('page-last').disabled = byId('page-next').disabled = state.page >= pages - 1;
  }

  function goTo(page) {
    state.page = page;
    render();
    table.scrollIntoView({ block: 'start' });
  }
  byId('page-first').addEventListener('click', function () { goTo(0); });
  byId('page-prev').addEventListener('click', function () { goTo(Math.max(0, state.page - 1)); });
  byId('page-next').addEventListener('click', function () { goTo(state.page + 1); });
  byId('page-last').addEventListener('click', function () { goTo(Math.ceil(filtered.length / data.pageSize) - 1); });

  var controls = { severity: byId('filter-severity'), category: byId('filter-category'), engine: byId('filter-engine'), status: byId('filter-status') };
  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener('change', function () { state[key] = controls[key].value; applyFilters(); });
  });
  var search = byId('filter-search');
  search.addEventListener('input', function () { state.query = search.value; applyFilters(); });
  byId('filter-clear').addEventListener('click', function () {
    Object.keys(controls).forEach(function (key) { controls[key].value = ''; state[key] = ''; });
    search.value = '';
    state.query = '';
    applyFilters();
  });

  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function selectTab(id) {
    tabs.forEach(function (tab) {
      var on = tab.id === id;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      byId(tab.getAttribute('aria-controls')).hidden = !on;
    });
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener('click', function () { selectTab(tab.id); });
    tab.addEventListener('keydown', function (event) {
      var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      var next = tabs[(index + step + tabs.length) % tabs.length];
      selectTab(next.id);
      next.focus();
    });
  });

  Array.prototype.slice.call(document.querySelectorAll('[data-filter]')).forEach(function (node) {
    function pick() {
      var key = node.getAttribute('data-filter');
      if (!controls[key]) return;
      controls[key].value = node.getAttribute('data-value') || '';
      state[key] = controls[key].value;
      selectTab('tab-findings');
      applyFilters();
    }
    node.addEventListener('click', pick);
    node.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pick(); } });
  });

  var initial = 'tab-' + (location.hash || '').replace(/^#/, '');
  selectTab(byId(initial) && byId(initial).getAttribute('role') === 'tab' ? initial : 'tab-overview');
  render();
  document.documentElement.setAttribute('data-report-ready', 'true');
})();
`;
