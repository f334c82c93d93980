// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  // Vocabulary suggestions: replace the line being typed by the chosen term.
  const button = event.target.closest("[data-insert-into]");
  if (!button) return;
  const field = document.getElementById(button.dataset.insertInto);
  if (!field) return;
  const lines = field.value.split("\n");
  lines[lines.length - 1] = button.dataset.term;
  field.value = lines.join("\n") + "\n";
  field.focus();
  const list = button.closest("[data-terms]");
  if (list) list.replaceChildren();
});
