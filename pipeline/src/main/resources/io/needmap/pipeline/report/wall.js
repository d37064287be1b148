// Sorts the cards by size or by need, in the browser; the page works without it.
document.querySelectorAll('nav button').forEach(function (button) {
  button.addEventListener('click', function () {
    var key = button.getAttribute('data-sort'), main = document.getElementById('cards');
    var cards = Array.prototype.slice.call(main.children);
    cards.sort(function (a, b) {
      var bySize = Number(b.dataset.size) - Number(a.dataset.size);
      if (key === 'size') { return bySize; }
      var na = a.dataset.need || '\uffff', nb = b.dataset.need || '\uffff';
      return na.localeCompare(nb) || bySize;
    });
    cards.forEach(function (card) { main.appendChild(card); });
  });
});
