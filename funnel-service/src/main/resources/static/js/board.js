// The live board: renders the figures the page was served with, then keeps them current from the SSE stream.
// No build step and no framework: plain DOM updates.
(function () {
  'use strict';

  const board = window.BOARD || {};
  const organization = board.organization;
  const slaMillis = board.slaMillis;
  let handoffs = board.handoffs || [];
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const STEPS = ['CUSTOMER_AWARENESS', 'BRAND_AWARENESS', 'BRAND_CONSIDERATION', 'BRAND_PREFERENCE',
    'PURCHASE_INTENTION', 'PURCHASE', 'LOYALTY', 'ADVOCACY'];

  const $ = (selector, root) => (root || document).querySelector(selector);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const label = step => step ? step.charAt(0) + step.slice(1).toLowerCase().replace(/_/g, ' ') : '';
  const pct = value => value === null || value === undefined ? '–' : Math.round(value * 100) + '%';

  function duration(ms) {
    if (ms === null || ms === undefined) return '–';
    const minutes = Math.round(Math.abs(ms) / 60000);
    const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + String(m).padStart(2, '0') + 'm';
    const seconds = Math.floor(Math.abs(ms) / 1000);
    return minutes > 0 ? m + 'm' : seconds + 's';
  }

  function slaText(ms) {
    const minutes = Math.round(ms / 60000);
    return minutes % 60 === 0 ? (minutes / 60) + 'h' : minutes + 'min';
  }

  function clock(ms) {
    const total = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h + ':' + String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
  }

  function setTile(id, value, sub, tone) {
    const tile = document.getElementById(id);
    $('.value', tile).textContent = value;
    $('.sub', tile).textContent = sub || '';
    tile.classList.toggle('good', tone === 'good');
    tile.classList.toggle('bad', tone === 'bad');
  }

  function tone(rate, good, bad) {
    if (rate === null || rate === undefined) return '';
    return rate >= good ? 'good' : rate < bad ? 'bad' : '';
  }

  // Attainment and sales expense to sales: only a quarter or a month has a target (set by an admin).
  function renderTarget(m, change, points) {
    const won = money.format((m.wonAmountCents || 0) / 100);
    const period = m.period ? m.period.label : null;
    const target = m.revenueTargetCents;
    setTile('m-attainment', pct(m.targetAttainment), !period ? 'pick a quarter or a month'
      : target === null || target === undefined ? won + ' won · no target for ' + period
      : won + ' won of ' + money.format(target / 100) + change('targetAttainment', points),
      tone(m.targetAttainment, 1, 0.5));
    const expense = m.salesExpenseCents;
    setTile('m-expense-ratio', pct(m.salesExpenseToSales), !period ? 'pick a quarter or a month'
      : expense === null || expense === undefined ? 'no sales expense supplied for ' + period
      : money.format(expense / 100) + ' expense on ' + won + ' won' + change('salesExpenseToSales', points));
  }

  function renderMetrics(m, animate) {
    const counts = m.leadsAtStep || {};
    const max = Math.max(1, ...STEPS.map(s => counts[s] || 0));
    STEPS.forEach(step => {
      const row = document.getElementById('step-' + step);
      if (!row) return;
      const count = counts[step] || 0;
      const countNode = $('.count', row);
      if (animate && countNode.textContent !== String(count)) {
        row.classList.remove('bump');
        void row.offsetWidth;
        row.classList.add('bump');
      }
      countNode.textContent = count;
      $('.fill', row).style.width = (count / max * 100) + '%';
    });

    [['MARKETING', STEPS.slice(0, 4)], ['SALES', STEPS.slice(4)]].forEach(([team, steps]) => {
      const total = steps.reduce((sum, step) => sum + (counts[step] || 0), 0);
      document.getElementById('total-' + team).textContent = total + (total === 1 ? ' lead' : ' leads');
    });

    // With a period, each tile also says how its figure moved against the period before.
    const change = (field, format) => {
      const d = m.change ? m.change[field] : null;
      if (d === null || d === undefined) return '';
      return ' · ' + (d > 0 ? '+' : d < 0 ? '−' : '±') + format(Math.abs(d)) + ' vs ' + m.previous.period.label;
    };
    const points = d => Math.round(d * 100) + ' pts';
    const count = d => String(Math.round(d));
    const profit = m.averageGrossProfitPerCustomerCents;
    setTile('m-acceptance', pct(m.acceptanceRate), m.accepted + ' accepted · ' + m.rejected + ' rejected'
      + change('acceptanceRate', points), tone(m.acceptanceRate, 0.7, 0.5));
    setTile('m-time-to-accept', duration(m.medianTimeToAcceptMillis), m.handoffs + ' handoffs'
      + change('medianTimeToAcceptMillis', duration));
    setTile('m-sla', pct(m.slaCompliance), m.slaBreaches + (m.slaBreaches === 1 ? ' breach' : ' breaches')
      + change('slaCompliance', points), tone(m.slaCompliance, 0.9, 0.75));
    setTile('m-recycle', pct(m.recycleRate), m.recycled + ' of ' + m.rejected + ' rejected recycled to Marketing'
      + change('recycleRate', points));
    setTile('m-win-rate', pct(m.winRate), m.closings + ' won · ' + m.losses + ' lost' + change('winRate', points),
      tone(m.winRate, 0.5, 0.25));
    setTile('m-customers', String(m.newCustomers), 'accounts won for the first time' + change('newCustomers', count));
    setTile('m-profit', profit === null || profit === undefined ? '–' : money.format(profit / 100),
      'over customers with a profit figure' + change('averageGrossProfitPerCustomerCents', d => money.format(d / 100)));

    const byKind = Object.entries(m.marketingContributedWinsByKind || {}).sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => contributionLabel(kind) + ' ' + n).join(', ');
    setTile('m-marketing-part', pct(m.marketingContributionShare), (m.marketingContributedWins || 0) + ' of '
      + m.closings + ' won deals' + (byKind ? ' · ' + byKind : '') + change('marketingContributionShare', points));

    renderTarget(m, change, points);

    const conversion = document.getElementById('conversion');
    conversion.replaceChildren();
    Object.entries(m.conversion || {}).forEach(([pair, rate]) => {
      const [from, to] = pair.split('->');
      const li = el('li');
      li.append(el('span', 'pair', label(from) + ' → ' + label(to)), el('span', 'pct', pct(rate)));
      const meter = el('span', 'meter');
      const fill = el('span');
      fill.style.width = Math.round(rate * 100) + '%';
      meter.append(fill);
      li.append(meter);
      conversion.append(li);
    });
    if (!conversion.children.length) conversion.append(el('li', 'empty', 'No leads yet.'));

    const times = document.getElementById('time-in-step');
    times.replaceChildren();
    Object.entries(m.medianTimeInStepMillis || {}).forEach(([step, ms]) => {
      const li = el('li');
      li.append(el('span', '', label(step)), el('span', 'dur', duration(ms)));
      times.append(li);
    });
    if (!times.children.length) times.append(el('li', 'empty', 'No lead has moved on yet.'));

    const reasons = document.getElementById('reasons');
    reasons.replaceChildren();
    Object.entries(m.rejectionReasons || {}).sort((a, b) => b[1] - a[1]).forEach(([reason, n]) => {
      const li = el('li');
      li.append(el('span', '', reason), el('span', 'n', String(n)));
      reasons.append(li);
    });
    document.getElementById('no-reasons').classList.toggle('hidden', reasons.children.length > 0);
    if (m.updatedAt) {
      document.getElementById('updated').textContent = 'Last funnel event ' + new Date(m.updatedAt).toLocaleString();
    }
  }

  function renderHandoffs(list, fresh) {
    handoffs = list;
    const ul = document.getElementById('handoffs');
    const known = new Set([...ul.children].map(li => li.dataset.lead));
    ul.replaceChildren();
    list.forEach(h => {
      const li = el('li', 'handoff');
      li.dataset.lead = h.leadId;
      li.dataset.deadline = Date.parse(h.deadline);
      li.dataset.start = Date.parse(h.handedOffAt);
      li.dataset.breached = h.breached;
      if (fresh && !known.has(h.leadId)) li.classList.add('fresh');
      li.append(el('span', 'lead', h.leadId + (h.accountId ? ' · ' + h.accountId : '')));
      li.append(el('span', 'meta', 'from ' + (label(h.fromStep) || 'Marketing') + ' · by ' + (h.handedOffBy || 'Marketing')));
      const c = el('span', 'clock');
      li.append(c);
      const progress = el('span', 'progress');
      progress.append(el('span'));
      li.append(progress);
      ul.append(li);
    });
    document.getElementById('handoff-count').textContent = list.length;
    document.getElementById('no-handoffs').classList.toggle('hidden', list.length > 0);
    tick();
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll('#handoffs .handoff').forEach(li => {
      const deadline = Number(li.dataset.deadline), start = Number(li.dataset.start);
      const left = deadline - now;
      const breached = li.dataset.breached === 'true' || left < 0;
      const c = $('.clock', li);
      c.replaceChildren(document.createTextNode(breached ? 'SLA breached' : clock(left)),
        el('small', '', breached ? 'overdue by ' + duration(-left) : 'left of the ' + slaText(deadline - start) + ' SLA'));
      li.classList.toggle('breached', breached);
      li.classList.toggle('late', !breached && left < (deadline - start) * 0.25);
      const used = Math.min(1, Math.max(0, (now - start) / (deadline - start)));
      $('.progress span', li).style.width = (used * 100) + '%';
    });
  }

  function feedItem(className, text, when) {
    const ul = document.getElementById('feed');
    const li = el('li', className + ' fresh');
    li.append(el('span', 'tick'), el('span', 'what', text),
      el('span', 'when', when ? new Date(when).toLocaleTimeString() : ''));
    ul.prepend(li);
    while (ul.children.length > 40) ul.lastChild.remove();
    document.getElementById('no-feed').classList.add('hidden');
  }

  function contributionLabel(kind) {
    const words = kind.replace(/_/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function describe(e) {
    const who = e.actor;
    if (e.collateralReview) {
      return e.collateralReview === 'APPROVED'
        ? who + ' (Sales) approved collateral ' + e.collateralId + ' for ' + e.leadId
        : who + ' asked Sales to review collateral ' + e.collateralId + ' for ' + e.leadId + ' before printing';
    }
    if (e.contribution) {
      return who + ' (' + (e.team === 'SALES' ? 'Sales' : 'Marketing') + ') contributed '
        + contributionLabel(e.contribution).toLowerCase() + ' to ' + e.leadId + ' at ' + label(e.step);
    }
    const amount = e.amountCents !== null && e.amountCents !== undefined ? ' (' + money.format(e.amountCents / 100) + ')' : '';
    switch (e.type) {
      case 'STAGE_ENTERED': return who + ' moved ' + e.leadId + ' to ' + label(e.step) + amount;
      case 'HANDED_OFF': return who + ' handed ' + e.leadId + ' off to Sales' + amount;
      case 'ACCEPTED': return who + ' accepted ' + e.leadId;
      case 'REJECTED': return who + ' rejected ' + e.leadId + ': ' + e.reason;
      case 'RECYCLED': return who + ' recycled ' + e.leadId + ' to Marketing';
      case 'WON': return who + ' won ' + e.leadId + amount;
      case 'LOST': return who + ' lost ' + e.leadId + (e.reason ? ': ' + e.reason : '');
      default: return e.type + ' ' + e.leadId;
    }
  }

  const handoffsUrl = '/api/funnel/handoffs?organization=' + encodeURIComponent(organization);

  // The session ended (expired, or signed out in another tab): the stream and the queries answer 401 now. Say so
  // instead of spinning, and offer the way back: the page itself, which sends an unsigned visitor to the sign-in
  // page and from there back here.
  function signedOut() {
    const live = document.getElementById('live');
    live.className = 'live signed-out';
    live.textContent = 'signed out';
    document.getElementById('sign-in-again').href = window.location.pathname + window.location.search;
    document.getElementById('signed-out').classList.remove('hidden');
    const who = document.getElementById('who');
    if (who) who.classList.add('hidden');
  }

  // Asks for JSON and renders it; a 401 means the session ended, any other failure waits for the next update.
  function fetchJson(url, render) {
    fetch(url, { headers: { Accept: 'application/json' } })
      .then(r => {
        if (r.status === 401) signedOut();
        return r.ok ? r.json() : Promise.reject(r.status);
      })
      .then(render)
      .catch(() => { /* the next metrics update retries */ });
  }

  function refreshHandoffs() {
    fetchJson(handoffsUrl, list => renderHandoffs(list, true));
  }

  // The period picker: all time (the live stream's figures), or the current and recent quarters and months.
  let period = '';
  function periodChoices() {
    const now = new Date();
    const year = now.getUTCFullYear(), month = now.getUTCMonth();
    const choices = [];
    for (let back = 0; back < 4; back++) {
      const q = Math.floor(month / 3) - back;
      const y = year + Math.floor(q / 4), quarter = ((q % 4) + 4) % 4 + 1;
      choices.push(y + '-Q' + quarter);
    }
    for (let back = 0; back < 3; back++) {
      const d = new Date(Date.UTC(year, month - back, 1));
      choices.push(d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0'));
    }
    return choices;
  }

  function refreshPeriodMetrics() {
    fetchJson('/api/funnel/metrics?organization=' + encodeURIComponent(organization)
      + (period ? '&period=' + encodeURIComponent(period) : ''), m => renderMetrics(m, false));
  }

  const picker = document.getElementById('period');
  if (picker) {
    periodChoices().forEach(choice => picker.append(new Option(choice, choice)));
    picker.addEventListener('change', () => { period = picker.value; refreshPeriodMetrics(); });
  }

  function connect() {
    const live = document.getElementById('live');
    const source = new EventSource('/api/funnel/stream?organization=' + encodeURIComponent(organization));
    source.addEventListener('ready', () => { live.className = 'live connected'; live.textContent = 'live'; });
    source.addEventListener('funnel-event', msg => {
      const e = JSON.parse(msg.data);
      feedItem(e.team, describe(e), e.occurredAt);
    });
    source.addEventListener('alert', msg => {
      const a = JSON.parse(msg.data);
      feedItem(a.kind === 'HANDOFF_SLA_BREACHED' ? 'alert' : 'engagement', a.message, a.at);
      refreshHandoffs();
    });
    source.addEventListener('metrics', msg => {
      // The stream carries all-time metrics; with a period picked, ask for that period's again instead.
      if (period) refreshPeriodMetrics(); else renderMetrics(JSON.parse(msg.data), true);
      refreshHandoffs();
    });
    source.onerror = () => {
      live.className = 'live connecting';
      live.textContent = 'reconnecting';
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself after a network error
      // The server answered with something other than a stream, which EventSource gives up on: a 401 when the
      // session has ended. Ask once with a plain request to learn which it was.
      fetch(handoffsUrl, { headers: { Accept: 'application/json' } })
        .then(r => { if (r.status === 401) signedOut(); else setTimeout(connect, 5000); })
        .catch(() => setTimeout(connect, 5000));
    };
  }

  renderMetrics(board.metrics || {}, false);
  renderHandoffs(handoffs, false);
  setInterval(tick, 1000);
  connect();
})();
