// Live count and total of the invoices ticked on the payment page. The page works
// without it: the review page shows the same figures.
(function () {
  'use strict';
  const form = document.getElementById('selection');
  if (!form)
    return;
  const boxes = Array.from(form.querySelectorAll('input[name="facture"]'));
  const total = document.getElementById('total');
  const count = document.getElementById('count');
  const amount = document.getElementById('amount');
  // Integer cents to "1 243,11 €", as the server writes it (narrow no-break spaces).
  function euros (cents) {
    const units = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
    return units + ',' + String(cents % 100).padStart(2, '0') + '\u00a0€';
  }

  function update () {
    let n = 0;
    let cents = 0;
    for (const box of boxes) {
      if (box.checked && !box.disabled) {
        n += 1;
        cents += parseInt(box.dataset.cents, 10) || 0;
      }
    }
    count.textContent = String(n);
    amount.textContent = euros(cents);
    total.hidden = false;
  }
  for (const box of boxes)
    box.addEventListener('change', update);
  update();
}());
