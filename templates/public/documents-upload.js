// Drag and drop for the document upload forms: a progressive enhancement. Without this script the
// plain file input works the same; with it, a file dropped on the form is put into that input.
(function () {
  'use strict';
  var zones = document.querySelectorAll('[data-dropzone]');
  Array.prototype.forEach.call(zones, function (zone) {
    var input = zone.querySelector('input[type=file]');
    var chosen = zone.querySelector('[data-chosen]');
    if (!input) return;
    function show() {
      if (chosen && input.files && input.files.length > 0) chosen.textContent = chosen.getAttribute('data-template').replace('__NAME__', input.files[0].name);
    }
    zone.addEventListener('dragover', function (event) {
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', function () {
      zone.classList.remove('dragging');
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      zone.classList.remove('dragging');
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener('change', show);
  });
})();
