// Type-ahead for fields that take several country names ("日本、シンガポール"): a progressive
// enhancement. The browser's datalist suggests whole values only, so the suggestions of such a
// field are rewritten on each keystroke as "what is typed so far" + each country name. Without
// this script the field works the same, with suggestions for the first name.
(function () {
  'use strict';
  var SEPARATOR = /[,、;，；]\s*/g;
  var fields = document.querySelectorAll('input[data-country-list]');
  Array.prototype.forEach.call(fields, function (field) {
    var source = document.getElementById(field.getAttribute('data-country-list'));
    var target = field.list;
    if (!source || !target) return;
    var names = Array.prototype.map.call(source.options, function (option) { return option.value; });
    var joiner = document.documentElement.lang === 'ja' ? '、' : ', ';
    function refresh() {
      var value = field.value;
      var cut = -1;
      var match;
      SEPARATOR.lastIndex = 0;
      while ((match = SEPARATOR.exec(value)) !== null) cut = match.index + match[0].length;
      var done = cut < 0 ? '' : value.slice(0, cut).replace(/[,、;，；]\s*$/, joiner);
      var chosen = done.split(joiner).map(function (name) { return name.trim(); });
      var fragment = document.createDocumentFragment();
      names.forEach(function (name) {
        if (chosen.indexOf(name) >= 0) return;
        var option = document.createElement('option');
        option.value = done + name;
        fragment.appendChild(option);
      });
      target.replaceChildren(fragment);
    }
    field.addEventListener('input', refresh);
    refresh();
  });
})();
