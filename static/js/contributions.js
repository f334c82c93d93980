// Contribution form: show only the fields of the chosen kind. Without JavaScript all
// fields stay visible and their help texts say which kind they belong to.
(() => {
  const update = (form) => {
    const chosen = form.querySelector("input[name='kind']:checked");
    if (!chosen) return;
    form.querySelectorAll(".kind-field[data-kinds]").forEach((wrapper) => {
      wrapper.hidden = !wrapper.dataset.kinds.split(" ").includes(chosen.value);
    });
  };
  const setUp = () => {
    document.querySelectorAll("form.entry-form").forEach((form) => {
      update(form);
      form.addEventListener("change", (event) => {
        if (event.target.name === "kind") update(form);
      });
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
