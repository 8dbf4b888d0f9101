// The retention dashboard's charts. Each <canvas data-chart='{...}'> carries its chart's data as JSON, written by the
// server from the same figures as the table under it (DashboardTables.Chart); Chart.js 4 (the webjar's UMD build,
// loaded before this file) draws it. No inline script: the Content-Security-Policy forbids it.
(function () {
  'use strict';

  // GOV.UK colours, in an order that stays distinguishable for the common colour-vision deficiencies.
  const COLOURS = ['#1d70b8', '#f47738', '#00703c', '#d4351c', '#4c2c92'];
  const MARKER = '#0b0c0c';

  // Vertical lines at positions on a category axis (category i is centred on i), with their labels: the median and
  // 90th percentile inside the histogram's bins.
  const markers = {
    id: 'custodyMarkers',
    afterDatasetsDraw(chart, args, options) {
      const list = options.markers || [];
      if (!list.length) {
        return;
      }
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      ctx.save();
      list.forEach((marker, i) => {
        const step = x.getPixelForValue(1) - x.getPixelForValue(0);
        const px = x.getPixelForValue(0) + step * marker.position;
        ctx.strokeStyle = MARKER;
        ctx.lineWidth = 2;
        ctx.setLineDash(i === 0 ? [] : [6, 4]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        ctx.fillStyle = MARKER;
        ctx.font = '14px "GDS Transport", arial, sans-serif';
        ctx.textAlign = px > (chartArea.left + chartArea.right) / 2 ? 'right' : 'left';
        ctx.fillText(marker.label, px + (ctx.textAlign === 'left' ? 4 : -4), chartArea.top + 14 + i * 18);
      });
      ctx.restore();
    }
  };

  function draw(canvas) {
    const spec = JSON.parse(canvas.getAttribute('data-chart'));
    const horizontal = spec.axis === 'y';
    const line = spec.type === 'line';
    const valueAxis = {
      beginAtZero: true,
      ticks: { precision: 0, callback: (v) => (spec.percent ? v + '%' : v) }
    };
    if (spec.percent) {
      valueAxis.max = 100;
    }
    // eslint-disable-next-line no-undef
    return new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          borderWidth: line ? 3 : 0,
          pointRadius: line ? 4 : 0,
          spanGaps: true
        }))
      },
      options: {
        indexAxis: spec.axis,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: {
          legend: { display: spec.datasets.length > 1, position: 'bottom' },
          custodyMarkers: { markers: spec.markers }
        }
      },
      plugins: [markers]
    });
  }

  function start() {
    if (typeof window.Chart === 'undefined') {
      return; // Chart.js did not load: the tables still carry every figure.
    }
    document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
      canvas.custodyChart = draw(canvas);
      canvas.setAttribute('data-drawn', 'true');
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
