// kartoteka reading room: the citation block's copy button. The citation is on the page without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-copy]").forEach((btn) => {
    const source = document.getElementById(btn.dataset.copy);
    const said = btn.parentElement.querySelector(".copied");
    if (!source) return;
    btn.hidden = false;
    btn.addEventListener("click", async () => {
      const text = source.textContent.trim();
      try {
        await navigator.clipboard.writeText(text);
        if (said) said.textContent = "Copied.";
      } catch (_) {
        // no clipboard (a page not served over HTTPS or localhost): select it for the reader to copy
        const range = document.createRange();
        range.selectNodeContents(source);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        if (said) said.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
  });
});
