// Refuses to send the survey until every statement has an answer, and says which ones are missing.
(function () {
  var form = document.getElementById('survey-form');
  var summary = document.getElementById('error-summary');
  if (!form || !summary) { return; }

  function unanswered() {
    var missing = [];
    form.querySelectorAll('fieldset.statement').forEach(function (fieldset) {
      if (!fieldset.querySelector('input[type=radio]:checked')) { missing.push(fieldset); }
    });
    return missing;
  }

  function mark(fieldset, missing) {
    fieldset.classList.toggle('missing', missing);
    fieldset.setAttribute('aria-invalid', missing ? 'true' : 'false');
  }

  function showSummary(missing) {
    var list = document.getElementById('missing-list');
    list.innerHTML = '';
    missing.forEach(function (fieldset) {
      var number = fieldset.id.replace('statement-', '');
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '#' + fieldset.id;
      link.textContent = 'Statement ' + number;
      item.appendChild(link);
      list.appendChild(item);
    });
    document.getElementById('missing-count').textContent = String(missing.length);
    summary.hidden = missing.length === 0;
  }

  form.addEventListener('submit', function (event) {
    var missing = unanswered();
    form.querySelectorAll('fieldset.statement').forEach(function (f) { mark(f, missing.indexOf(f) >= 0); });
    if (missing.length === 0) { return; }
    event.preventDefault();
    showSummary(missing);
    summary.focus();
  });

  // Once a missing statement is answered, it leaves the list; the list disappears when nothing is missing.
  form.addEventListener('change', function (event) {
    var fieldset = event.target.closest('fieldset.statement');
    if (!fieldset || !fieldset.classList.contains('missing')) { return; }
    mark(fieldset, false);
    var hint = fieldset.querySelector('.hint');
    if (hint) { hint.remove(); }
    showSummary(Array.prototype.slice.call(form.querySelectorAll('fieldset.statement.missing')));
  });
})();
