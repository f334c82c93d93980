// The overlap pages: read the CSV with FileReader, blind it here, send only blinded
// values. The file input has no name and is never part of a submitted form. The
// initiator's secret scalar stays in this browser (localStorage) until the run is
// finished; the server never sees it.
import * as psi from "./psi.js";

const KEY = (run) => `wirwerk-datapool-secret-${run}`;

function status(root, text, failed = false) {
  const box = root.querySelector("[data-psi-status]");
  box.textContent = text;
  box.classList.toggle("form-errors", failed);
}

function readCsv(input) {
  return new Promise((resolve, reject) => {
    const file = input.files[0];
    if (!file) return reject(new Error(input.dataset.missing));
    const reader = new FileReader();
    reader.onload = () => resolve(psi.addressesFromCsv(String(reader.result)));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

// The body is the raw blinded bytes (nothing else); the few choices ride in the URL.
async function post(root, url, params, bytes) {
  const token = root.querySelector("[name=csrfmiddlewaretoken]").value;
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${url}?${query}` : url, {
    method: "POST",
    body: bytes,
    credentials: "same-origin",
    headers: { "X-CSRFToken": token, "Content-Type": "application/octet-stream" },
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  return body;
}

async function fetchBytes(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(response.statusText);
  return new Uint8Array(await response.arrayBuffer());
}

function checkSize(root, addresses) {
  const minimum = Number(root.dataset.minimum);
  if (addresses.length < minimum) {
    throw new Error(root.dataset.tooFew.replace("%(size)s", addresses.length).replace("%(min)s", minimum));
  }
}

async function start(root) {
  const addresses = await readCsv(root.querySelector("[data-psi-file]"));
  checkSize(root, addresses);
  status(root, root.dataset.working.replace("%(size)s", addresses.length));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const secret = psi.newSecret();
  const message = psi.initiatorStart(addresses, salt, secret);
  const select = (name) => root.querySelector(`[name=${name}]`).value;
  const body = await post(
    root,
    root.dataset.endpoint,
    { initiator: select("initiator"), responder: select("responder"), salt: psi.toHex(salt) },
    message,
  );
  localStorage.setItem(KEY(body.run), psi.toHex(secret));
  window.location.assign(body.url);
}

async function answer(root) {
  const addresses = await readCsv(root.querySelector("[data-psi-file]"));
  checkSize(root, addresses);
  status(root, root.dataset.working.replace("%(size)s", addresses.length));
  const aBlinded = await fetchBytes(root.dataset.request);
  const secret = psi.newSecret();
  const [ab, bBlinded] = psi.responderAnswer(addresses, aBlinded, psi.fromHex(root.dataset.salt), secret);
  // A's values re-blinded, then B's own: the server splits at the length it sent.
  const both = new Uint8Array(ab.length + bBlinded.length);
  both.set(ab, 0);
  both.set(bBlinded, ab.length);
  await post(root, root.dataset.endpoint, {}, both);
  window.location.reload();
}

async function finish(root) {
  const secret = localStorage.getItem(KEY(root.dataset.run));
  if (!secret) {
    status(root, root.dataset.noKey, true);
    return;
  }
  status(root, root.dataset.working);
  const bBlinded = await fetchBytes(root.dataset.answer);
  const ba = psi.initiatorFinish(bBlinded, psi.fromHex(secret));
  await post(root, root.dataset.endpoint, {}, ba);
  localStorage.removeItem(KEY(root.dataset.run));
  window.location.reload();
}

function guarded(root, step) {
  return (event) => {
    if (event) event.preventDefault();
    const button = root.querySelector("button[type=submit]");
    if (button) button.setAttribute("aria-busy", "true");
    step(root).catch((error) => {
      status(root, error.message, true);
      if (button) button.removeAttribute("aria-busy");
    });
  };
}

for (const root of document.querySelectorAll("[data-psi]")) {
  const step = { start, answer, finish }[root.dataset.psi];
  if (root.dataset.psi === "finish") guarded(root, step)();
  else root.addEventListener("submit", guarded(root, step));
}
