// Small behaviours htmx does not cover: copying drafts and keyboard triage.
"use strict";

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const text = button.closest("details").querySelector("textarea.draft");
  text.select();
  const done = () => { button.textContent = "Copied"; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text.value).then(done, () => { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});

// A card whose pile was chosen is "pending" until the server answers: keys pressed
// meanwhile go to the next card, never again to the same one.
function triageCards() {
  return Array.from(document.querySelectorAll("[data-triage] [data-person]:not([data-pending])"));
}

function highlight(card) {
  triageCards().forEach((c) => c.classList.toggle("current", c === card));
  if (card) card.focus({ preventScroll: false });
}

function currentCard() {
  const cards = triageCards();
  return cards.find((c) => c.classList.contains("current")) || cards[0];
}

document.addEventListener("keydown", (event) => {
  if (!document.querySelector("[data-triage]")) return;
  if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
  const card = currentCard();
  if (!card) return;
  const cards = triageCards();
  if (["1", "2", "3"].includes(event.key)) {
    const button = card.querySelector(`button[data-key="${event.key}"]`);
    if (button) {
      event.preventDefault();
      const next = cards[cards.indexOf(card) + 1];
      card.dataset.pending = "1";
      card.classList.remove("current");
      button.click();
      highlight(next);
    }
  } else if (event.key === "j" || event.key === "ArrowDown") {
    highlight(cards[Math.min(cards.indexOf(card) + 1, cards.length - 1)]);
  } else if (event.key === "k" || event.key === "ArrowUp") {
    highlight(cards[Math.max(cards.indexOf(card) - 1, 0)]);
  }
});

document.addEventListener("focusin", (event) => {
  const card = event.target.closest("[data-person]");
  if (card) highlight(card);
});

// After a card is sorted it is replaced by a one-line note: the next card takes the keys.
document.addEventListener("htmx:afterSwap", () => {
  if (document.querySelector("[data-triage]") && !currentCard()?.classList.contains("current")) {
    highlight(triageCards()[0]);
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const cards = triageCards();
  if (cards.length) highlight(cards[0]);
});

// A filter that applies as soon as it is chosen (the policy allows no inline handlers).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.requestSubmit();
});
