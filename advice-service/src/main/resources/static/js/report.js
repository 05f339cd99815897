// Draws the report's charts from the JSON the server puts in each canvas' data-chart attribute.
// Sales and Marketing differ by more than hue, for people who do not see colour and on grey paper: Marketing's bars
// are hatched, and in the trend each line has its own dash and point shape, which the legends show too.
(function () {
  const SALES = '#2563eb';
  const MARKETING = '#c026d3';
  const OVERALL = '#334155';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475569';

  // A fill of the colour crossed by white diagonal stripes, for bars and legend boxes.
  function hatched(color) {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const g = tile.getContext('2d');
    g.fillStyle = color;
    g.fillRect(0, 0, 8, 8);
    g.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(-2, 2); g.lineTo(2, -2);
    g.moveTo(0, 8); g.lineTo(8, 0);
    g.moveTo(6, 10); g.lineTo(10, 6);
    g.stroke();
    return g.createPattern(tile, 'repeat');
  }

  function data(canvas) {
    return canvas ? JSON.parse(canvas.dataset.chart) : null;
  }

  const statementCanvas = document.getElementById('statement-chart');
  const statements = data(statementCanvas);
  if (statements) {
    const datasets = statements.sales
      ? [
          { label: 'Sales', data: statements.sales, backgroundColor: SALES, borderRadius: 3, barPercentage: 0.9, categoryPercentage: 0.75 },
          { label: 'Marketing', data: statements.marketing, backgroundColor: hatched(MARKETING), borderColor: MARKETING, borderWidth: 1, borderRadius: 3, barPercentage: 0.9, categoryPercentage: 0.75 }
        ]
      : [{ label: 'All respondents', data: statements.overall, backgroundColor: OVERALL, borderRadius: 3 }];
    new Chart(statementCanvas, {
      type: 'bar',
      data: { labels: statements.labels, datasets: datasets },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min: 1, max: 5, ticks: { stepSize: 1 }, title: { display: true, text: 'Mean rating (1 = strongly disagree, 5 = strongly agree)' } },
          y: { ticks: { autoSkip: false, font: { size: 12 } }, grid: { display: false } }
        },
        plugins: {
          legend: { position: 'top', align: 'end' },
          tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + (c.parsed.x == null ? 'n/a' : c.parsed.x.toFixed(2)) } }
        }
      }
    });
  }

  const trendCanvas = document.getElementById('trend-chart');
  const trend = data(trendCanvas);
  if (trend) {
    // Zoom onto the scores, in whole bands of 10, and name the stage each band edge starts.
    const BANDS = { 20: 'Undefined', 40: 'Defined', 60: 'Aligned', 80: 'Integrated' };
    const values = trend.score.concat(trend.sales, trend.marketing).filter((v) => v != null);
    const low = Math.max(20, Math.floor((Math.min(...values) - 5) / 10) * 10);
    const high = Math.min(100, Math.ceil((Math.max(...values) + 5) / 10) * 10);
    new Chart(trendCanvas, {
      type: 'line',
      data: {
        labels: trend.labels,
        datasets: [
          { label: 'Overall', data: trend.score, borderColor: OVERALL, backgroundColor: OVERALL, borderWidth: 3, pointRadius: 5, pointStyle: 'circle' },
          { label: 'Sales', data: trend.sales, borderColor: SALES, backgroundColor: SALES, borderWidth: 2, borderDash: [8, 4], pointRadius: 5, pointStyle: 'rect' },
          { label: 'Marketing', data: trend.marketing, borderColor: MARKETING, backgroundColor: MARKETING, borderWidth: 2, borderDash: [2, 3], pointRadius: 6, pointStyle: 'triangle' }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: { min: low, max: high, ticks: { stepSize: 10, callback: (v) => v + (BANDS[v] ? '  ' + BANDS[v] : '') } }
        },
        plugins: { legend: { position: 'top', align: 'end', labels: { usePointStyle: true, pointStyleWidth: 28 } } }
      }
    });
  }

  // Charts keep their screen size unless told to fit the printed page.
  window.addEventListener('beforeprint', () => Object.values(Chart.instances).forEach((chart) => chart.resize()));
  window.addEventListener('afterprint', () => Object.values(Chart.instances).forEach((chart) => chart.resize()));
})();
