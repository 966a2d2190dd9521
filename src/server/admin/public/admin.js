// The insights page: reads /admin/report.json for the chosen range and draws it with Chart.js
// (served from node_modules at /admin/chart.umd.min.js). The browser's login sends the token.
'use strict';
(function () {
  const form = document.getElementById('range');
  const status = document.getElementById('status');
  const palette = [
    '#0b5394',
    '#e69138',
    '#6aa84f',
    '#cc0000',
    '#674ea7',
    '#45818e',
    '#bf9000',
    '#a64d79',
  ];
  const charts = {};
  const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
  const localeLabel = (code) => {
    if (code === 'und') return 'unknown';
    try {
      const own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
      return `${languageNames.of(code)} (${own})`;
    } catch {
      return code;
    }
  };
  const percent = (value) => (value === null ? '–' : `${Math.round(value * 1000) / 10}%`);
  const minutes = (value) => (value === null ? '–' : `${value} min`);

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(document.getElementById(id), {
      ...config,
      options: {
        responsive: true,
        animation: false,
        maintainAspectRatio: false,
        ...config.options,
      },
    });
  }

  function render(report) {
    const days = report.days.map((day) => day.day);
    document.getElementById('total-conversations').textContent = String(
      report.totals.conversations,
    );
    document.getElementById('total-deflection').textContent = percent(report.totals.deflectionRate);
    document.getElementById('total-handoff').textContent = percent(report.totals.handoffRate);
    document.getElementById('total-tickets').textContent = String(report.totals.tickets);
    document.getElementById('first-reply').textContent =
      `${minutes(report.firstStaffReply.medianMinutes)} / ${minutes(report.firstStaffReply.p90Minutes)}`;
    document.getElementById('satisfaction').textContent =
      report.satisfaction.average === null
        ? '–'
        : `${report.satisfaction.average} (${report.satisfaction.ratings})`;
    draw('chart-conversations', {
      type: 'bar',
      data: {
        labels: days,
        datasets: [
          {
            label: 'Conversations',
            data: report.days.map((d) => d.conversations),
            backgroundColor: palette[0],
          },
          {
            label: 'Handed off',
            data: report.days.map((d) => d.handedOff),
            backgroundColor: palette[1],
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    draw('chart-rates', {
      type: 'line',
      data: {
        labels: days,
        datasets: [
          {
            label: 'Deflection %',
            data: report.days.map((d) =>
              d.deflectionRate === null ? null : d.deflectionRate * 100,
            ),
            borderColor: palette[2],
            spanGaps: true,
          },
          {
            label: 'Hand-off %',
            data: report.days.map((d) =>
              d.deflectionRate === null ? null : 100 - d.deflectionRate * 100,
            ),
            borderColor: palette[3],
            spanGaps: true,
          },
        ],
      },
      options: { scales: { y: { min: 0, max: 100 } } },
    });
    draw('chart-reasons', {
      type: 'bar',
      data: {
        labels: report.handoffReasons.map((r) => r.reason),
        datasets: [
          {
            label: 'Hand-offs',
            data: report.handoffReasons.map((r) => r.count),
            backgroundColor: palette[1],
          },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    draw('chart-satisfaction', {
      type: 'bar',
      data: {
        labels: ['1', '2', '3', '4', '5'],
        datasets: [
          { label: 'Ratings', data: report.satisfaction.distribution, backgroundColor: palette[4] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    draw('chart-satisfaction-trend', {
      type: 'line',
      data: {
        labels: days,
        datasets: [
          {
            label: 'Average rating',
            data: report.days.map((d) => d.satisfactionAverage),
            borderColor: palette[4],
            spanGaps: true,
          },
        ],
      },
      options: { scales: { y: { min: 1, max: 5 } } },
    });
    const doughnut = (id, rows, label) =>
      draw(id, {
        type: 'doughnut',
        data: {
          labels: rows.map(label),
          datasets: [{ data: rows.map((row) => row.conversations), backgroundColor: palette }],
        },
      });
    doughnut('chart-channels', report.channels, (row) => row.channel);
    doughnut('chart-locales', report.locales, (row) => localeLabel(row.locale));
    const body = document.querySelector('#gaps tbody');
    body.replaceChildren(
      ...report.gaps.map((gap) => {
        const row = document.createElement('tr');
        const cell = (text) => {
          const td = document.createElement('td');
          td.textContent = text;
          return td;
        };
        const examples = document.createElement('td');
        const list = document.createElement('ul');
        for (const example of gap.examples) {
          const item = document.createElement('li');
          item.lang = gap.locale;
          item.dir = 'auto';
          item.textContent = example;
          list.append(item);
        }
        examples.append(list);
        row.append(
          cell(localeLabel(gap.locale)),
          cell(String(gap.count)),
          examples,
          cell(gap.nearest ?? '–'),
        );
        return row;
      }),
    );
    if (report.gaps.length === 0) {
      const row = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 4;
      td.textContent = 'No unanswered questions in this range.';
      row.append(td);
      body.append(row);
    }
  }

  async function load() {
    const since = form.elements.since.value;
    const until = form.elements.until.value;
    status.textContent = 'Loading…';
    status.className = '';
    const response = await fetch(
      `/admin/report.json?since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`,
    );
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.error || `The report failed (${response.status}).`;
      status.className = 'error';
      return;
    }
    render(body);
    status.textContent = `${body.range.from} to ${until}: ${body.totals.conversations} conversations.`;
    document.body.dataset.ready = 'true';
  }

  const params = new URLSearchParams(location.search);
  const today = new Date().toISOString().slice(0, 10);
  form.elements.until.value = params.get('until') || today;
  form.elements.since.value =
    params.get('since') || new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(
      null,
      '',
      `?since=${form.elements.since.value}&until=${form.elements.until.value}`,
    );
    load().catch((error) => {
      status.textContent = String(error);
      status.className = 'error';
    });
  });
  load().catch((error) => {
    status.textContent = String(error);
    status.className = 'error';
  });
})();
