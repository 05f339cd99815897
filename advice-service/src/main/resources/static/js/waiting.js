// The waiting page asks every 15 seconds whether the assessment has its advice yet, and shows the report once it
// has. It does not reload the page on a timer (a page that refreshes itself takes the reader's place away from them,
// which WCAG 2.2.1 counts against it): the page changes only when there is a report to show.
(function () {
  var page = document.getElementById('waiting');
  if (!page) {
    return;
  }
  var adviceUrl = page.getAttribute('data-advice-url');
  function check() {
    fetch(adviceUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (answer) {
        if (answer.ok) {
          window.location.reload();
        } else {
          window.setTimeout(check, 15000);
        }
      })
      .catch(function () { window.setTimeout(check, 15000); });
  }
  window.setTimeout(check, 15000);
})();
