// Keyboard review: the keys of `claimtrace review --next`. Pages work without it.
document.addEventListener('keydown', function (e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) {
    if (e.key === 'Escape') t.blur();
    return;
  }
  var k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  var go = function (id) { var a = document.getElementById(id); if (a) { e.preventDefault(); location.href = a.href; } };
  if (k === 'n') { var n = document.getElementById('note'); if (n) { e.preventDefault(); n.focus(); } return; }
  if (k === 's' || k === 'j') return go('next-claim');
  if (k === 'k') return go('prev-claim');
  if (k === 'q' || k === 'Escape') return go('close-panel');
  if (!/^[a-z]$/.test(k)) return;
  var b = document.querySelector('button[data-key="' + k + '"]');
  if (!b) return;
  e.preventDefault();
  var note = document.getElementById('note');
  if (b.hasAttribute('data-needs-note') && note && !note.value.trim()) {
    note.placeholder = 'a reason is needed for this status; type it, then press the button';
    note.focus();
    return;
  }
  b.click();
});
